/**
 * The cache folder (src/cache.ts) only saves work: a build with it empty, a build that reads
 * everything from it (drawn charts, font subsets, the schema validator, shaped words, V8's compiled
 * code) and a build with it off write the same bytes.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run.js';
import { REPORTS, ROOT } from '../helpers/paths.js';
import { decode, encode } from '../../src/code-cache.js';

const BAD_INPUT = path.join(import.meta.dirname, '..', 'bad-input', 'cases');

async function buildWith(cache: string): Promise<Map<string, Buffer>> {
  const out = await mkdtemp(path.join(tmpdir(), 'cache-out-'));
  const run = await runCli(['build', 'dyfed-powys-2014', '--quiet', '--data', REPORTS, '--out', out], undefined, {
    REPORT_PRESS_CACHE: cache,
  });
  expect(run).toMatchObject({ status: 0, stderr: '' });
  const dir = path.join(out, 'dyfed-powys-2014');
  const files = (await readdir(dir, { recursive: true })).filter((f) => /\.(pdf|html)$/.test(f)).sort();
  return new Map(await Promise.all(files.map(async (f) => [f, await readFile(path.join(dir, f))] as const)));
}

/** Checks a report with the cache folder, and reads the one entry of `kind` the check leaves. */
async function checkLeaving(cache: string, kind: string): Promise<{ file: string; mtimeMs: number; data: Buffer }> {
  const run = await runCli(['check', 'dyfed-powys-2014', '--data', REPORTS], undefined, { REPORT_PRESS_CACHE: cache });
  expect(run).toMatchObject({ status: 0, stderr: '' });
  const [name, ...more] = await readdir(path.join(cache, kind));
  expect(more).toEqual([]);
  const file = path.join(cache, kind, name!);
  const stored = await readFile(file);
  // As the cache stores an entry: the digest of its bytes, then the bytes.
  return { file, mtimeMs: (await stat(file)).mtimeMs, data: stored.subarray(32) };
}

/** Stores `data` as the cache would, whole; returns the file's new time. */
async function store(file: string, data: Buffer): Promise<number> {
  await writeFile(file, Buffer.concat([createHash('sha256').update(data).digest(), data]));
  return (await stat(file)).mtimeMs;
}

describe('the cache folder', () => {
  it('gives the same outputs empty, full and off', async () => {
    const cache = await mkdtemp(path.join(tmpdir(), 'cache-'));
    const empty = await buildWith(cache);
    expect((await readdir(cache)).sort()).toEqual([
      'ajv',
      'ajv-v8',
      'cjs-v8',
      'shaping',
      'svg',
      'svg-measure',
      'svg-size',
      'svg-tape',
      'woff2',
    ]);
    const full = await buildWith(cache);
    const off = await buildWith('off');
    expect(empty.size).toBe(8);
    for (const [name, bytes] of empty) {
      expect(full.get(name)?.equals(bytes), name).toBe(true);
      expect(off.get(name)?.equals(bytes), name).toBe(true);
    }
  });

  it('keeps V8’s compiled schema validator once V8 takes it, and makes it afresh when V8 rejects it', async () => {
    const cache = await mkdtemp(path.join(tmpdir(), 'cache-'));
    const check = () => checkLeaving(cache, 'ajv-v8');
    const made = await check();
    expect(made.data.length).toBeGreaterThan(10_000);
    // V8 took it: the next run does not write it again.
    expect((await check()).mtimeMs).toBe(made.mtimeMs);
    // An entry whole as the cache stores it, but not code V8 can use: it is made afresh.
    await store(made.file, Buffer.from('not compiled code'));
    expect((await check()).data.length).toBeGreaterThan(10_000);
  });

  it('keeps V8’s compiled code of the engine and its packages, and compiles afresh what changed or V8 rejects', async () => {
    const cache = await mkdtemp(path.join(tmpdir(), 'cache-'));
    const out = await mkdtemp(path.join(tmpdir(), 'cache-out-'));
    const engine = path.join(ROOT, 'dist', 'engine.cjs');
    const entryFile = async () => {
      const names = await readdir(path.join(cache, 'cjs-v8')).catch(() => []);
      expect(names.length).toBeLessThanOrEqual(1);
      return names[0] && path.join(cache, 'cjs-v8', names[0]);
    };
    /** Builds the report's PDF or HTML edition, then reads the stored code. */
    const build = async (format: 'pdf' | 'html') => {
      const args = ['build', 'dyfed-powys-2014', '--format', format, '--no-handouts', '--force', '--quiet'];
      const run = await runCli([...args, '--data', REPORTS, '--out', out], undefined, { REPORT_PRESS_CACHE: cache });
      expect(run).toMatchObject({ status: 0, stderr: '' });
      const file = (await entryFile())!;
      const stored = decode((await readFile(file)).subarray(32));
      return { file, mtimeMs: (await stat(file)).mtimeMs, ...stored, engine: stored.entries.get(engine) };
    };
    // A run that makes no document has compiled too little of the engine to keep.
    expect((await checkLeaving(cache, 'ajv-v8')).data.length).toBeGreaterThan(10_000);
    expect(await entryFile()).toBeUndefined();
    const made = await build('pdf');
    const digest = createHash('sha256')
      .update(await readFile(engine, 'utf8'))
      .digest('base64');
    expect(made.work).toEqual(['pdf']);
    expect(made.engine?.digest).toBe(digest);
    expect(made.engine!.data.length).toBeGreaterThan(100_000);
    expect([...made.entries.keys()].some((f) => f.endsWith(path.join('pdfkit', 'js', 'pdfkit.js')))).toBe(true);
    // V8 took every file's code and the run did the same work: the code is not made again.
    expect((await build('pdf')).mtimeMs).toBe(made.mtimeMs);
    // Work the code's makers had not done: made again, holding the functions of both.
    const more = await build('html');
    expect(more.work).toEqual(['html', 'pdf']);
    expect(more.engine!.data.length).toBeGreaterThan(made.engine!.data.length);
    // Code stored for other source of the same file (V8 itself compares only its length): compiled afresh.
    more.entries.set(engine, { ...more.engine!, digest: 'other source' });
    const tampered = await store(more.file, encode(more));
    const changed = await build('pdf');
    expect(changed.mtimeMs).not.toBe(tampered);
    expect(changed.engine?.digest).toBe(digest);
    // Code for the right source that V8 cannot use: compiled afresh, and the file's code kept again.
    changed.entries.set(engine, { digest, data: Buffer.from('not compiled code') });
    const junk = await store(more.file, encode(changed));
    const remade = await build('pdf');
    expect(remade.mtimeMs).not.toBe(junk);
    expect(remade.engine!.data.length).toBeGreaterThan(100_000);
    await store(more.file, Buffer.from('not an index'));
    expect((await build('pdf')).engine!.data.length).toBeGreaterThan(100_000);
  });

  it('keeps the compiled code of a batch’s workers, not only of the thread that ends last', async () => {
    const cache = await mkdtemp(path.join(tmpdir(), 'cache-'));
    const out = await mkdtemp(path.join(tmpdir(), 'cache-out-'));
    const ids = ['dyfed-powys-2014', 'kent-2014'];
    const run = await runCli(['build', ...ids, '--jobs', '2', '--quiet', '--data', REPORTS, '--out', out], undefined, {
      REPORT_PRESS_CACHE: cache,
    });
    expect(run).toMatchObject({ status: 0, stderr: '' });
    const [name] = await readdir(path.join(cache, 'cjs-v8'));
    const { entries } = decode((await readFile(path.join(cache, 'cjs-v8', name!))).subarray(32));
    // Only the workers write PDFs: pdfkit's code is theirs.
    expect([...entries.keys()].some((f) => f.endsWith(path.join('pdfkit', 'js', 'pdfkit.js')))).toBe(true);
  });

  it('finds the same problems with the validator compiled afresh, from V8’s cache, and with the cache off', async () => {
    const cache = await mkdtemp(path.join(tmpdir(), 'cache-'));
    const data = path.join(BAD_INPUT, 'several-problems', 'data');
    const check = async (setting: string) => {
      const run = await runCli(['check', 'test-report', '--data', data], undefined, { REPORT_PRESS_CACHE: setting });
      expect(run.status).not.toBe(0);
      return run.stderr;
    };
    const fresh = await check(cache);
    expect(fresh).toContain('questions[0].judgment: expected one of');
    expect((await readdir(path.join(cache, 'ajv-v8'))).length).toBe(1);
    expect(await check(cache)).toBe(fresh);
    expect(await check('off')).toBe(fresh);
  });
});
