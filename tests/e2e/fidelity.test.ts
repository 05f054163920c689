/**
 * Fidelity: every sentence of the seed report appears in both editions, in reading order. The seed
 * is the text extracted from the published PDF; a few sentences sit out of order there because of
 * its page layout, and those are named here with the reason.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { built } from '../helpers/build.js';
import { pdfText } from '../helpers/poppler.js';
import { htmlText, joinLines } from '../helpers/text.js';
import { fidelity, seedSentences, type SeedSentence } from '../helpers/seed.js';

/** Sentences the extraction put out of reading order, by the reason. */
const MOVED_IN_SEED: Record<string, string> = {
  'How effective is the force at tackling anti-social behaviour?':
    'the question heading was extracted after its first page',
  'What each judgment means': 'the chapter heading was extracted after its text',
  'There is no standard national definition of who should be considered for IOM arrangements.':
    'a footnote, printed at the page foot',
  'Kent Police decides who needs to be managed under these arrangements using its own scoring system.':
    'a footnote, printed at the page foot',
};

const RUNNING_TITLE = 'Kent Police — Crime inspection 2014';

/**
 * The PDF's running text: each page's body, with the running header, the page number and the
 * footnotes (which pdfmake writes after the body) taken out and the footnotes put at the end.
 */
function pdfReadingText(raw: string): string {
  const bodies: string[] = [];
  const notes: string[] = [];
  for (const page of raw.split('\f')) {
    const lines = page.split('\n');
    const header = lines.lastIndexOf(RUNNING_TITLE);
    const end = header >= 0 ? header : lines.length;
    bodies.push(lines.slice(0, end).join('\n'));
    notes.push(...lines.slice(end + 1).filter((l) => !/^Page \d+ of \d+$/.test(l)));
  }
  return joinLines(`${bodies.join('\n')}\n${notes.join('\n')}`);
}

let sentences: SeedSentence[];
let pdf: string;
let html: string;

beforeAll(async () => {
  sentences = seedSentences();
  const { out } = await built('kent-2014');
  pdf = pdfReadingText(pdfText(path.join(out, 'kent-2014/report.pdf')));
  html = htmlText(await readFile(path.join(out, 'kent-2014/report.html'), 'utf8'));
});

function check(text: string) {
  const result = fidelity(sentences, text);
  expect(result.missing.map((s) => `line ${s.line}: ${s.text}`)).toEqual([]);
  const moved = result.outOfOrder.map((s) => s.text).filter((t) => !(t in MOVED_IN_SEED));
  expect(moved).toEqual([]);
  return result;
}

describe('fidelity to the seed report', () => {
  it('reads the seed into sentences without its residue', () => {
    expect(sentences.length).toBeGreaterThan(250);
    expect(sentences.some((s) => /GoodGood|^Good$/.test(s.text))).toBe(false);
    expect(
      sentences.filter((s) => s.text.startsWith('HMIC found that the force undertakes some analysis')),
    ).toHaveLength(1);
  });

  it('finds every sentence in the PDF edition, in reading order', () => {
    const result = check(pdf);
    expect(result.found).toBe(sentences.length);
  });

  it('finds every sentence in the HTML edition, in reading order', () => {
    const result = check(html);
    expect(result.found).toBe(sentences.length);
  });

  it('fails when a sentence is lost or reordered', () => {
    const lost = fidelity(
      sentences,
      html.replace('The force has an active neighbourhood watch', 'The force has a neighbourhood watch'),
    );
    expect(lost.missing).toHaveLength(1);
    const swapped = fidelity(
      sentences.slice(0, 3),
      [sentences[1]!.text, sentences[0]!.text, sentences[2]!.text].join(' '),
    );
    expect(swapped.outOfOrder).toHaveLength(1);
  });
});
