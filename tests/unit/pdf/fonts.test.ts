/**
 * Font subsets kept by their glyphs (src/pdf/fonts.ts): a subset of the same glyphs of the same font,
 * in the same order, is the bytes fontkit encoded before; any other is encoded afresh, to the bytes
 * fontkit gives it; and what is kept stays within its bound.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type * as Fontkit from 'fontkit';
import { renderPdf } from '../../../src/pdf/render.js';
import { fontBytes } from '../../../src/fonts.js';
import { keptSubsets, MAX_KEPT_SUBSET_BYTES, subsetPrototypeOf, type Subset } from '../../../src/pdf/fonts.js';
import { originalMethod } from '../../../src/pdf/pdfmake-internals.js';
import { oneLineDocument } from '../../helpers/meta.js';

const require = createRequire(import.meta.url);
const fontkit = require('fontkit') as typeof Fontkit;

async function installed(): Promise<Subset> {
  await renderPdf(oneLineDocument());
  return subsetPrototypeOf()!;
}

interface Font {
  createSubset(): Subset & { includeGlyph(id: number): number };
}

function subsetOf(font: Font, glyphs: readonly number[]): Subset {
  const subset = font.createSubset();
  for (const id of glyphs) subset.includeGlyph(id);
  return subset;
}

describe('font subsets kept by their glyphs', () => {
  it('gives a subset of the same glyphs the bytes encoded before, and another its own', async () => {
    const prototype = await installed();
    const encode = originalMethod(prototype, 'encode') as Subset['encode'];
    const font = fontkit.create(fontBytes('normal')) as unknown as Font;
    const glyphs = [36, 37, 38, 70, 71, 72, 1000];
    const first = subsetOf(font, glyphs).encode();
    const again = subsetOf(font, glyphs).encode();
    expect(again).toBe(first);
    expect(Buffer.from(first).equals(Buffer.from(encode.call(subsetOf(font, glyphs))))).toBe(true);
    // Another order numbers the glyphs otherwise: other bytes, as fontkit encodes them.
    const reordered = [...glyphs].reverse();
    const other = subsetOf(font, reordered).encode();
    expect(other).not.toBe(first);
    expect(Buffer.from(other).equals(Buffer.from(first))).toBe(false);
    expect(Buffer.from(other).equals(Buffer.from(encode.call(subsetOf(font, reordered))))).toBe(true);
    // The same glyphs of another font (the bold file) are its own.
    const otherFont = fontkit.create(fontBytes('bold')) as unknown as Font;
    const bold = subsetOf(otherFont, glyphs).encode();
    expect(Buffer.from(bold).equals(Buffer.from(encode.call(subsetOf(otherFont, glyphs))))).toBe(true);
    expect(Buffer.from(bold).equals(Buffer.from(first))).toBe(false);
  });

  it('lets the oldest subsets go past its bound', async () => {
    await installed();
    const font = fontkit.create(fontBytes('italics')) as unknown as Font;
    const many = Array.from({ length: 600 }, (_, i) => i + 1);
    let encoded = 0;
    for (let n = 0; encoded <= MAX_KEPT_SUBSET_BYTES * 1.5; n++)
      encoded += subsetOf(font, [n + 601, ...many]).encode().length;
    const kept = keptSubsets();
    expect(kept.bytes).toBeLessThanOrEqual(MAX_KEPT_SUBSET_BYTES);
    expect(kept.bytes).toBeGreaterThan(MAX_KEPT_SUBSET_BYTES / 2);
  }, 60_000);
});
