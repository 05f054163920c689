import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distinctChars, fontCharacters } from '../../../src/html/fonts.js';

describe('the characters a font subset must cover', () => {
  it('are each character of the text once, in string order, as spreading the text would give', () => {
    const spread = (text: string) => [...new Set([...text])].sort().join('');
    expect(distinctChars('Ynys Môn ŵ 😀 “a” 😀 \uD800x \uDC00 ab')).toBe(
      spread('Ynys Môn ŵ 😀 “a” 😀 \uD800x \uDC00 ab'),
    );
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => distinctChars(text) === spread(text)));
  });

  it('of several texts are each character of each text once, a surrogate pair split between two texts as two', () => {
    const spread = (...texts: string[]) => [...new Set(texts.flatMap((t) => [...t]))].sort().join('');
    expect(distinctChars('a\uD83D', '\uDE00b 😀')).toBe(spread('a\uD83D', '\uDE00b 😀'));
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary' }), { maxLength: 4 }),
        (texts) => distinctChars(...texts) === spread(...texts),
      ),
    );
  });

  it('for an edition are those of its page and of the shared text, found once and kept by the text', () => {
    // Texts of whole characters (no half of a surrogate pair at either end), as a page and JSON are.
    const text = fc.string({ unit: 'grapheme' });
    fc.assert(
      fc.property(text, text, text, (page, shared, other) => {
        expect(fontCharacters(page, shared)).toBe(fontCharacters(page + shared));
        // Kept by the text: another shared text is not taken for one seen before.
        expect(fontCharacters(page, shared)).toBe(fontCharacters(page, shared));
        expect(fontCharacters(page, other)).toBe(fontCharacters(page + other));
      }),
    );
  });
});
