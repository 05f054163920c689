/**
 * The chart data files: each chart's CSV exists, its filter names real columns and values, every
 * series role it declares has rows (and no row is left without a role unless others are wanted),
 * and what it prints is printable.
 */
import { message } from '../messages.js';
import type { Chart, ReportData } from '../schema/report.js';
import type { LoadedReport } from '../load/report.js';
import type { CsvFile } from '../load/csv.js';
import { filterValues, matchesFilter, roleOf } from '../charts/rows.js';
import { unprintable } from './glyphs.js';
import type { Report } from './semantics.js';
import type { Budget } from '../budget.js';

/** Reports a problem in a CSV cell: its row (an index into the file's rows) and column. */
export type CsvReport = (csv: CsvFile, row: number, column: string, text: string, rule: string) => void;

/** The distinct values of a column, for a message that lists what the filter could have said. */
function valuesOf(rows: readonly Record<string, string>[], column: string): string[] {
  return [...new Set(rows.map((r) => r[column]!))];
}

/** The filter: known columns, values that occur. Returns false when the rows cannot be chosen at all. */
function checkFilter(chart: Chart, csv: CsvFile, at: readonly (string | number)[], report: Report): boolean {
  const filter = Object.entries(chart.filter);
  const unknown = filter.filter(([column]) => !csv.columns.includes(column));
  for (const [column] of unknown)
    report(
      [...at, 'filter', column],
      message.csvMissingColumn(chart.data, column, csv.columns),
      'data/unknown-column',
      'key',
    );
  if (unknown.length) return false;
  // A value no row has is named on its own; only a combination that matches nothing is reported as a whole.
  let absent = false;
  for (const [column, value] of filter) {
    const values = filterValues(value);
    for (const [i, v] of values.entries()) {
      if (csv.rows.some((r) => r[column] === v)) continue;
      absent = true;
      const path = typeof value === 'string' ? [...at, 'filter', column] : [...at, 'filter', column, i];
      report(path, message.noRowsMatch(chart.data, column, v, valuesOf(csv.rows, column)), 'data/no-rows');
    }
  }
  return !absent;
}

/** Each declared role has rows among those kept, and every row kept has a role (unless others are drawn). */
function checkSeries(
  chart: Chart,
  csv: CsvFile,
  kept: readonly Record<string, string>[],
  at: readonly (string | number)[],
  report: Report,
) {
  const { series } = chart;
  if (!csv.columns.includes(series.column)) {
    report(
      [...at, 'series', 'column'],
      message.csvMissingColumn(chart.data, series.column, csv.columns),
      'data/unknown-column',
    );
    return;
  }
  const present = valuesOf(kept, series.column);
  for (const role of ['force', 'comparator'] as const) {
    const value = series[role];
    if (value !== undefined && !present.includes(value))
      report([...at, 'series', role], message.seriesEmpty(role, series.column, value, present), 'chart/series-empty');
  }
  if (series.others) return;
  const unmatched = valuesOf(
    kept.filter((r) => roleOf(series, r) === 'other'),
    series.column,
  );
  if (unmatched.length)
    report([...at, 'series'], message.seriesUnmatched(series.column, unmatched), 'chart/series-unmatched', 'key');
}

export function checkChartData(
  data: ReportData,
  loaded: LoadedReport,
  report: Report,
  reportCsv: CsvReport,
  budget: Budget,
): void {
  for (const [id, chart] of Object.entries(data.charts)) {
    const csv = loaded.csv.get(chart.data);
    const at = ['charts', id];
    if (!csv) {
      report(
        [...at, 'data'],
        message.unknownReference('data file', chart.data, [...loaded.csv.keys()]),
        'data/unknown-file',
      );
      continue;
    }
    if (!checkFilter(chart, csv, at, report)) continue;
    const rows = csv.rows.flatMap((r, i) => (matchesFilter(chart.filter, r) ? [i] : []));
    if (rows.length === 0) {
      report([...at, 'filter'], message.noRowsMatchAll(chart.data), 'data/no-rows');
      continue;
    }
    if (rows.length > budget.chartRows) {
      report([...at, 'filter'], message.tooManyRows(rows.length, budget.chartRows), 'budget/chart-rows');
      continue;
    }
    checkSeries(
      chart,
      csv,
      rows.map((i) => csv.rows[i]!),
      at,
      report,
    );
    for (const i of rows) {
      for (const column of csv.columns) {
        const chars = unprintable(csv.rows[i]![column]!);
        if (chars.length) reportCsv(csv, i, column, message.missingGlyphs(chars), 'data/missing-glyph');
      }
    }
  }
}
