/**
 * Every character the report prints must be in the embedded font: pdfkit draws a character the font
 * lacks as an empty box, and the HTML edition would fall back to another font. An emoji or a CJK
 * character in the data is therefore a problem, named with its code point and placed where it is
 * written.
 */
import { missingGlyphs } from '../charts/metrics.js';
import { FONT_FILES, type FontStyle } from '../fonts.js';
import type { Path } from '../problems.js';

const STYLES = Object.keys(FONT_FILES) as FontStyle[];
/** Printable ASCII and whitespace: every style of the font has all of it, so such text needs no lookup. */
const ASCII = /^[\x20-\x7e\s]*$/;
/** A character that is neither, a code point at a time (a lone surrogate counts as one). */
const NOT_ASCII = /[^\x20-\x7e\s]/gu;

export interface TextAt {
  path: Path;
  text: string;
}

/** Every string in a value with its data path, except under keys named in `skip` (never printed). */
export function* strings(value: unknown, at: Path = [], skip: ReadonlySet<string> = new Set()): Generator<TextAt> {
  if (typeof value === 'string') yield { path: at, text: value };
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, [...at, i], skip);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (!skip.has(k)) yield* strings(v, [...at, k], skip);
  }
}

/** Whether every style of the font has a character, asked of the fonts once per character per process. */
const inEveryStyle = new Map<string, boolean>();

/** The characters of `text` that some style of the font has no glyph for, in order of appearance. */
export function unprintable(text: string): string[] {
  if (ASCII.test(text)) return [];
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const [ch] of text.matchAll(NOT_ASCII)) {
    if (seen.has(ch)) continue;
    seen.add(ch);
    let found = inEveryStyle.get(ch);
    if (found === undefined) {
      found = STYLES.every((style) => missingGlyphs(ch, style).length === 0);
      if (inEveryStyle.size >= 10_000) inEveryStyle.clear();
      inEveryStyle.set(ch, found);
    }
    if (!found) missing.push(ch);
  }
  return missing;
}
