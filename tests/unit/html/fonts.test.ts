import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distinctChars } from '../../../src/html/fonts.js';

describe('the characters a font subset must cover', () => {
  it('are each character of the text once, in string order, as spreading the text would give', () => {
    const spread = (text: string) => [...new Set([...text])].sort().join('');
    expect(distinctChars('Ynys Môn ŵ 😀 “a” 😀 \uD800x \uDC00 ab')).toBe(
      spread('Ynys Môn ŵ 😀 “a” 😀 \uD800x \uDC00 ab'),
    );
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => distinctChars(text) === spread(text)));
  });
});
