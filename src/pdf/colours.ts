/**
 * pdfkit sets a colour by parsing it again every time: a hex string is cut up, turned into a new
 * array of three fractions and joined into the operator's text (ColorMixin._setColorCore), and
 * pdfmake sets the colour of every run of text it draws. Here the operators a colour string comes to
 * are kept by the string, and written as pdfkit writes them. A spot colour (named per document) and
 * anything not a string go pdfkit's own way. The method is fingerprinted in
 * tests/unit/pdf/pdfmake-internals.
 */
import { pdfkitDocumentPrototype, wrapMethod } from './pdfmake-internals.js';

/** pdfkit's PDFDocument, as far as setting a colour goes. */
interface ColourDocument {
  spotColors: Record<string, unknown>;
  _normalizeColor(color: unknown): unknown[] | null;
  _getColorSpace(color: unknown[]): string;
  _setColorSpace(space: string, stroke: boolean): unknown;
  addContent(data: string): unknown;
  _setColorCore(this: ColourDocument, color: unknown, stroke: boolean): boolean;
}

/** The colour space and the operator a colour string sets, for filling and for stroking. */
const operators = new Map<string, { space: string; set: string } | null>();
/** Past this many colour strings, the kept operators start afresh. */
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
}
