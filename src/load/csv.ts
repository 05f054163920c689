/** Reads a CSV data file, keeping each row's place in the file for problems. */
import { parse } from 'csv-parse/sync';
import { capped, fileProblem, type Problem } from '../problems.js';
import { message } from '../messages.js';

export interface CsvFile {
  file: string;
  columns: string[];
  rows: Record<string, string>[];
  /** The source line of each row, parallel to `rows`. */
  lines: number[];
  /** The line and column where a row's cell starts (row index into `rows`, column name). */
  locate(row: number, column: string): { line: number; column: number };
}

interface Parsed {
  record: string[];
  raw: string;
  info: { lines: number };
}

/** A record's own text (the parser's `raw` also holds the blank lines skipped before it) and its first line. */
function source(r: Parsed): { raw: string; line: number } {
  const raw = r.raw.replace(/^(?:[ \t]*\r?\n)+/, '').replace(/\r?\n$/, '');
  return { raw, line: r.info.lines - raw.split('\n').length + 1 };
}

/** Where each field of a raw record starts, as offsets into it. */
function fieldStarts(raw: string): number[] {
  const starts = [0];
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) starts.push(i + 1);
  }
  return starts;
}

/** The line and column of `offset` in `raw`, a record that starts on `line`. */
function positionIn(raw: string, offset: number, line: number): { line: number; column: number } {
  const before = raw.slice(0, offset).split('\n');
  return { line: line + before.length - 1, column: before.at(-1)!.length + 1 };
}

/** The opening quote of a quoted field that never closes, found by reading the text as the parser does. */
function unclosedQuote(text: string): { line: number; column: number } {
  let open = -1;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (open >= 0) {
      if (c === '"' && text[i + 1] === '"') i++;
      else if (c === '"') open = -1;
      continue;
    }
    if (c === '"' && fieldStart) open = i;
    fieldStart = c === ',' || c === '\n' || (fieldStart && (c === ' ' || c === '\t' || c === '\r'));
  }
  return positionIn(text, open < 0 ? 0 : open, 1);
}

export function parseCsv(file: string, text: string): { csv: CsvFile } | { problems: Problem[] } {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let records: Parsed[];
  try {
    records = parse(body, {
      raw: true,
      info: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    }) as unknown as Parsed[];
  } catch (error) {
    const e = error as { code?: string; lines?: number; message: string };
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
      return {
        problems: [{ file, ...unclosedQuote(body), path: '(file)', message: message.csvQuote, rule: 'csv/quote' }],
      };
    }
    const text = message.csvSyntax(e.message.replace(/^[\w ]+: /, ''));
    return { problems: [{ file, line: e.lines ?? 1, column: 1, path: '(file)', message: text, rule: 'csv/syntax' }] };
  }
  const [header, ...data] = records;
  if (!header) return { problems: [fileProblem(file, 'csv/empty', message.emptyFile)] };
  const columns = header.record.map((h) => h.trim());
  const problems: Problem[] = [];
  const head = source(header);
  const headerStarts = fieldStarts(head.raw);
  columns.forEach((name, i) => {
    if (columns.indexOf(name) !== i) {
      const at = positionIn(head.raw, headerStarts[i] ?? 0, head.line);
      problems.push({ file, ...at, path: '(header)', message: message.csvDuplicateColumn(name), rule: 'csv/header' });
    }
  });
  data.forEach((r, i) => {
    if (r.record.length === columns.length) return;
    const { raw, line } = source(r);
    const starts = fieldStarts(raw);
    const at = positionIn(raw, r.record.length > columns.length ? starts[columns.length]! : raw.length, line);
    problems.push({
      file,
      ...at,
      path: `(row ${i + 1})`,
      message: message.csvShape(columns, r.record.length),
      rule: 'csv/row-width',
    });
  });
  if (problems.length) return { problems: capped(problems) };
  if (data.length === 0) return { problems: [fileProblem(file, 'csv/empty', message.csvEmpty)] };
  return {
    csv: {
      file,
      columns,
      rows: data.map((r) => Object.fromEntries(columns.map((c, i) => [c, r.record[i] ?? '']))),
      lines: data.map((r) => source(r).line),
      locate(row, column) {
        const r = data[row];
        if (!r) return { line: 1, column: 1 };
        const { raw, line } = source(r);
        return positionIn(raw, fieldStarts(raw)[Math.max(0, columns.indexOf(column))] ?? 0, line);
      },
    },
  };
}
