/** The bounded map the caches of a long-lived process keep their work in (src/bounded.ts). */
import { describe, expect, it } from 'vitest';
import { Bounded } from '../../src/bounded.js';

describe('a bounded map', () => {
  it('lets the values used longest ago go past its bound', () => {
    const kept = new Bounded<number[]>(10, (words) => words.length);
    const value = (n: number) => Array.from({ length: n }, (_, i) => i);
    kept.set('a', value(4));
    kept.set('b', value(4));
    expect(kept.get('a')).toBeDefined();
    kept.set('c', value(4));
    expect([kept.get('a'), kept.get('b'), kept.get('c')].map((t) => t !== undefined)).toEqual([true, false, true]);
    kept.set('a', value(2));
    expect(kept.size).toEqual({ count: 2, total: 6 });
    kept.set('d', value(11));
    expect(kept.size).toEqual({ count: 0, total: 0 });
  });

  it('counts a value set again once', () => {
    const kept = new Bounded<string>(100, (text) => text.length);
    kept.set('x', 'abc');
    kept.set('x', 'abcdef');
    expect(kept.size).toEqual({ count: 1, total: 6 });
    expect([...kept.values()]).toEqual(['abcdef']);
  });
});
