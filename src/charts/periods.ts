/**
 * A time axis that names the data's own periods. Vega's automatic ticks fall on calendar boundaries
 * ("Jan 2011") that the data may not have: rolling 12-month figures end each quarter, in June,
 * September… So a temporal x axis with no ticks of its own gets a tick at every date in the data,
 * and a label at every date that falls in the same month as the latest one (a yearly label ending
 * where the data ends), or at every date when there are few.
 */
import type { ChartSpec } from './spec.js';

type Row = Record<string, string | number | null>;
type Channel = { field?: unknown; type?: unknown; axis?: Record<string, unknown> | null };

/** Up to this many dates, every one is labelled. */
const LABEL_ALL = 6;

export function withPeriodAxis(spec: ChartSpec, rows: readonly Row[]): Partial<ChartSpec> {
  const encoding = spec.encoding as Record<string, Channel> | undefined;
  const x = encoding?.x;
  if (!x || x.type !== 'temporal' || typeof x.field !== 'string' || x.axis === null) return {};
  if (x.axis?.values !== undefined || x.axis?.labelExpr !== undefined) return {};
  const field = x.field;
  const times = [...new Set(rows.map((r) => Date.parse(String(r[field]))).filter(Number.isFinite))].sort(
    (a, b) => a - b,
  );
  if (times.length === 0) return {};
  const format = typeof x.axis?.format === 'string' ? x.axis.format : '%b %Y';
  const month = new Date(times.at(-1)!).getUTCMonth();
  // The ticks are the data's dates: a tick count of the spec's own no longer applies.
  const axis = Object.fromEntries(Object.entries(x.axis ?? {}).filter(([key]) => key !== 'tickCount'));
  const labelled = times.length <= LABEL_ALL ? 'true' : `utcmonth(datum.value) == ${month}`;
  return {
    encoding: {
      ...encoding,
      x: {
        ...x,
        axis: {
          ...axis,
          // As DateTime objects: Vega-Lite writes a bare number as `datetime(n)`, which the expression
          // interpreter reads as a year.
          values: times.map((t) => {
            const d = new Date(t);
            return { utc: true, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate() };
          }),
          labelExpr: `${labelled} ? utcFormat(datum.value, ${JSON.stringify(format)}) : ''`,
        },
      },
    },
  };
}
