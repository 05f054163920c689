import { describe, expect, it } from 'vitest';
import { parseSlots } from '../../../src/statements/slots.js';
import { writeStatement } from '../../../src/statements/write.js';
import type { Figure, ReportData } from '../../../src/schema/report.js';

/** Only the parts a statement reads: meta, figures and tables. */
function data(figures: Record<string, Figure>, tables: ReportData['tables'] = {}): ReportData {
  return {
    meta: { force: 'Example Constabulary', area: 'Exampleshire' },
    figures,
    tables,
  } as unknown as ReportData;
}

const plain = (md: string) => md.replace(/\\(.)/g, '$1');
const say = (text: string, d: ReportData) => plain(writeStatement({ say: text }, d));

const rate = (value: number | null, extra: Partial<Figure> = {}): Figure =>
  ({ label: 'the detection rate', unit: 'percent', value, ...extra });

describe('slots', () => {
  it('read meta names, forms and comparisons, and refuse the rest', () => {
    const { slots, errors } = parseSlots('{area} {a} {a.verb} {a.compared:b} {a.bogus} {a.compared} {1x}');
    expect(
      slots.map((s) => (s.kind === 'meta' ? s.name : `${s.figure}.${s.form}${s.other ? `:${s.other}` : ''}`)),
    ).toEqual(['area', 'a.value', 'a.verb', 'a.compared:b']);
    expect(errors.map((e) => [e.text, e.problem])).toEqual([
      ['{a.bogus}', 'form'],
      ['{a.compared}', 'form'],
      ['{1x}', 'syntax'],
    ]);
  });
});

describe('writeStatement', () => {
  it('writes values with their unit, period and the comparator’s name from data', () => {
    const d = data({
      a: rate(25, { period: 'March 2014', inLineWithin: 2 }),
      b: rate(26, { area: 'the most similar group' }),
    });
    expect(say('{a.possessive} rate to {a.period} was {a}, {a.compared:b} the {b} of {b.area}.', d)).toBe(
      'Exampleshire’s rate to March 2014 was 25 percent, broadly in line with the 26 percent of the most similar group.',
    );
  });

  it('words changes and counts', () => {
    const d = data({
      c: { label: 'the change', unit: 'percent-change', value: -16 },
      n: { label: 'the count', unit: 'count', value: 51214 },
    });
    expect(say('{n} crimes: {c.verb}; {c.noun}; {c.adjective}.', d)).toBe(
      '51,214 crimes: reduced by 16 percent; a reduction of 16 percent; a 16 percent reduction.',
    );
  });

  it('compares with margins of error: apart only when the intervals do not overlap', () => {
    const d = data({
      a: rate(86.7, { margin: 1.2, decimals: 1 }),
      b: rate(85, { margin: 0.2, decimals: 1 }),
      c: rate(87.5, { margin: 1.2, decimals: 1 }),
    });
    expect(say('{a} is {a.compared:b} {b}; {a.compared:c} {c}.', d)).toBe(
      '86.7 percent (± 1.2 percent) is higher than 85.0 percent (± 0.2 percent); broadly in line with 87.5 percent (± 1.2 percent).',
    );
  });

  it('says "not available" and why when a figure it states has no value, never a comparison', () => {
    const d = data({
      a: rate(null, { reason: 'the force did not record it.' }),
      b: rate(26, { area: 'England and Wales' }),
    });
    const sentence = say('The rate was {a}, which was {a.compared:b} the {b} for {b.area}.', d);
    expect(sentence).toBe('The detection rate for Exampleshire is not available (the force did not record it).');
    expect(plain(writeStatement({ clause: 'the rate is {b.compared:a} that of {a.area}.' }, d))).toBe(
      'the detection rate for Exampleshire is not available (the force did not record it).',
    );
  });

  it('reads a figure from a rate-table cell, so correcting the table corrects the sentence', () => {
    const table = {
      caption: 'c',
      stub: 's',
      columns: ['X', 'Y'],
      decimals: 1,
      rows: [{ label: 'ASB', values: [29, 36.8] }],
    };
    const cell = (column: number, area?: string) =>
      ({ label: 'the rate', unit: 'rate', table: 't', row: 'ASB', column, ...(area ? { area } : {}) }) as Figure;
    const d = data({ x: cell(1), y: cell(2, 'England and Wales') }, { t: table });
    expect(say('It is {x} against {y}: {x.compared:y} {y.area}.', d)).toBe(
      'It is 29.0 against 36.8: lower than England and Wales.',
    );
    const corrected = data(
      { x: cell(1), y: cell(2, 'England and Wales') },
      {
        t: { ...table, rows: [{ label: 'ASB', values: [40.2, 36.8] }] },
      },
    );
    expect(say('It is {x.compared:y} {y.area}.', corrected)).toBe('It is higher than England and Wales.');
  });

  it('escapes figure text so data cannot become Markdown', () => {
    const d = data({ a: rate(5, { period: '*June* [x](y)' }) });
    expect(writeStatement({ say: 'In {a.period}.' }, d)).toBe('In \\*June\\* \\[x\\]\\(y\\).');
  });
});
