import { describe, expect, it } from 'vitest';
import {
  changeAdjective,
  changeNoun,
  changeVerb,
  compareIntervals,
  compareValues,
  formatDate,
  formatNumber,
} from '../../src/format.js';

describe('formatNumber', () => {
  it('groups thousands and keeps the decimals asked for', () => {
    expect(formatNumber(51214)).toBe('51,214');
    expect(formatNumber(85, 1)).toBe('85.0');
    expect(formatNumber(1234567.891, 2)).toBe('1,234,567.89');
  });
  it('writes a missing figure as "not available", never NaN', () => {
    expect(formatNumber(null)).toBe('not available');
    expect(formatNumber(Number.NaN)).toBe('not available');
    expect(formatNumber(undefined, 1)).toBe('not available');
  });
  it('uses a true minus sign for negatives', () => {
    expect(formatNumber(-3.5, 1)).toBe('−3.5');
  });
});

describe('changes', () => {
  it('words an increase, a reduction and no change', () => {
    expect(changeVerb(7)).toBe('increased by 7 percent');
    expect(changeVerb(-16)).toBe('reduced by 16 percent');
    expect(changeVerb(0)).toBe('did not change');
    expect(changeNoun(-16)).toBe('a reduction of 16 percent');
    expect(changeNoun(2.5)).toBe('an increase of 2.5 percent');
    expect(changeAdjective(-1)).toBe('a 1 percent reduction');
    expect(changeAdjective(8)).toBe('an 8 percent increase');
    expect(changeAdjective(11)).toBe('an 11 percent increase');
    expect(changeAdjective(18)).toBe('an 18 percent increase');
    expect(changeAdjective(12)).toBe('a 12 percent increase');
  });

  it('never print a tiny change as "0 percent"', () => {
    // JavaScript writes 0.0000001 as 1e-7: its decimals must still be counted.
    expect(changeVerb(0.0000001)).toBe('increased by 0.0000001 percent');
    expect(changeNoun(-2.5e-7)).toBe('a reduction of 0.00000025 percent');
  });
});

describe('comparisons', () => {
  it('calls estimates different only when their intervals do not overlap', () => {
    expect(compareIntervals({ rate: 86.7, margin: 1.2 }, { rate: 85.0, margin: 0.2 })).toBe('higher than');
    expect(compareIntervals({ rate: 86.7, margin: 1.2 }, { rate: 87.5, margin: 1.2 })).toBe('broadly in line with');
    expect(compareIntervals({ rate: 80, margin: 1 }, { rate: 85.0, margin: 0.2 })).toBe('lower than');
  });
  it('compares plain figures with a tolerance', () => {
    expect(compareValues(25, 26, 2)).toBe('broadly in line with');
    expect(compareValues(25, 30, 2)).toBe('lower than');
    expect(compareValues(29.0, 36.8)).toBe('lower than');
    expect(compareValues(40, 36.8)).toBe('higher than');
  });
});

describe('formatDate', () => {
  it('prints a month or a day', () => {
    expect(formatDate('2014-11')).toBe('November 2014');
    expect(formatDate('2014-12-03')).toBe('3 December 2014');
  });
});

describe('edge cases', () => {
  it('chooses "an" by how the number is said', () => {
    expect(changeAdjective(83)).toBe('an 83 percent increase');
    expect(changeAdjective(-85.5)).toBe('an 85.5 percent reduction');
    expect(changeAdjective(8000)).toBe('an 8,000 percent increase');
    expect(changeAdjective(110)).toBe('a 110 percent increase');
  });
  it('counts a difference equal to the tolerance as in line, despite floating point', () => {
    expect(compareValues(5.3, 5.1, 0.2)).toBe('broadly in line with');
    expect(compareValues(5.31, 5.1, 0.2)).toBe('higher than');
  });
});
