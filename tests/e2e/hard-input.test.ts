/**
 * Hard but valid input renders correctly: Welsh letters, typographic punctuation, non-breaking
 * hyphens, very long words and URLs in table cells, a 1,000-row table, 200 recommendations, an
 * empty section, a question without recommendations, and figures that are not available.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBuilder, type Rendered } from '../../src/pipeline.js';
import { testPaths } from '../helpers/paths.js';
import { baseReport, baseText, writeVariant } from '../helpers/variant.js';
import { pdfText } from '../helpers/poppler.js';
import { descendants, readTagged } from '../helpers/tagged.js';
import { htmlText, joinLines, normalise } from '../helpers/text.js';

const WELSH = 'Mae’r heddlu’n gweithio yn Llŷn, Gŵyr a Chwm Tawe — “da iawn” – ŵ ŷ Ŵ Ŷ ẁ ẃ ẅ ỳ.';
const LONG_WORD = 'LlanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogochLlanfairpwllgwyngyllgogerychwyrndrobwll';
const LONG_URL =
  'https://www.example.org/a/very/long/path/that/does/not/break/anywhere/naturally/because/it/is/one/token.html';
const ROWS = 1000;
const RECOMMENDATIONS = 200;

let rendered: Rendered[];
let pdf: string;
let html: string;
let pdfFolder: string;

beforeAll(async () => {
  const base = await baseReport();
  const rows = Array.from({ length: ROWS }, (_, i) => ({
    label: i === 0 ? LONG_WORD : i === 1 ? LONG_URL : `Row ${i + 1}`,
    values: [i % 7 === 0 ? null : i / 10, i],
  }));
  const recommendations = Array.from({ length: RECOMMENDATIONS }, (_, i) => ({
    timeframe: i % 2 ? 'Within three months' : 'Immediately',
    text: `Recommendation text number ${i + 1}, about anti\u2011social behaviour in Llŷn.`,
  }));
  const report = {
    ...base,
    overview: { ...base.overview, body: [WELSH, ...base.overview.body] },
    tables: { rates: { ...base.tables.rates, rows } },
    questions: [{ ...base.questions[0], recommendations }, base.questions[1]],
  };
  const data = await writeVariant('hard', report);
  rendered = await (await createBuilder(testPaths({ data }))).render('hard');
  pdfFolder = data;
  const file = path.join(data, 'hard', 'report.pdf');
  await writeFile(file, rendered[0]!.pdf);
  pdf = pdfText(file);
  html = htmlText(rendered[0]!.html);
}, 120_000);

describe('hard but valid input', () => {
  it('keeps Welsh letters and typographic punctuation in both editions', () => {
    expect(normalise(joinLines(pdf))).toContain(WELSH);
    expect(normalise(html)).toContain(WELSH);
  });

  it('splits a 1,000-row table across pages, repeating its header on each', () => {
    const pages = pdf.split('\f').filter((p) => /^Row \d+ /m.test(p));
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) expect(page).toContain('12 months to June 2014');
    const printed = [...pdf.matchAll(/^Row (\d+) /gm)].map((m) => Number(m[1]));
    expect(new Set(printed).size).toBe(ROWS - 2);
  });

  it('tags every page of the long table and the 200 recommendations, its header once', async () => {
    const tagged = await readTagged(path.join(pdfFolder, 'hard', 'report.pdf'));
    tagged.pages.forEach((page, i) => {
      expect(page.looseText, `page ${i + 1}: text outside marked content`).toBe(0);
      expect(page.orphans, `page ${i + 1}: MCIDs without a structure element`).toEqual([]);
    });
    const [table] = tagged.all('Table');
    const headerPages = new Set(descendants(table!.kids[0]!).flatMap((e) => e.content.map((c) => c.page)));
    expect(headerPages.size, 'the repeated header is tagged on its first page only').toBe(1);
    expect(table!.kids[1]!.kids).toHaveLength(ROWS);
  });

  it('prints figures that are missing as "not available", never NaN', () => {
    expect(pdf).not.toMatch(/NaN|undefined|null/);
    expect(html).not.toMatch(/NaN|undefined/);
    expect(pdf.match(/not available/g)!.length).toBeGreaterThanOrEqual(Math.floor(ROWS / 7));
  });

  it('keeps long words and URLs in table cells', () => {
    expect(pdf.replace(/\n/g, '')).toContain(LONG_WORD);
    expect(pdf.replace(/\n/g, '')).toContain(LONG_URL);
    expect(html).toContain(LONG_URL);
  });

  it('prints all 200 recommendations with their numbers, in both editions', () => {
    const text = normalise(joinLines(pdf));
    for (let i = 1; i <= RECOMMENDATIONS; i++) {
      expect(text).toContain(`Recommendation text number ${i}, about anti-social behaviour in Llŷn.`);
      expect(normalise(html)).toContain(`Recommendation text number ${i}, about`);
    }
    expect(text).toContain(`Recommendation ${RECOMMENDATIONS}`);
  });

  it('gives a handout to the question with 200 recommendations, and to the one with none', () => {
    const names = rendered.map((r) => r.name);
    expect(names).toContain('handouts/preventing-crime');
    expect(htmlText(rendered.find((r) => r.name === 'handouts/keeping-safe')!.html)).toContain(
      'The inspection made no recommendations under this question.',
    );
  });
});

describe('a chart whose chosen rows have no figures', () => {
  it('is a problem with the data, placed at the chart’s filter', async () => {
    const { ReportError, formatProblem } = await import('../../src/problems.js');
    const text = await baseText();
    // The source has no population, so no rate, for Welsh force areas.
    const edited = text
      .replace(
        'filter: {measure: Crime excluding fraud}',
        'filter: {measure: Crime excluding fraud, area: Dyfed-Powys}',
      )
      .replace(
        '{column: area, force: Dyfed-Powys, comparator: England and Wales}',
        '{column: area, force: Dyfed-Powys}',
      );
    expect(edited).not.toBe(text);
    const data = await writeVariant('nulls', edited);
    const builder = await createBuilder(testPaths({ data }));
    const error = await builder.render('nulls').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportError);
    const line = edited.split('\n').findIndex((l) => l.includes('area: Dyfed-Powys}')) + 1;
    expect((error as InstanceType<typeof ReportError>).problems.map(formatProblem)).toEqual([
      expect.stringMatching(
        new RegExp(
          `report\\.yaml:${line}:\\d+ charts\\.trend\\.filter: no row has a number in "rate_per_1000", so the chart has nothing to draw$`,
        ),
      ),
    ]);
  });
});

describe('a footnote too long for the foot of its page', () => {
  it('is reported at the footnote, not drawn over the text', async () => {
    const { ReportError, formatProblem } = await import('../../src/problems.js');
    const base = await baseReport();
    const note = Array(120).fill('This footnote goes on and on without end.').join(' ');
    const report = {
      ...base,
      introduction: { ...base.introduction, body: ['A sentence with a note.[^long]'] },
      footnotes: { long: note },
    };
    const data = await writeVariant('long-note', report);
    const error = await (
      await createBuilder(testPaths({ data }))
    )
      .render('long-note')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportError);
    expect((error as InstanceType<typeof ReportError>).problems.map(formatProblem)).toEqual([
      expect.stringMatching(
        /report\.yaml:\d+:\d+ footnotes\.long: the footnotes of page \d+ need \d+ points, more than half the page; shorten them$/,
      ),
    ]);
  });
});
