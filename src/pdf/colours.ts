/**
 * pdfkit sets a colour by parsing it again every time: a hex string is cut up, turned into a new
 * array of three fractions and joined into the operator's text (ColorMixin._setColorCore), and
 * pdfmake sets the colour of every run of text it draws, after parsing it once more for every word
 * to see that it is a colour (PDFDocument.resolveColor). Here what a colour string comes to is kept
 * by the string: the operators, written as pdfkit writes them, and whether it is a colour at all. A
 * spot colour (named per document) and anything not a string go pdfkit's and pdfmake's own way.
 * The methods are fingerprinted in tests/unit/pdf/pdfmake-internals.
 */
import { createRequire } from 'node:module';
import { pdfkitDocumentPrototype, wrapMethod } from './pdfmake-internals.js';

const require = createRequire(import.meta.url);

/** pdfkit's PDFDocument, as far as setting a colour goes. */
interface ColourDocument {
  spotColors: Record<string, unknown>;
  _normalizeColor(color: unknown): unknown[] | null;
  _getColorSpace(color: unknown[]): string;
  _setColorSpace(space: string, stroke: boolean): unknown;
  addContent(data: string): unknown;
  _setColorCore(this: ColourDocument, color: unknown, stroke: boolean): boolean;
}

/** pdfmake's PDFDocument (a pdfkit document), as far as it resolves a colour. */
interface ResolvingDocument extends ColourDocument {
  resolveColor(this: ResolvingDocument, color: unknown, defaultColor: unknown): unknown;
}

/** The colour space and the operator a colour string sets, for filling and for stroking. */
const operators = new Map<string, { space: string; set: string } | null>();
/** Whether pdfkit reads a string (not a spot colour) as a colour. */
const valid = new Map<string, boolean>();
/**
 * Past this many colour strings, what is kept of them starts afresh. The theme names a handful of
 * colours; the bound only keeps a document that sets thousands of them from growing the maps.
 */
const MAX_COLOURS = 1000;

let installed = false;

export function installColourPatch(): void {
  if (installed) return;
  installed = true;
  const prototype = pdfkitDocumentPrototype() as unknown as ColourDocument;
  wrapMethod(
    prototype,
    '_setColorCore',
    (setColorCore) =>
      function (this: ColourDocument, color, stroke) {
        if (typeof color !== 'string' || this.spotColors[color]) return setColorCore.call(this, color, stroke);
        const key = `${stroke ? 'S' : 'f'}${color}`;
        let known = operators.get(key);
        if (known === undefined) {
          const parts = this._normalizeColor(color);
          known = parts && { space: this._getColorSpace(parts), set: `${parts.join(' ')} ${stroke ? 'SCN' : 'scn'}` };
          if (operators.size >= MAX_COLOURS) operators.clear();
          operators.set(key, known);
        }
        if (!known) return false;
        this._setColorSpace(known.space, stroke);
        this.addContent(known.set);
        return true;
      },
  );
  const pdfmakeDocument = (require('pdfmake/js/PDFDocument.js') as { default: { prototype: ResolvingDocument } })
    .default.prototype;
  wrapMethod(
    pdfmakeDocument,
    'resolveColor',
    (resolveColor) =>
      function (this: ResolvingDocument, color, defaultColor) {
        const chosen = color || defaultColor;
        if (typeof chosen !== 'string' || this.spotColors[chosen]) return resolveColor.call(this, color, defaultColor);
        let known = valid.get(chosen);
        if (known === undefined) {
          known = this._normalizeColor(chosen) !== null;
          if (valid.size >= MAX_COLOURS) valid.clear();
          valid.set(chosen, known);
        }
        return known ? chosen : defaultColor;
      },
  );
}
