/**
 * Per-question handouts: short, self-standing, and made of the question's own content only. What
 * each must contain is read from the report data, not copied into the test.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBuilder, type Rendered } from '../../src/pipeline.js';
import { loadReport } from '../../src/load/report.js';
import { validateReport } from '../../src/validate/index.js';
import { ReportError } from '../../src/problems.js';
import type { ReportData } from '../../src/schema/report.js';
import { build, built } from '../helpers/build.js';
import { GOLDEN, REPORTS, testPaths } from '../helpers/paths.js';
import { htmlGolden, modelJson } from '../helpers/golden.js';
import { pdfInfo, pdfText } from '../helpers/poppler.js';
import { htmlText, joinLines, normalise } from '../helpers/text.js';
import { bodyLines } from '../helpers/pages.js';

let kent: ReportData;
let rendered: Rendered[];
let out: string;

beforeAll(async () => {
  kent = validateReport(await loadReport(REPORTS, 'kent-2014')).data;
  rendered = await (await createBuilder(testPaths())).render('kent-2014');
  out = (await built('kent-2014')).out;
});

/** Markdown source as the words a reader sees. */
const words = (markdown: string) =>
  normalise(
    markdown
      .replace(/\[\^[^\]]+\]/g, '')
      .replace(/\\(.)/g, '$1')
      .replace(/[*_]/g, ''),
  );
const paragraphs = (markdown: string) =>
  markdown
    .split(/\n\s*\n/)
    .map(words)
    .filter(Boolean);

function texts(id: string) {
  const pdf = normalise(joinLines(pdfText(path.join(out, 'kent-2014', 'handouts', `${id}.pdf`))));
  const html = normalise(htmlText(rendered.find((r) => r.name === `handouts/${id}`)!.html));
  return { pdf, html };
}

describe('question handouts', () => {
  it('exist for every judged question, plus the summary', () => {
    expect(rendered.map((r) => r.name)).toEqual([
      'report',
      ...kent.questions.map((q) => `handouts/${q.id}`),
      'handouts/summary',
    ]);
  });

  it.each(['reducing-crime', 'investigating-offending', 'tackling-asb'])('%s is at most two A4 pages', (id) => {
    const info = pdfInfo(path.join(out, 'kent-2014', 'handouts', `${id}.pdf`));
    expect(Number(info.Pages)).toBeLessThanOrEqual(2);
    expect(info['Page size']).toBe('595.28 x 841.89 pts (A4)');
    expect(info.Title).toBe(`${kent.meta.force} — ${kent.questions.find((q) => q.id === id)!.shortTitle}`);
  });

  it('contain their question, judgment, key findings and every recommendation with its timeframe', () => {
    for (const q of kent.questions) {
      for (const [edition, text] of Object.entries(texts(q.id))) {
        const must = [
          words(q.title),
          'Good',
          `${kent.meta.force}`,
          `${kent.meta.title}`,
          'November 2014',
          ...q.summary.flatMap(paragraphs),
          ...(q.recommendations ?? []).flatMap((r) => [words(r.timeframe), ...paragraphs(r.text)]),
        ];
        for (const phrase of must) expect(text, `${q.id} ${edition} lacks: ${phrase}`).toContain(phrase);
      }
    }
  });

  it('contain nothing from the other questions', () => {
    for (const q of kent.questions) {
      const { pdf, html } = texts(q.id);
      for (const other of kent.questions.filter((o) => o !== q)) {
        const theirs = [
          words(other.title),
          ...other.gridSummary.flatMap(paragraphs),
          ...(other.recommendations ?? []).flatMap((r) => paragraphs(r.text)),
          ...other.sections.flatMap((s) =>
            s.body.filter((b): b is string => typeof b === 'string').flatMap(paragraphs),
          ),
        ].map((p) => p.slice(0, 80));
        for (const phrase of theirs) {
          expect(pdf, `${q.id} PDF shows ${other.id}: ${phrase}`).not.toContain(phrase);
          expect(html, `${q.id} HTML shows ${other.id}: ${phrase}`).not.toContain(phrase);
        }
      }
    }
  });

  it("show the figures and tables placed in their question's text, and only those", () => {
    expect(texts('reducing-crime').pdf).toContain('Figure: Recorded crime rate (per 1,000 population)');
    expect(texts('reducing-crime').pdf).toContain('Crime excluding fraud 63.5 60.7');
    expect(texts('investigating-offending').html).not.toContain('Figure:');
  });

  it('link the HTML edition to the full report and name it as the source', () => {
    for (const q of kent.questions) {
      const html = rendered.find((r) => r.name === `handouts/${q.id}`)!.html;
      expect(html).toContain('From <a href="../report.html">Kent Police — Crime inspection 2014</a>');
      expect(texts(q.id).pdf).toContain('Source: Kent Police — Crime inspection 2014, November 2014');
    }
  });

  it.each(['reducing-crime', 'investigating-offending', 'tackling-asb', 'summary'])('golden files: %s', async (id) => {
    const doc = rendered.find((r) => r.name === `handouts/${id}`)!;
    await expect(modelJson(doc.model)).toMatchFileSnapshot(
      path.join(GOLDEN, 'kent-2014', 'handouts', `${id}.model.json`),
    );
    await expect(htmlGolden(doc.html)).toMatchFileSnapshot(path.join(GOLDEN, 'kent-2014', 'handouts', `${id}.html`));
  });
});

/** Sentences of a document's text stated more than once (short fragments such as "Good" aside). */
function repeatedSentences(text: string): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const sentence of text.split(/(?<=[.?!])\s+/).map(normalise)) {
    if (sentence.length < 30) continue;
    if (seen.has(sentence)) repeated.add(sentence);
    seen.add(sentence);
  }
  return [...repeated];
}

describe('every handout', () => {
  it.each(['reducing-crime', 'investigating-offending', 'tackling-asb', 'summary'])(
    '%s states each sentence once, in both editions',
    (id) => {
      // The PDF's page footers repeat by design: read its pages' bodies only.
      const doc = rendered.find((r) => r.name === `handouts/${id}`)!;
      const raw = pdfText(path.join(out, 'kent-2014', 'handouts', `${id}.pdf`));
      const pdf = joinLines(
        bodyLines(raw, doc.model.meta.runningTitle)
          .map((l) => l.join('\n'))
          .join('\n'),
      );
      expect(repeatedSentences(pdf)).toEqual([]);
      expect(repeatedSentences(texts(id).html)).toEqual([]);
    },
  );

  it('would notice a repeated sentence', () => {
    const text = texts('tackling-asb').html;
    const sentence = text.split(/(?<=[.?!])\s+/).find((s) => s.length > 60)!;
    expect(repeatedSentences(`${text} ${sentence}`)).toEqual([normalise(sentence)]);
  });

  it('puts the judgment before everything else the question says', () => {
    for (const q of kent.questions) {
      const { pdf, html } = texts(q.id);
      for (const text of [pdf, html]) {
        const judgment = text.indexOf('Good', text.indexOf(words(q.title)) + 1);
        expect(judgment).toBeGreaterThan(0);
        expect(judgment).toBeLessThan(text.indexOf(words(q.summary[0]!).slice(0, 40)));
      }
    }
  });
});

describe('the summary handout', () => {
  it('leads with the judgments grid, on its first page', () => {
    const raw = pdfText(path.join(out, 'kent-2014', 'handouts', 'summary.pdf'));
    const first = normalise(joinLines(raw.split('\f')[0]!));
    for (const q of kent.questions) expect(first).toContain(q.gridSummary.flatMap(paragraphs)[0]!.slice(0, 60));
  });

  it('carries the overall summary and the summary grid of every question', () => {
    const { pdf, html } = texts('summary');
    for (const text of [pdf, html]) {
      for (const p of kent.overview.body.filter((b): b is string => typeof b === 'string').flatMap(paragraphs))
        expect(text).toContain(p);
      for (const q of kent.questions) for (const p of q.gridSummary.flatMap(paragraphs)) expect(text).toContain(p);
    }
  });
});

describe('a question with no recommendations', () => {
  it('still gets a handout that says so', async () => {
    const { out: dir } = await build('dyfed-powys-2014', {
      data: REPORTS,
      handout: 'keeping-safe',
    });
    const file = path.join(dir, 'dyfed-powys-2014', 'handouts', 'keeping-safe.pdf');
    const pdf = normalise(joinLines(pdfText(file)));
    expect(pdf).toContain('Inadequate');
    expect(pdf).toContain('The inspection made no recommendations under this question.');
    expect(Number(pdfInfo(file).Pages)).toBeLessThanOrEqual(2);
    const html = await readFile(file.replace(/\.pdf$/, '.html'), 'utf8');
    expect(htmlText(html)).toContain('The inspection made no recommendations under this question.');
  });
});

describe('building one handout', () => {
  it('writes only that handout', async () => {
    const { out: dir, outputs } = await build('kent-2014', { handout: 'investigating-offending' });
    expect(outputs.map((o) => path.relative(dir, o.file))).toEqual([
      'kent-2014/handouts/investigating-offending.pdf',
      'kent-2014/handouts/investigating-offending.html',
    ]);
  });

  it('names the handouts there are when asked for one that is not', async () => {
    const error = await build('kent-2014', { handout: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportError);
    expect((error as ReportError).message).toContain(
      'unknown handout "nope"; expected one of reducing-crime, investigating-offending, tackling-asb, summary',
    );
  });
});
