import { mkdtemp, cp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTemplates, type TemplateSet } from '../../../src/template/engine.js';
import { loadReport } from '../../../src/load/report.js';
import { validateReport } from '../../../src/validate/index.js';
import { formatProblem, ReportError } from '../../../src/problems.js';
import type { ReportData } from '../../../src/schema/report.js';
import { buildDocument } from '../../../src/model/document.js';
import { REPORTS, ROOT, testPaths } from '../../helpers/paths.js';

let templates: TemplateSet;
let kent: ReportData;

beforeAll(async () => {
  templates = await loadTemplates(path.join(ROOT, 'templates'));
  kent = validateReport(await loadReport(REPORTS, 'kent-2014')).data;
});

/** The Markdown a template wrote with the prose it placed, escapes taken out, as a reader sees the text. */
const render = (data: ReportData) => {
  const { markdown, fragments } = templates.render('report', data);
  const texts = fragments.map((f) => (f.kind === 'blocks' ? f.text : f.parts.map((p) => p.text).join(' ')));
  return [markdown, ...texts].join('\n\n').replace(/\\(.)/g, '$1');
};
const withFigures = (figures: ReportData['figures']): ReportData => ({
  ...kent,
  figures: { ...kent.figures, ...figures },
});
const figure = (name: string) => kent.figures[name]!;

describe('statements', () => {
  it('write the sentences that state figures from the figures', () => {
    const md = render(kent);
    expect(md).toContain(
      'recorded crime (excluding fraud) in the 12 months to June 2014 increased by 7 percent in Kent compared with a reduction of 16 percent across all forces in England and Wales.',
    );
    expect(md).toContain(
      'In the 12 months to March 2014, Kent Police recorded 51,214 incidents of anti-social behaviour.',
    );
  });

  it('correct the sentence when a figure is corrected', () => {
    const md = render(
      withFigures({
        recordedCrimeChange: { ...figure('recordedCrimeChange'), value: -3 },
        recordedCrimeChangeNation: { ...figure('recordedCrimeChangeNation'), value: 2 },
      }),
    );
    expect(md).toContain('reduced by 3 percent in Kent compared with an increase of 2 percent across all forces');
    expect(md).not.toContain('increased by 7 percent in Kent compared with');
  });

  it('choose the comparison from the margins of error', () => {
    const md = render(
      withFigures({
        victimSatisfaction: { ...figure('victimSatisfaction'), value: 80.1 },
        victimSatisfactionPrevious: { ...figure('victimSatisfactionPrevious'), value: 80.5, margin: 1.0 },
      }),
    );
    expect(md).toContain(
      'rate of 80.1 percent (± 1.2 percent), which is lower than the satisfaction rate in England and Wales of 85.0 percent (± 0.2 percent)',
    );
    expect(md).toContain('Its current rate is broadly in line with the 80.5 percent (± 1.0 percent)');
  });

  it('compare the anti-social behaviour rate from the rate table', () => {
    const rates = kent.tables.rates!;
    const rows = rates.rows.map((r) =>
      r.label === 'Anti-social behaviour incidents*' ? { ...r, values: [40.2, 36.8] } : r,
    );
    const md = render({ ...kent, tables: { rates: { ...rates, rows } } });
    expect(md).toContain(
      'the rate of anti-social behaviour incidents is higher than the figure for England and Wales.',
    );
  });

  it('say "not available", and why, where a rate is missing; never a comparison', () => {
    const rates = kent.tables.rates!;
    const rows = rates.rows.map((r) =>
      r.label === 'Anti-social behaviour incidents*' ? { ...r, values: [null, 36.8] } : r,
    );
    const asbRate = { ...figure('asbRate'), reason: 'the force did not supply it' };
    const md = render({ ...withFigures({ asbRate }), tables: { rates: { ...rates, rows } } });
    expect(md).toContain(
      'Anti-social behaviour is a priority for the force; the rate of anti-social behaviour incidents for Kent is not available (the force did not supply it).',
    );
    expect(md).not.toMatch(/not comparable|incidents is (higher|lower|broadly)/);
  });

  it('name the comparator from the data, not England and Wales', () => {
    const detectionRateNation = { ...figure('detectionRateNation'), area: 'its most similar group' };
    const md = render(withFigures({ detectionRateNation }));
    expect(md).toContain('which was broadly in line with the 26 percent for its most similar group.');
  });

  it('use no force name of their own: another force gets its own name', () => {
    const md = render({ ...kent, meta: { ...kent.meta, force: 'Example Constabulary', area: 'Exampleshire' } });
    expect(md).toContain('Exampleshire’s detection rate (for crimes excluding fraud)');
    expect(md).toContain('Example Constabulary had a victim satisfaction rate');
  });

  it('list the judged questions in the introduction from the questions', () => {
    const first = kent.questions[0]!;
    const data = {
      ...kent,
      questions: [{ ...first, title: 'How well does the force listen?' }, ...kent.questions.slice(1)],
    };
    const model = buildDocument(templates.render('report', data), data, { kind: 'report' });
    const section = model.blocks.find((b) => b.type === 'section' && b.id === kent.introduction.id);
    const lists = section?.type === 'section' ? section.children.filter((b) => b.type === 'list') : [];
    expect(lists).toHaveLength(1);
    const intro = JSON.stringify(lists[0]);
    expect(intro).toContain('How well does the force listen?');
    expect(intro).toContain(JSON.stringify(kent.questions[1]!.title).slice(1, -1));
    expect(intro).not.toContain(first.title);
  });
});

describe('plain text from data', () => {
  it('cannot turn into Markdown or a component', () => {
    const question = { ...kent.questions[0]!, title: 'A *bold* [link](http://x) ::figure{id=y} <b>' };
    const data = { ...kent, questions: [question, ...kent.questions.slice(1)] };
    const model = buildDocument(templates.render('report', data), data, { kind: 'report' });
    const heading = model.blocks.find((b) => b.type === 'section' && b.id === question.id);
    expect(heading?.type === 'section' && heading.title).toEqual([{ type: 'text', text: question.title, marks: [] }]);
  });
});

describe('prose from data', () => {
  it('never enters the Markdown the templates write: each text is placed by a placeholder line', () => {
    const hostile = '```text\n::summary-grid\n# Introduction {#introduction}';
    const question = { ...kent.questions[0]!, summary: ['- nested\n  - list', ...kent.questions[0]!.summary] };
    const data = {
      ...kent,
      introduction: { ...kent.introduction, body: [hostile, ['Part one', { clause: 'as of {iomOffenders.period}' }]] },
      questions: [question, ...kent.questions.slice(1)],
    };
    const { markdown, fragments } = templates.render('report', data);
    expect(markdown).not.toContain('```');
    expect(markdown).not.toContain('- nested');
    expect(markdown).not.toContain('Part one');
    expect(fragments).toContainEqual({ kind: 'blocks', text: hostile });
    expect(fragments).toContainEqual({ kind: 'blocks', text: '- nested\n  - list' });
    const paragraph = fragments.find((f) => f.kind === 'paragraph' && f.parts[0]?.text === 'Part one');
    // A statement's wording comes from data too, so it is parsed as prose like the text beside it.
    expect(paragraph).toMatchObject({ parts: [{ prose: true }, { text: 'as of July 2014', prose: true }] });
    // Every fragment has its placeholder line, at the start of a line.
    for (const [n] of fragments.entries()) expect(markdown).toMatch(new RegExp(`^(?:- )?::prose\\{n="${n}"\\}$`, 'm'));
  });
});

describe('template problems', () => {
  async function problemsWith(name: string, text: string): Promise<string[]> {
    const dir = await mkdtemp(path.join(tmpdir(), 'templates-'));
    await cp(path.join(ROOT, 'templates'), dir, { recursive: true });
    await writeFile(path.join(dir, name), text);
    try {
      await loadTemplates(dir);
    } catch (error) {
      if (error instanceof ReportError)
        return error.problems.map((p) => formatProblem({ ...p, file: path.basename(p.file) }));
      throw error;
    }
    return [];
  }

  it('name the template, line and column of an unknown helper', async () => {
    expect(await problemsWith('extra.md.hbs', 'line one\n  {{shout title}}\n')).toEqual([
      expect.stringMatching(/^extra\.md\.hbs:2:3 \(template\): unknown helper "shout"; expected one of /),
    ]);
  });

  it('name the template, line and column of an unknown partial', async () => {
    expect(await problemsWith('extra.md.hbs', '\n\n{{> partials/nope}}\n')).toEqual([
      expect.stringMatching(/^extra\.md\.hbs:3:1 \(template\): unknown partial "partials\/nope"/),
    ]);
  });

  it('name the template and line of a syntax error', async () => {
    const [problem] = await problemsWith('extra.md.hbs', 'ok\n{{#if x}}\nno end\n');
    expect(problem).toMatch(/^extra\.md\.hbs:\d+:\d+ \(template\): template syntax error/);
  });

  it('name the template of an unknown component line', async () => {
    expect(await problemsWith('extra.md.hbs', 'text\n\n::pie-chart{id="x"}\n')).toEqual([
      'extra.md.hbs:3:1 (template): unknown component "::pie-chart"; expected one of ::summary-grid, ::judgment, ::recommendations, ::rate-table, ::figure',
    ]);
  });
});

describe('a component line that names what is not there', () => {
  it('is reported against the template that wrote it', async () => {
    const { createBuilder } = await import('../../../src/pipeline.js');
    const dir = await mkdtemp(path.join(tmpdir(), 'templates-'));
    await cp(path.join(ROOT, 'templates'), dir, { recursive: true });
    const entry = path.join(dir, 'summary.md.hbs');
    const { readFile } = await import('node:fs/promises');
    await writeFile(
      entry,
      (await readFile(entry, 'utf8')).replace('::summary-grid', '::summary-grid{questions="nope"}'),
    );
    const builder = await createBuilder(testPaths({ templates: dir }));
    const error = await builder.render('kent-2014', { handout: 'summary' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportError);
    expect((error as ReportError).problems.map(formatProblem)).toEqual([
      expect.stringMatching(
        /^templates\/summary\.md\.hbs: \(line \d+ of the Markdown it writes\): no question "nope"; expected one of reducing-crime/,
      ),
    ]);
  });
});

describe('a templates folder loaded again', () => {
  it('gives the set compiled before while its templates are unchanged, and a new set once one changes', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'templates-'));
    await cp(path.join(ROOT, 'templates'), dir, { recursive: true });
    const first = await loadTemplates(dir);
    expect(await loadTemplates(dir)).toBe(first);
    const entry = path.join(dir, 'summary.md.hbs');
    const { readFile } = await import('node:fs/promises');
    await writeFile(entry, `${await readFile(entry, 'utf8')}\nAn added closing line.\n`);
    const changed = await loadTemplates(dir);
    expect(changed).not.toBe(first);
    expect(changed.render('summary', kent).markdown).toContain('An added closing line.');
    expect(first.render('summary', kent).markdown).not.toContain('An added closing line.');
  });
});
