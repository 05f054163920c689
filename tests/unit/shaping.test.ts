import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { FONT_FILES } from '../../src/fonts.js';
import { persistShaping, replayedRuns, saveShaping } from '../../src/shaping.js';
import { cacheSetting } from '../helpers/cache.js';

const fontkit = createRequire(import.meta.url)('fontkit') as typeof Fontkit;
const cache = cacheSetting();

/** Words that exercise substitution (ligatures), kerning, accents and a non-breaking hyphen. */
const WORDS = ['office', 'AVATAR', 'Ynys ŵyr', 'anti\u2011social', '“quoted”', 'To,', ''];

/** A run as pdfkit reads it: each glyph's id and characters, its positions and the advance width. */
const shape = (run: Fontkit.GlyphRun) => ({
  glyphs: run.glyphs.map((g) => [g.id, [...g.codePoints], g.advanceWidth]),
  positions: run.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]),
  advanceWidth: run.advanceWidth,
});

describe('shaping kept on disk', () => {
  it('replays in a later run exactly what fontkit shapes', async () => {
    const dir = await cache.fresh('shaping-');
    const bytes = readFileSync(FONT_FILES.normal);
    const plain = fontkit.create(bytes) as Fontkit.Font;
    const expected = WORDS.map((w) => shape(plain.layout(w)));

    const first = fontkit.create(bytes) as Fontkit.Font;
    persistShaping(first, bytes);
    expect(WORDS.map((w) => shape(first.layout(w)))).toEqual(expected);
    saveShaping();
    expect(await readdir(path.join(dir, 'shaping'))).toHaveLength(1);

    // A font parsed afresh, as in the next process: every word comes from the store.
    const later = fontkit.create(bytes) as Fontkit.Font;
    persistShaping(later, bytes);
    const replayed = replayedRuns();
    expect(WORDS.map((w) => shape(later.layout(w)))).toEqual(expected);
    expect(replayedRuns() - replayed).toBe(WORDS.length);

    // pdfkit scales a run's positions in place: a replayed run is fresh every time.
    const run = later.layout('office');
    for (const p of run.positions) p.xAdvance *= 2;
    expect(shape(later.layout('office'))).toEqual(expected[0]);
    // With features asked for, fontkit shapes as it would.
    expect(shape(later.layout('office', ['liga']))).toEqual(shape(plain.layout('office', ['liga'])));
  });
});
