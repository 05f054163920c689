import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_BUDGET, parseLimit } from '../../../src/budget.js';
import { flowTooDeep, heaviestPath, measure } from '../../../src/load/size.js';
import { createBuilder } from '../../../src/pipeline.js';
import { formatProblem, ReportError } from '../../../src/problems.js';
import { removeWorkspaces, workspace } from '../../bad-input/run-case.js';

afterAll(removeWorkspaces);

describe('data size after aliases', () => {
  it('counts each shared object once: work stays linear however far aliases multiply it', () => {
    // 40 levels, each holding the one below twice: 2^40 strings once expanded, 41 objects parsed.
    let value: unknown = 'x';
    for (let i = 0; i < 40; i++) value = { a: value, b: value };
    const memo = new Map<object, { chars: number; depth: number }>();
    const size = measure(value, memo);
    expect(memo.size).toBe(40);
    expect(size.chars).toBe(2 ** 40 + 2 * (2 ** 40 - 1)); // the strings plus a key of one letter per edge
    expect(size.depth).toBe(40);
  });

  it('points at the part that holds most of the text', () => {
    const big = 'x'.repeat(1000);
    expect(heaviestPath({ meta: { title: 't' }, questions: [{ body: [big, big] }, { body: ['y'] }] })).toEqual([
      'questions',
      0,
      'body',
    ]);
  });
});

describe('flow nesting before parsing', () => {
  it('finds the bracket that opens one level too many', () => {
    expect(flowTooDeep(`a: ${'['.repeat(5)}${']'.repeat(5)}\n`, 4)).toBe(7);
    expect(flowTooDeep(`a: ${'['.repeat(4)}${']'.repeat(4)}\n`, 4)).toBe(-1);
  });

  it('does not count brackets in quotes, comments or running text', () => {
    const text = `a: "${'['.repeat(9)}"\nb: '${'{'.repeat(9)}'\n# ${'['.repeat(9)}\nc: see ${'['.repeat(9)} here\n`;
    expect(flowTooDeep(text, 4)).toBe(-1);
  });
});

describe('--limit', () => {
  it('reads name=value into a budget key', () => {
    expect(parseLimit('prose-chars=50000')).toEqual({ key: 'proseChars', value: 50000 });
    expect(parseLimit('pages=0')).toHaveProperty('error');
    expect(parseLimit('constructor=5')).toHaveProperty('error');
    expect(parseLimit('pages')).toHaveProperty('error');
  });
});

describe('a breached limit is a placed problem, and raising it lets the build through', () => {
  /** The problems building one handout (or, given null, every document) under this budget. */
  async function render(
    budget: Record<string, number>,
    handout: string | null = 'preventing-crime',
  ): Promise<string[]> {
    const ws = await workspace();
    const builder = await createBuilder(ws.paths);
    try {
      await builder.render(ws.id, handout === null ? { budget } : { handout, budget });
      return [];
    } catch (error) {
      if (!(error instanceof ReportError)) throw error;
      return error.problems.map(
        (p) => `${p.line}:${p.column} ${p.path} ${p.rule}: ${formatProblem(p).split(': ').at(-1)}`,
      );
    }
  }

  it('pages', async () => {
    // A question's handout fits one page; the report is the document that runs longer.
    expect(await render({ pages: 1 }, null)).toEqual([
      expect.stringMatching(/^\d+:\d+ .* budget\/pages: .*about \d+ pages/),
    ]);
    expect(await render({ pages: 10 }, null)).toEqual([]);
  });

  it('chart rows and series', async () => {
    const rows = await render({ chartRows: 2 });
    expect(rows).toEqual([expect.stringMatching(/charts\.trend\.filter budget\/chart-rows: .*chooses 4 rows/)]);
    const series = await render({ chartSeries: 1 });
    expect(series).toEqual([expect.stringMatching(/charts\.trend\.filter budget\/chart-series: .*draw 2 series/)]);
  });

  it('has defaults the README documents', async () => {
    const { readFile } = await import('node:fs/promises');
    const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
    for (const [key, value] of Object.entries(DEFAULT_BUDGET)) {
      const name = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      expect(readme).toContain(`| \`${name}\` | ${value.toLocaleString('en-GB')} |`);
    }
  });
});
