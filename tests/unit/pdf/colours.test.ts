import { describe, expect, it } from 'vitest';
import { installColourPatch } from '../../../src/pdf/colours.js';
import { originalMethod, pdfkitDocumentPrototype } from '../../../src/pdf/pdfmake-internals.js';

type SetColour = (this: object, color: unknown, stroke: boolean) => boolean;

/** A pdfkit document with a spot colour "brand", noting what it writes to its page. */
function document(spot: boolean) {
  const PDFDocument = pdfkitDocumentPrototype().constructor as new () => Record<string, unknown> & {
    addSpotColor(name: string, c: number, m: number, y: number, k: number): unknown;
    page: { colorSpaces: Record<string, unknown> };
  };
  const doc = new PDFDocument();
  if (spot) doc.addSpotColor('brand', 0, 50, 100, 0);
  const written: string[] = [];
  doc.addContent = (data: string) => written.push(data);
  return { doc, written };
}

describe('colours', () => {
  installColourPatch();
  const patched = pdfkitDocumentPrototype()._setColorCore as SetColour;
  const original = originalMethod(pdfkitDocumentPrototype(), '_setColorCore') as SetColour;

  it('writes what pdfkit writes for every kind of colour, each time it is set', () => {
    expect(patched).not.toBe(original);
    const colours = [
      '#1a2b3c',
      '#abc',
      'red',
      'navy',
      '#1A2B3C',
      'no such colour',
      'brand',
      [10, 20, 30],
      [0, 50, 100, 0],
      null,
    ];
    for (const stroke of [false, true]) {
      const ours = document(true);
      const theirs = document(true);
      for (const colour of [...colours, ...colours]) {
        expect(patched.call(ours.doc, colour, stroke), String(colour)).toBe(original.call(theirs.doc, colour, stroke));
      }
      expect(ours.written.length).toBeGreaterThan(20);
      expect(ours.written).toEqual(theirs.written);
      expect(Object.keys(ours.doc.page.colorSpaces)).toEqual(Object.keys(theirs.doc.page.colorSpaces));
    }
  });

  it('sets a string named as a spot colour in one document as that spot colour, not as kept from another', () => {
    const plain = document(false);
    patched.call(plain.doc, 'brand', false);
    const spot = document(true);
    patched.call(spot.doc, 'brand', false);
    expect(plain.written).toEqual([]);
    expect(spot.written).toEqual(['/CS0 cs', '1 scn']);
  });
});
