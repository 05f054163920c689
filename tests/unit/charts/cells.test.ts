import { describe, expect, it } from 'vitest';
import { isRealDate } from '../../../src/format.js';
import { capped, type Problem } from '../../../src/problems.js';

describe('dates in chart cells', () => {
  it('must exist', () => {
    expect(['2014-02-28', '2016-02-29', '2014-06', '2014'].filter(isRealDate)).toHaveLength(4);
    expect(['2014-02-31', '2015-02-29', '2014-13', '0000-11', '2014-6-30', ' 2014-06-30', ''].filter(isRealDate)).toEqual(
      [],
    );
  });
});

describe('capped problems', () => {
  const problem = (file: string, rule: string, line: number): Problem => ({
    file,
    line,
    column: 1,
    path: `(row ${line})`,
    message: 'bad',
    rule,
  });

  it('keep the first of each rule in each file and count the rest', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => problem('a.csv', 'csv/x', i + 1));
    const out = capped([...many, problem('a.csv', 'csv/y', 1), problem('b.csv', 'csv/x', 1)], 20);
    expect(out).toHaveLength(23);
    expect(out.filter((p) => p.file === 'a.csv' && p.rule === 'csv/x').map((p) => p.message).at(-1)).toBe(
      '… and 99980 more like this',
    );
  });
});
