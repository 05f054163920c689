import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartRows } from '../../../src/charts/rows.js';
import { renderChart } from '../../../src/charts/render.js';
import { parseCsv } from '../../../src/load/csv.js';
import type { Chart } from '../../../src/schema/report.js';
import { ROOT } from '../../helpers/paths.js';

const NATIONAL = 'data/national/recorded-crime-2010-2014.csv';
const parsed = parseCsv(NATIONAL, readFileSync(path.join(ROOT, NATIONAL), 'utf8'));
if (!('csv' in parsed)) throw new Error('the national dataset does not parse');
const rows = parsed.csv.rows;
const spec = JSON.parse(readFileSync(path.join(ROOT, 'charts/rate-trend.vl.json'), 'utf8')) as Record<string, unknown>;

const chart = {
  filter: { measure: 'Crime excluding fraud', area: ['Kent', 'England and Wales'] },
  series: { column: 'area', force: 'Kent', comparator: 'England and Wales' },
} as unknown as Chart;

/** The colour each area's points are drawn in, read from the SVG's point marks. */
function colours(svg: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const m of svg.matchAll(/<path aria-label="[^"]*area: ([^";]+)"[^>]*fill="(#[0-9a-f]{6})"/g))
    found[m[1]!] = m[2]!;
  return found;
}

/** The colour each series' name is set in, where the line ends (the chart labels its lines directly). */
function labels(svg: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const m of svg.matchAll(/<text aria-label="[^"]*area: ([^";]+)"[^>]*fill="(#[0-9a-f]{6})">([^<]+)<\/text>/g))
    if (m[1] === m[3]) found[m[1]!] = m[2]!;
  return found;
}

describe('chart rows', () => {
  it('keep the rows whose value is one of a filter’s list, each with its series role', () => {
    const kept = chartRows(chart, rows);
    expect(new Set(kept.map((r) => r.area))).toEqual(new Set(['Kent', 'England and Wales']));
    expect(kept.every((r) => r.measure === 'Crime excluding fraud')).toBe(true);
    expect(kept.every((r) => r.role === (r.area === 'Kent' ? 'force' : 'comparator'))).toBe(true);
    expect(kept).toHaveLength(2 * 17);
  });

  it('colour, and name each line in its colour, by role whatever the order of the rows', async () => {
    const inOrder = await renderChart(spec, chartRows(chart, rows), 'a');
    const reversed = await renderChart(spec, chartRows(chart, [...rows].reverse()), 'a');
    const comparatorFirst = await renderChart(
      spec,
      chartRows(
        chart,
        [...rows].sort((a, b) => (a.area === 'England and Wales' ? -1 : b.area === 'England and Wales' ? 1 : 0)),
      ),
      'a',
    );
    // The spec's first colour is the force's, its second the comparator's.
    const [force, comparator] = (spec.encoding as { color: { scale: { range: string[] } } }).color.scale.range;
    for (const svg of [inOrder, reversed, comparatorFirst]) {
      expect(colours(svg)).toEqual({ Kent: force, 'England and Wales': comparator });
      expect(labels(svg)).toEqual({ Kent: force, 'England and Wales': comparator });
    }
  });
});
