import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderChart } from '../../../src/charts/render.js';
import { ROOT } from '../../helpers/paths.js';
import { isRealDate } from '../../../src/format.js';
import { capped, type Problem } from '../../../src/problems.js';

describe('dates in chart cells', () => {
  it('must exist', () => {
    expect(['2014-02-28', '2016-02-29', '2014-06', '2014'].filter(isRealDate)).toHaveLength(4);
    expect(['2014-02-31', '2015-02-29', '2014-13', '0000-11', '2014-6-30', ' 2014-06-30', ''].filter(isRealDate)).toEqual(
      [],
    );
  });
});

describe('capped problems', () => {
  const problem = (file: string, rule: string, line: number): Problem => ({
    file,
    line,
    column: 1,
    path: `(row ${line})`,
    message: 'bad',
    rule,
  });

  it('keep the first of each rule in each file and count the rest', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => problem('a.csv', 'csv/x', i + 1));
    const out = capped([...many, problem('a.csv', 'csv/y', 1), problem('b.csv', 'csv/x', 1)], 20);
    expect(out).toHaveLength(23);
    expect(out.filter((p) => p.file === 'a.csv' && p.rule === 'csv/x').map((p) => p.message).at(-1)).toBe(
      '… and 99980 more like this',
    );
  });
});

describe('a blank number in a chart', () => {
  it('is a gap the reader sees: the line breaks there instead of joining its neighbours', async () => {
    const spec = JSON.parse(readFileSync(path.join(ROOT, 'charts', 'rate-trend.vl.json'), 'utf8')) as Record<string, unknown>;
    const dates = ['2011-06-30', '2012-06-30', '2013-06-30', '2014-06-30', '2015-06-30'];
    const rows = dates.map((d, i) => ({
      '12_months_ending': d,
      area: 'A',
      measure: 'm',
      rate_per_1000: i === 2 ? '' : String(50 + i),
    }));
    const svg = await renderChart(spec, rows, 'gap');
    const line = /aria-roledescription="line mark" d="([^"]*)"/.exec(svg)?.[1] ?? '';
    expect(line.match(/M/g)).toHaveLength(2); // two pieces of line, not one across the blank
    expect(svg.match(/aria-roledescription="point"/g)).toHaveLength(4);
  });
});
