/**
 * Properties over many inputs, with fixed seeds so a failure can be replayed:
 * (a) any well-formed report, whatever its shape and wording, builds both editions, and every
 *     sentence it holds is in the HTML edition's text;
 * (b) any mutation of the base report either builds or fails with problems that each have a place;
 *     it never fails any other way.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createBuilder, type Builder } from '../../src/pipeline.js';
import { ReportError } from '../../src/problems.js';
import type { ReportData } from '../../src/schema/report.js';
import { ROOT } from '../helpers/paths.js';
import { htmlText, normalise } from '../helpers/text.js';
import { BASE } from './run-case.js';

let root: string;
let data: string;
let out: string;
let builder: Builder;
/** Each run gets its own report id: the builder caches a report's charts by id. */
let runs = 0;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'bad-input-properties-'));
  data = path.join(root, 'data');
  out = path.join(root, 'out');
  builder = await createBuilder({
    data,
    out,
    templates: path.join(ROOT, 'templates'),
    charts: path.join(ROOT, 'charts'),
  });
});

async function writeReport(yaml: string, csv?: string): Promise<string> {
  const id = `run-${++runs}`;
  await mkdir(path.join(data, id), { recursive: true });
  await writeFile(path.join(data, id, 'report.yaml'), yaml);
  if (csv !== undefined) await writeFile(path.join(data, id, 'recorded-crime.csv'), csv);
  return id;
}

// (a) ---------------------------------------------------------------------------------------------

/** Letters and punctuation the font covers, including Welsh letters and typographic marks. */
const LETTERS = 'abcdefghijklmnopqrstuvwxyzŵŷâêîôûäëïöü'.split('');
const word = fc
  .array(fc.constantFrom(...LETTERS), { minLength: 1, maxLength: 9 })
  .map((l) => l.join(''))
  .chain((w) => fc.constantFrom(w, `‘${w}’`, `${w}’s`, `${w},`));
const dash = fc.constantFrom('–', '—');
/** A sentence: a capitalised word, then words and dashes, then a full stop. */
const sentence = fc
  .tuple(
    fc.constantFrom(...LETTERS),
    fc.array(fc.oneof({ weight: 6, arbitrary: word }, dash), { minLength: 2, maxLength: 10 }),
  )
  .map(([first, rest]) => `${first.toUpperCase()}${rest.join(' ').replace(/^[‘’,]+/, '')}.`);
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 3 }).map((s) => s.join(' '));
const title = sentence.map((s) => s.slice(0, -1));

const question = (i: number) =>
  fc.record({
    title,
    shortTitle: word.map((w) => `Question ${i + 1} ${w}`),
    judgment: fc.constantFrom('outstanding', 'good', 'requires-improvement', 'inadequate'),
    gridSummary: fc.array(paragraph, { minLength: 1, maxLength: 2 }),
    intro: fc.array(paragraph, { maxLength: 2 }),
    sections: fc.array(fc.record({ title, body: fc.array(paragraph, { maxLength: 3 }) }), { maxLength: 2 }),
    recommendations: fc.array(
      fc.record({ timeframe: fc.constantFrom('Within one month', 'Immediately'), text: paragraph }),
      {
        maxLength: 2,
      },
    ),
    summary: fc.array(paragraph, { minLength: 1, maxLength: 2 }),
  });

const report = fc
  .integer({ min: 1, max: 3 })
  .chain((n) =>
    fc.record({
      overview: fc.array(paragraph, { minLength: 1, maxLength: 3 }),
      introduction: fc.array(paragraph, { maxLength: 2 }),
      judgments: fc.array(paragraph, { minLength: 1, maxLength: 2 }),
      questions: fc.tuple(...Array.from({ length: n }, (_, i) => question(i))),
    }),
  )
  .map((r) => ({
    meta: {
      force: 'Heddlu Prawf Police',
      area: 'Prawf',
      title: 'Property test inspection',
      published: '2014-12',
      publisher: 'Test Inspectorate',
      author: 'Test Inspectorate',
      language: 'en-GB',
      licence: 'Invented text for testing.',
    },
    overview: { id: 'overview', title: 'How well does the force do?', summaryTitle: 'In brief', body: r.overview },
    introduction: { id: 'introduction', title: 'Introduction', body: r.introduction },
    methodology: { id: 'methodology', title: 'Methodology', body: [] },
    questions: r.questions.map((q, i) => ({
      id: `question-${i + 1}`,
      ...q,
      sections: q.sections.map((s, j) => ({ id: `section-${i + 1}-${j + 1}`, ...s })),
    })),
    judgments: { id: 'grades', title: 'The grades', body: r.judgments },
    figures: {},
    tables: {},
    charts: {},
    footnotes: {},
  }));

/** Every sentence in a generated report (titles too), as the reader should find it. */
function sentences(r: ReportData): string[] {
  const texts: string[] = [...(r.overview.body as string[]), ...(r.introduction.body as string[])];
  for (const q of r.questions) {
    texts.push(q.title, ...q.gridSummary, ...(q.intro as string[]), ...q.summary);
    for (const s of q.sections) texts.push(s.title, ...(s.body as string[]));
    for (const rec of q.recommendations ?? []) texts.push(rec.text);
  }
  texts.push(...(r.judgments.body as string[]));
  return texts.flatMap((t) => t.split(/(?<=\.) /));
}

describe('(a) a well-formed report always builds, and says everything it was given', () => {
  test('random reports', async () => {
    await fc.assert(
      fc.asyncProperty(report, async (r) => {
        const id = await writeReport(stringify(r));
        const outputs = await builder.build(id);
        const names = outputs.map((o) => path.relative(path.join(out, id), o.file));
        expect(names).toEqual(expect.arrayContaining(['report.pdf', 'report.html']));
        const pdf = await readFile(path.join(out, id, 'report.pdf'));
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        const text = normalise(htmlText(await readFile(path.join(out, id, 'report.html'), 'utf8')));
        for (const s of sentences(r)) expect(text).toContain(normalise(s));
      }),
      { numRuns: 12, seed: 42 },
    );
  });
});

// (b) ---------------------------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every place in a value where a mutation can go: the path to each member of an object or list. */
function places(value: Json, at: (string | number)[] = []): (string | number)[][] {
  const here = at.length ? [at] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => places(v, [...at, i]))];
  if (value && typeof value === 'object')
    return [...here, ...Object.entries(value).flatMap(([k, v]) => places(v, [...at, k]))];
  return here;
}

const junk: fc.Arbitrary<Json> = fc.oneof<fc.Arbitrary<Json>[]>(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom(
    '',
    ' ',
    '::something',
    '[^nowhere]',
    '{{#each}}',
    '<script>x</script>',
    '\u0000',
    '🚓',
    '*bold* text',
  ),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, 1e308, -1e-308, 2 ** 53 + 1, -1, 0, 101),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant<Json>([]),
  fc.constant<Json>({}),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);

type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'replace'; at: number; value: Json }
  | { kind: 'insert'; at: number; key: string; value: Json }
  | { kind: 'text'; offset: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: junk }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    key: fc.string({ minLength: 1, maxLength: 8 }),
    value: junk,
  }),
  fc.record({
    kind: fc.constant('text' as const),
    offset: fc.nat(),
    text: fc.oneof(
      fc.string({ maxLength: 4 }),
      fc.constantFrom(
        '\t',
        '"',
        "'",
        ':',
        ': ',
        '- ',
        '[',
        '{',
        '}',
        '&a',
        '*a',
        '\n  ',
        '\n',
        '#',
        '|',
        '>',
        '---\n',
        '\uFEFF',
      ),
    ),
  }),
);

function insertText(yaml: string, m: Extract<Mutation, { kind: 'text' }>): string {
  const at = m.offset % (yaml.length + 1);
  return yaml.slice(0, at) + m.text + yaml.slice(at);
}

/** A copy of `value` with one change: a member deleted, replaced, or given a new field. */
function mutate(value: Json, m: Exclude<Mutation, { kind: 'text' }>): Json {
  const copy = structuredClone(value);
  const all = places(copy);
  if (all.length === 0) return m.kind === 'delete' ? null : { [m.kind === 'insert' ? m.key : 'x']: m.value };
  const target = all[m.at % all.length]!;
  const parent = target.slice(0, -1).reduce<Json>((v, k) => (v as Record<string, Json>)[k]!, copy) as
    Json[] | Record<string, Json>;
  const key = target.at(-1)!;
  if (m.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else if (m.kind === 'replace') (parent as Record<string, Json>)[key] = m.value;
  else {
    const owner = (parent as Record<string, Json>)[key];
    if (owner && typeof owner === 'object' && !Array.isArray(owner)) owner[m.key] = m.value;
    else if (Array.isArray(owner)) owner.push(m.value);
    else (parent as Record<string, Json>)[key] = { [m.key]: m.value };
  }
  return copy;
}

describe('(b) a mutated report builds or fails with placed problems, never otherwise', () => {
  test('random mutations of the base report', async () => {
    const yaml = await readFile(path.join(BASE, 'report.yaml'), 'utf8');
    const csv = await readFile(path.join(BASE, 'recorded-crime.csv'), 'utf8');
    const base = parse(yaml) as Json;
    let failed = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        // Changes to the data first, then to the text it is written as.
        let value = base;
        for (const m of mutations.filter((m) => m.kind !== 'text')) value = mutate(value, m);
        let text = mutations.some((m) => m.kind !== 'text') ? stringify(value) : yaml;
        for (const m of mutations.filter((m) => m.kind === 'text')) text = insertText(text, m);
        const id = await writeReport(text, csv);
        try {
          await builder.build(id);
        } catch (error) {
          if (!(error instanceof ReportError)) throw error;
          failed++;
          expect(error.problems.length).toBeGreaterThan(0);
          for (const p of error.problems) {
            expect(p.file).toMatch(/report\.yaml$|\.csv$|\.hbs$|\.vl\.json$/);
            expect(p.line).toBeGreaterThanOrEqual(1);
            expect(p.column).toBeGreaterThanOrEqual(1);
            expect(p.path).not.toBe('');
            expect(p.message).not.toMatch(/undefined|\[object Object\]/);
          }
        }
      }),
      { numRuns: 150, seed: 7 },
    );
    // Most mutations break the report; if none did, the mutations were not reaching it.
    expect(failed).toBeGreaterThan(50);
  });
});

test('the unmutated base report builds, so every failure above came from a mutation', async () => {
  const base = parse(await readFile(path.join(BASE, 'report.yaml'), 'utf8')) as Json;
  const before = JSON.stringify(base);
  mutate(base, { kind: 'delete', at: 0 });
  expect(JSON.stringify(base), 'mutate changes a copy').toBe(before);
  await cp(BASE, path.join(data, 'unchanged'), { recursive: true });
  await expect(builder.build('unchanged')).resolves.toHaveLength(8);
});

afterAll(() => rm(root, { recursive: true, force: true }));
