/**
 * Lines built without copying the rest of the paragraph for every word (src/pdf/lines.ts) are the
 * lines pdfmake builds: Line.hasEnoughSpaceForInline answers the same given only the words bound to
 * the next one, and a document of long paragraphs full of words bound across runs (a word and its
 * bold comma, a footnote mark), a word too long for its column and a raised text comes out byte for
 * byte as with pdfmake's own buildNextLine.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../../src/pdf/render.js';
import { boundWords } from '../../../src/pdf/lines.js';
import { internalPrototype, originalMethod } from '../../../src/pdf/pdfmake-internals.js';
import type { DocumentModel, Inline } from '../../../src/model/types.js';
import { testMeta } from '../../helpers/meta.js';

const require = createRequire(import.meta.url);

interface Word {
  text: string;
  width: number;
  trailingCut: number;
  noNewLine?: boolean;
  [key: string]: unknown;
}
interface Line {
  addInline(inline: Word): void;
  hasEnoughSpaceForInline(inline: Word, nextInlines: readonly Word[]): boolean;
}
const LineClass = (require('pdfmake/js/Line.js') as { default: new (maxWidth: number) => Line }).default;

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

/** A long paragraph whose words are often bound across runs: a word and its bold comma, a mark. */
function paragraph(seed: number, words: number): Inline[] {
  const next = random(seed);
  const content: Inline[] = [];
  let text = '';
  const flush = () => {
    if (text) content.push({ type: 'text', text, marks: [] });
    text = '';
  };
  for (let i = 0; i < words; i++) {
    const word = WORDS[Math.floor(next() * WORDS.length)]!;
    const roll = next();
    if (roll < 0.15) {
      text += word;
      flush();
      content.push({ type: 'text', text: ',', marks: ['strong'] });
      text = ' ';
    } else if (roll < 0.2) {
      text += word;
      flush();
      content.push({ type: 'footnoteRef', id: 'n1', number: 1, citation: i + 1 });
      text = ' ';
    } else if (roll < 0.25) {
      flush();
      content.push({ type: 'text', text: `${word}ly`, marks: ['em'] });
      text = ' ';
    } else text += `${word} `;
  }
  text += 'and a word too long for any column: ';
  text += 'https://www.justiceinspectorates.gov.uk/hmic/publications/a-very-long-address-without-a-break.';
  flush();
  return content;
}

function model(): DocumentModel {
  return {
    meta: testMeta({ title: 'Lines', language: 'en-GB', runningTitle: 'Lines' }),
    cover: false,
    contents: false,
    blocks: [
      { type: 'paragraph', content: paragraph(1, 1500) },
      { type: 'paragraph', content: paragraph(2, 400) },
    ],
    footnotes: [{ id: 'n1', number: 1, content: [{ type: 'text', text: 'A note.', marks: [] }] }],
  };
}

describe('lines built from the bound words alone', () => {
  it('lay a document out as pdfmake does', async () => {
    const ours = await renderPdf(model());
    const prototype = internalPrototype('LayoutBuilder');
    const patched = prototype.buildNextLine;
    expect(patched, 'lines.ts installed').not.toBe(originalMethod(prototype, 'buildNextLine'));
    prototype.buildNextLine = originalMethod(prototype, 'buildNextLine');
    let theirs: Buffer;
    try {
      theirs = await renderPdf(model());
    } finally {
      prototype.buildNextLine = patched;
    }
    expect(ours.length).toBeGreaterThan(10_000);
    expect(ours.equals(theirs)).toBe(true);
  });
});
