/**
 * pdfmake's internals that footnotes.ts, outline.ts, paragraphs.ts, floats.ts and continued.ts wrap
 * (and styles.ts, streams.ts, svg.ts, svg-replay.ts, text-runs.ts and lines.ts, for speed) are not
 * public API. This fails, naming the internal, when an upgrade (of pdfmake, or of pdfkit beneath
 * it) changes any of them: read the new code, adapt the wrapper, then record the new fingerprint
 * here.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  originalMethod,
  pdfkitDocumentPrototype,
  pdfmakeInternals,
  PDFMAKE_VERSION,
  WRAPPED,
  WRAPPED_STATIC,
  type Outline,
} from '../../../src/pdf/pdfmake-internals.js';
import { ROOT } from '../../helpers/paths.js';
import { renderPdf } from '../../../src/pdf/render.js';
import { embeddedFontPrototype, subsetPrototypeOf } from '../../../src/pdf/fonts.js';
import { oneLineDocument } from '../../helpers/meta.js';
import { pdfReferencePrototype } from '../../../src/pdf/streams.js';

const require = createRequire(import.meta.url);

/** sha256 of each wrapped method's source, as read from the pinned versions. */
const FINGERPRINTS: Record<string, string> = {
  'DocumentContext.prototype.initializePage': '56379b797459fad5',
  'LayoutBuilder.prototype.addHeadersAndFooters': '41bf8d0dbafffc69',
  'LayoutBuilder.prototype.buildNextLine': 'f9a0444e3740e3f3',
  'LayoutBuilder.prototype.processLeaf': 'dfa7bf597febd678',
  'LayoutBuilder.prototype.processNode': 'ccc12d1f98f1f436',
  'Line.prototype.hasEnoughSpaceForInline': '57e56fbf5e8235fd',
  'PageElementWriter.prototype.commitUnbreakableBlock': '367859e9b386b125',
  'PageElementWriter.prototype.moveToNextPage': '0eb7fbee9737b555',
  'Renderer.prototype.renderLine': 'b71f57566c6b6c5f',
  'Renderer.prototype.renderPages': '429c66b67fe2b5a6',
  'StyleContextStack.prototype.getProperty': '1f44d5be2de5a5d4',
  'StyleContextStack.getStyleProperty': 'ca42470130b7e9d1',
  'StyleContextStack.prototype.pop': 'fceabdef989c05c7',
  'StyleContextStack.prototype.push': '7bd07d3e34dd186e',
  'SVGMeasure.prototype.measureSVG': '6b173d6163be661b',
  'SVGMeasure.prototype.writeDimensions': 'bf763bbf2128d285',
  'TextInlines.prototype.buildInlines': '327a931593789411',
  'TextInlines.prototype.measure': 'cb17af19531a9de1',
  'pdfkit Outline.prototype.addItem': '6e9a6c176f558d75',
  'pdfkit PDFReference.prototype.write': 'd908ca396fbfefdf',
  'pdfkit PDFReference.prototype.finalize': '8af9e473a0841475',
  'pdfkit EmbeddedFont.prototype.layout': '1bf021e3cd3ce4ae',
  'pdfkit EmbeddedFont.prototype.encode': '8829b1a80749bb7b',
  'pdfkit PDFDocument.prototype.font': '652a31ad704fa7e8',
  'svg-to-pdfkit': 'c148f46bb1fe7456',
  'fontkit TTFSubset.prototype.encode': '7e64d77ad1ba59de',
  'pdfkit PDFDocument.prototype.text': '2b5f97c543a12a7f',
  'pdfkit PDFDocument.prototype._fragment': '3582fda36bf1094e',
  'pdfkit PDFDocument.prototype.opacity': 'ae547f52134346fd',
  'pdfkit PDFDocument.prototype.fill': '67ca40670bc415e0',
  'pdfkit PDFDocument.prototype.addContent': '3f6fb381b1cade2f',
  'pdfkit PDFDocument.prototype.addPage': 'eedb5265492ef55b',
  'pdfkit PDFDocument.prototype._setColorCore': 'a8a76d8e98af0a51',
  'pdfkit PDFDocument.prototype._normalizeColor': '5353c2886a3eeef8',
  'PDFDocument.prototype.resolveColor': '2d01d4b8d6bd8ddb',
};

function fingerprint(method: unknown): string {
  expect(typeof method).toBe('function');
  return createHash('sha256').update(String(method)).digest('hex').slice(0, 16);
}

describe('pdfmake', () => {
  it('is pinned exactly, at the version the internals were read from', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(pkg.dependencies.pdfmake, 'package.json pins pdfmake exactly').toBe(PDFMAKE_VERSION);
    expect((require('pdfmake/package.json') as { version: string }).version, 'installed pdfmake').toBe(PDFMAKE_VERSION);
  });

  const loaders = {
    DocumentContext: pdfmakeInternals.documentContext,
    LayoutBuilder: pdfmakeInternals.layoutBuilder,
    Line: pdfmakeInternals.line,
    PageElementWriter: pdfmakeInternals.pageElementWriter,
    Renderer: pdfmakeInternals.renderer,
    StyleContextStack: pdfmakeInternals.styleContextStack,
    SVGMeasure: pdfmakeInternals.svgMeasure,
    TextInlines: pdfmakeInternals.textInlines,
  };
  for (const [name, methods] of Object.entries(WRAPPED)) {
    for (const method of methods) {
      const internal = `${name}.prototype.${method}`;
      it(`internal ${internal} is the code the wrapper was written for`, () => {
        const { prototype } = loaders[name as keyof typeof loaders]();
        expect(fingerprint(originalMethod(prototype, method)), `pdfmake internal ${internal} changed`).toBe(
          FINGERPRINTS[internal],
        );
      });
    }
  }

  for (const [name, methods] of Object.entries(WRAPPED_STATIC)) {
    for (const method of methods) {
      const internal = `${name}.${method}`;
      it(`internal ${internal} is the code the replacement was written for`, () => {
        const internalClass = loaders[name as keyof typeof loaders]();
        expect(fingerprint(originalMethod(internalClass, method)), `pdfmake internal ${internal} changed`).toBe(
          FINGERPRINTS[internal],
        );
      });
    }
  }

  for (const method of ['write', 'finalize'] as const) {
    it(`internal pdfkit PDFReference.prototype.${method} is the code the wrapper was written for`, () => {
      const internal = `pdfkit PDFReference.prototype.${method}`;
      expect(fingerprint(originalMethod(pdfReferencePrototype(), method)), `${internal} changed`).toBe(
        FINGERPRINTS[internal],
      );
    });
  }

  // text-runs.ts wraps text, opacity, fill and addContent, and writes a run as _fragment writes a
  // word; the tagging layer wraps text and addPage; svg-replay.ts finds a font opened by `font` in
  // the document's _fontFamilies, by the name it was opened with; colours.ts wraps _setColorCore
  // and keeps what _normalizeColor makes of a colour string.
  for (const method of [
    'text',
    '_fragment',
    'opacity',
    'fill',
    'addContent',
    'addPage',
    'font',
    '_setColorCore',
    '_normalizeColor',
  ]) {
    it(`internal pdfkit PDFDocument.prototype.${method} is the code its wrappers were written for`, () => {
      const internal = `pdfkit PDFDocument.prototype.${method}`;
      const prototype = pdfkitDocumentPrototype();
      expect(fingerprint(originalMethod(prototype, method)), `${internal} changed`).toBe(FINGERPRINTS[internal]);
    });
  }

  it('internal pdfkit EmbeddedFont.prototype.layout is the code the replacement was written for', async () => {
    await renderPdf(oneLineDocument());
    const prototype = embeddedFontPrototype();
    expect(prototype, 'installed once a document embeds a font').not.toBeNull();
    expect(
      fingerprint(originalMethod(prototype!, 'layout')),
      'pdfkit internal EmbeddedFont.prototype.layout changed',
    ).toBe(FINGERPRINTS['pdfkit EmbeddedFont.prototype.layout']);
    // svg-replay.ts: encode numbers glyphs in the subset and keeps the characters of their first use.
    expect(
      fingerprint(originalMethod(prototype!, 'encode')),
      'pdfkit internal EmbeddedFont.prototype.encode changed',
    ).toBe(FINGERPRINTS['pdfkit EmbeddedFont.prototype.encode']);
    // fonts.ts keeps encoded subsets by their glyphs: encoding must depend on nothing else.
    const subset = subsetPrototypeOf();
    expect(subset, 'installed once a document embeds a font').not.toBeNull();
    expect(fingerprint(originalMethod(subset!, 'encode')), 'fontkit internal TTFSubset.prototype.encode changed').toBe(
      FINGERPRINTS['fontkit TTFSubset.prototype.encode'],
    );
  });

  it('svg-to-pdfkit is the code the recorder of its drawings was written for', () => {
    // svg-replay.ts knows which of the document's properties it reads and the content it writes.
    const draw = require('pdfmake/js/3rd-party/svg-to-pdfkit/source.js') as unknown;
    expect(fingerprint(draw), 'svg-to-pdfkit (pdfmake/js/3rd-party) changed').toBe(FINGERPRINTS['svg-to-pdfkit']);
  });

  it('internal PDFDocument.prototype.resolveColor is the code its wrapper was written for', () => {
    // colours.ts keeps whether a colour string is a colour, as resolveColor asks _normalizeColor.
    const { prototype } = (require('pdfmake/js/PDFDocument.js') as { default: { prototype: object } }).default;
    expect(
      fingerprint(originalMethod(prototype, 'resolveColor')),
      'pdfmake internal PDFDocument.prototype.resolveColor changed',
    ).toBe(FINGERPRINTS['PDFDocument.prototype.resolveColor']);
  });

  it('internal pdfkit Outline.prototype.addItem is the code the wrapper was written for', () => {
    const PDFDocument = require(require.resolve('pdfkit', { paths: [require.resolve('pdfmake')] })) as new () => {
      outline: Outline;
    };
    const prototype = Object.getPrototypeOf(new PDFDocument().outline) as object;
    expect(fingerprint(originalMethod(prototype, 'addItem')), 'pdfkit internal Outline.prototype.addItem changed').toBe(
      FINGERPRINTS['pdfkit Outline.prototype.addItem'],
    );
  });
});
