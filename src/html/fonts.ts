/**
 * The HTML edition carries its font inside it: each style of the font, cut down to the characters
 * the page uses and compressed as WOFF2, as a data: URL. The page stays one self-contained file
 * that makes no font requests.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cached } from '../cache.js';
import { Bounded } from '../bounded.js';
import { FONT_FAMILY, FONT_FILES, FONT_WEIGHTS, type FontStyle } from '../fonts.js';

const require = createRequire(import.meta.url);
/** Part of every cache key: another subsetter may cut the font differently. */
const SUBSET_FONT_VERSION = (require('subset-font/package.json') as { version: string }).version;

/** Always included, so punctuation that print or a browser adds still matches the font. */
const BASE =
  ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~–—‘’“”…·•±';

const files = new Map<FontStyle, Promise<Buffer>>();
const readFont = (style: FontStyle) => {
  let file = files.get(style);
  if (!file) {
    file = readFile(FONT_FILES[style]);
    files.set(style, file);
  }
  return file;
};

const faces = new Map<string, Promise<string>>();

/**
 * @font-face rules for every style, each subset to the characters of `text` and of `shared` (the
 * report's data, which every document of a report passes: its characters are found once, and kept
 * by the text). Subsetting and WOFF2 compression take a few hundred milliseconds (and subset-font's
 * WebAssembly heap, which is never released), so the pipeline passes the whole report's text, every
 * document of a report shares one result, and results are kept on disk by the font's and the
 * characters' digest (see cache.ts): subset-font is loaded only when a subset is not there.
 */
export function fontFaces(text: string, shared = ''): Promise<string> {
  const chars = fontCharacters(text, shared);
  let result = faces.get(chars);
  if (!result) {
    result = subsetFaces(chars);
    faces.set(chars, result);
  }
  return result;
}

/** The characters the subsets cover: those of `text`, of `shared` and of BASE, sorted, each once. */
export function fontCharacters(text: string, shared = ''): string {
  const found = new Characters();
  found.add(BASE + text);
  found.addPoints(sharedPoints(shared));
  return found.toString();
}

/**
 * The characters of texts, each once. A text is a whole report and page, hundreds of thousands of
 * characters: it is walked once, not spread. A surrogate pair split between two texts is two
 * characters, as each text has them.
 */
class Characters {
  readonly #bmp = new Uint8Array(0x10000);
  readonly #astral = new Set<number>();

  add(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text.codePointAt(i)!;
      if (c > 0xffff) {
        this.#astral.add(c);
        i++;
      } else this.#bmp[c] = 1;
    }
  }

  addPoints(points: readonly number[]): void {
    for (const c of points) {
      if (c > 0xffff) this.#astral.add(c);
      else this.#bmp[c] = 1;
    }
  }

  points(): number[] {
    const points: number[] = [];
    for (let c = 0; c < 0x10000; c++) if (this.#bmp[c]) points.push(c);
    return [...points, ...this.#astral];
  }

  /** Sorted by UTF-16 code units, as a string sort does. */
  toString(): string {
    return this.points()
      .map((c) => String.fromCodePoint(c))
      .sort()
      .join('');
  }
}

/** The characters of texts, each once, sorted (by UTF-16 code units, as a string sort does). */
export function distinctChars(...texts: string[]): string {
  const found = new Characters();
  for (const text of texts) found.add(text);
  return found.toString();
}

/** Shared texts' code points, by the text; texts of four million characters in all are kept. */
const sharedTexts = new Bounded<{ points: readonly number[]; length: number }>(4_000_000, (kept) => kept.length);

function sharedPoints(text: string): readonly number[] {
  if (text === '') return [];
  const kept = sharedTexts.get(text);
  if (kept) return kept.points;
  const found = new Characters();
  found.add(text);
  const points = found.points();
  sharedTexts.set(text, { points, length: text.length });
  return points;
}

async function subsetFaces(chars: string): Promise<string> {
  const styles = Object.keys(FONT_WEIGHTS) as FontStyle[];
  const rules = await Promise.all(
    styles.map(async (style) => {
      const { weight, style: cssStyle } = FONT_WEIGHTS[style];
      const font = await readFont(style);
      const woff2 = await cached('woff2', [SUBSET_FONT_VERSION, font, chars], async () => {
        // CommonJS, required when first needed (its WebAssembly is large).
        const subsetFont = require('subset-font') as typeof import('subset-font').default;
        return subsetFont(font, chars, { targetFormat: 'woff2' });
      });
      const data = woff2.toString('base64');
      return `@font-face{font-family:${FONT_FAMILY};font-style:${cssStyle};font-weight:${weight};font-display:swap;src:url(data:font/woff2;base64,${data}) format("woff2")}`;
    }),
  );
  return rules.join('\n');
}
