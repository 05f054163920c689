import { describe, expect, it } from 'vitest';
import { withPeriodAxis } from '../../../src/charts/periods.js';

const spec = {
  encoding: {
    x: { field: 'end', type: 'temporal', axis: { format: '%b %Y', tickCount: 4 } },
    y: { field: 'v', type: 'quantitative' },
  },
};
const quarters = ['2010-06-30', '2010-09-30', '2010-12-31', '2011-03-31', '2011-06-30', '2011-09-30', '2011-12-31'];

describe('withPeriodAxis', () => {
  it("ticks every date in the data and labels those in the latest date's month", () => {
    const out = withPeriodAxis(
      spec,
      quarters.map((end) => ({ end, v: 1 })),
    );
    const axis = (out.encoding as typeof spec.encoding & { x: { axis: Record<string, unknown> } }).x.axis;
    expect(axis.values).toHaveLength(quarters.length);
    expect((axis.values as { month: number }[])[0]).toMatchObject({ utc: true, year: 2010, month: 6, date: 30 });
    // The latest date is in December (month 11 counted from 0).
    expect(axis.labelExpr).toContain('utcmonth(datum.value) == 11');
    expect(axis).not.toHaveProperty('tickCount');
  });

  it('labels every date when there are few', () => {
    const out = withPeriodAxis(
      spec,
      quarters.slice(0, 3).map((end) => ({ end, v: 1 })),
    );
    expect(JSON.stringify(out)).toContain('"labelExpr":"true ?');
  });

  it('leaves an axis alone that sets its own ticks, or that is not a time axis', () => {
    const own = { encoding: { x: { ...spec.encoding.x, axis: { values: [1] } } } };
    expect(withPeriodAxis(own, [{ end: '2010-06-30' }])).toEqual({});
    const nominal = { encoding: { x: { field: 'end', type: 'nominal' } } };
    expect(withPeriodAxis(nominal, [{ end: '2010-06-30' }])).toEqual({});
  });
});
