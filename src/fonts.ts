/**
 * The one font both editions and the charts use: Source Sans 3 (SIL Open Font Licence), installed
 * from npm as TTF files. TTF rather than WOFF2: pdfkit's subsetting breaks composite glyphs in WOFF2.
 *
 * Font work is done once per process and shared by every document: the files are read once, each is
 * parsed by fontkit once (one copy of fontkit: the CommonJS one pdfkit loads, which chart metrics use
 * too), and pdfkit's word-shaping cache lives as long as the parsed font (see pdf/fonts.ts); shaped
 * words are also kept on disk for the next run (shaping.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Fontkit from 'fontkit';
import { persistShaping } from './shaping.js';
import { deferSeldomUsed } from './deferred.js';

const require = createRequire(import.meta.url);
export const FONT_DIR = path.dirname(require.resolve('@expo-google-fonts/source-sans-3/package.json'));

/** The family name used in pdfmake, in chart SVG and in the HTML edition's @font-face. */
export const FONT_FAMILY = 'SourceSans3';

export type FontStyle = 'normal' | 'bold' | 'italics' | 'bolditalics';

export const FONT_FILES: Record<FontStyle, string> = {
  normal: path.join(FONT_DIR, '400Regular', 'SourceSans3_400Regular.ttf'),
  bold: path.join(FONT_DIR, '600SemiBold', 'SourceSans3_600SemiBold.ttf'),
  italics: path.join(FONT_DIR, '400Regular_Italic', 'SourceSans3_400Regular_Italic.ttf'),
  bolditalics: path.join(FONT_DIR, '600SemiBold_Italic', 'SourceSans3_600SemiBold_Italic.ttf'),
};

/** CSS weights of the files above, for @font-face. */
export const FONT_WEIGHTS: Record<FontStyle, { weight: number; style: 'normal' | 'italic' }> = {
  normal: { weight: 400, style: 'normal' },
  bold: { weight: 600, style: 'normal' },
  italics: { weight: 400, style: 'italic' },
  bolditalics: { weight: 600, style: 'italic' },
};

const bytes = new Map<FontStyle, Buffer>();

/** A style's TTF file, read once per process. */
export function fontBytes(style: FontStyle): Buffer {
  let data = bytes.get(style);
  if (!data) {
    data = readFileSync(FONT_FILES[style]);
    bytes.set(style, data);
  }
  return data;
}

/* ---- one fontkit, each font parsed once ---- */

const SHARED = Symbol.for('report-press shared fontkit');
const fontkitPath = require.resolve('fontkit');

// Before fontkit (and pdfkit) load: what they load but seldom use is loaded when first used.
deferSeldomUsed();
const fontkit = require('fontkit') as typeof Fontkit;
/**
 * Parsed fonts with their bytes. pdfkit is handed the bytes read once (see pdf/fonts.ts); bytes read
 * afresh elsewhere find the same font by comparison.
 */
const parsed: { bytes: Buffer; font: Fontkit.Font }[] = [];
let parses = 0;
let copies = 0;

function create(buffer: Buffer, postscriptName?: string): Fontkit.Font | Fontkit.FontCollection {
  if (postscriptName) return fontkit.create(buffer, postscriptName);
  let entry = parsed.find((p) => p.bytes === buffer);
  if (!entry) {
    // Comparing bytes is cheaper than a digest, and the font files are few.
    entry = parsed.find((p) => p.bytes.equals(buffer));
    if (entry) copies++;
  }
  if (!entry) {
    entry = { bytes: buffer, font: ownCodePoints(fontkit.create(buffer) as Fontkit.Font) };
    persistShaping(entry.font, buffer);
    parses++;
    parsed.push(entry);
  }
  return entry.font;
}

type GetGlyph = (id: number, codePoints?: number[]) => Fontkit.Glyph;

/**
 * fontkit keeps one glyph object per glyph id, carrying the characters it was first shaped from, and
 * pdfkit maps a glyph to those characters for copying and search. A shared font must not let one
 * document's "‑" (U+2011) become another's "-": a glyph asked for with other characters is given as
 * a view of the cached glyph that carries its own.
 */
function ownCodePoints(font: Fontkit.Font): Fontkit.Font {
  const target = font as unknown as { getGlyph: GetGlyph };
  const getGlyph = target.getGlyph.bind(font);
  target.getGlyph = (id, codePoints = []) => {
    const glyph = getGlyph(id, codePoints);
    const same =
      codePoints.length === 0 ||
      (glyph.codePoints.length === codePoints.length && glyph.codePoints.every((c, i) => c === codePoints[i]));
    return same ? glyph : (Object.create(glyph, { codePoints: { value: codePoints } }) as Fontkit.Glyph);
  };
  return font;
}

/**
 * pdfkit calls `fontkit.create` on the file's bytes for every document. Its `require('fontkit')`
 * is answered with this module's wrapper, whose `create` returns the font already parsed from the
 * same bytes. This must run before pdfkit is first loaded (render.ts imports this module first).
 */
function shareFontkit(): void {
  const cached = require.cache[fontkitPath];
  if (!cached || (cached.exports as { [SHARED]?: true })[SHARED]) return;
  const wrapper: Record<string | symbol, unknown> = { [SHARED]: true, create };
  for (const key of Object.keys(fontkit)) {
    if (key !== 'create') Object.defineProperty(wrapper, key, { enumerable: true, get: () => fontkit[key as keyof typeof fontkit] });
  }
  cached.exports = wrapper;
}
shareFontkit();

/** The parsed font of a style: the same object pdfkit lays out and embeds with. */
export function font(style: FontStyle): Fontkit.Font {
  return create(fontBytes(style)) as Fontkit.Font;
}

/** How many times a font file has been parsed in this process (for the tests of sharing). */
export const fontParses = (): number => parses;

/** How many times a font was given as a fresh copy of bytes already parsed: a file read again. */
export const fontCopies = (): number => copies;
