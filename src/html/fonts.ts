/**
 * The HTML edition carries its font inside it: each style of the font, cut down to the characters
 * the page uses and compressed as WOFF2, as a data: URL. The page stays one self-contained file
 * that makes no font requests.
 */
import { readFile } from 'node:fs/promises';
import subsetFont from 'subset-font';
import { FONT_FAMILY, FONT_FILES, FONT_WEIGHTS, type FontStyle } from '../fonts.js';

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

/** @font-face rules for every style, each subset to the characters of `text`. */
export async function fontFaces(text: string): Promise<string> {
  const chars = [...new Set([...BASE, ...text])].sort().join('');
  const styles = Object.keys(FONT_WEIGHTS) as FontStyle[];
  const faces = await Promise.all(
    styles.map(async (style) => {
      const { weight, style: cssStyle } = FONT_WEIGHTS[style];
      const data = (await subsetFont(await readFont(style), chars, { targetFormat: 'woff2' })).toString('base64');
      return `@font-face{font-family:${FONT_FAMILY};font-style:${cssStyle};font-weight:${weight};font-display:swap;src:url(data:font/woff2;base64,${data}) format("woff2")}`;
    }),
  );
  return faces.join('\n');
}
