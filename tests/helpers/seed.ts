/**
 * The seed report's sentences in reading order, without the extraction residue its README lists:
 * the bookmark lines, the judgment badges ("Good", "Good GoodGood"), the grid's column headers and
 * the page that was extracted twice, and footnote numbers. A sentence that occurs more than once is
 * kept at its last occurrence: the grid's headers repeat the question titles that head each
 * question later, and the page extracted twice follows its first copy.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES } from './paths.js';
import { normalise } from './text.js';

export interface SeedSentence {
  text: string;
  /** 1-based line of the seed where the sentence starts. */
  line: number;
}

const BADGES = /^(Good\s*)+(GoodGood)?$/;
const SENTENCE_END = /(?<=[.?!;:])\s+(?=[A-Z‘“(•]|\d+ [A-Z])/;

export function seedSentences(file = path.join(FIXTURES, 'seeds', 'kent-2014.txt')): SeedSentence[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const paragraphs: { text: string; line: number }[] = [];
  let current: { text: string; line: number } | null = null;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const residue = raw.startsWith('\t') || BADGES.test(line);
    if (!line || residue) {
      if (current) paragraphs.push(current);
      current = null;
      return;
    }
    if (!current) current = { text: line, line: i + 1 };
    else current.text += current.text.endsWith('-') ? line : ` ${line}`;
  });
  if (current) paragraphs.push(current);

  const all: SeedSentence[] = [];
  for (const p of paragraphs) {
    for (const part of p.text.split(SENTENCE_END)) {
      // A bullet's marker and a footnote's number are layout, not words.
      const text = normalise(part.replace(/^•\s*/, '').replace(/^1 (?=There is no standard)/, ''));
      if (text) all.push({ text, line: p.line });
    }
  }
  const last = new Map(all.map((s, i) => [s.text, i]));
  return all.filter((s, i) => last.get(s.text) === i);
}

export interface Fidelity {
  found: number;
  missing: SeedSentence[];
  /** Found, but not after the sentence before it. */
  outOfOrder: SeedSentence[];
}

function occurrences(haystack: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/**
 * Finds every sentence in `text` and the largest set of them that appear in the seed's order (a
 * longest increasing subsequence over their positions, where a sentence that occurs several times
 * may use any one of them). The rest are out of order.
 */
export function fidelity(sentences: readonly SeedSentence[], text: string): Fidelity {
  const haystack = normalise(text);
  const result: Fidelity = { found: 0, missing: [], outOfOrder: [] };
  // Each sentence's positions, latest first, so the subsequence can take at most one of them.
  const sequence: { sentence: number; at: number }[] = [];
  sentences.forEach((s, i) => {
    const at = occurrences(haystack, s.text);
    if (at.length === 0) result.missing.push(s);
    else result.found++;
    for (const a of at.reverse()) sequence.push({ sentence: i, at: a });
  });
  const tails: number[] = [];
  const previous: number[] = [];
  sequence.forEach((item, k) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sequence[tails[mid]!]!.at < item.at) lo = mid + 1;
      else hi = mid;
    }
    previous[k] = lo > 0 ? tails[lo - 1]! : -1;
    tails[lo] = k;
  });
  const inOrder = new Set<number>();
  for (let k = tails.at(-1) ?? -1; k >= 0; k = previous[k]!) inOrder.add(sequence[k]!.sentence);
  sentences.forEach((s, i) => {
    if (!inOrder.has(i) && !result.missing.includes(s)) result.outOfOrder.push(s);
  });
  return result;
}
