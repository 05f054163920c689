/**
 * The cache folder (src/cache.ts) only saves work: a build with it empty, a build that reads
 * everything from it (drawn charts, font subsets, the schema validator, shaped words) and a build
 * with it off write the same bytes.
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run.js';
import { REPORTS } from '../helpers/paths.js';

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

describe('the cache folder', () => {
  it('gives the same outputs empty, full and off', async () => {
    const cache = await mkdtemp(path.join(tmpdir(), 'cache-'));
    const empty = await buildWith(cache);
    expect((await readdir(cache)).sort()).toEqual(['ajv', 'shaping', 'svg', 'svg-measure', 'svg-size', 'svg-tape', 'woff2']);
    const full = await buildWith(cache);
    const off = await buildWith('off');
    expect(empty.size).toBe(8);
    for (const [name, bytes] of empty) {
      expect(full.get(name)?.equals(bytes), name).toBe(true);
      expect(off.get(name)?.equals(bytes), name).toBe(true);
    }
  });
});
