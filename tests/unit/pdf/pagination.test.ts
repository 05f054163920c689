/** The page-breaking decisions that are pure functions: where a paragraph splits, which repeated heads show. */
import { describe, expect, it } from 'vitest';
import { linesBeforeBreak, MIN_LINES } from '../../../src/pdf/paragraphs.js';
import { CONTINUED_MARK, dropFirstContinued } from '../../../src/pdf/continued.js';

const lines = (n: number) => Array<number>(n).fill(10);

describe('linesBeforeBreak', () => {
  it('sets a paragraph that fits whole', () => {
    expect(linesBeforeBreak(lines(5), 50)).toBe(5);
  });

  it('breaks where the page ends when that leaves two lines or more at each end', () => {
    expect(linesBeforeBreak(lines(6), 35)).toBe(3);
  });

  it('moves a paragraph whose first line alone would end the page to the next page', () => {
    expect(linesBeforeBreak(lines(6), 15)).toBe(0);
  });

  it('breaks a line earlier rather than leave the last line alone on the next page', () => {
    expect(linesBeforeBreak(lines(6), 55)).toBe(6 - MIN_LINES);
  });

  it('moves a three-line paragraph whole when either end would be a single line', () => {
    expect(linesBeforeBreak(lines(3), 25)).toBe(0);
  });
});

describe('dropFirstContinued', () => {
  const line = (mark?: string) => ({
    type: 'line',
    item: { inlines: [{ text: mark ? ' (continued)' : 'text', ...(mark ? { [CONTINUED_MARK]: mark } : {}) }] },
  });

  it('leaves out a marked head where it first appears and keeps it where it is repeated', () => {
    const pages = [{ items: [line(), line('r/1')] }, { items: [line('r/1'), line()] }];
    const kept = dropFirstContinued(pages).map((p) => p.items.filter((i) => i.item.inlines[0]![CONTINUED_MARK]).length);
    expect(kept).toEqual([0, 1]);
  });

  it('tells apart the heads of different blocks', () => {
    const pages = [{ items: [line('r/1')] }, { items: [line('r/2'), line('r/1')] }];
    const kept = dropFirstContinued(pages).map((p) => p.items.map((i) => i.item.inlines[0]![CONTINUED_MARK]));
    expect(kept).toEqual([[], ['r/1']]);
  });
});
