/**
 * The cells a chart draws, typed by the spec that draws them: every cell of a quantitative column
 * must be a number or blank, and every cell of a temporal column a real date. A cell that is not is
 * placed at its CSV line and column, never a point that silently goes missing. A blank number is a
 * value the source does not have (ONS leaves rates blank where it has no population): the line is
 * broken there, a gap the reader sees (Vega-Lite breaks paths at null values), not joined across.
 */
import type { CsvFile } from '../load/csv.js';
import { capped, type Problem } from '../problems.js';
import { message } from '../messages.js';
import type { ChartSpec } from './spec.js';
import { isRealDate } from '../format.js';

const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/** The fields the spec encodes with a type it needs to read from text. */
export function typedFields(spec: ChartSpec): Map<string, 'quantitative' | 'temporal'> {
  const fields = new Map<string, 'quantitative' | 'temporal'>();
  const encoding = spec.encoding;
  if (!encoding || typeof encoding !== 'object') return fields;
  for (const def of Object.values(encoding as Record<string, unknown>)) {
    if (!def || typeof def !== 'object') continue;
    const { field, type } = def as { field?: unknown; type?: unknown };
    if (typeof field === 'string' && (type === 'quantitative' || type === 'temporal')) fields.set(field, type);
  }
  return fields;
}

/** Problems in the cells of `rows` (indices into the file's rows), at most a screenful and a count. */
export function cellProblems(spec: ChartSpec, csv: CsvFile, rows: readonly number[]): Problem[] {
  const problems: Problem[] = [];
  for (const [field, type] of typedFields(spec)) {
    if (!csv.columns.includes(field)) continue; // a field the spec derives itself
    for (const i of rows) {
      const cell = Object.hasOwn(csv.rows[i]!, field) ? csv.rows[i]![field]! : '';
      const ok =
        type === 'quantitative' ? cell === '' || (NUMBER.test(cell) && Number.isFinite(Number(cell))) : isRealDate(cell);
      if (ok) continue;
      const text =
        cell === ''
          ? message.blankCell(field)
          : type === 'quantitative'
            ? message.notANumberCell(field, cell)
            : message.notADateCell(field, cell);
      const rule = type === 'quantitative' ? 'csv/not-a-number' : 'csv/not-a-date';
      problems.push({ file: csv.file, ...csv.locate(i, field), path: `(row ${i + 1}).${field}`, message: text, rule });
    }
  }
  return capped(problems);
}
