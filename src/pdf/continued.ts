/**
 * "(continued)" on the repeated head of a block that runs onto the next page. pdfmake repeats a
 * table's header rows on every page the table reaches, but draws the same text each time. A text run
 * carrying CONTINUED_MARK (a key unique to its block) is left out where it is first laid out and drawn
 * only on the following pages. This wraps pdfmake's Renderer.renderPages, which receives the laid-out
 * pages in order; pinned with pdfmake, like the patches in footnotes.ts and outline.ts.
 */
import { internalPrototype, wrapMethod } from './pdfmake-internals.js';

/** A text run's property naming the block it continues. */
export const CONTINUED_MARK = 'continuedOf';

interface Page {
  items: { type: string; item: { inlines?: Record<string, unknown>[] } }[];
}

/** The continuation marks of one laid-out line, or none. */
const marksOf = (item: Page['items'][number]): unknown[] =>
  item.type === 'line' ? (item.item.inlines ?? []).map((i) => i[CONTINUED_MARK]).filter(Boolean) : [];

/** Drops each marked line where its block first appears; keeps its repeats. Returns new pages. */
export function dropFirstContinued<P extends Page>(pages: readonly P[]): P[] {
  const seen = new Set<unknown>();
  return pages.map((page) => ({
    ...page,
    items: page.items.filter((item) => {
      const marks = marksOf(item);
      if (marks.length === 0) return true;
      const first = marks.some((m) => !seen.has(m));
      marks.forEach((m) => seen.add(m));
      return !first;
    }),
  }));
}

let installed = false;

export function installContinuedPatch(): void {
  if (installed) return;
  installed = true;
  type RenderPages = (this: unknown, pages: Page[], ...rest: unknown[]) => unknown;
  // Wrapped keeping pdfmake's own method reachable, as the other wrappers of the renderer do.
  wrapMethod(internalPrototype('Renderer'), 'renderPages', (original) => {
    const renderPages = original as RenderPages;
    return function (this: unknown, pages: Page[], ...rest: unknown[]) {
      return renderPages.call(this, dropFirstContinued(pages), ...rest);
    };
  });
}
