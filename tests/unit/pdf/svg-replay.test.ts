import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import '../../../src/pdf/render.js';
import { FONT_FAMILY, FONT_FILES } from '../../../src/fonts.js';
import {
  fits,
  parseTape,
  record,
  replay,
  replaying,
  type Doc,
  type Op,
  type SvgOptions,
  type SvgToPdf,
} from '../../../src/pdf/svg-replay.js';
import { cacheSetting } from '../../helpers/cache.js';

const require = createRequire(import.meta.url);
const PDFDocument = (require('pdfmake/js/PDFDocument.js') as { default: new (...args: unknown[]) => Doc }).default;
/** svg-to-pdfkit itself, as pdfmake ships it. */
const draw = require('pdfmake/js/3rd-party/svg-to-pdfkit/source.js') as SvgToPdf;
const cache = cacheSetting();

/** pdfmake's font callback, for the one family. */
const options = (): SvgOptions => ({
  width: 200,
  height: 100,
  assumePt: true,
  useCSS: false,
  fontCallback: (_family, bold, italic) =>
    FONT_FILES[bold ? (italic ? 'bolditalics' : 'bold') : italic ? 'italics' : 'normal'],
});

/** A chart as Vega draws one: paths, lines, dashes, opacity and text in two weights. */
const CHART = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">
  <g transform="translate(10,5)">
    <path d="M0,0h150v80h-150Z" fill="#eeeeee" stroke="#cccccc" opacity="0.8"/>
    <line x2="150" y2="80" stroke="#123566" stroke-width="1.5" stroke-dasharray="2,1"/>
    <circle cx="100" cy="50" r="4" fill="#cc0000" fill-opacity="0.5"/>
    <text x="5" y="20" font-family="SourceSans3" font-size="11" fill="#333333">Recorded crime, 2014</text>
    <text x="5" y="40" font-family="SourceSans3" font-size="9" font-weight="bold">Area A: 63.2 – 71.0</text>
  </g>
</svg>`;

/** The bytes of a one-page PDF (uncompressed, dated the same) made by `steps`. */
async function pdf(steps: (doc: Doc) => void): Promise<string> {
  const doc = new PDFDocument(
    { [FONT_FAMILY]: FONT_FILES },
    {},
    {},
    {},
    {
      info: { CreationDate: new Date(0) },
      compress: false,
    },
  ) as Doc & { on(event: string, f: (chunk?: Buffer) => void): void; end(): void };
  const chunks: Buffer[] = [];
  doc.on('data', (chunk) => chunks.push(chunk!));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  steps(doc);
  doc.end();
  await ended;
  return Buffer.concat(chunks).toString('latin1');
}

/** A document with nothing drawn yet, for `fits`. */
const blank = async () => {
  let made: Doc | null = null;
  await pdf((doc) => (made = doc));
  return made!;
};

/** Text set before the chart, so the chart's fonts get other ids and its glyphs other numbers. */
const textFirst = (doc: Doc) => {
  const d = doc as unknown as {
    font(f: string): { fontSize(n: number): { text(t: string, x: number, y: number): void } };
  };
  d.font(FONT_FILES.bold).fontSize(12).text('Zebra quartz, 1 2 3', 50, 300);
  d.font(FONT_FILES.normal).fontSize(10).text('xylophone jigs', 50, 320);
};

const none = () => {};

describe('a chart’s drawing, recorded and replayed', () => {
  it('replays to the bytes svg-to-pdfkit draws, in documents whose fonts and glyphs are numbered otherwise', async () => {
    let tape: Op[] | null = null;
    const recorded = await pdf((doc) => (tape = record(draw, doc, CHART, 40, 60, options())));
    expect(recorded).toBe(await pdf((doc) => draw(doc, CHART, 40, 60, options())));
    expect(tape).not.toBeNull();
    const ops: Op[] = tape!;
    // It holds the text by font and text, and nothing of the document it was recorded in.
    expect(ops.filter((op) => op[0] === 'encode').map((op) => op[2])).toEqual([
      'Recorded crime, 2014',
      'Area A: 63.2 – 71.0',
    ]);
    const stored = parseTape(Buffer.from(JSON.stringify(ops)));
    expect(stored).toEqual(ops);
    for (const before of [none, textFirst]) {
      const drawn = await pdf((doc) => (before(doc), draw(doc, CHART, 40, 60, options())));
      expect(await pdf((doc) => (before(doc), replay(ops, doc)))).toBe(drawn);
      expect(await pdf((doc) => (before(doc), replay(stored!, doc)))).toBe(drawn);
    }
    // With the text first, its fonts took the first ids: the replay names the chart's fonts otherwise.
    const fontIds = (bytes: string) => [...bytes.matchAll(/\/(F\d+) [\d.]+ Tf/g)].map((m) => m[1]);
    expect(fontIds(recorded)).toEqual(['F2', 'F3']);
    expect(fontIds(await pdf((doc) => (textFirst(doc), replay(ops, doc))))).toEqual(['F2', 'F3', 'F3', 'F2']);
  });

  it('keeps no tape of a drawing that reads what it does not know, which is drawn as before', async () => {
    const gradient = CHART.replace(
      '<g transform',
      '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="#000"/></linearGradient></defs><g transform',
    ).replace('fill="#eeeeee"', 'fill="url(#g)"');
    const link = CHART.replace('<circle', '<a href="https://example.org/"><circle').replace('"0.5"/>', '"0.5"/></a>');
    for (const svg of [gradient, link]) {
      let tape: Op[] | null = [];
      const recorded = await pdf((doc) => (tape = record(draw, doc, svg, 40, 60, options())));
      expect(tape).toBeNull();
      expect(recorded).toBe(await pdf((doc) => draw(doc, svg, 40, 60, options())));
    }
  });

  it('draws anew where the document’s earlier text gave a glyph of the chart other characters', async () => {
    cache.off();
    // "ff" is set as one glyph that stands for two characters; so is "ﬀ", as one. svg-to-pdfkit counts
    // the characters of a glyph's first use to give each later character its own x.
    const svg = CHART.replace('x="5" y="20"', 'x="5 50 60 70 80 90" y="20"').replace('Recorded crime, 2014', 'ffab');
    const ligatureFirst = (doc: Doc) =>
      (doc as unknown as { font(f: string): { text(t: string, x: number, y: number): void } })
        .font(FONT_FILES.normal)
        .text('\ufb00', 50, 300);
    let draws = 0;
    const replayer = replaying((...args) => (draws++, draw(...args)));
    expect(await pdf((doc) => replayer(doc, svg, 40, 60, options()))).toBe(
      await pdf((doc) => draw(doc, svg, 40, 60, options())),
    );
    let tape: Op[] | null = null;
    await pdf((doc) => (tape = record(draw, doc, svg, 40, 60, options())));
    expect(tape).not.toBeNull();
    expect(fits(tape!, await blank(), options())).toBe(true);
    const drawn = await pdf((doc) => (ligatureFirst(doc), draw(doc, svg, 40, 60, options())));
    expect(await pdf((doc) => (ligatureFirst(doc), replayer(doc, svg, 40, 60, options())))).toBe(drawn);
    expect(draws).toBe(2);
    // The tape is kept for the documents it fits.
    expect(await pdf((doc) => replayer(doc, svg, 40, 60, options()))).toBe(
      await pdf((doc) => draw(doc, svg, 40, 60, options())),
    );
    expect(draws).toBe(2);
    // A recording in such a document is not kept.
    await pdf((doc) => (ligatureFirst(doc), (tape = record(draw, doc, svg, 40, 60, options()))));
    expect(tape).toBeNull();
  });

  it('reads back only a tape made of the steps it knows, each font named before its use', async () => {
    let tape: Op[] = [];
    await pdf((doc) => (tape = record(draw, doc, CHART, 40, 60, options())!));
    const read = (ops: unknown) => parseTape(Buffer.from(JSON.stringify(ops)));
    expect(read(tape)).toEqual(tape);
    const font = tape.findIndex((op) => op[0] === 'font');
    const tj = tape.findIndex((op) => op[0] === 'TJ');
    expect(read([...tape, ['call', 'end', []]])).toBeNull();
    expect(read([...tape, ['call', 'constructor', []]])).toBeNull();
    expect(read([...tape, ['content', '/Gs1 gs']])).toBeNull();
    expect(read(tape.filter((_, i) => i !== font))).toBeNull();
    const unknownGlyph = tape.map((op, i) => (i === tj ? ['TJ', op[1], '[<ffff> 0] TJ'] : op));
    expect(read(unknownGlyph)).toBeNull();
    expect(parseTape(Buffer.from('[["call", "save", [NaN]]'))).toBeNull();
    // Nothing that would write other content than svg-to-pdfkit does.
    const tf = tape.findIndex((op) => op[0] === 'Tf');
    expect(read(tape.map((op, i) => (i === tf ? ['Tf', op[1], '9 Tf 0 0 100 100 re f'] : op)))).toBeNull();
    expect(
      read(tape.map((op, i) => (i === tj ? ['TJ', op[1], `${op[2] as string} 0 0 100 100 re f [<0001> 0] TJ`] : op))),
    ).toBeNull();
    expect(read([...tape, ['call', 'lineCap', ['0 J 0 0 100 100 re f']]])).toBeNull();
    const encode = tape.findIndex((op) => op[0] === 'encode');
    expect(read(tape.map((op, i) => (i === encode ? [...op.slice(0, 4), [], []] : op)))).toBeNull();
    expect(read([['restoreFill']])).toBeNull();
    expect(parseTape(null)).toBeNull();
  });

  it('records once, then replays from memory, and in a new process from the cache folder', async () => {
    const dir = await cache.fresh('svg-tape-');
    let draws = 0;
    const counting: SvgToPdf = (...args) => (draws++, draw(...args));
    const expected = await pdf((doc) => draw(doc, CHART, 40, 60, options()));
    const first = replaying(counting);
    expect(await pdf((doc) => first(doc, CHART, 40, 60, options()))).toBe(expected);
    expect(await pdf((doc) => first(doc, CHART, 40, 60, options()))).toBe(expected);
    expect(draws).toBe(1);
    expect(await readdir(path.join(dir, 'svg-tape'))).toHaveLength(1);
    // A new process: its memory is empty, the cache folder has the tape.
    expect(await pdf((doc) => replaying(counting)(doc, CHART, 40, 60, options()))).toBe(expected);
    expect(draws).toBe(1);
    // Elsewhere on the page is another drawing, recorded anew.
    await pdf((doc) => first(doc, CHART, 40, 80, options()));
    expect(draws).toBe(2);
    // A document whose font callback names other fonts (italics for the regular text) is drawn anew.
    const italic = { ...options(), fontCallback: (_f: string, bold: boolean) => FONT_FILES[bold ? 'bold' : 'italics'] };
    const drawnItalic = await pdf((doc) => draw(doc, CHART, 40, 60, italic));
    expect(drawnItalic).not.toBe(expected);
    expect(await pdf((doc) => first(doc, CHART, 40, 60, italic))).toBe(drawnItalic);
    expect(draws).toBe(3);
    expect(await pdf((doc) => first(doc, CHART, 40, 60, italic))).toBe(drawnItalic);
    expect(draws).toBe(3);
    // With the cache off, each process records its own.
    cache.off();
    expect(await pdf((doc) => replaying(counting)(doc, CHART, 40, 60, options()))).toBe(expected);
    expect(draws).toBe(4);
  });
});
