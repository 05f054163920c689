import { createRequire } from 'node:module';
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
  const doc = new PDFDocument() as InstanceType<typeof PDFDocument> & { spotColors: Record<string, unknown> };
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

  it('tells a colour from a word that is none as pdfmake does, each time it is asked', () => {
    const require = createRequire(import.meta.url);
    type Resolve = (this: object, color: unknown, defaultColor: unknown) => unknown;
    const { prototype } = (
      require('pdfmake/js/PDFDocument.js') as { default: { prototype: { resolveColor: Resolve } } }
    ).default;
    const theirs = originalMethod(prototype, 'resolveColor') as Resolve;
    expect(prototype.resolveColor).not.toBe(theirs);
    const spotColors = document(true).doc.spotColors;
    const asked = [
      undefined,
      '',
      '#1a2b3c',
      'red',
      'no such colour',
      'brand',
      [1, 2, 3],
      new String('red'),
      'constructor',
    ];
    for (const doc of [{ spotColors: {} }, { spotColors }].map((d) =>
      Object.assign(Object.create(prototype) as object, d),
    )) {
      for (const colour of [...asked, ...asked]) {
        for (const fallback of ['black', '#fff'])
          expect(prototype.resolveColor.call(doc, colour, fallback), String(colour)).toEqual(
            theirs.call(doc, colour, fallback),
          );
      }
    }
  });
});
