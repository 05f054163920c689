/**
 * Typesetting rules checked on the laid-out documents (the PDF's text layer and word positions),
 * for every document of the three test reports (Kent as published and two invented ones).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GRADE_COLOUR, MARGIN, PAGE } from '../../src/pdf/theme.js';
import { GRADES } from '../../src/schema/report.js';
import type { Figure } from '../../src/model/types.js';
import { contrast, lightness } from '../helpers/colour.js';
import { REPORTS } from '../helpers/paths.js';
import { bodyLines, headingsAtFoot, lonelyLines, pageFills, underfullPages } from '../helpers/pages.js';
import { area, layOut, type Laid } from '../helpers/laid.js';
import { baseReport, writeVariant } from '../helpers/variant.js';

let documents: Laid[];

beforeAll(async () => {
  documents = [];
  for (const id of ['kent-2014', 'dyfed-powys-2014', 'northmoor-2015']) documents.push(...(await layOut(id, REPORTS)));
});

describe('every document, laid out', () => {
  it('leaves no single line of a paragraph alone at the foot or the top of a page', () => {
    for (const d of documents) expect(lonelyLines(d.text, d.doc.model), d.name).toEqual([]);
  });

  it('sets no heading in the last two lines of a page', () => {
    for (const d of documents) expect(headingsAtFoot(d.text, d.doc.model), d.name).toEqual([]);
  });

  it('fills every page but the last of a chapter to 75%, unless what follows could not fit', () => {
    for (const d of documents) expect(underfullPages(d.lines, d.doc.model, area(d.doc)), d.name).toEqual([]);
  });

  it('sets no text, chart labels included, below 7 pt at the size it is drawn', () => {
    for (const d of documents) {
      const small = d.lines.flatMap((lines, i) =>
        lines.filter((l) => l.size < 7 - 0.05).map((l) => `page ${i + 1}: ${l.text} (${l.size.toFixed(1)} pt)`),
      );
      expect(small, d.name).toEqual([]);
    }
  });

  it('draws each chart across the full column', () => {
    for (const d of documents) {
      for (const svg of d.doc.model.blocks.flatMap(function figures(b): string[] {
        if (b.type === 'figure') return b.svg ? [b.svg] : [];
        return b.type === 'section' ? b.children.flatMap(figures) : [];
      })) {
        expect(Number(/width="([\d.]+)"/.exec(svg)![1])).toBeCloseTo(PAGE.width - MARGIN.left - MARGIN.right, 0);
      }
    }
  });
});

describe('every line chart, in every drawing (the PDF column, and the HTML edition wide and on a phone)', () => {
  const figures = () =>
    documents.flatMap((d) =>
      d.doc.model.blocks.flatMap(function walk(b): { name: string; figure: Figure }[] {
        if (b.type === 'figure') return [{ name: d.name, figure: b }];
        return b.type === 'section' ? b.children.flatMap(walk) : [];
      }),
    );
  const drawings = (f: Figure) => [f.svg, f.screen?.wide, f.screen?.narrow].filter((s): s is string => !!s);
  const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => decode(m[1]!));
  const lineCharts = () => figures().filter(({ figure }) => drawings(figure).some((svg) => svg.includes('mark-line')));

  it('labels its time axis with the periods of its data, never with dates the data does not have', () => {
    expect(lineCharts().length).toBeGreaterThan(0);
    for (const { name, figure } of lineCharts()) {
      // A row's period is "June 2014": its axis label is "Jun 2014".
      const periods = new Set(figure.data!.rows.map((r) => `${r.label.slice(0, 3)} ${r.label.slice(-4)}`));
      for (const svg of drawings(figure)) {
        const labels = texts(svg).filter((t) => /^[A-Z][a-z]{2} \d{4}$/.test(t));
        expect(labels.length, `${name} ${figure.id}`).toBeGreaterThanOrEqual(2);
        for (const label of labels) expect(periods, `${name} ${figure.id}: ${label}`).toContain(label);
      }
    }
  });

  it('tells its lines apart by dash, marker shape and a label at the line, not by colour alone', () => {
    for (const { name, figure } of lineCharts()) {
      const drawn = figure.data!.columns.filter((_, i) => figure.data!.rows.some((r) => /\d/.test(r.cells[i] ?? '')));
      for (const svg of drawings(figure)) {
        const lines = [...svg.matchAll(/class="mark-line[^"]*"[\s\S]*?<\/g>/g)].map((m) => m[0]);
        const dashes = new Set(lines.flatMap((g) => [...g.matchAll(/stroke-dasharray="([^"]*)"/g)].map((m) => m[1])));
        const symbols = [...svg.matchAll(/class="mark-symbol[^"]*"[\s\S]*?<\/g>/g)].map((m) => m[0]);
        const shapes = new Set(
          symbols.flatMap((g) => [...g.matchAll(/<path[^>]*\sd="([^"]*)"/g)].map((m) => shapeOf(m[1]!))),
        );
        expect(dashes.size, `${name} ${figure.id}: dash patterns`).toBeGreaterThanOrEqual(drawn.length);
        expect(shapes.size, `${name} ${figure.id}: marker shapes`).toBeGreaterThanOrEqual(drawn.length);
        for (const series of drawn) expect(texts(svg), `${name} ${figure.id}: label`).toContain(series);
      }
    }
  });
});

/** A marker's outline without its place: its path's letters and how many numbers follow each. */
const shapeOf = (d: string) => d.replace(/-?[\d.]+(e-?\d+)?/g, 'n').replace(/[\s,]+/g, '');

const decode = (text: string) => text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');

describe('a figure that does not fit the rest of its page', () => {
  it('moves to the top of the next page while the text after it fills this one', async () => {
    const base = await baseReport();
    const filler =
      'This paragraph moves the figure down the page a few lines at a time, so that it meets every part of the foot of the page.';
    const data = await mkdtemp(path.join(tmpdir(), 'typeset-figure-'));
    const problems: string[] = [];
    for (let k = 6; k <= 14; k += 2) {
      const body = [
        ...Array<string>(k).fill(`${filler} ${filler}`),
        { figure: 'trend' },
        ...Array<string>(8).fill(`${filler} ${filler}`),
      ];
      const question = { ...base.questions[0], sections: [{ id: 'rates', title: 'Rates', body }] };
      const id = `figure-${k}`;
      await writeVariant(id, { ...base, questions: [question, ...base.questions.slice(1)] }, data);
      const [report] = await layOut(id, data);
      const underfull = underfullPages(report!.lines, report!.doc.model, area(report!.doc));
      problems.push(...underfull.map((u) => `${k} paragraphs: page ${u.page} is ${u.fill * 100}% full`));
      // Stricter than the rule for every page: the figure may not leave a hole, even though it could
      // not fit where it was.
      const figurePage = report!.lines.findIndex((lines) => lines.some((l) => l.text.startsWith('Figure: ')));
      const fills = pageFills(report!.lines, area(report!.doc));
      const top = report!.lines[figurePage]!.find((l) => l.top >= area(report!.doc).top - 1);
      const opensQuestion = top?.text.startsWith('How well does the force') ?? false;
      if (figurePage > 0 && !opensQuestion && fills[figurePage - 1]! < 0.75) {
        problems.push(
          `${k} paragraphs: the page before the figure is ${Math.round(fills[figurePage - 1]! * 100)}% full`,
        );
      }
      // Never before its place in the text: the caption follows the paragraphs that precede the figure.
      const text = report!.text.replace(/\s+/g, ' ');
      const caption = text.indexOf('Figure: ');
      const before = text.split(filler).length - 1;
      if (caption < 0) problems.push(`${k} paragraphs: no figure`);
      else if (text.slice(0, caption).split(filler).length - 1 < 2 * k) {
        problems.push(`${k} paragraphs: the figure comes before its place (${before} fillers in all)`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('a recommendation that runs onto the next page', () => {
  it('repeats its head marked "(continued)" at the top of the next page, and nowhere else', async () => {
    const base = await baseReport();
    const filler =
      'This paragraph moves the recommendation down the page a few lines at a time, so that the page breaks inside it.';
    const items = 'abcdefgh'
      .split('')
      .map(
        (letter) =>
          `(${letter}) the force should carry out the part of the plan lettered ${letter}, which takes two lines to state in full when it is set in the report;`,
      );
    const text = ['The force should make sure that:', ...items].join('\n\n');
    const data = await mkdtemp(path.join(tmpdir(), 'typeset-continued-'));
    const problems: string[] = [];
    let splits = 0;
    for (let k = 4; k <= 12; k += 2) {
      const question = {
        ...base.questions[0],
        intro: Array<string>(k).fill(`${filler} ${filler}`),
        sections: [],
        recommendations: [{ timeframe: 'Within one month', text }],
      };
      const id = `continued-${k}`;
      await writeVariant(id, { ...base, questions: [question, ...base.questions.slice(1)] }, data);
      const [report] = await layOut(id, data);
      const pages = bodyLines(report!.text, report!.doc.model.meta.runningTitle);
      const first = pages.findIndex((lines) => lines.some((l) => l.startsWith('Recommendation 1')));
      const last = pages.findIndex((lines) => lines.some((l) => l.includes('lettered h')));
      const marked = pages.flatMap((lines, i) => (lines.some((l) => l.includes('(continued)')) ? [i] : []));
      if (first < 0 || last < first) {
        problems.push(`${k} paragraphs: the recommendation is not found whole`);
        continue;
      }
      const continuing = Array.from({ length: last - first }, (_, i) => first + 1 + i);
      if (continuing.length > 0) splits++;
      expect(marked, `${k} paragraphs: pages marked "(continued)"`).toEqual(continuing);
      for (const page of continuing) {
        expect(pages[page]![0], `${k} paragraphs: the top of page ${page + 1}`).toMatch(
          /^Recommendation 1 \(continued\) Within one month$/,
        );
      }
    }
    expect(problems).toEqual([]);
    // The test means something only if the page broke inside the recommendation at least once.
    expect(splits).toBeGreaterThan(0);
  });
});

describe('a table too long to keep whole', () => {
  it('keeps its caption with its header row and first two rows, and repeats the header row on every page', async () => {
    const base = await baseReport();
    const table = base.tables.rates!;
    const rows = Array.from({ length: 40 }, (_, i) => ({
      label: `Area ${i + 1} of the table`,
      values: [i + 0.5, 60.8],
    }));
    const filler = 'This line moves the table down the page.';
    const data = await mkdtemp(path.join(tmpdir(), 'typeset-table-'));
    const problems: string[] = [];
    const split = new Set<string>();
    // From a page with room for the whole head of the table, a line at a time, to one with none.
    for (let k = 22; k <= 31; k++) {
      const body = [...Array<string>(k).fill(filler), { table: 'rates' }];
      const question = { ...base.questions[0], intro: [], sections: [{ id: 'rates', title: 'Rates', body }] };
      const id = `table-${k}`;
      await writeVariant(
        id,
        { ...base, questions: [question, ...base.questions.slice(1)], tables: { rates: { ...table, rows } } },
        data,
      );
      const [report] = await layOut(id, data);
      const { top, bottom } = area(report!.doc);
      const pages = report!.lines.map((lines) => lines.filter((l) => l.top >= top - 1 && l.bottom <= bottom + 1));
      const where = (text: string) => pages.findIndex((lines) => lines.some((l) => l.text.startsWith(text)));
      const captionPage = where(table.caption);
      const lastPage = where(`${rows.at(-1)!.label}`);
      if (captionPage < 0 || lastPage < 0) {
        problems.push(`${k} lines: the table is not found`);
        continue;
      }
      // On the caption's page: the caption, then the header row, then at least two rows.
      const lines = pages[captionPage]!;
      const after = lines.slice(lines.findIndex((l) => l.text.startsWith(table.caption)) + 1);
      if (!after[0]?.text.startsWith(table.stub))
        problems.push(`${k} lines: the caption is not followed by the header`);
      const rowsWithCaption = after.filter((l) => /^Area \d+ of the table/.test(l.text)).length;
      if (rowsWithCaption < 2) problems.push(`${k} lines: ${rowsWithCaption} rows with the caption`);
      // Every further page the table reaches starts with its header row.
      for (let p = captionPage + 1; p <= lastPage; p++) {
        split.add(`${k}`);
        if (!pages[p]![0]?.text.startsWith(table.stub))
          problems.push(`${k} lines: page ${p + 1} starts without the header`);
      }
    }
    expect(problems).toEqual([]);
    expect(split.size).toBeGreaterThan(0);
  });
});

describe('the four grades', () => {
  /** A clear step in greyscale: the four fills spread over the lightness the text colours allow. */
  const STEP = 20;

  it('lie a clear step apart in lightness, so they differ printed in greyscale', () => {
    const close: string[] = [];
    GRADES.forEach((a, i) =>
      GRADES.slice(i + 1).forEach((b) => {
        const step = Math.abs(lightness(GRADE_COLOUR[a].fill) - lightness(GRADE_COLOUR[b].fill));
        if (step < STEP) close.push(`${a} and ${b}: ${step.toFixed(1)} apart in L*`);
      }),
    );
    expect(close).toEqual([]);
  });

  it('set their text at 4.5:1 or more on their fill', () => {
    for (const g of GRADES) {
      expect(contrast(GRADE_COLOUR[g].text, GRADE_COLOUR[g].fill), g).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('have the same colours in the HTML edition (badges and judgment panels) as in the PDF', () => {
    const shown = new Set<string>();
    for (const d of documents) {
      for (const g of GRADES) {
        if (!d.doc.html.includes(`badge badge-${g}`)) continue;
        shown.add(g);
        const rule = new RegExp(
          `\\.badge-${g},\\s*\\.judgment-${g} \\{\\s*background: ([^;]+);\\s*color: ([^;]+);`,
        ).exec(d.doc.html);
        expect(rule?.slice(1), `${d.name}: ${g}`).toEqual([GRADE_COLOUR[g].fill, GRADE_COLOUR[g].text]);
      }
    }
    // The test reports between them use three of the grades.
    expect(shown.size).toBeGreaterThanOrEqual(3);
  });
});
