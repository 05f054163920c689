/**
 * The HTML edition carries its font inside it: each style of the font, cut down to the characters
 * the page uses and compressed as WOFF2, as a data: URL. The page stays one self-contained file
 * that makes no font requests.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cached } from '../cache.js';
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
 * @font-face rules for every style, each subset to the characters of `text`. Subsetting and WOFF2
 * compression take a few hundred milliseconds (and subset-font's WebAssembly heap, which is never
 * released), so the pipeline passes the whole report's text, every document of a report shares one
 * result, and results are kept on disk by the font's and the characters' digest (see cache.ts):
 * subset-font is loaded only when a subset is not there.
 */
export function fontFaces(text: string): Promise<string> {
  const chars = distinctChars(BASE + text);
  let result = faces.get(chars);
  if (!result) {
    result = subsetFaces(chars);
    faces.set(chars, result);
  }
  return result;
}

/**
 * The characters of a text, each once, sorted (by UTF-16 code units, as a string sort does). The text
 * is a whole report and page, hundreds of thousands of characters: it is walked once, not spread.
 */
export function distinctChars(text: string): string {
  const bmp = new Uint8Array(0x10000);
  const astral = new Set<number>();
  for (let i = 0; i < text.length; i++) {
    const c = text.codePointAt(i)!;
    if (c > 0xffff) {
      astral.add(c);
      i++;
    } else bmp[c] = 1;
  }
  const chars: string[] = [];
  for (let c = 0; c < 0x10000; c++) if (bmp[c]) chars.push(String.fromCharCode(c));
  for (const c of astral) chars.push(String.fromCodePoint(c));
  return chars.sort().join('');
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
