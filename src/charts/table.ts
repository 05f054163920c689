/**
 * A chart's figures as a table, for readers who cannot see the chart: one row per value of the x
 * field, one column per series (the colour field), each cell the y value as the data gives it.
 * Read from the spec's own encoding, so it shows what the chart draws.
 */
import type { FigureData } from '../model/types.js';
import { formatDate } from '../format.js';

type Row = Record<string, string>;
interface Channel {
  field?: unknown;
  type?: unknown;
  title?: unknown;
}

const channel = (spec: Record<string, unknown>, name: string): Channel | undefined => {
  const encoding = spec.encoding as Record<string, Channel | undefined> | undefined;
  const c = encoding?.[name];
  return c && typeof c.field === 'string' ? c : undefined;
};

const title = (c: Channel) => (typeof c.title === 'string' ? c.title : String(c.field));

/** A temporal value as a reader says it ("June 2014"); anything else as given. */
const label = (value: string, c: Channel) =>
  c.type === 'temporal' && /^\d{4}-\d{2}(-\d{2})?$/.test(value) ? formatDate(value.slice(0, 7)) : value;

/** The table of a chart with x and y fields; null for a chart drawn another way (no x or y). */
export function chartTable(spec: Record<string, unknown>, rows: readonly Row[]): FigureData | null {
  const x = channel(spec, 'x');
  const y = channel(spec, 'y');
  if (!x || !y) return null;
  const series = channel(spec, 'color');
  const [xField, yField] = [x.field as string, y.field as string];
  const names = series ? [...new Set(rows.map((r) => r[series.field as string] ?? ''))] : [title(y)];
  const byX = new Map<string, Map<string, string>>();
  for (const r of rows) {
    const key = r[xField] ?? '';
    const cells = byX.get(key) ?? new Map<string, string>();
    cells.set(series ? (r[series.field as string] ?? '') : title(y), r[yField] ?? '');
    byX.set(key, cells);
  }
  return {
    caption: series ? title(y) : '',
    stub: title(x),
    columns: names,
    rows: [...byX].map(([key, cells]) => ({ label: label(key, x), cells: names.map((n) => cells.get(n) ?? '') })),
  };
}
