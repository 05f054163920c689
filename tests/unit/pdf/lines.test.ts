/**
 * Lines built without copying the rest of the paragraph for every word (src/pdf/lines.ts) are the
 * lines pdfmake builds: Line.hasEnoughSpaceForInline answers the same given only the words bound to
 * the next one, and a document of long paragraphs full of words bound across runs (a word and its
 * bold comma, a footnote mark), a word too long for its column and a raised text comes out byte for
 * byte as with pdfmake's own buildNextLine.
 */
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../../src/pdf/render.js';
import { boundWords } from '../../../src/pdf/lines.js';
import { internalPrototype, originalMethod, pdfmakeInternals } from '../../../src/pdf/pdfmake-internals.js';
import type { DocumentModel, Inline } from '../../../src/model/types.js';
import { testMeta } from '../../helpers/meta.js';

interface Word {
  text: string;
  width: number;
  trailingCut: number;
  noNewLine?: boolean;
  [key: string]: unknown;
}
interface Line {
  addInline(inline: Word): void;
  hasEnoughSpaceForInline: (this: Line, inline: Word, nextInlines: readonly Word[]) => boolean;
}
const LineClass = pdfmakeInternals.line() as unknown as { new (maxWidth: number): Line; prototype: Line };

/** A small deterministic generator (mulberry32), so a failure can be run again. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the words a line is asked to fit', () => {
  it('are none after a word that is not bound to the next', () => {
    const words: Word[] = [
      { text: 'crime ', width: 30, trailingCut: 3 },
      { text: 'fell', width: 20, trailingCut: 0, noNewLine: true },
    ];
    expect(boundWords(words)).toEqual([]);
  });

  it('are the bound words and the one that ends them', () => {
    const words: Word[] = [
      { text: 'crime', width: 30, trailingCut: 0, noNewLine: true },
      { text: ',', width: 3, trailingCut: 0, noNewLine: true },
      { text: '1', width: 4, trailingCut: 0 },
      { text: ' and', width: 20, trailingCut: 0 },
    ];
    expect(boundWords(words).map((w) => w.text)).toEqual([',', '1']);
    expect(boundWords(words.slice(0, 2)).map((w) => w.text)).toEqual([',']);
  });

  it('give the line the same answer as the whole rest of the paragraph', () => {
    const next = random(20141);
    let bound = 0;
    for (let trial = 0; trial < 2000; trial++) {
      const words: Word[] = Array.from({ length: 1 + Math.floor(next() * 12) }, (_, i) => ({
        text: `w${i}`,
        width: 5 + next() * 60,
        trailingCut: next() < 0.5 ? next() * 4 : 0,
        ...(next() < 0.4 ? { noNewLine: true } : {}),
      }));
      const line = new LineClass(100 + next() * 200);
      for (let placed = Math.floor(next() * 4); placed > 0; placed--)
        line.addInline({ text: 'x ', width: 10 + next() * 40, trailingCut: 2 });
      if (words[0]!.noNewLine) bound++;
      expect(line.hasEnoughSpaceForInline(words[0]!, boundWords(words)), `trial ${trial}`).toBe(
        line.hasEnoughSpaceForInline(words[0]!, words.slice(1)),
      );
    }
    expect(bound, 'trials whose first word is bound').toBeGreaterThan(500);
  });
});

const WORDS = 'the force works with partners to keep people safe and to prevent crime'.split(' ');

/**
 * A paragraph whose words are often bound across runs: a word and its bold comma, a word and its
 * footnote mark (chains ending in a space), and a word whose bold ending runs into the next word
 * (a chain ending in a whole word). Paragraphs of many lengths put the chains at every place in a line.
 */
function paragraph(next: () => number, words: number): Inline[] {
  const content: Inline[] = [];
  let text = '';
  const flush = () => {
    if (text) content.push({ type: 'text', text, marks: [] });
    text = '';
  };
  const word = () => WORDS[Math.floor(next() * WORDS.length)]!;
  for (let i = 0; i < words; i++) {
    const roll = next();
    text += word();
    if (roll < 0.12) {
      flush();
      content.push({ type: 'text', text: ',', marks: ['strong'] });
      text = ' ';
    } else if (roll < 0.17) {
      flush();
      content.push({ type: 'footnoteRef', id: 'n1', number: 1, citation: i + 1 });
      text = ' ';
    } else if (roll < 0.3) {
      flush();
      content.push({ type: 'text', text: 'ing', marks: ['strong'] });
      text = `${word()}ly `;
    } else text += ' ';
  }
  text += 'and a word too long for any column: ';
  text += 'https://www.justiceinspectorates.gov.uk/hmic/publications/a-very-long-address-without-a-break.';
  flush();
  return content;
}

function model(): DocumentModel {
  const next = random(2014);
  return {
    meta: testMeta({ title: 'Lines', language: 'en-GB', runningTitle: 'Lines' }),
    cover: false,
    contents: false,
    blocks: Array.from({ length: 30 }, () => ({
      type: 'paragraph' as const,
      content: paragraph(next, 20 + Math.floor(next() * 120)),
    })),
    footnotes: [{ id: 'n1', number: 1, content: [{ type: 'text', text: 'A note.', marks: [] }] }],
  };
}

/**
 * The document laid out by pdfmake's own buildNextLine, with Line.hasEnoughSpaceForInline given the
 * words `given` picks from the rest of the paragraph (all of them, as pdfmake gives).
 */
async function pdfmakeLaysOut(given: (rest: readonly Word[]) => readonly Word[] = (rest) => rest): Promise<Buffer> {
  const builder = internalPrototype('LayoutBuilder');
  const line = LineClass.prototype;
  const ours = builder.buildNextLine;
  const fits = line.hasEnoughSpaceForInline;
  builder.buildNextLine = originalMethod(builder, 'buildNextLine');
  line.hasEnoughSpaceForInline = function (this: Line, inline: Word, rest: readonly Word[]) {
    return fits.call(this, inline, given(rest));
  };
  try {
    return await renderPdf(model());
  } finally {
    builder.buildNextLine = ours;
    line.hasEnoughSpaceForInline = fits;
  }
}

describe('lines built from the bound words alone', () => {
  it('lay a document out as pdfmake does', async () => {
    const builder = internalPrototype('LayoutBuilder');
    expect(builder.buildNextLine, 'lines.ts installed').not.toBe(originalMethod(builder, 'buildNextLine'));
    const ours = await renderPdf(model());
    const theirs = await pdfmakeLaysOut();
    expect(ours.length).toBeGreaterThan(10_000);
    expect(ours.equals(theirs)).toBe(true);
    // The document can tell: without the bound words, or without the word that ends them, pdfmake
    // itself breaks some line elsewhere.
    const none = await pdfmakeLaysOut(() => []);
    const chainOnly = await pdfmakeLaysOut((rest) => {
      const chain: Word[] = [];
      for (const w of rest) {
        if (!w.noNewLine) break;
        chain.push(w);
      }
      return chain;
    });
    expect(none.equals(theirs)).toBe(false);
    expect(chainOnly.equals(theirs)).toBe(false);
  });
});
