import { describe, expect, it } from 'vitest';
import { letteredItem } from '../../../src/model/lettered.js';

const text = (t: string) => ({ type: 'text' as const, text: t, marks: [] });

describe('letteredItem', () => {
  it('splits the bracketed letter or numeral from the text', () => {
    expect(letteredItem([text('(a) there is clarity')])).toEqual({ marker: '(a)', rest: [text('there is clarity')] });
    expect(letteredItem([text('(iv) four')])?.marker).toBe('(iv)');
    expect(letteredItem([text('(12) twelve')])?.marker).toBe('(12)');
  });

  it('keeps the runs after the first', () => {
    const link = { type: 'link' as const, href: 'https://example.org', children: [text('a link')] };
    expect(letteredItem([text('(b) '), link])).toEqual({ marker: '(b)', rest: [link] });
  });

  it('is not fooled by brackets that open an ordinary sentence', () => {
    expect(letteredItem([text('(Kent Police agrees) the force')])).toBeNull();
    expect(letteredItem([text('(a)without a space')])).toBeNull();
    expect(letteredItem([{ type: 'break' as const }])).toBeNull();
  });
});
