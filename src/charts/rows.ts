/**
 * A chart's rows: those its filter keeps, each given the role of its series — `force` (the report's
 * force), `comparator` (what it is compared with) or `other` — so that a spec can colour, order and
 * style series by role, never by the order rows happen to have in the CSV.
 */
import type { Chart } from '../schema/report.js';

export const ROLES = ['force', 'comparator', 'other'] as const;
export type Role = (typeof ROLES)[number];

/** The columns a chart's rows gain: a spec encodes `role`, and sorts by `role_order`. */
export const ROLE_FIELD = 'role';
export const ROLE_ORDER_FIELD = 'role_order';

/** A filter value as a list: one value or several. */
export const filterValues = (value: string | readonly string[]): readonly string[] =>
  typeof value === 'string' ? [value] : value;

export function matchesFilter(filter: Chart['filter'], row: Readonly<Record<string, string>>): boolean {
  return Object.entries(filter).every(([column, value]) => Object.hasOwn(row, column) && filterValues(value).includes(row[column]!));
}

export function roleOf(series: Chart['series'], row: Readonly<Record<string, string>>): Role {
  const value = Object.hasOwn(row, series.column) ? row[series.column] : undefined;
  if (value === series.force) return 'force';
  if (series.comparator !== undefined && value === series.comparator) return 'comparator';
  return 'other';
}

/** The rows a chart draws, in CSV order, with their role. */
export function chartRows(chart: Chart, rows: readonly Record<string, string>[]): Record<string, string>[] {
  return rows
    .filter((r) => matchesFilter(chart.filter, r))
    .map((r) => {
      const role = roleOf(chart.series, r);
      return { ...r, [ROLE_FIELD]: role, [ROLE_ORDER_FIELD]: String(ROLES.indexOf(role)) };
    });
}
