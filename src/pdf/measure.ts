/**
 * pdfmake measures every word of a text on its own: it resolves twenty-one style properties for it
 * (font, size, colour, decoration, link…), each through the word, its named styles and the style
 * stack, and tests it for leading and trailing spaces with two regular expressions. A text's words
 * carry the same style as the run they were cut from, so a word whose own style properties are those
 * of the word before it resolves to the same values: here they are resolved once per run of such
 * words, and its spaces are found by testing characters, not by matching patterns. Every word gets
 * the same properties with the same values as pdfmake's TextInlines.measure gives it; the method is
 * fingerprinted with the other internals (pdfmake-internals.ts).
 *
 * pdfmake adds the twenty-odd properties to the word TextBreaker made, one at a time, and V8 copies
 * the word's property store each time it outgrows it: 7.7 MB of garbage a build of a 19-page report,
 * a sixth of all it allocates. Each measured word is made here whole, in one object, with the
 * word's other properties (its text, line end, own style) copied after.
 */
import { pdfmakeInternals, wrapMethod, type StyleContextStack } from './pdfmake-internals.js';

/** A word as pdfmake's TextBreaker cuts it: its text, and the style copied from its run. */
type Word = Record<string, unknown> & { text: string };

interface MeasuringDocument {
  provideFont(family: unknown, bold: unknown, italics: unknown): { lineHeight(size: number): number };
}

interface TextInlines {
  pdfDocument: MeasuringDocument;
  widthOfText(text: string, inline: Word): number;
  measure(this: TextInlines, array: Word[], stack: StyleContextStack): Word[];
}

/** Keys a word has of its own that are not style: what TextBreaker and measuring put on it. */
const NOT_STYLE = new Set(['text', 'lineEnd', 'noNewLine', 'leadingCut', 'leadingIndent']);

/** A word's own style properties, as key and value pairs, into `into` (reused). */
function ownStyle(word: Word, into: unknown[]): void {
  into.length = 0;
  for (const key in word) {
    if (NOT_STYLE.has(key)) continue;
    into.push(key, word[key]);
  }
}

function sameStyle(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Every style property pdfmake asks while it cuts a text into words and measures them: TextBreaker
 * (wordBreak, noWrap), buildInlines (noWrap), measure (leadingIndent, and those `resolve` reads).
 * measured-text.ts keys kept words by their values where the text stands.
 */
export const MEASURED_PROPERTIES = [
  'wordBreak',
  'noWrap',
  'leadingIndent',
  'font',
  'bold',
  'italics',
  'alignment',
  'fontSize',
  'fontFeatures',
  'characterSpacing',
  'color',
  'decoration',
  'decorationColor',
  'decorationStyle',
  'decorationThickness',
  'background',
  'link',
  'linkToPage',
  'linkToDestination',
  'opacity',
  'sup',
  'sub',
  'lineHeight',
  'preserveLeadingSpaces',
  'preserveTrailingSpaces',
] as const;

type Lookup = (item: Word, stack: StyleContextStack, property: string, defaultValue: unknown) => unknown;

/** The values pdfmake resolves for a word, in the order it sets them. */
function resolve(doc: MeasuringDocument, word: Word, stack: StyleContextStack, get: Lookup) {
  const font = get(word, stack, 'font', 'Roboto');
  const bold = get(word, stack, 'bold', false);
  const italics = get(word, stack, 'italics', false);
  return {
    font: doc.provideFont(font, bold, italics),
    alignment: get(word, stack, 'alignment', 'left'),
    fontSize: get(word, stack, 'fontSize', 12) as number,
    fontFeatures: get(word, stack, 'fontFeatures', null),
    characterSpacing: get(word, stack, 'characterSpacing', 0),
    color: get(word, stack, 'color', 'black'),
    decoration: get(word, stack, 'decoration', null),
    decorationColor: get(word, stack, 'decorationColor', null),
    decorationStyle: get(word, stack, 'decorationStyle', null),
    decorationThickness: get(word, stack, 'decorationThickness', null),
    background: get(word, stack, 'background', null),
    link: get(word, stack, 'link', null),
    linkToPage: get(word, stack, 'linkToPage', null),
    linkToDestination: get(word, stack, 'linkToDestination', null),
    noWrap: get(word, stack, 'noWrap', null),
    opacity: get(word, stack, 'opacity', 1),
    sup: get(word, stack, 'sup', false),
    sub: get(word, stack, 'sub', false),
    lineHeight: get(word, stack, 'lineHeight', 1) as number,
    preserveLeadingSpaces: get(word, stack, 'preserveLeadingSpaces', false),
    preserveTrailingSpaces: get(word, stack, 'preserveTrailingSpaces', false),
  };
}

/**
 * Whether `\s` (pdfmake's patterns for leading and trailing spaces) matches the UTF-16 code unit:
 * the ASCII spaces and controls it names, and the Unicode spaces and line separators.
 */
function isSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

let installed = false;

export function installMeasurePatch(): void {
  if (installed) return;
  installed = true;
  const TextInlinesClass = pdfmakeInternals.textInlines();
  const get = pdfmakeInternals.styleContextStack().getStyleProperty as Lookup;
  wrapMethod(
    TextInlinesClass.prototype as unknown as TextInlines,
    'measure',
    () =>
      function (this: TextInlines, array, stack) {
        if (array.length) {
          const leadingIndent = get(array[0]!, stack, 'leadingIndent', 0) as number;
          if (leadingIndent) {
            array[0]!.leadingCut = -leadingIndent;
            array[0]!.leadingIndent = leadingIndent;
          }
        }
        let own: unknown[] = [];
        let before: unknown[] = [];
        let resolved: ReturnType<typeof resolve> | null = null;
        const measured = new Array<Word>(array.length);
        for (let i = 0; i < array.length; i++) {
          const item = array[i]!;
          ownStyle(item, own);
          if (!resolved || !sameStyle(own, before)) resolved = resolve(this.pdfDocument, item, stack, get);
          [own, before] = [before, own];
          const r = resolved;
          const word: Word = {
            text: item.text,
            font: r.font,
            alignment: r.alignment,
            fontSize: r.sup || r.sub ? r.fontSize * 0.58 : r.fontSize,
            fontFeatures: r.fontFeatures,
            characterSpacing: r.characterSpacing,
            color: r.color,
            decoration: r.decoration,
            decorationColor: r.decorationColor,
            decorationStyle: r.decorationStyle,
            decorationThickness: r.decorationThickness,
            background: r.background,
            link: r.link,
            linkToPage: r.linkToPage,
            linkToDestination: r.linkToDestination,
            noWrap: r.noWrap,
            opacity: r.opacity,
            sup: r.sup,
            sub: r.sub,
            width: 0,
            height: 0,
            leadingCut: item.leadingCut || 0,
            trailingCut: 0,
          };
          for (const key in item) if (!Object.hasOwn(word, key)) word[key] = item[key];
          measured[i] = word;
          const text = word.text;
          word.width = this.widthOfText(text, word);
          word.height = r.font.lineHeight(word.fontSize as number) * r.lineHeight;
          // pdfmake matches /^(\s)+/ and /(\s)+$/: the same runs of spaces, found without a pattern.
          if (!r.preserveLeadingSpaces) {
            let start = 0;
            while (start < text.length && isSpace(text.charCodeAt(start))) start++;
            if (start > 0) word.leadingCut = (word.leadingCut as number) + this.widthOfText(text.slice(0, start), word);
          }
          if (!r.preserveTrailingSpaces) {
            let end = text.length;
            while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
            if (end < text.length) word.trailingCut = this.widthOfText(text.slice(end), word);
          }
        }
        return measured;
      },
  );
}
