import { describe, expect, it } from 'vitest';
import { wordDiff, wordDiffMarkdown } from '../../src/diff/words.js';
import { dataChanges } from '../../src/diff/values.js';

describe('word diff', () => {
  it('keeps the shared words and marks what was deleted and inserted', () => {
    expect(wordDiff('the rate was 25 per cent', 'the rate was 24 per cent')).toEqual([
      { kind: 'same', words: ['the', 'rate', 'was'] },
      { kind: 'deleted', words: ['25'] },
      { kind: 'inserted', words: ['24'] },
      { kind: 'same', words: ['per', 'cent'] },
    ]);
  });

  it('shortens long unchanged stretches and escapes Markdown in the words', () => {
    const before = 'one two three four five six seven eight nine ten eleven twelve *old* end';
    const after = 'one two three four five six seven eight nine ten eleven twelve *new* end';
    expect(wordDiffMarkdown(wordDiff(before, after), 2)).toBe('… eleven twelve ~~\\*old\\*~~ **\\*new\\*** end');
  });
});

describe('data changes', () => {
  const report = (judgment: string, paragraphs: string[]) => ({
    figures: { rate: { force: 25 } },
    questions: [{ id: 'q', title: 'A question', judgment, intro: paragraphs }],
  });

  it('matches items by id and names where a change is', () => {
    expect(dataChanges(report('good', ['a']), report('inadequate', ['a']))).toEqual([
      { path: 'questions[q].judgment', where: 'A question', before: 'good', after: 'inadequate', kind: 'value' },
    ]);
  });

  it('reports an inserted paragraph once, not every paragraph after it', () => {
    const changes = dataChanges(
      report('good', ['first', 'second', 'third']),
      report('good', ['first', 'new', 'second', 'third']),
    );
    expect(changes).toEqual([{ path: 'questions[q].intro[1]', where: 'A question', after: 'new', kind: 'text' }]);
  });

  it('finds nothing when nothing changed', () => {
    expect(dataChanges(report('good', ['a']), report('good', ['a']))).toEqual([]);
  });
});
