/**
 * Texts kept measured (src/pdf/measured-text.ts) come out as pdfmake measures them afresh: the same
 * words with the same properties, the asking document's fonts provided in the same order, and the
 * asking text's own references; a text under another style in force is told apart; a text whose
 * key cannot say all that measuring reads is measured afresh; and a whole report built from kept
 * texts is byte-for-byte the report built without them.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../../src/pdf/render.js';
import { FONT_FAMILY, FONT_FILES } from '../../../src/fonts.js';
import { originalMethod } from '../../../src/pdf/pdfmake-internals.js';
import { MEASURED_PROPERTIES } from '../../../src/pdf/measure.js';
import { keptWords, measuredTextStats } from '../../../src/pdf/measured-text.js';
import { Numbering, plainValue } from '../../../src/pdf/measured-text-key.js';
import { ChartCache, renderCharts } from '../../../src/charts/stage.js';
import { buildDocument } from '../../../src/model/document.js';
import { loadReport } from '../../../src/load/report.js';
import { validateReport } from '../../../src/validate/index.js';
import { loadTemplates } from '../../../src/template/engine.js';
import { REPORTS, ROOT } from '../../helpers/paths.js';

const require = createRequire(import.meta.url);
type Word = Record<string, unknown>;
interface Measured {
  items: Word[];
  minWidth: number;
  maxWidth: number;
}
interface Inlines {
  buildInlines: (this: Inlines, text: unknown, stack: unknown) => Measured;
}
interface Stack {
  push(entry: unknown): void;
  getProperty: (this: Stack, property: string) => unknown;
}
interface Document {
  provideFont(family: string, bold: boolean, italics: boolean): unknown;
}
const TextInlines = (
  require('pdfmake/js/TextInlines.js') as { default: { new (doc: unknown): Inlines; prototype: object } }
).default;
const StyleContextStackClass = require('pdfmake/js/StyleContextStack.js') as {
  default: {
    new (styles: object, defaults: object): Stack;
    prototype: Stack;
    getStyleProperty: (...args: unknown[]) => unknown;
  };
};
const StyleContextStack = StyleContextStackClass.default;
const PDFDocument = (require('pdfmake/js/PDFDocument.js') as { default: new (fonts: object) => Document }).default;
const ownBuildInlines = originalMethod(TextInlines.prototype, 'buildInlines') as Inlines['buildInlines'];

const styles = {
  em: { italics: true },
  note: { fontSize: 8, color: '#505a5f', lineHeight: 1.2 },
  lead: { extends: 'note', bold: true, leadingIndent: 6 },
};

/** An object a run carries but measuring only copies, as the tagging layer's structure elements. */
class Ref {
  constructor(readonly name: string) {}
}

/** Texts of many runs and styles; `refs` makes each call's own reference objects. */
function texts(): unknown[] {
  const [a, b] = [new Ref('a'), new Ref('b')];
  return [
    'Crime is down. \tThe force works well with partners, and victims are kept informed. ',
    '  two leading spaces, and trailing ones  ',
    [
      'Plain words, then ',
      { text: 'bold words ', bold: true, structElement: a },
      { text: 'in a named style', style: 'em', structElement: a },
      { text: ' and two named ', style: ['note', 'em'], structElement: b },
      { text: '1', sup: true, footnoteRef: 'n1' },
      { text: 'link that runs on', link: 'https://example.org', color: 'blue', decoration: 'underline' },
      { text: '  kept  ', preserveLeadingSpaces: true, preserveTrailingSpaces: true },
      { text: ' 0123 ', fontFeatures: ['tnum'] },
      { text: [{ text: 'nested ', italics: true }, 'runs'] },
      { text: 'to page two ', linkToPage: 2, noWrap: true },
    ],
    { text: 'A lead paragraph with its indent from a named style.', style: 'lead', structElement: b },
    [{ text: 'Indented ', leadingIndent: 12 }, 'then plain.'],
  ];
}

/** Ways a text can stand: the style in force from the stack, the default style and the named styles. */
const PLACES: { name: string; defaults: object; entries: unknown[] }[] = [
  { name: 'plain', defaults: { font: FONT_FAMILY, fontSize: 11 }, entries: [] },
  { name: 'inside a bigger node', defaults: { font: FONT_FAMILY, fontSize: 11 }, entries: [{ fontSize: 14 }, {}] },
  { name: 'under a named style', defaults: { font: FONT_FAMILY, fontSize: 11 }, entries: ['note'] },
  { name: 'bold around', defaults: { font: FONT_FAMILY, fontSize: 11 }, entries: [{ bold: true }, 'em'] },
  { name: 'another default', defaults: { font: FONT_FAMILY, fontSize: 9, lineHeight: 1.3 }, entries: [] },
];

function stackFor(place: (typeof PLACES)[number]): Stack {
  const stack = new StyleContextStack(styles, place.defaults);
  for (const entry of place.entries) stack.push(entry);
  return stack;
}

/** The words as data: fonts by their name, references by their name and whether they are `refs`' own. */
function described({ items, minWidth, maxWidth }: Measured, refs: Set<unknown>): unknown {
  const words = items.map((item) =>
    Object.entries(item).map(([key, value]) => {
      if (key === 'font') return [key, (value as { name: string }).name];
      if (value instanceof Ref) return [key, `${value.name}${refs.has(value) ? '' : ' (not the asking text’s)'}`];
      return [key, value];
    }),
  );
  return { words, minWidth, maxWidth };
}

function refsOf(text: unknown, into = new Set<unknown>()): Set<unknown> {
  if (Array.isArray(text)) for (const run of text) refsOf(run, into);
  else if (typeof text === 'object' && text !== null) {
    for (const value of Object.values(text)) if (value instanceof Ref) into.add(value);
    refsOf((text as { text?: unknown }).text, into);
  }
  return into;
}

/** Measures text `i` of a fresh texts() where it stands, kept (through the wrapper) or as pdfmake does. */
function measure(i: number, place: (typeof PLACES)[number], kept: boolean): unknown {
  const text = texts()[i];
  const inlines = new TextInlines(new PDFDocument({ [FONT_FAMILY]: FONT_FILES }));
  const measured = (kept ? inlines.buildInlines : ownBuildInlines).call(inlines, text, stackFor(place));
  return described(measured, refsOf(text));
}

describe('measured text kept for the process', () => {
  it('gives a kept text, wherever it stands, the words pdfmake gives it afresh', () => {
    const before = measuredTextStats().found;
    for (const place of PLACES) {
      for (let i = 0; i < texts().length; i++) {
        const afresh = measure(i, place, false);
        // The first call keeps the text (unless an earlier place had the same key), the second finds it.
        expect(measure(i, place, true), `${place.name}: text ${i}`).toEqual(afresh);
        expect(measure(i, place, true), `${place.name}: text ${i}, kept`).toEqual(afresh);
      }
    }
    expect(measuredTextStats().found - before).toBeGreaterThanOrEqual(PLACES.length * texts().length);
  });

  it('tells apart one text under another style in force', () => {
    const words = PLACES.map((place) => JSON.stringify(measure(0, place, true)));
    expect(new Set(words).size).toBe(PLACES.length);
  });

  it('gives the words of runs that share a reference, or not, the asking text’s own', () => {
    const runs = (first: Ref, second: Ref) => [
      { text: 'one run ', structElement: first },
      { text: 'and another', structElement: second },
    ];
    const place = stackFor(PLACES[0]!);
    const referred = (text: { structElement: Ref }[]) => {
      const inlines = new TextInlines(new PDFDocument({ [FONT_FAMILY]: FONT_FILES }));
      return inlines
        .buildInlines(text, place)
        .items.map((w) => text.findIndex((run) => run.structElement === w.structElement));
    };
    const shared = new Ref('shared');
    expect(referred(runs(shared, shared))).toEqual([0, 0, 0, 0]);
    const [a, b] = [new Ref('a'), new Ref('b')];
    expect(referred(runs(a, b))).toEqual([0, 0, 1, 1]);
    const again = new Ref('again');
    expect(referred(runs(again, again))).toEqual([0, 0, 0, 0]);
  });

  it('asks of a text’s style no property that its key leaves out', () => {
    const asked = new Set<string>();
    const { getProperty } = StyleContextStack.prototype;
    const { getStyleProperty } = StyleContextStack;
    StyleContextStack.prototype.getProperty = function (this: Stack, property: string) {
      asked.add(property);
      return getProperty.call(this, property);
    };
    StyleContextStack.getStyleProperty = (...args: unknown[]) => {
      asked.add(args[2] as string);
      return getStyleProperty(...args);
    };
    try {
      for (const place of PLACES) for (let i = 0; i < texts().length; i++) measure(i, place, false);
    } finally {
      StyleContextStack.prototype.getProperty = getProperty;
      StyleContextStack.getStyleProperty = getStyleProperty;
    }
    expect(asked.size).toBeGreaterThan(20);
    expect([...asked].filter((p) => !(MEASURED_PROPERTIES as readonly string[]).includes(p))).toEqual([]);
  });

  it('measures afresh a text whose key cannot say all that measuring reads', () => {
    const plain = stackFor(PLACES[0]!);
    const untold: [string, unknown, Stack][] = [
      ['a reference of pdfmake’s', [{ text: 'page 00', _pageRef: { positions: [] } }], plain],
      ['a function', [{ text: 'x', onDraw: () => 1 }], plain],
      ['an object where a style value is read', [{ text: 'x', color: new Ref('red') }], plain],
      [
        'an object in the style in force',
        'plain words',
        stackFor({ ...PLACES[0]!, entries: [{ color: new Ref('red') }] }),
      ],
      ['a number as a style', 'plain words', stackFor({ ...PLACES[0]!, entries: [5, {}] })],
      ['a number that JSON writes as null', [{ text: 'x', fontSize: Number.NaN }], plain],
    ];
    for (const [name, text, stack] of untold) {
      const before = measuredTextStats();
      const inlines = () => new TextInlines(new PDFDocument({ [FONT_FAMILY]: FONT_FILES }));
      const afresh = described(ownBuildInlines.call(inlines(), text, stack), refsOf(text));
      for (let i = 0; i < 2; i++)
        expect(described(inlines().buildInlines(text, stack), refsOf(text)), name).toEqual(afresh);
      const after = measuredTextStats();
      expect([after.found, after.texts], name).toEqual([before.found, before.texts]);
    }
  });

  it('tells apart styles of one name in two documents', () => {
    const text = [{ text: 'A note in a named style', style: 'note' }];
    const measuredIn = (note: object, kept: boolean) => {
      const inlines = new TextInlines(new PDFDocument({ [FONT_FAMILY]: FONT_FILES }));
      const stack = new StyleContextStack({ ...styles, note }, PLACES[0]!.defaults);
      return described((kept ? inlines.buildInlines : ownBuildInlines).call(inlines, text, stack), new Set());
    };
    for (const note of [{ fontSize: 8 }, { fontSize: 13, bold: true }, { fontSize: 8 }]) {
      expect(measuredIn(note, true), JSON.stringify(note)).toEqual(measuredIn(note, false));
    }
  });

  it('measures afresh a kept text in a document whose fonts are other files', () => {
    const swapped = {
      normal: FONT_FILES.bold,
      bold: FONT_FILES.normal,
      italics: FONT_FILES.bolditalics,
      bolditalics: FONT_FILES.italics,
    };
    const widths = (fonts: object, kept: boolean) => {
      const inlines = new TextInlines(new PDFDocument({ [FONT_FAMILY]: fonts }));
      const { items } = (kept ? inlines.buildInlines : ownBuildInlines).call(inlines, texts()[0], stackFor(PLACES[0]!));
      return items.map((w) => w.width);
    };
    const regular = widths(FONT_FILES, true);
    expect(widths(FONT_FILES, true)).toEqual(regular);
    const bold = widths(swapped, false);
    expect(bold).not.toEqual(regular);
    expect(widths(swapped, true)).toEqual(bold);
    expect(widths(FONT_FILES, true)).toEqual(regular);
  });

  it('gives each document its own fonts, provided in the order measuring provides them', () => {
    const text = ['Words in ', { text: 'bold, ', bold: true }, { text: 'italic ', italics: true }, 'and plain.'];
    const provided = (kept: boolean) => {
      const doc = new PDFDocument({ [FONT_FAMILY]: FONT_FILES });
      const order: string[] = [];
      const provideFont = doc.provideFont.bind(doc);
      doc.provideFont = (family, bold, italics) => {
        order.push(`${family} ${bold} ${italics}`);
        return provideFont(family, bold, italics);
      };
      const inlines = new TextInlines(doc);
      const { items } = (kept ? inlines.buildInlines : ownBuildInlines).call(inlines, text, stackFor(PLACES[0]!));
      const fonts = items.map((w) => w.font);
      const own = [
        provideFont(FONT_FAMILY, false, false),
        provideFont(FONT_FAMILY, true, false),
        provideFont(FONT_FAMILY, false, true),
      ];
      return { first: [...new Set(order)], theDocument: fonts.every((f) => own.includes(f)) };
    };
    const afresh = provided(false);
    expect(afresh.first.length).toBe(3);
    provided(true);
    expect(provided(true)).toEqual({ first: afresh.first, theDocument: true });
  });

  it('keeps no font or reference of the documents it measured for', () => {
    measure(2, PLACES[0]!, true);
    let words = 0;
    for (const word of keptWords()) {
      words++;
      expect(word.font).toBeNull();
      for (const [key, value] of Object.entries(word)) expect(plainValue(value), key).toBe(true);
    }
    expect(words).toBeGreaterThan(0);
  });

  it('numbers contents within a bound, never giving one number to two contents', () => {
    const numbering = new Numbering(3);
    const given = new Map<number, string>();
    for (const content of ['a', 'b', 'a', 'c', 'd', 'a', 'e', 'b', 'f', 'a']) {
      const number = numbering.of(content);
      expect(given.get(number) ?? content, `${content} got ${number}`).toBe(content);
      given.set(number, content);
    }
    expect(numbering.of('f')).toBe(numbering.of('f'));
    expect(given.size).toBeGreaterThan(6);
  });

  it('builds a report from kept texts byte-for-byte as without them', async () => {
    const templates = await loadTemplates(path.join(ROOT, 'templates'));
    const report = validateReport(await loadReport(REPORTS, 'kent-2014'));
    const model = async () =>
      renderCharts(
        buildDocument(templates.render('report', report.data), report.data, { kind: 'report' }),
        report,
        new ChartCache(path.join(ROOT, 'charts')),
      );
    const wrapped = TextInlines.prototype as Inlines;
    const { buildInlines } = wrapped;
    wrapped.buildInlines = ownBuildInlines;
    let afresh: Buffer;
    try {
      afresh = await renderPdf(await model());
    } finally {
      wrapped.buildInlines = buildInlines;
    }
    const before = measuredTextStats().found;
    const first = await renderPdf(await model());
    const again = await renderPdf(await model());
    expect(measuredTextStats().found - before).toBeGreaterThan(200);
    expect(first.equals(afresh)).toBe(true);
    expect(again.equals(afresh)).toBe(true);
  }, 60_000);
});
