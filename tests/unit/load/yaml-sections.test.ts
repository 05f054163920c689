/**
 * parseYaml reads a file section by section and keeps each section's parse for the next read: the
 * result must be the whole file's parse exactly (value, problems, and every place it names), for
 * every YAML file the tests hold and for files broken at random.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseYaml, parseYamlWhole } from '../../../src/load/yaml.js';
import type { Path } from '../../../src/problems.js';
import { FIXTURES, REPORTS, ROOT } from '../../helpers/paths.js';

// Counts the documents the yaml package parses.
const parsed = vi.hoisted(() => ({ count: 0, texts: [] as string[] }));
vi.mock('yaml', async (original) => {
  const real = await original<typeof import('yaml')>();
  return {
    ...real,
    parseDocument: (...args: Parameters<typeof real.parseDocument>) => {
      parsed.count++;
      parsed.texts.push(String(args[0]));
      return real.parseDocument(...args);
    },
  };
});

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
    .map((e) => path.join(e.parentPath, e.name));
}

function paths(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

/** Both parses, and every place each names: for each data path (and some that name nothing), as key and as value. */
function both(text: string) {
  const read = (r: ReturnType<typeof parseYaml>) => {
    // Where the parser ran out of stack depends on how far V8 has optimised it, not on the text.
    if ('problems' in r)
      return {
        problems: r.problems.map((p) => (p.rule === 'yaml/resource-exhaustion' ? { ...p, line: 0, column: 0 } : p)),
      };
    const all = [...paths(r.source.value), ['nothing'], ['meta', 'nothing', 0], ['null'], ['true', 0]];
    const places = all.map((p) => [
      r.source.locate(p, 'key'),
      r.source.locate(p, 'value'),
      ...['e', ':', '*'].map((needle) => r.source.locateText(p, needle)),
    ]);
    return { value: r.source.value, places };
  };
  return { sections: read(parseYaml('f.yaml', text)), whole: read(parseYamlWhole('f.yaml', text)) };
}

/** The same, or the difference shown. */
function expectSame(text: string, label: string) {
  const { sections, whole } = both(text);
  if (!isDeepStrictEqual(sections, whole)) expect(sections, label).toStrictEqual(whole);
  return whole;
}

describe('parseYaml, section by section', () => {
  const files = [...yamlFiles(FIXTURES), ...yamlFiles(path.join(ROOT, 'tests', 'bad-input'))];

  it('reads every YAML file of the tests as the whole file is read', () => {
    expect(files.length).toBeGreaterThan(100);
    // Keys the yaml package reads as other than their text (null, a boolean), placed as the whole file places them.
    expectSame('# a comment\nfirst: 1\nnull:\n  x: one\ntrue: [2]\n', 'null and true as keys');
    // Sections read entry by entry, and those that cannot be: an alias to another entry, keys the
    // yaml package reads as the same, a list, comments and blank lines between entries, CRLF.
    const entries = [
      'a:\n  x: &n 1\n  y: *n\nb: 2\n',
      'a:\n  true: 1\n  True: 2\n',
      'a:\n  null: 1\n  Null: 2\n',
      'a:  \n  # first\n  x: 1\n\n  # second\n  y:\n    - 1\n# col 0\n  z: 3\nb:\n  - p: 1\n    q: 2\n  -\n    r: 3\n  - 4\n',
      'a:\r\n  x: 1\r\n  y: 2\r\nb:\r\n  - 1\r\n',
      'a:\n  x: 1\n  - 2\n',
      'a:\n    x: 1\n  y: 2\n',
      'a:\n  x: "one\n  y: two"\n',
      'a:\n  x: [1,\n  y: 2]\n',
      'a:\n  x: |\n    text\n  y: 2\n',
      'a:\n  __proto__: 1\n',
      'a:\n  x: 1\n  x: 2\n',
      // Indented comments after the last entry, where the whole file's mapping ends after them.
      'meta:\n  title: Kent\nfigures:\n  - 1\n  # footnote * removed\n',
      'a:\n  x:\n    y: 1\n\n  # *\n\n',
      'a:\n  x: 1\n  # *\n# *\nb: 2\n',
      // More entries than are parsed one by one.
      `rows:\n${Array.from({ length: 300 }, (_, i) => `  - ${i}\n`).join('')}`,
    ];
    for (const text of entries) expectSame(text, text);
    for (const file of files) {
      expectSame(readFileSync(file, 'utf8'), file);
    }
  });

  it('reads files broken at random as the whole file is read', () => {
    const texts = ['kent-2014', 'dyfed-powys-2014'].map((id) =>
      readFileSync(path.join(REPORTS, id, 'report.yaml'), 'utf8'),
    );
    const bits = [
      '"',
      "'",
      '[',
      '{',
      '}',
      '\n',
      '\nmeta: x\n',
      '&a ',
      '*a',
      '\t',
      '#',
      ': ',
      '---\n',
      '- ',
      '|\n',
      ' ',
      '\r\n',
      '\nx:',
      '<<: *a\n',
      '\n__proto__: 1\n',
      '\ntrue: 1\n',
      '\nnull: 1\n',
      '\nTrue: 2\n',
      '\nb: *a\n',
      '\u00a0',
    ];
    let seed = 20261203;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    let valid = 0;
    for (let i = 0; i < 150; i++) {
      let text = texts[random(texts.length)]!;
      for (let k = 1 + random(3); k > 0; k--) {
        const at = random(text.length);
        text =
          random(3) > 0
            ? text.slice(0, at) + bits[random(bits.length)] + text.slice(at)
            : text.slice(0, at) + text.slice(at + 1 + random(20));
      }
      if ('value' in expectSame(text, text)) valid++;
    }
    // Some of them still parse, so places are compared too.
    expect(valid).toBeGreaterThan(15);
  });

  it('makes each value afresh: a change to the value of one parse is not in the next', () => {
    const text = 'meta:\n  title: One\n  when: !!timestamp 2014-06-30\n  bytes: !!binary aGVsbG8=\nlist: [1, 2]\n';
    const first = parseYaml('f.yaml', text);
    if (!('source' in first)) throw new Error('expected a source');
    const value = first.source.value as { meta: { title: string; when: Date; bytes: Uint8Array }; list: number[] };
    value.meta.title = 'Changed';
    value.meta.when.setFullYear(1999);
    value.meta.bytes[0] = 0;
    value.list.push(3);
    expectSame(text, 'after a change to an earlier value');
  });

  it('parses a long list of short items as one section, not item by item', () => {
    const text = `rows:\n${Array.from({ length: 300 }, (_, i) => `  - ${i} once\n`).join('')}`;
    parsed.count = 0;
    const read = parseYaml('f.yaml', text);
    expect('source' in read && (read.source.value as { rows: string[] }).rows).toHaveLength(300);
    expect(parsed.count).toBe(1);
  });

  it('parses again only the section an edit changed', () => {
    const text = readFileSync(path.join(REPORTS, 'kent-2014', 'report.yaml'), 'utf8');
    const sections = text.match(/^[A-Za-z_][\w-]*:/gm)!.length;
    const edit = (n: number) => text.replace(/\bvalue: \d+\n/, `value: ${n}\n`);
    parsed.count = 0;
    parseYaml('f.yaml', edit(1001));
    expect(parsed.count).toBeLessThanOrEqual(sections);
    parsed.count = 0;
    parsed.texts = [];
    const again = parseYaml('f.yaml', edit(1002));
    expect(parsed.count).toBe(1);
    // Only the edited entry of its section, not the section.
    expect(parsed.texts[0]).toMatch(/^ {2}recordedCrimeChange:\n( {4}.*\n)+$/);
    expect(
      'source' in again && (again.source.value as { figures: Record<string, { value: number }> }).figures,
    ).toMatchObject({
      recordedCrimeChange: { value: 1002 },
    });
  });
});
