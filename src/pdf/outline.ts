/**
 * Bookmarks that open at their heading. pdfkit 0.19 writes every outline item as
 * `[page /XYZ <page width> <page height> 0]` (it subtracts the left offset from the page width), so
 * a viewer that honours it shows the page pushed off to the left, at its top. pdfmake passes no
 * position either. This wraps pdfmake's Renderer.renderLine to note where a bookmarked heading is
 * drawn, and the outline's addItem to point the bookmark there. Pinned with pdfmake; see footnotes.ts.
 */
import { pdfmakeInternals, wrapMethod, type Outline, type Renderer } from './pdfmake-internals.js';

let installed = false;
let drawing: { x: number; y: number } | null = null;
const patchedOutlines = new WeakSet<object>();

function patchOutline(prototype: Outline): void {
  if (patchedOutlines.has(prototype)) return;
  patchedOutlines.add(prototype);
  wrapMethod(
    prototype,
    'addItem',
    (addItem) =>
      function (this: Outline, title, options) {
        const item = addItem.call(this, title, options);
        const dest = item.outlineData.Dest;
        if (drawing && dest?.[1] === 'XYZ') {
          const height = dest[0].data.MediaBox[3]!;
          item.outlineData.Dest = [dest[0], 'XYZ', drawing.x, height - drawing.y, 0];
        }
        return item;
      },
  );
}

export function installOutlinePatch(): void {
  if (installed) return;
  installed = true;
  wrapMethod(
    pdfmakeInternals.renderer().prototype,
    'renderLine',
    (renderLine) =>
      function (this: Renderer, line, x, y, ...rest) {
        if (!line._outline) return renderLine.call(this, line, x, y, ...rest);
        // The outline class is pdfkit's own and not exported: reach it through the document's outline.
        patchOutline(Object.getPrototypeOf(this.pdfDocument.outline) as Outline);
        drawing = { x, y };
        try {
          return renderLine.call(this, line, x, y, ...rest);
        } finally {
          drawing = null;
        }
      },
  );
}
