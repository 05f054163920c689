/**
 * pdfmake's fonts, shared by every document of the process. fontkit parses each file once (see
 * src/fonts.ts), and pdfkit's per-document word-shaping cache is replaced by one that lives as long
 * as the parsed font: shaping a word gives the same glyphs in every document, while subsetting and
 * font ids stay per document. Pinned with pdfmake (PDFDocument.provideFont); see layout.ts.
 */
import { createRequire } from 'node:module';
import type { Font } from 'fontkit';
import { FONT_FAMILY, FONT_FILES } from '../fonts.js';

const require = createRequire(import.meta.url);

/** Words cached per font before the cache starts afresh, so a resident process stays bounded. */
const MAX_WORDS = 200_000;

const caches = new WeakMap<Font, Record<string, unknown>>();

/** The font table for pdfmake.setFonts; installs the shared word cache. */
export function sharedFonts(): Record<string, typeof FONT_FILES> {
  installWordCache();
  return { [FONT_FAMILY]: FONT_FILES };
}

let installed = false;

function installWordCache(): void {
  if (installed) return;
  installed = true;
  type ProvideFont = (this: unknown, ...args: unknown[]) => { font?: Font; layoutCache?: Record<string, unknown> };
  const PDFDocument = (require('pdfmake/js/PDFDocument.js') as { default: { prototype: { provideFont: ProvideFont } } })
    .default;
  const provideFont = PDFDocument.prototype.provideFont;
  PDFDocument.prototype.provideFont = function (this: unknown, ...args: unknown[]) {
    const embedded = provideFont.apply(this, args);
    const { font, layoutCache } = embedded;
    if (font && layoutCache) {
      let words = caches.get(font);
      if (!words || (words !== layoutCache && Object.keys(words).length > MAX_WORDS)) {
        words = Object.create(null) as Record<string, unknown>;
        caches.set(font, words);
      }
      embedded.layoutCache = words;
    }
    return embedded;
  };
}
