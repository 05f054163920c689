/**
 * Cost linear in input size for everything under the budget, checked by counting work (never by
 * timing): the Markdown rules run per character of hostile prose, and the rewrites that used
 * backtracking regexes give the same result as before on any input, long ones included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMarkdown } from '../../src/model/markdown.js';
import { breakLongWords, LONG_WORD } from '../../src/pdf/inlines.js';
import { runs } from '../../src/pdf/glyphs.js';
import { markdownText } from '../../src/template/helpers.js';

/** A prose parser whose every rule counts its calls: the work markdown-it does on a text. */
function countingParser(): { parse(text: string): number } {
  const md = createMarkdown('prose');
  let calls = 0;
  type Chain = { __rules__: { fn: (...args: unknown[]) => unknown }[]; __cache__: unknown };
  for (const chain of [md.inline.ruler, md.inline.ruler2, md.block.ruler] as unknown as Chain[]) {
    for (const rule of chain.__rules__) {
      const fn = rule.fn;
      rule.fn = (...args) => {
        calls++;
        return fn(...args);
      };
    }
    chain.__cache__ = null;
  }
  return {
    parse(text) {
      calls = 0;
      md.parse(text, {});
      return calls;
    },
  };
}

const HOSTILE: Record<string, (n: number) => string> = {
  'unclosed brackets': (n) => '['.repeat(n),
  'link openers': (n) => '[a'.repeat(n / 2),
  'nested link openers': (n) => `${'[['.repeat(n / 4)}a${']]'.repeat(n / 4)}`,
  'an emphasis run': (n) => '*a'.repeat(n / 2),
  'a run of stars': (n) => `a${'*'.repeat(n)}`,
  'underscores': (n) => '_a'.repeat(n / 2),
  'footnote references': (n) => 'x[^note]'.repeat(n / 8),
  'unclosed links': (n) => '[a]('.repeat(n / 4),
  'angle brackets': (n) => '<a'.repeat(n / 2),
  'backticks': (n) => '`a'.repeat(n / 2),
};

describe('Markdown work on hostile prose', () => {
  const parser = countingParser();
  for (const [name, make] of Object.entries(HOSTILE)) {
    it(`grows linearly: ${name}`, () => {
      const small = parser.parse(make(2_000));
      const large = parser.parse(make(8_000));
      // Four times the text, about four times the rule calls (a quadratic cost would be sixteen).
      expect(large / small).toBeLessThan(4.5);
    });
  }
});

describe('long words in the PDF', () => {
  it('get a break opportunity every LONG_WORD characters, and nothing else changes', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '[', ' ', '*', '\n', 'é'), maxLength: 600 }), (text) => {
        const out = breakLongWords(text, { length: 0 });
        expect(out.replaceAll('\u200B', '')).toBe(text);
        for (const word of out.split(/[\s\u200B]/)) expect(word.length).toBeLessThanOrEqual(LONG_WORD);
      }),
      { seed: 9, numRuns: 300 },
    );
  });

  it('carry a word across runs, so many tiny runs are broken too', () => {
    const state = { length: 0 };
    const parts = Array.from({ length: 100 }, () => breakLongWords('ab', state));
    expect(parts.join('').split('\u200B').map((w) => w.length)).toEqual([80, 80, 40]);
  });
});

describe('rewritten regexes give what the quadratic ones gave', () => {
  const oldRuns = (text: string) =>
    text
      .split(/(\S*[\u2011\u00a0][\S\u00a0\u2011]*)/)
      .filter(Boolean)
      .map((part) =>
        /[\u2011\u00a0]/.test(part)
          ? { text: part.replace(/\u2011/g, '-').replace(/\u00a0/g, ' '), noWrap: true }
          : part,
      );
  const oldSpaces = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ');

  it('no-break spaces and hyphens (pdf/glyphs.ts)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '\u00a0', '\u2011', '-', '\n'), maxLength: 60 }), (t) => {
        expect(runs(t)).toEqual(oldRuns(t));
      }),
      { seed: 9, numRuns: 2000 },
    );
    // Long: a 200,000-character word with a no-break space, one pass over it.
    const long = `${'x'.repeat(200_000)}\u00a0y`;
    expect(runs(long)).toEqual([{ text: `${'x'.repeat(200_000)} y`, noWrap: true }]);
  });

  it('line breaks in plain text (template/helpers.ts)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '\t', '\n', '\r'), maxLength: 60 }), (t) => {
        expect(markdownText(t)).toBe(markdownText(oldSpaces(t)));
      }),
      { seed: 9, numRuns: 2000 },
    );
    expect(markdownText(`R${' '.repeat(200_000)}x`)).toBe(`R${' '.repeat(200_000)}x`);
  });
});
