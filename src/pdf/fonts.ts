/**
 * pdfmake's fonts, shared by every document of the process. fontkit parses each file once (see
 * src/fonts.ts), and pdfkit's per-document word-shaping cache is replaced by one that lives as long
 * as the parsed font: shaping a word gives the same glyphs in every document, while subsetting and
 * font ids stay per document. Pinned with pdfmake (PDFDocument.provideFont); see layout.ts.
 */
import { createRequire } from 'node:module';
import type { Font } from 'fontkit';
import { FONT_FAMILY, FONT_FILES, fontBytes } from '../fonts.js';
import { Bounded } from '../bounded.js';
import { wrapMethod } from './pdfmake-internals.js';

const require = createRequire(import.meta.url);

/** Words cached per font before the cache starts afresh, so a resident process stays bounded. */
const MAX_WORDS = 200_000;

const caches = new WeakMap<Font, Record<string, unknown>>();
/** The arguments each document's font was first provided with (see measured-text.ts). */
const provided = new WeakMap<object, unknown[]>();

/** The provideFont arguments that give the font in its document, if it was provided through it. */
export const fontArguments = (font: unknown): unknown[] | undefined =>
  typeof font === 'object' && font !== null ? provided.get(font) : undefined;

/** The font table for pdfmake.setFonts; installs the shared word cache. */
export function sharedFonts(): Record<string, typeof FONT_FILES> {
  installWordCache();
  return { [FONT_FAMILY]: FONT_FILES };
}

let installed = false;

const REGISTERED = Symbol('fonts registered');

/** pdfkit's document, as far as registering a font goes. */
interface FontDocument {
  [REGISTERED]?: true;
  registerFont(name: string, src: Buffer): unknown;
}

/**
 * pdfkit reads a font file afresh for every document that names it by path (1.5 MB for the four
 * styles). Each path is registered with the document as a font of that name whose bytes were read
 * once, so pdfmake's text and the charts' SVG text, which both name the path, find it without the
 * disk, and the shared fontkit finds the parsed font by the buffer's identity.
 */
function registerFiles(doc: FontDocument): void {
  if (doc[REGISTERED]) return;
  doc[REGISTERED] = true;
  for (const [style, file] of Object.entries(FONT_FILES))
    doc.registerFont(file, fontBytes(style as keyof typeof FONT_FILES));
}

function installWordCache(): void {
  if (installed) return;
  installed = true;
  type ProvideFont = (
    this: unknown,
    ...args: unknown[]
  ) => { font?: Font; layoutCache?: Record<string, unknown>; subset?: object };
  const PDFDocument = (require('pdfmake/js/PDFDocument.js') as { default: { prototype: { provideFont: ProvideFont } } })
    .default;
  const provideFont = PDFDocument.prototype.provideFont;
  PDFDocument.prototype.provideFont = function (this: unknown, ...args: unknown[]) {
    registerFiles(this as FontDocument);
    const embedded = provideFont.apply(this, args);
    if (!provided.has(embedded)) provided.set(embedded, args);
    const { font, layoutCache } = embedded;
    if (font && layoutCache) {
      let words = caches.get(font);
      if (!words || (words !== layoutCache && Object.keys(words).length > MAX_WORDS)) {
        words = Object.create(null) as Record<string, unknown>;
        caches.set(font, words);
      }
      embedded.layoutCache = words;
      splitWordsFaster(Object.getPrototypeOf(embedded) as EmbeddedFont);
      if (embedded.subset) keepSubsets(Object.getPrototypeOf(embedded.subset) as Subset);
    }
    return embedded;
  };
}

interface Run {
  /** Null when only the width was asked for. */
  glyphs: unknown[] | null;
  positions: unknown[] | null;
  advanceWidth: number;
}

/** pdfkit's EmbeddedFont, as far as its `layout` goes. */
export interface EmbeddedFont {
  layout: (this: EmbeddedFont, text: string, features?: unknown, onlyWidth?: boolean) => Run;
  layoutRun: (this: EmbeddedFont, text: string, features?: unknown) => Run;
  layoutCached: (this: EmbeddedFont, text: string) => Run;
  layoutCache?: Record<string, Run>;
}

let embeddedFont: EmbeddedFont | null = null;

/**
 * pdfkit's EmbeddedFont.layout splits text into words at spaces and tabs, making an array for every
 * character it tests and a new array for every word it joins. The same split, word by word from the
 * same cache, in the same order, without them; a width asked for a word already in the cache is
 * read from it. Installed on the class of the first embedded font.
 */
function splitWordsFaster(prototype: EmbeddedFont): void {
  if (embeddedFont) return;
  embeddedFont = prototype;
  wrapMethod(
    prototype,
    'layout',
    () =>
      function (this: EmbeddedFont, text: string, features?: unknown, onlyWidth?: boolean): Run {
        if (features) return this.layoutRun(text, features);
        if (onlyWidth) {
          // Measuring asks for a word's width again and again. A text found as an entry of the cache
          // is one word (the split makes entries with a space or tab at their end, if anywhere).
          const known = this.layoutCache?.[text];
          if (known) return { glyphs: null, positions: null, advanceWidth: 0 + known.advanceWidth };
        }
        const glyphs: unknown[] | null = onlyWidth ? null : [];
        const positions: unknown[] | null = onlyWidth ? null : [];
        let advanceWidth = 0;
        let last = 0;
        for (let index = 0; index <= text.length; index++) {
          const c = text.charCodeAt(index); // NaN past the end
          if ((index === text.length && last < index) || c === 32 || c === 9) {
            const run = this.layoutCached(text.slice(last, index + 1));
            if (glyphs && positions) {
              for (const g of run.glyphs ?? []) glyphs.push(g);
              for (const p of run.positions ?? []) positions.push(p);
            }
            advanceWidth += run.advanceWidth;
            last = index + 1;
          }
        }
        return { glyphs, positions, advanceWidth };
      },
  );
}

/** EmbeddedFont's prototype once a document has embedded a font (for the guard test), else null. */
export const embeddedFontPrototype = (): EmbeddedFont | null => embeddedFont;

/** fontkit's subset of a font, as far as its encoding goes. */
export interface Subset {
  font: Font;
  /** The font's glyph ids, in the order the document first used them. */
  glyphs: number[];
  encode: (this: Subset) => Uint8Array;
}

/** Encoded subsets kept, in all, before the oldest are let go (a report's four take about 300 KB). */
export const MAX_KEPT_SUBSET_BYTES = 8 * 1024 * 1024;
const subsets = new Bounded<Uint8Array>(MAX_KEPT_SUBSET_BYTES, (bytes) => bytes.length);

/** Each parsed font's number in this process (fontkit's font: the file a document's font was read from). */
const fontNumbers = new WeakMap<object, number>();
let fonts = 0;

export function parsedFontNumber(font: object): number {
  let number = fontNumbers.get(font);
  if (number === undefined) fontNumbers.set(font, (number = fonts++));
  return number;
}

let subsetPrototype: Subset | null = null;

/**
 * fontkit builds a document's font subset afresh when the document ends: every glyph decoded, its
 * outline copied, the tables written. The next build of a resident process, and a handout with the
 * same characters, asks for the same glyphs of the same font in the same order: the bytes are those
 * encoded before. Installed on the class of the first subset.
 */
function keepSubsets(prototype: Subset): void {
  if (subsetPrototype) return;
  subsetPrototype = prototype;
  wrapMethod(
    prototype,
    'encode',
    (encode) =>
      function (this: Subset): Uint8Array {
        const key = `${parsedFontNumber(this.font)}:${this.glyphs.join(',')}`;
        const kept = subsets.get(key);
        if (kept) return kept;
        const bytes = encode.call(this);
        subsets.set(key, bytes);
        return bytes;
      },
  );
}

/** The subsets kept and their bytes (for tests). */
export const keptSubsets = (): { count: number; bytes: number } => ({
  count: subsets.size.count,
  bytes: subsets.size.total,
});

/** fontkit's subset prototype once a document has embedded a font (for the guard test), else null. */
export const subsetPrototypeOf = (): Subset | null => subsetPrototype;
