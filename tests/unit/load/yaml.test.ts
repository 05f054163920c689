import { describe, expect, it, vi } from 'vitest';
import { Document } from 'yaml';
import { message } from '../../../src/messages.js';
import { parseYaml } from '../../../src/load/yaml.js';
import { Outliner } from '../../../src/load/yaml-syntax.js';

function problems(text: string) {
  const r = parseYaml('f.yaml', text);
  if (!('problems' in r)) throw new Error('expected problems');
  return r.problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`);
}

describe('parseYaml', () => {
  it('locates values and keys by data path', () => {
    const r = parseYaml('f.yaml', 'a:\n  - x: 1\n    y: 2\n  - x: 3\n    y: 4\n');
    if (!('source' in r)) throw new Error('expected a source');
    expect(r.source.locate(['a', 1, 'y'])).toEqual({ line: 5, column: 8 });
    expect(r.source.locate(['a', 1, 'y'], 'key')).toEqual({ line: 5, column: 5 });
    // A path that does not exist points at the nearest value that does.
    expect(r.source.locate(['a', 1, 'missing'])).toEqual({ line: 4, column: 5 });
  });

  it('reports a duplicate key at the second occurrence, with its name', () => {
    expect(problems('a: 1\nb:\n  c: 1\n  c: 2\n')).toEqual(['4:3 b.c: duplicate key "c"; each key may appear once']);
  });

  it('reports tabs used for indentation', () => {
    expect(problems('a:\n\t- b\n')[0]).toMatch(/^2:1 .*tab is used for indentation/);
  });

  it('reports an empty file', () => {
    expect(problems('')).toEqual(['1:1 (file): the file is empty; expected a report']);
    expect(problems('# only a comment\n')).toEqual(['1:1 (file): the file is empty; expected a report']);
  });

  it('reads a file with a byte order mark and CRLF line endings', () => {
    const r = parseYaml('f.yaml', '\uFEFFa: 1\r\nb:\r\n  - two\r\n');
    if (!('source' in r)) throw new Error('expected a source');
    expect(r.source.value).toEqual({ a: 1, b: ['two'] });
    expect(r.source.locate(['b', 0])).toEqual({ line: 3, column: 5 });
  });

  it('tells too many aliases apart from any other failure to build the value', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]'];
    bomb.push('c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]');
    const aliases = parseYaml('f.yaml', bomb.join('\n'));
    expect('problems' in aliases && aliases.problems.map((p) => p.rule)).toEqual(['yaml/alias-count']);
    const toJS = vi.spyOn(Document.prototype, 'toJS').mockImplementation(() => {
      throw new TypeError('some other failure');
    });
    try {
      const other = parseYaml('f.yaml', 'a: 1\n');
      expect('problems' in other && other.problems.map((p) => [p.rule, p.message])).toEqual([
        ['yaml/value', message.yamlValue('some other failure')],
      ]);
    } finally {
      toJS.mockRestore();
    }
  });

  it('reads a line of 400,000 characters with a syntax error after it once, not once per character', () => {
    // The key pattern used to try every split of such a line: hours of work at this length.
    const long = `title: a${' '.repeat(400_000)}b`;
    const stray = `x${' '.repeat(400_000)}y`;
    const result = parseYaml('f.yaml', `${long}\nmeta:\n  a: 1\n${stray}\n  b: "unclosed\n`);
    expect('problems' in result && result.problems.map((p) => [p.line, p.rule])).toEqual([[4, 'yaml/missing-char']]);
  });

  it('reads the file once to place every duplicate key, however many there are', () => {
    const keys = 3000;
    const text = ['meta:', ...Array.from({ length: keys }, () => '  same: 1')].join('\n');
    const read = vi.spyOn(Outliner.prototype as unknown as { read(n: number): void }, 'read');
    try {
      const result = parseYaml('f.yaml', text);
      expect('problems' in result && result.problems.length).toBe(keys - 1);
      // Reading restarts at most once (a problem placed above the last one read).
      expect(read.mock.calls.length).toBeLessThanOrEqual(2 * (keys + 1));
    } finally {
      read.mockRestore();
    }
  });
});
