/**
 * `build --jobs n`: reports built side by side in worker threads, from the compiled workers, write
 * the same bytes as one at a time, print in the order named, and a bad report stops none of the others.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, workspace, type Run } from './run.js';

let root: string;
const IDS = ['gamma', 'broken', 'alpha', 'beta'];

/** Every file under a folder, by relative path. */
async function files(dir: string): Promise<Map<string, Buffer>> {
  const names = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  const entries = await Promise.all(
    names.map(async (e) => {
      const file = path.join(e.parentPath, e.name);
      return [path.relative(dir, file), await readFile(file)] as const;
    }),
  );
  return new Map(entries.sort(([a], [b]) => (a < b ? -1 : 1)));
}

const build = (out: string, jobs: string): Promise<Run> =>
  runCli(['build', ...IDS, '--jobs', jobs, '--out', out], root);
const resultLines = (run: Run) =>
  run.stdout
    .split('\n')
    .filter((l) => /^\S/.test(l))
    .map((l) => l.split(':')[0]);

beforeAll(async () => {
  root = await workspace({
    alpha: 'dyfed-powys-2014',
    beta: 'dyfed-powys-2014',
    gamma: 'dyfed-powys-2014',
    broken: 'dyfed-powys-2014',
  });
  const yaml = path.join(root, 'data', 'broken', 'report.yaml');
  await writeFile(yaml, (await readFile(yaml, 'utf8')).replace(/judgment: inadequate/, 'judgment: splendid'));
});

describe('a batch of reports with --jobs', () => {
  it('writes the same bytes as one report at a time, and a bad report stops none of the others', async () => {
    const [one, two] = [await build('out-1', '1'), await build('out-2', '2')];
    for (const run of [one, two]) {
      expect(run.status).toBe(1);
      expect(resultLines(run)).toEqual(['gamma', 'alpha', 'beta']);
      expect(run.stderr).toMatch(/report\.yaml:\d+:\d+ questions\[\d\]\.judgment: .*splendid/);
      expect(run.stderr).toContain('broken: build failed; previous output was left as it was');
    }
    expect(two.stderr).toBe(one.stderr);
    const [sequential, batch] = [await files(path.join(root, 'out-1')), await files(path.join(root, 'out-2'))];
    expect([...batch.keys()]).toEqual([...sequential.keys()]);
    expect([...batch.keys()].filter((f) => f.endsWith('.pdf'))).toHaveLength(12);
    expect(batch.has('broken')).toBe(false);
    for (const [name, bytes] of sequential) expect(batch.get(name)?.equals(bytes), name).toBe(true);
  });

  it('takes a whole number of jobs', async () => {
    const run = await runCli(['build', 'alpha', '--jobs', 'two', '--out', 'out-x'], root);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--jobs takes a whole number');
  });
});
