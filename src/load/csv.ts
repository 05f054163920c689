/** Reads a CSV data file, keeping each row's line number for problems. */
import { parse } from 'csv-parse/sync';
import { fileProblem, type Problem } from '../problems.js';
import { message } from '../messages.js';

export interface CsvFile {
  file: string;
  columns: string[];
  rows: Record<string, string>[];
  /** The source line of each row, parallel to `rows`. */
  lines: number[];
}

export function parseCsv(file: string, text: string): { csv: CsvFile } | { problems: Problem[] } {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let records: { record: Record<string, string>; info: { lines: number } }[];
  let columns: string[] = [];
  try {
    records = parse(body, {
      columns: (header: string[]) => (columns = header.map((h) => h.trim())),
      info: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    const e = error as { lines?: number; message: string; code?: string };
    const found = /got (\d+)/.exec(e.message);
    const text =
      e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' && found
        ? message.csvShape(columns.length, Number(found[1]))
        : e.message.replace(/^Invalid Record Length: /, '');
    return { problems: [{ file, line: e.lines ?? 1, column: 1, path: '(file)', message: text, rule: 'csv/syntax' }] };
  }
  if (records.length === 0) return { problems: [fileProblem(file, 'csv/empty', message.csvEmpty)] };
  return {
    csv: { file, columns, rows: records.map((r) => r.record), lines: records.map((r) => r.info.lines) },
  };
}
