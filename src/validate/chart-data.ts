/** The chart data files: each chart's CSV exists, its filter names real columns and values, and what it prints is printable. */
import { message } from '../messages.js';
import type { ReportData } from '../schema/report.js';
import type { LoadedReport } from '../load/report.js';
import type { CsvFile } from '../load/csv.js';
import { unprintable } from './glyphs.js';
import type { Report } from './semantics.js';
import type { Budget } from '../budget.js';

/** Reports a problem in a CSV cell: its row (an index into the file's rows) and column. */
export type CsvReport = (csv: CsvFile, row: number, column: string, text: string, rule: string) => void;

/** The distinct values of a column, for a message that lists what the filter could have said. */
function valuesOf(csv: CsvFile, column: string): string[] {
  return [...new Set(csv.rows.map((r) => r[column]!))];
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
    const filter = Object.entries(chart.filter);
    const unknown = filter.filter(([column]) => !csv.columns.includes(column));
    for (const [column] of unknown)
      report(
        [...at, 'filter', column],
        message.csvMissingColumn(chart.data, column, csv.columns),
        'data/unknown-column',
        'key',
      );
    if (unknown.length) continue;
    // A value no row has is named on its own; only a combination that matches nothing is reported as a whole.
    const absent = filter.filter(([column, value]) => !csv.rows.some((r) => r[column] === value));
    for (const [column, value] of absent) {
      report(
        [...at, 'filter', column],
        message.noRowsMatch(chart.data, column, value, valuesOf(csv, column)),
        'data/no-rows',
      );
    }
    const rows = csv.rows.flatMap((r, i) => (filter.every(([k, v]) => r[k] === v) ? [i] : []));
    if (absent.length === 0 && rows.length === 0)
      report([...at, 'filter'], message.noRowsMatchAll(chart.data), 'data/no-rows');
    if (rows.length > budget.chartRows) {
      report([...at, 'filter'], message.tooManyRows(rows.length, budget.chartRows), 'budget/chart-rows');
      continue;
    }
    for (const i of rows) {
      for (const column of csv.columns) {
        const chars = unprintable(csv.rows[i]![column]!);
        if (chars.length) reportCsv(csv, i, column, message.missingGlyphs(chars), 'data/missing-glyph');
      }
    }
  }
}
