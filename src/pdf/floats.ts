/**
 * A figure that does not fit in what is left of a page moves to the top of the next page, while the
 * text after it fills the current one (as a publisher sets figures), instead of leaving a hole.
 *
 * Decided during the one layout, by wrapping three pdfmake internals (pinned with pdfmake, like the
 * patches in footnotes.ts): LayoutBuilder.processNode marks a node carrying FLOAT_MARK as floating;
 * PageElementWriter.commitUnbreakableBlock, given a floating block that does not fit the page, holds
 * it back instead of breaking the page; PageElementWriter.moveToNextPage sets what is held back at
 * the top of the next page. A figure is held back only in the page's own flow (not in a table or
 * columns) and never past the end of its chapter: a page break before the next chapter, or the end
 * of the document, sets it first. A figure therefore always follows its place in the text.
 */
import { internalPrototype, wrapMethod } from './pdfmake-internals.js';

/** A node property: the block may float to the top of the next page. */
export const FLOAT_MARK = 'floatToNextPage';
/** Space below a figure set at the top of a page. */
const GAP = 12;

interface Fragment {
  height: number;
}
interface Context {
  page: number;
  y: number;
  availableHeight: number;
  pageMargins: { top: number };
  snapshots: unknown[];
  pages: Fragment[];
  moveDown(by: number): void;
}
interface Writer {
  transactionLevel: number;
  repeatables: unknown[];
  contextStack: Context[];
  context(): Context;
  popContext(): void;
  addFragment(fragment: Fragment): unknown;
  moveToNextPage(orientation?: unknown): void;
  floating?: boolean;
  heldBack?: Fragment[];
}
interface Builder {
  writer: Writer;
  floatDepth?: number;
}

let installed = false;

/** Sets the held-back figures at the top of the page just begun, if the page's own flow is there. */
function setHeldBack(writer: Writer): void {
  const held = writer.heldBack;
  if (!held?.length || writer.transactionLevel > 0 || writer.repeatables.length > 0) return;
  if (writer.context().snapshots.length > 0) return;
  writer.heldBack = [];
  for (const fragment of held) {
    writer.addFragment(fragment);
    writer.context().moveDown(GAP);
  }
}

export function installFloatPatch(): void {
  if (installed) return;
  installed = true;
  const layoutBuilder = internalPrototype('LayoutBuilder');
  const pageElementWriter = internalPrototype('PageElementWriter');

  wrapMethod(layoutBuilder, 'processNode', (original) => {
    const processNode = original as (this: Builder, node: object, ...rest: unknown[]) => void;
    return function (this: Builder, node: Record<string, unknown>, ...rest: unknown[]) {
      const writer = this.writer;
      const depth = (this.floatDepth = (this.floatDepth ?? 0) + 1);
      try {
        // A chapter that starts a page ends the last: what its text held back is set before it.
        if (node.pageBreak === 'before' && writer.heldBack?.length) writer.moveToNextPage();
        const floats = node[FLOAT_MARK] === true && writer.transactionLevel === 0 && !writer.context().snapshots.length;
        if (!floats) return processNode.call(this, node, ...rest);
        const context = writer.context();
        const [page, y, available, held] = [
          context.page,
          context.y,
          context.availableHeight,
          writer.heldBack?.length ?? 0,
        ];
        writer.floating = true;
        try {
          return processNode.call(this, node, ...rest);
        } finally {
          writer.floating = false;
          // Held back, the figure's margins are not spent here either: the text closes up.
          if ((writer.heldBack?.length ?? 0) > held && context.page === page) {
            context.y = y;
            context.availableHeight = available;
          }
        }
      } finally {
        this.floatDepth = depth - 1;
        // The end of the document: nothing may stay held back.
        if (depth === 1 && writer.heldBack?.length) writer.moveToNextPage();
      }
    };
  });

  wrapMethod(pageElementWriter, 'commitUnbreakableBlock', (original) => {
    const commit = original as (this: Writer, ...args: unknown[]) => void;
    return function (this: Writer, ...args: unknown[]) {
      if (this.floating && this.transactionLevel === 1 && args.every((a) => a === undefined)) {
        const inner = this.context();
        const outer = this.contextStack.at(-1);
        const fragment = inner.pages[0];
        const fits = !outer || !fragment || inner.pages.length > 1 || inner.y <= outer.availableHeight;
        const atTop = outer && outer.y <= outer.pageMargins.top + 1e-6;
        if (!fits && !atTop && outer.snapshots.length === 0) {
          this.transactionLevel--;
          this.popContext();
          fragment.height = inner.y;
          this.heldBack = [...(this.heldBack ?? []), fragment];
          return;
        }
      }
      return commit.apply(this, args);
    };
  });

  wrapMethod(pageElementWriter, 'moveToNextPage', (original) => {
    const moveToNextPage = original as (this: Writer, o?: unknown) => void;
    return function (this: Writer, orientation?: unknown) {
      moveToNextPage.call(this, orientation);
      setHeldBack(this);
    };
  });
}
