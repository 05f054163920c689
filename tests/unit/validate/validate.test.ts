import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../../src/load/yaml.js';
import { validateReport } from '../../../src/validate/index.js';
import { formatProblem, ReportError } from '../../../src/problems.js';
import { parseCsv } from '../../../src/load/csv.js';
import type { LoadedReport } from '../../../src/load/report.js';
import { REPORTS } from '../../helpers/paths.js';

const KENT = readFileSync(path.join(REPORTS, 'kent-2014/report.yaml'), 'utf8');
const CSV = parseCsv('recorded-crime.csv', readFileSync(path.join(REPORTS, 'kent-2014/recorded-crime.csv'), 'utf8'));

function load(text: string): LoadedReport {
  const parsed = parseYaml('report.yaml', text);
  if ('problems' in parsed) throw new ReportError(parsed.problems);
  if (!('csv' in CSV)) throw new Error('csv fixture');
  return { id: 'kent-2014', dir: '.', source: parsed.source, csv: new Map([['recorded-crime.csv', CSV.csv]]) };
}

function errors(text: string): string[] {
  try {
    validateReport(load(text));
  } catch (error) {
    if (error instanceof ReportError) return error.problems.map(formatProblem);
    throw error;
  }
  return [];
}

/** The 1-based line and column where `needle` first occurs in `text` (after `from`). */
function position(text: string, needle: string, from = 0): string {
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`fixture lacks ${needle}`);
  const before = text.slice(0, at).split('\n');
  return `${before.length}:${before.at(-1)!.length + 1}`;
}

describe('validateReport', () => {
  it('accepts the Kent report', () => {
    expect(errors(KENT)).toEqual([]);
  });

  it('names the file, line, column and data path of a judgment outside the grades', () => {
    const text = KENT.replace('judgment: good', 'judgment: great');
    const at = position(text, 'great');
    expect(errors(text)).toEqual([
      `report.yaml:${at} questions[0].judgment: expected one of outstanding, good, requires-improvement, inadequate, found "great"`,
    ]);
  });

  it('reports a missing field at the object that lacks it, and an unknown field at its key', () => {
    const text = KENT.replace(/- timeframe: Immediately\n +text:/, '- text:').replace(
      '  area: Kent',
      '  area: Kent\n  colour: blue',
    );
    const problems = errors(text);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toBe(
      `report.yaml:${position(text, 'colour')} meta.colour: unknown field "colour"; expected one of force, area, title, published, publisher, author, language, licence`,
    );
    expect(problems[1]).toMatch(
      /^report\.yaml:\d+:\d+ questions\[0\]\.recommendations\[0\]: missing required field "timeframe"$/,
    );
  });

  it('lists every problem in a file at once, in file order', () => {
    const text = KENT.replace('published: "2014-11"', 'published: November').replace('value: 243', 'value: many');
    const problems = errors(text);
    expect(problems.map((p) => p.split(' ')[1])).toEqual(['meta.published:', 'figures.iomOffenders.value:']);
    expect(problems[1]).toContain('expected the value, or null where it is not available');
  });

  it('refuses NaN and infinite figures', () => {
    const text = KENT.replace(/value: 86\.7/, 'value: .nan');
    const problems = errors(text);
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems)
      expect(p).toMatch(
        new RegExp(
          `^report\\.yaml:${position(text, '.nan')} figures\\.victimSatisfaction\\.value: .*found NaN$`,
        ),
      );
  });

  it('refuses a share over 100 percent', () => {
    const text = KENT.replace(/value: 25\b/, 'value: 125');
    expect(errors(text)).toEqual([
      `report.yaml:${position(text, '125')} figures.detectionRate.value: a figure in percent is a share from 0 to 100; use percent-change for a change`,
    ]);
  });

  it('finds duplicate ids, unknown references and unknown footnotes', () => {
    const text = KENT.replace('id: methodology', 'id: introduction')
      .replace('{figure: crime-trend}', '{figure: crime-trends}')
      .replace('(IOM)[^iom]', '(IOM)[^iom2]');
    const problems = errors(text);
    expect(
      problems.some((p) =>
        p.includes('methodology.id: duplicate id "introduction"; it is already used at introduction.id'),
      ),
    ).toBe(true);
    expect(problems.some((p) => p.includes('unknown chart "crime-trends"; expected one of crime-trend'))).toBe(true);
    expect(problems.some((p) => p.includes('unknown footnote "[^iom2]"; expected one of [^iom]'))).toBe(true);
    expect(problems.some((p) => p.includes('footnotes.iom: footnote "iom" is never cited'))).toBe(true);
  });

  it('refuses an unknown component in prose', () => {
    const text = KENT.replace(
      'Kent Police has seen larger increases',
      '::bar-chart{id=x}\n\n      Kent Police has seen larger increases',
    );
    expect(errors(text)[0]).toMatch(
      /overview\.body\[0\]: unknown component "::bar-chart"; expected one of ::summary-grid/,
    );
  });
});

describe('anchors', () => {
  it('refuse an id that clashes with one the templates derive, or the summary handout', () => {
    const clash = KENT.replace('id: introduction', 'id: cutting-crime-summary');
    expect(errors(clash)).toEqual([
      `report.yaml:${position(clash, 'cutting-crime-summary')} introduction.id: duplicate id "cutting-crime-summary"; it is already used at overview.id (as "cutting-crime-summary")`,
    ]);
    const reserved = KENT.replace('id: tackling-asb', 'id: summary');
    expect(errors(reserved)[0]).toMatch(/questions\[2\]\.id: "summary" is the name of the summary handout/);
  });

  it('refuse a figure placed twice', () => {
    const twice = KENT.replace('- {table: rates}', '- {table: rates}\n          - {table: rates}');
    expect(errors(twice)[0]).toMatch(
      /body\[\d+\]\.table: the table "rates" is already placed at questions\[0\]\.sections\[0\]\.body\[\d+\]\.table/,
    );
  });
});
