/**
 * Paragraphs that split across pages keep at least two lines at each end: no single first line alone
 * at the foot of a page (orphan), no single last line alone at the top of the next (widow).
 *
 * pdfmake breaks a paragraph wherever its next line no longer fits. This wraps its
 * LayoutBuilder.processLeaf, during the one layout, for text set in the page's own flow (not in a
 * table, columns or an unbreakable block): it builds the paragraph's lines first, sees where the page
 * would break them, and moves the break earlier when that leaves one line on either side. Pinned with
 * pdfmake, like the patches in footnotes.ts.
 */
import { internalPrototype, wrapMethod } from './pdfmake-internals.js';

/** Lines a split paragraph keeps at the foot of one page and at the top of the next. */
export const MIN_LINES = 2;

/**
 * Lines to set before the page break, given the lines' heights and the height left on the page:
 * `heights.length` when the paragraph fits, 0 to start it on the next page.
 */
export function linesBeforeBreak(heights: readonly number[], available: number): number {
  let fit = 0;
  let used = 0;
  while (fit < heights.length && used + heights[fit]! <= available + 1e-6) used += heights[fit++]!;
  if (fit === heights.length) return fit;
  if (fit < MIN_LINES) return 0;
  const after = heights.length - fit;
  if (after >= MIN_LINES) return fit;
  const earlier = heights.length - MIN_LINES;
  return earlier >= MIN_LINES ? earlier : 0;
}

interface Line {
  getHeight(): number;
}
interface Context {
  availableHeight: number;
  y: number;
  pageMargins: { top: number };
  snapshots: unknown[];
}
interface Builder {
  writer: { transactionLevel: number; context(): Context; moveToNextPage(orientation?: unknown): void };
  buildNextLine(node: object): Line | null;
}

let installed = false;

export function installParagraphPatch(): void {
  if (installed) return;
  installed = true;
  wrapMethod(internalPrototype('LayoutBuilder'), 'processLeaf', (original) => {
    const processLeaf = original as (this: Builder, node: object) => void;
    return function (this: Builder, node: { pageOrientation?: unknown }) {
      const context = this.writer.context();
      if (this.writer.transactionLevel > 0 || context.snapshots.length > 0) return processLeaf.call(this, node);
      const lines: Line[] = [];
      for (let line = this.buildNextLine(node); line; line = this.buildNextLine(node)) lines.push(line);
      const atTop = context.y <= context.pageMargins.top + 1e-6;
      const before = atTop
        ? lines.length
        : linesBeforeBreak(
            lines.map((l) => l.getHeight()),
            context.availableHeight,
          );
      // Hand pdfmake the lines already built, moving to the next page where the break should fall;
      // where it would break anyway, pdfmake's own check finds the line does not fit.
      let next = 0;
      this.buildNextLine = () => {
        if (next === before && before < lines.length && before > 0) this.writer.moveToNextPage(node.pageOrientation);
        else if (next === 0 && before === 0 && lines.length > 0) this.writer.moveToNextPage(node.pageOrientation);
        return lines[next++] ?? null;
      };
      try {
        processLeaf.call(this, node);
      } finally {
        // The prototype's method shows through again.
        delete (this as Partial<Builder>).buildNextLine;
      }
    };
  });
}
