/**
 * Building through the binary: shards, duplicate ids, and incremental builds against the manifest.
 * The tests run in order on one project folder holding two copies of the small fixture report, so
 * each builds on what the one before built.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, workspace } from './run.js';
import { MANIFEST_FILE } from '../../src/output/manifest.js';
import { shardOf } from '../../src/cli/args.js';

let root: string;
const out = (...parts: string[]) => path.join(root, 'out', ...parts);

/** Every output of a report: name → content and modification time. */
async function snapshot(id: string): Promise<Map<string, { data: Buffer; mtime: number }>> {
  const files = (await readdir(out(id), { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && e.name !== MANIFEST_FILE)
    .map((e) => path.relative(out(id), path.join(e.parentPath, e.name)));
  const entries = await Promise.all(
    files.map(async (f) => [f, { data: await readFile(out(id, f)), mtime: (await stat(out(id, f))).mtimeMs }] as const),
  );
  return new Map(entries.sort(([a], [b]) => (a < b ? -1 : 1)));
}

const rewritten = (before: Map<string, { mtime: number }>, after: Map<string, { mtime: number }>) =>
  [...after].filter(([f, a]) => before.get(f)?.mtime !== a.mtime).map(([f]) => f);

function expectSameBytes(before: Map<string, { data: Buffer }>, after: Map<string, { data: Buffer }>) {
  expect([...after.keys()]).toEqual([...before.keys()]);
  for (const [f, a] of after) expect(a.data.equals(before.get(f)!.data), f).toBe(true);
}

beforeAll(async () => {
  root = await workspace({ alpha: 'dyfed-powys-2014', beta: 'dyfed-powys-2014' });
});

describe('shards', () => {
  it('deal every report to exactly one shard, the same way each time', () => {
    const ids = Array.from({ length: 23 }, (_, i) => `report-${String.fromCharCode(122 - i)}`);
    for (let count = 1; count <= 7; count++) {
      const shards = Array.from({ length: count }, (_, i) => shardOf(ids, { index: i + 1, count }));
      expect(shards.flat().sort()).toEqual([...ids].sort());
      const sizes = shards.map((s) => s.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      expect(shardOf([...ids].reverse(), { index: 1, count })).toEqual(shards[0]);
    }
  });

  it('build only the reports of their share', async () => {
    const run = await runCli(['build', '--shard', '2/2'], root);
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(run.stdout).toMatch(/^beta: wrote 8 files/);
    expect(run.stdout).not.toContain('alpha');
    await expect(stat(out('alpha'))).rejects.toThrow();
  });
});

describe('incremental builds', () => {
  it('build a report named twice once, and leave current outputs alone', async () => {
    const before = await snapshot('beta');
    const run = await runCli(['build', 'beta', 'alpha', 'beta'], root);
    expect(run).toMatchObject({ status: 0, stderr: '' });
    const lines = run.stdout.split('\n').filter((l) => !l.startsWith(' '));
    expect(lines[0]).toMatch(/^beta: up to date, 8 unchanged in/);
    expect(lines[1]).toMatch(/^alpha: wrote 8 files/);
    expect(lines.filter((l) => l.startsWith('beta'))).toHaveLength(1);
    expect(rewritten(before, await snapshot('beta'))).toEqual([]);
  });

  it('rebuild only the report whose data changed', async () => {
    const [alpha, beta] = [await snapshot('alpha'), await snapshot('beta')];
    const file = path.join(root, 'data', 'beta', 'report.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('Dyfed-Powys', 'Dyfed–Powys'));
    const run = await runCli(['build'], root);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^alpha: up to date, 8 unchanged/m);
    expect(run.stdout).toMatch(/^beta: wrote 8 files/m);
    expect(rewritten(alpha, await snapshot('alpha'))).toEqual([]);
    expect(rewritten(beta, await snapshot('beta'))).toHaveLength(8);
  });

  it('rebuild every report when a shared template changes, to the same bytes as before', async () => {
    const [alpha, beta] = [await snapshot('alpha'), await snapshot('beta')];
    const file = path.join(root, 'templates', 'report.md.hbs');
    await writeFile(file, `${await readFile(file, 'utf8')}{{!-- a comment changes the template, not the output --}}\n`);
    const run = await runCli(['build', '--quiet'], root);
    expect(run).toMatchObject({ status: 0, stdout: '', stderr: '' });
    const [alpha2, beta2] = [await snapshot('alpha'), await snapshot('beta')];
    expect(rewritten(alpha, alpha2)).toHaveLength(8);
    expect(rewritten(beta, beta2)).toHaveLength(8);
    expectSameBytes(alpha, alpha2);
    expectSameBytes(beta, beta2);
  });

  it('rebuild everything asked for with --force, and a file changed since it was written', async () => {
    const before = await snapshot('alpha');
    let run = await runCli(['build', 'alpha', '--force', '--format', 'pdf'], root);
    expect(run.stdout).toMatch(/^alpha: wrote 4 files \(\d+ KiB\) in [\d.]+ s\n/);
    expect(rewritten(before, await snapshot('alpha')).every((f) => f.endsWith('.pdf'))).toBe(true);
    await writeFile(out('alpha', 'report.html'), 'edited by hand');
    run = await runCli(['build', 'alpha'], root);
    expect(run.stdout).toMatch(/^alpha: wrote 1 file .*, 7 unchanged/);
    expectSameBytes(before, await snapshot('alpha'));
  });

  it('remove the outputs of a dropped question, which it wrote, and never a reader’s own files', async () => {
    const handouts = out('beta', 'handouts');
    await writeFile(path.join(handouts, 'my-notes.pdf'), 'a reader’s own file');
    const file = path.join(root, 'data', 'beta', 'report.yaml');
    const yaml = await readFile(file, 'utf8');
    // Drop the second question: from its id to the next top-level key.
    const dropped = yaml.replace(/\n {2}- id: keeping-safe\n[\s\S]*?(?=\n[a-z])/, '');
    expect(dropped).not.toBe(yaml);
    await writeFile(file, dropped);
    const run = await runCli(['build', 'beta'], root);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect((await readdir(handouts)).sort()).toEqual([
      'my-notes.pdf',
      'preventing-crime.html',
      'preventing-crime.pdf',
      'summary.html',
      'summary.pdf',
    ]);
    const manifest = JSON.parse(await readFile(out('beta', MANIFEST_FILE), 'utf8')) as { outputs: object };
    expect(Object.keys(manifest.outputs).some((k) => k.includes('keeping-safe'))).toBe(false);
  });
});

describe('the report alone', () => {
  it('is built with --no-handouts, leaving the handouts and what the manifest knows of them', async () => {
    const before = await snapshot('alpha');
    const run = await runCli(['build', 'alpha', '--no-handouts', '--force', '--format', 'pdf'], root);
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(run.stdout).toMatch(/^alpha: wrote 1 file /);
    expect(rewritten(before, await snapshot('alpha'))).toEqual(['report.pdf']);
    const manifest = JSON.parse(await readFile(out('alpha', MANIFEST_FILE), 'utf8')) as { outputs: object };
    expect(Object.keys(manifest.outputs).filter((k) => k.startsWith('handouts/'))).toHaveLength(6);
  });

  it('is not asked for together with one handout', async () => {
    const run = await runCli(['build', 'alpha', '--no-handouts', '--handout', 'summary'], root);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--handout and --no-handouts');
  });
});
