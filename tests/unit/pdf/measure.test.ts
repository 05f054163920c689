/**
 * Words measured once per run of the same style (src/pdf/measure.ts) come out as pdfmake's own
 * TextInlines.measure leaves them: the same words in the same order, each with the same properties
 * and the same values, for runs of many styles, named styles, raised text, links, kept and trimmed
 * spaces of every kind. (A word's properties may be in another order: each word is made whole at
 * once rather than grown one property at a time, and nothing reads them in order.)
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import '../../../src/pdf/render.js';
import { FONT_FAMILY, FONT_FILES } from '../../../src/fonts.js';
import { originalMethod } from '../../../src/pdf/pdfmake-internals.js';

const require = createRequire(import.meta.url);
type Word = Record<string, unknown>;
const TextInlines = (require('pdfmake/js/TextInlines.js') as { default: new (doc: unknown) => Inlines }).default;
const StyleContextStack = (
  require('pdfmake/js/StyleContextStack.js') as { default: new (styles: object, defaults: object) => unknown }
).default;
const PDFDocument = (require('pdfmake/js/PDFDocument.js') as { default: new (fonts: object) => unknown }).default;

const buildInlines = originalMethod(TextInlines.prototype as object, 'buildInlines') as Inlines['buildInlines'];

interface Inlines {
  buildInlines(text: unknown, stack: unknown): { items: Word[]; minWidth: number; maxWidth: number };
  measure: unknown;
}

const styles = {
  em: { italics: true },
  note: { fontSize: 8, color: '#505a5f', lineHeight: 1.2 },
  lead: { extends: 'note', bold: true, leadingIndent: 6 },
};
const defaults = { font: FONT_FAMILY, fontSize: 11 };

/** Every UTF-16 code unit `\s` matches, and three it does not (NEL, the Mongolian vowel separator, a zero-width space). */
const SPACES = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c))
  .filter((c) => /\s/.test(c))
  .join('');

const TEXTS: unknown[] = [
  `${SPACES}every kind of space${SPACES}`,
  '\u0085not spaces\u180e and\u200b',
  'Crime is down. \tThe force works well with partners, and victims are kept informed. ',
  '\u00a0A paragraph that starts and ends with no-break spaces\u00a0',
  '  two leading spaces, and trailing ones  ',
  [
    'Plain words, then ',
    { text: 'bold words ', bold: true },
    { text: 'in a named style', style: 'em' },
    { text: ' and two named ', style: ['note', 'em'] },
    { text: '1', sup: true },
    { text: '2', sub: true, fontSize: 14 },
    ' a ',
    { text: 'link that runs on', link: 'https://example.org', color: 'blue', decoration: 'underline' },
    { text: '  kept  ', preserveLeadingSpaces: true, preserveTrailingSpaces: true },
    { text: 'spaced', characterSpacing: 1.5, lineHeight: 1.4 },
    { text: ' 0123 ', fontFeatures: ['tnum'] },
    { text: 'faint', opacity: 0.4, background: 'yellow' },
    {
      text: 'dashed ',
      decoration: 'underline',
      decorationStyle: 'dashed',
      decorationColor: 'red',
      decorationThickness: 2,
    },
    { text: 'to page two ', linkToPage: 2, noWrap: true },
    { text: 'to a destination ', linkToDestination: 'summary', alignment: 'right' },
    { text: 'café\u2003wide\u3000spaces\u2028' },
    'and the same plain words again, then again.',
  ],
  { text: 'A lead paragraph with its indent from a named style.', style: 'lead' },
  [{ text: 'Indented ', leadingIndent: 12 }, 'then plain.'],
];

/** Everything measuring set on each word, by name; fonts by their name. */
function measured(text: unknown, own: boolean): unknown[] {
  const doc = new PDFDocument({ [FONT_FAMILY]: FONT_FILES });
  const inlines = new TextInlines(doc);
  if (own) inlines.measure = originalMethod(TextInlines.prototype as object, 'measure');
  // pdfmake's own buildInlines: the texts kept by measured-text.ts would answer the second call.
  const { items, minWidth, maxWidth } = buildInlines.call(
    inlines,
    structuredClone(text),
    new StyleContextStack(styles, defaults),
  );
  const words = items.map((item) =>
    Object.entries(item)
      .map(([key, value]) => (key === 'font' ? [key, (value as { name: string }).name] : [key, value]))
      .sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1)),
  );
  return [words, minWidth, maxWidth];
}

describe('measuring words', () => {
  it('gives every word what pdfmake’s own measuring gives it', () => {
    for (const text of TEXTS) expect(measured(text, false), JSON.stringify(text)).toEqual(measured(text, true));
  });
});
