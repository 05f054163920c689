import { describe, expect, it } from 'vitest';
import { unprintable } from '../../../src/validate/glyphs.js';

describe('unprintable', () => {
  it('names each character the font lacks once, in order of appearance, a surrogate pair as one', () => {
    // Source Sans 3 has the curly apostrophe and the dash, not the emoji, the CJK character or a control character.
    expect(unprintable('Kent’s 😀 rate — 中 and 😀 again\u00a0\x01 \ud800 中 ’')).toEqual([
      '😀',
      '中',
      '\x01',
      '\ud800',
    ]);
    expect(unprintable('plain text, and\ttabs\n')).toEqual([]);
    expect(unprintable('’‘“”–—…')).toEqual([]);
  });
});
