import { describe, expect, it } from 'vitest';
import { chartTable } from '../../../src/charts/table.js';

const spec = {
  encoding: {
    x: { field: 'period', type: 'temporal', title: '12 months ending' },
    y: { field: 'rate', type: 'quantitative', title: 'Rate per 1,000' },
    color: { field: 'area', type: 'nominal' },
  },
};
const rows = [
  { period: '2013-06-30', area: 'North', rate: '61.20', other: 'x' },
  { period: '2013-06-30', area: 'South', rate: '70.00', other: 'x' },
  { period: '2014-06-30', area: 'North', rate: '63.48', other: 'x' },
  { period: '2014-06-30', area: 'South', rate: '60.77', other: 'x' },
  { period: '2015-06-30', area: 'South', rate: '59.00', other: 'x' },
];

describe('chartTable', () => {
  it('makes one row per x value and one column per series, values as the data gives them', () => {
    expect(chartTable(spec, rows)).toEqual({
      caption: 'Rate per 1,000',
      stub: '12 months ending',
      columns: ['North', 'South'],
      rows: [
        { label: 'June 2013', cells: ['61.20', '70.00'] },
        { label: 'June 2014', cells: ['63.48', '60.77'] },
        { label: 'June 2015', cells: ['', '59.00'] },
      ],
    });
  });

  it('has one value column, named for y, when the chart has no series', () => {
    const single = { encoding: { x: { field: 'area', type: 'nominal' }, y: { field: 'rate' } } };
    expect(chartTable(single, rows.slice(0, 2))).toEqual({
      caption: '',
      stub: 'area',
      columns: ['rate'],
      rows: [
        { label: 'North', cells: ['61.20'] },
        { label: 'South', cells: ['70.00'] },
      ],
    });
  });

  it('gives no table for a chart without x and y fields', () => {
    expect(chartTable({ encoding: { theta: { field: 'rate' } } }, rows)).toBeNull();
  });
});
