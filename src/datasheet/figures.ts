/**
 * The figures of every area's data sheet, computed from the national dataset: rates per 1,000
 * population, changes in recorded offences, and ranks among the areas whose rates compare. A value
 * the data cannot give is null with the reason, never NaN or Infinity.
 */
import type { CsvFile } from '../load/csv.js';
import { ReportError, type Problem } from '../problems.js';
import { message } from '../messages.js';
import type { DatasheetDefinition } from './schema.js';

export type AreaStatus = 'ok' | 'no-population' | 'flagged';

export interface Change {
  label: string;
  /** Percent change in recorded offences, this area and the comparator. */
  area: number | null;
  comparator: number | null;
}

export interface MeasureFigures {
  measure: string;
  count: number | null;
  rate: number | null;
  comparatorRate: number | null;
  /** 1 = the lowest rate; null when the area is not ranked. Areas with the same printed rate share a rank. */
  rank: number | null;
  /** How many areas were ranked on this measure. */
  ranked: number;
  /** How many other ranked areas share the rank. */
  sharedWith: number;
  changes: Change[];
}

export interface AreaSheet {
  id: string;
  area: string;
  status: AreaStatus;
  /** Why rates are missing or not comparable; null when they are. */
  reason: string | null;
  measures: MeasureFigures[];
}

/** "Avon and Somerset" → "avon-and-somerset". */
export function areaId(area: string): string {
  return area
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The dataset's columns: the figures read the counts and populations, the charts the rates. */
const COLUMNS = ['12_months_ending', 'area', 'measure', 'count', 'mid_year_pop_used', 'rate_per_1000'] as const;

interface Cell {
  count: number | null;
  population: number | null;
}

/** Reads the dataset's cells, refusing a cell that is neither empty nor a number (placed in the CSV). */
function readCells(csv: CsvFile): Map<string, Cell> {
  const missing = COLUMNS.filter((c) => !csv.columns.includes(c));
  if (missing.length)
    throw new ReportError([
      {
        file: csv.file,
        line: 1,
        column: 1,
        path: '(header)',
        message: message.csvMissingColumn(csv.file, missing[0]!, csv.columns),
        rule: 'datasheet/column',
      },
    ]);
  const cells = new Map<string, Cell>();
  const problems: Problem[] = [];
  const number = (row: number, column: string): number | null => {
    const text = csv.rows[row]![column]!.trim();
    if (text === '') return null;
    const value = Number(text);
    if (Number.isFinite(value) && value >= 0) return value;
    problems.push({
      file: csv.file,
      ...csv.locate(row, column),
      path: `(row ${row + 1}).${column}`,
      message: message.datasheetNumber(text),
      rule: 'datasheet/number',
    });
    return null;
  };
  for (const [i, r] of csv.rows.entries()) {
    cells.set(key(r['12_months_ending']!, r.area!, r.measure!), {
      count: number(i, 'count'),
      population: number(i, 'mid_year_pop_used'),
    });
  }
  if (problems.length) throw new ReportError(problems);
  return cells;
}

const key = (period: string, area: string, measure: string) => `${period}\u0000${area}\u0000${measure}`;

const rateOf = (cell: Cell | undefined): number | null =>
  cell && cell.count !== null && cell.population ? (cell.count / cell.population) * 1000 : null;

const changeOf = (now: Cell | undefined, then: Cell | undefined): number | null =>
  now?.count != null && then?.count ? ((now.count - then.count) / then.count) * 100 : null;

/** Rates are ranked as printed (one decimal), so two areas that print the same rate share a rank. */
const printed = (rate: number) => Math.round(rate * 10) / 10;

export function areaSheets(csv: CsvFile, def: DatasheetDefinition): AreaSheet[] {
  const cells = readCells(csv);
  const areas = [...new Set(csv.rows.map((r) => r.area!))].filter((a) => a !== def.comparator).sort();
  const cell = (period: string, area: string, measure: string) => cells.get(key(period, area, measure));
  const status = (area: string): AreaStatus => {
    if (Object.hasOwn(def.flagged, area)) return 'flagged';
    const rates = def.measures.map((m) => rateOf(cell(def.period, area, m)));
    return rates.some((r) => r === null) ? 'no-population' : 'ok';
  };
  const statuses = new Map(areas.map((a) => [a, status(a)]));
  const ranked = new Map(
    def.measures.map((m) => [
      m,
      areas.filter((a) => statuses.get(a) === 'ok').map((a) => printed(rateOf(cell(def.period, a, m))!)),
    ]),
  );
  return areas.map((area) => {
    const s = statuses.get(area)!;
    const measures = def.measures.map((measure): MeasureFigures => {
      const now = cell(def.period, area, measure);
      const rate = rateOf(now);
      const others = ranked.get(measure)!;
      const mine = s === 'ok' && rate !== null ? printed(rate) : null;
      return {
        measure,
        count: now?.count ?? null,
        rate,
        comparatorRate: rateOf(cell(def.period, def.comparator, measure)),
        rank: mine === null ? null : 1 + others.filter((r) => r < mine).length,
        ranked: others.length,
        sharedWith: mine === null ? 0 : others.filter((r) => r === mine).length - 1,
        changes: def.changes.map((c) => ({
          label: c.label,
          area: changeOf(now, cell(c.from, area, measure)),
          comparator: changeOf(cell(def.period, def.comparator, measure), cell(c.from, def.comparator, measure)),
        })),
      };
    });
    const reason =
      s === 'flagged' ? def.flagged[area]! : s === 'no-population' ? message.datasheetNoPopulation(area) : null;
    return { id: areaId(area), area, status: s, reason, measures };
  });
}
