/**
 * Text widths for chart layout, measured from the same TTF the PDF embeds. Vega's built-in estimate
 * (0.8 × length × size) misplaces labels, and the canvas package cannot be installed here.
 */
import { font as loadFont, type FontStyle } from '../fonts.js';

const cache = new Map<string, number>();

/** The advance width of `text` in points at `size`. */
export function textWidth(text: string, size: number, style: FontStyle = 'normal'): number {
  const key = `${style}\u0000${size}\u0000${text}`;
  let width = cache.get(key);
  if (width === undefined) {
    const font = loadFont(style);
    width = (font.layout(text).advanceWidth / font.unitsPerEm) * size;
    if (cache.size > 10_000) cache.clear();
    cache.set(key, width);
  }
  return width;
}

/** Characters of `text` that the font has no glyph for (spaces and line breaks aside). */
export function missingGlyphs(text: string, style: FontStyle = 'normal'): string[] {
  const font = loadFont(style);
  const missing = new Set<string>();
  for (const ch of text) {
    if (/\s/.test(ch)) continue;
    if (!font.hasGlyphForCodePoint(ch.codePointAt(0)!)) missing.add(ch);
  }
  return [...missing];
}

export function isBold(weight: unknown): boolean {
  return (
    weight === 'bold' ||
    (typeof weight === 'number' && weight >= 600) ||
    (typeof weight === 'string' && Number(weight) >= 600)
  );
}

/** The height of one line of text as pdfmake sets it: the font's ascent to descent, times lineHeight. */
export function lineHeight(size: number, factor = 1, style: FontStyle = 'normal'): number {
  const font = loadFont(style);
  return ((font.ascent - font.descent + font.lineGap) / font.unitsPerEm) * size * factor;
}

/** How many lines `text` takes at `size` in `width` points, wrapped at spaces as pdfmake wraps it. */
export function countLines(text: string, size: number, width: number, style: FontStyle = 'normal'): number {
  const space = textWidth(' ', size, style);
  let lines = 1;
  let current = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const w = textWidth(word, size, style);
    if (current > 0 && current + space + w > width) {
      lines++;
      current = w;
    } else current += (current > 0 ? space : 0) + w;
  }
  return lines;
}
