/**
 * Golden images: PDF pages rasterised by poppler and browser screenshots, stored small (greyscale,
 * low resolution) under tests/golden/ and compared with pixelmatch.
 *
 * A golden that differs gets `<name>.actual.png` and `<name>.diff.png` written beside it (both
 * git-ignored), and the assertion names every image that moved. `npm run test:update` (vitest's
 * update mode) rewrites the goldens instead; a missing golden is written in vitest's default local
 * mode and is a failure in CI, as vitest does with its own snapshots.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { expect } from 'vitest';
import { ROOT } from './paths.js';

/**
 * pixelmatch's per-pixel threshold (OKLab distance, 0–1; its default): a pixel counts as different
 * beyond it. Anti-aliased edges are detected and not counted (includeAA false), which absorbs
 * rasteriser noise.
 */
export const PIXEL_THRESHOLD = 0.1;
/**
 * At most 0.1 % of an image's pixels may differ (154 of a 40 dpi A4 page's 154,908). These goldens
 * guard layout: a paragraph moved by one pixel differs in about 1,200 pixels, a reflowed line or a
 * moved page break in far more, while a single changed word (about 30) passes — the text goldens
 * catch wording. The same poppler or Chromium renders identically, so the margin is for rendering
 * noise between versions, not for changes.
 */
export const MAX_DIFF_RATIO = 0.001;

/** PDF pages are rasterised at this resolution: an A4 page is 331 × 468 pixels. */
export const PAGE_DPI = 40;

export interface Image {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel, as pngjs and pixelmatch use. */
  data: Buffer;
}

export function decodePng(png: Buffer): Image {
  const { width, height, data } = PNG.sync.read(png);
  return { width, height, data };
}

/** Greyscale PNG at the highest compression: a third of the size of poppler's RGB output. */
export function encodeGrey(image: Image): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  image.data.copy(png.data);
  return PNG.sync.write(png, { colorType: 0, inputColorType: 6, deflateLevel: 9 });
}

/**
 * Converts to grey (Rec. 601 luma) and shrinks by a whole factor, averaging each factor × factor
 * block: a screenshot shrunk this way still shows every block of text and rule that moves.
 */
export function shrinkToGrey(image: Image, factor: number): Image {
  const width = Math.floor(image.width / factor);
  const height = Math.floor(image.height / factor);
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy++) {
        for (let dx = 0; dx < factor; dx++) {
          const i = ((y * factor + dy) * image.width + (x * factor + dx)) * 4;
          sum += 0.299 * image.data[i]! + 0.587 * image.data[i + 1]! + 0.114 * image.data[i + 2]!;
        }
      }
      const grey = Math.round(sum / (factor * factor));
      const o = (y * width + x) * 4;
      data[o] = data[o + 1] = data[o + 2] = grey;
      data[o + 3] = 255;
    }
  }
  return { width, height, data };
}

/** Every page of a PDF as a greyscale PNG, in page order (`pdftoppm -r 40 -gray -png`). */
export function rasterisePdf(file: string, dpi = PAGE_DPI): Buffer[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'report-press-pages-'));
  try {
    try {
      execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', file, path.join(dir, 'page')]);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new Error('pdftoppm is not installed; install poppler-utils (apt-get install poppler-utils)');
      }
      throw error;
    }
    // pdftoppm pads page numbers to the width of the page count, so a plain sort is page order.
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.png'))
      .sort();
    return files.map((f) => encodeGrey(decodePng(readFileSync(path.join(dir, f)))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export type UpdateMode = 'all' | 'new' | 'none';

/** vitest's snapshot update mode: 'all' under `--update`, 'none' in CI, 'new' otherwise. */
export function updateMode(): UpdateMode {
  return expect.getState().snapshotState.snapshotUpdateState;
}

const sibling = (golden: string, kind: 'actual' | 'diff') => golden.replace(/\.png$/, `.${kind}.png`);

function clearFailure(golden: string): void {
  rmSync(sibling(golden, 'actual'), { force: true });
  rmSync(sibling(golden, 'diff'), { force: true });
}

/** Copies an image onto a white canvas of the given size, so images of different sizes can be diffed. */
function pad(image: Image, width: number, height: number): Buffer {
  if (image.width === width && image.height === height) return image.data;
  const data = Buffer.alloc(width * height * 4, 255);
  for (let y = 0; y < image.height; y++) {
    image.data.copy(data, y * width * 4, y * image.width * 4, (y + 1) * image.width * 4);
  }
  return data;
}

export interface Difference {
  /** The golden file, relative to the working directory. */
  golden: string;
  reason: string;
}

interface Comparison {
  pixels: number;
  ratio: number;
  resized: boolean;
  diff: PNG;
}

function compare(expected: Image, actual: Image): Comparison {
  const width = Math.max(expected.width, actual.width);
  const height = Math.max(expected.height, actual.height);
  const diff = new PNG({ width, height });
  const pixels = pixelmatch(pad(expected, width, height), pad(actual, width, height), diff.data, width, height, {
    threshold: PIXEL_THRESHOLD,
  });
  const resized = expected.width !== actual.width || expected.height !== actual.height;
  return { pixels, ratio: pixels / (width * height), resized, diff };
}

const matches = (c: Comparison) => !c.resized && c.ratio <= MAX_DIFF_RATIO;

/**
 * Compares one image with its golden. Returns the difference, if any, having written the actual and
 * diff images beside the golden. Under `--update` it writes the golden instead — but keeps one
 * that still matches, so regenerating on another machine does not churn images that did not move.
 */
export function compareWithGolden(golden: string, png: Buffer, mode = updateMode()): Difference | null {
  const name = path.relative(ROOT, golden);
  const actual = decodePng(png);
  const expected = existsSync(golden) ? decodePng(readFileSync(golden)) : null;
  const comparison = expected ? compare(expected, actual) : null;
  if (mode === 'all' || (mode === 'new' && !expected)) {
    if (!comparison || !matches(comparison)) {
      mkdirSync(path.dirname(golden), { recursive: true });
      writeFileSync(golden, png);
    }
    clearFailure(golden);
    return null;
  }
  if (!expected || !comparison) {
    writeFileSync(sibling(golden, 'actual'), png);
    return { golden: name, reason: 'no golden (run npm run test:update and review it)' };
  }
  if (matches(comparison)) {
    clearFailure(golden);
    return null;
  }
  writeFileSync(sibling(golden, 'actual'), png);
  writeFileSync(sibling(golden, 'diff'), PNG.sync.write(comparison.diff));
  const { pixels, ratio, resized } = comparison;
  const size = resized ? `size ${expected.width}×${expected.height} → ${actual.width}×${actual.height}, ` : '';
  return { golden: name, reason: `${size}${pixels} pixels differ (${(ratio * 100).toFixed(2)} %)` };
}

/** The message for a failed comparison: every image that moved, and where to look. */
export function explain(differences: Difference[]): string {
  if (differences.length === 0) return '';
  return [
    `${differences.length} image(s) moved; see the .actual.png and .diff.png beside each golden:`,
    ...differences.map((d) => `  ${d.golden}: ${d.reason}`),
    'If the change is intended, run `npm run test:update` and review the new goldens.',
  ].join('\n');
}

/** `page-01.png`, `page-02.png`, …: the golden names of a document's pages. */
export const pageName = (index: number) => `page-${String(index + 1).padStart(2, '0')}.png`;

/**
 * Compares every page of a document with the goldens in `dir`, and their number. Once a document
 * has goldens, a new page is a difference like any other: only `--update` writes it, and under
 * `--update` the folder is made to hold exactly the document's pages.
 */
export function comparePages(dir: string, pages: Buffer[], mode = updateMode()): Difference[] {
  const goldens = existsSync(dir) ? readdirSync(dir).filter((f) => /^page-\d+\.png$/.test(f)) : [];
  const pageMode: UpdateMode = mode === 'new' && goldens.length > 0 ? 'none' : mode;
  const differences: Difference[] = [];
  if (pageMode !== 'all' && goldens.length > 0 && goldens.length !== pages.length) {
    const where = path.relative(ROOT, dir);
    differences.push({ golden: where, reason: `${pages.length} pages, the goldens have ${goldens.length}` });
  }
  pages.forEach((png, i) => {
    const d = compareWithGolden(path.join(dir, pageName(i)), png, pageMode);
    if (d) differences.push(d);
  });
  for (const file of goldens.filter((f) => Number(/\d+/.exec(f)![0]) > pages.length).sort()) {
    const golden = path.join(dir, file);
    if (pageMode === 'all') {
      rmSync(golden);
      clearFailure(golden);
    } else {
      differences.push({ golden: path.relative(ROOT, golden), reason: 'page is gone from the PDF' });
    }
  }
  return differences;
}

/** The folders under `root` that hold goldens, relative to it with `/` (`report`, `handouts/summary`). */
function goldenFolders(root: string, prefix = ''): string[] {
  if (!existsSync(root)) return [];
  const entries = readdirSync(root, { withFileTypes: true });
  const holdsGoldens = entries.some((e) => e.isFile() && /^[^.]+\.png$/.test(e.name));
  return [
    ...(holdsGoldens ? [prefix.slice(0, -1)] : []),
    ...entries
      .filter((e) => e.isDirectory())
      .flatMap((e) => goldenFolders(path.join(root, e.name), `${prefix}${e.name}/`)),
  ];
}

/**
 * The golden folders under `root` of documents the build no longer writes. Under `--update` they
 * are deleted (and none is returned), so regenerating never leaves goldens of a removed handout.
 */
export function staleGoldens(root: string, documents: string[], mode = updateMode()): string[] {
  const built = new Set(documents);
  const stale = goldenFolders(root).filter((name) => !built.has(name));
  if (mode !== 'all') return stale.map((name) => path.relative(ROOT, path.join(root, name)));
  for (const name of stale) rmSync(path.join(root, name), { recursive: true, force: true });
  return [];
}
