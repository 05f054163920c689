/**
 * Shaping kept from one run to the next. fontkit's layout of a piece of text depends only on the
 * font file, fontkit's version and the text, and pdfkit shapes word by word (the chart metrics label
 * by label), so the runs one build shapes are stored in the on-disk cache (cache.ts) and replayed by
 * the next, which then never parses the font's substitution and positioning tables for text it has
 * seen. A replayed run has the glyphs (asked of the font with their characters, as fontkit asks),
 * positions and advance width that fontkit gave, so the output is the same bytes; the cache is safe
 * to delete. New runs are written when the process (or worker thread) exits.
 */
import type { Font, Glyph } from 'fontkit';
import { packageVersion, readSync, writeSync } from './cache.js';

/** Changes when the stored form changes. */
const FORMAT = 'shaping 1';
/** Runs kept per font; text beyond this is shaped afresh each run, so the file stays bounded. */
export const MAX_RUNS = 100_000;

/** A stored run: glyph ids, each glyph's characters, and four position values a glyph. */
type Stored = [ids: number[], codePoints: number[][], positions: number[]];

interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

/**
 * What pdfkit and the chart metrics read of fontkit's GlyphRun. pdfkit scales the positions in place,
 * and the advance width is read after, so it is summed when asked, as fontkit's is.
 */
class ReplayedRun {
  constructor(
    readonly glyphs: Glyph[],
    readonly positions: Position[],
  ) {}

  get advanceWidth(): number {
    let width = 0;
    for (const p of this.positions) width += p.xAdvance;
    return width;
  }
}

type Layout = (text: unknown, ...rest: unknown[]) => { glyphs: Glyph[]; positions: Position[] };

const stores: { key: (string | Buffer)[]; runs: Map<string, Stored>; added: boolean }[] = [];
let replayed = 0;

/**
 * Wraps the font's `layout` so plain text (no features, script or direction given) is replayed from
 * the store of this font file, or shaped and stored.
 */
export function persistShaping(font: Font, bytes: Buffer): void {
  const key = [FORMAT, packageVersion('fontkit'), bytes];
  const runs = load(key);
  const store = { key, runs, added: false };
  stores.push(store);
  const target = font as unknown as { layout: Layout };
  const layout = target.layout.bind(font);
  target.layout = (text, ...rest) => {
    if (typeof text !== 'string' || rest.some((r) => r !== undefined)) return layout(text, ...rest);
    const stored = runs.get(text);
    if (stored) {
      replayed++;
      return replay(font, stored);
    }
    const run = layout(text);
    if (runs.size < MAX_RUNS) {
      runs.set(text, [
        run.glyphs.map((g) => g.id),
        run.glyphs.map((g) => [...g.codePoints]),
        run.positions.flatMap((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]),
      ]);
      store.added = true;
    }
    return run;
  };
}

function replay(font: Font, [ids, codePoints, p]: Stored): ReplayedRun {
  const glyphs = ids.map((id, i) => font.getGlyph(id, codePoints[i]));
  const positions = ids.map((_, i) => ({
    xAdvance: p[4 * i]!,
    yAdvance: p[4 * i + 1]!,
    xOffset: p[4 * i + 2]!,
    yOffset: p[4 * i + 3]!,
  }));
  return new ReplayedRun(glyphs, positions);
}

function load(key: readonly (string | Buffer)[]): Map<string, Stored> {
  const data = readSync('shaping', key);
  if (!data) return new Map();
  try {
    return new Map(Object.entries(JSON.parse(data.toString('utf8')) as Record<string, Stored>));
  } catch {
    return new Map(); // written by another version of this code: shaped afresh
  }
}

/** Writes the runs shaped since the stores were read. */
export function saveShaping(): void {
  for (const store of stores) {
    if (!store.added) continue;
    writeSync('shaping', store.key, Buffer.from(JSON.stringify(Object.fromEntries(store.runs))));
    store.added = false;
  }
}
process.on('exit', saveShaping);

/** How many runs were replayed from the store in this process (for the tests). */
export const replayedRuns = (): number => replayed;
