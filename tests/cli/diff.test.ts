/**
 * `report-press diff` on a temporary git repository: the small fixture report committed, then a
 * table figure, a judgment and a paragraph changed in the working folder.
 */
import { execFileSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, workspace, type Run } from './run.js';

let root: string;
let run: Run;
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], { cwd: root });

beforeAll(async () => {
  root = await workspace({ 'test-2014': 'dyfed-powys-2014' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'the report as published');
  const file = path.join(root, 'data', 'test-2014', 'report.yaml');
  const yaml = await readFile(file, 'utf8');
  const edited = yaml
    .replace('values: [null, 60.8]', 'values: [null, 61.2]')
    .replace('judgment: inadequate', 'judgment: good')
    .replace(
      'in the towns of Brecon, Carmarthen and Ystradgynlais',
      'in Brecon, Carmarthen, Llandrindod and Ystradgynlais',
    );
  expect(edited.split('\n').filter((l, i) => l !== yaml.split('\n')[i])).toHaveLength(3);
  await writeFile(file, edited);
  run = await runCli(['diff', '--summary', 'summary.md', '--images', 'pages'], root);
}, 240_000);

describe('diff against the last commit', () => {
  it('exits 0 and writes the same Markdown it prints', async () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(await readFile(path.join(root, 'summary.md'), 'utf8')).toBe(run.stdout);
  });

  it('lists the values that changed, old and new, where they are', () => {
    expect(run.stdout).toContain(
      '| Rates (per 1,000 population) in the test area › Crime excluding fraud | `tables.rates.rows[0].values[1]` | `60.8` | `61.2` |',
    );
    expect(run.stdout).toMatch(/\| [^|]+ \| `questions\[keeping-safe\]\.judgment` \| `inadequate` \| `good` \|/);
  });

  it('shows the words that changed in a paragraph', () => {
    expect(run.stdout).toContain('~~the towns of~~');
    expect(run.stdout).toContain('**Carmarthen, Llandrindod**');
    expect(run.stdout).toContain('**How well does the force prevent crime?** (`questions[preventing-crime].intro[0]`)');
  });

  it('lists the outputs that changed with their page counts, and draws the changed pages', async () => {
    expect(run.stdout).toMatch(/^\| `report\.pdf` \| changed \| \d+ \| \d+ \| [\d, ]+ \|$/m);
    expect(run.stdout).toMatch(/^\| `handouts\/keeping-safe\.pdf` \| changed \|/m);
    const images = await readdir(path.join(root, 'pages', 'test-2014'));
    const pages = /^\| `report\.pdf` \| changed \| \d+ \| \d+ \| ([\d, ]+) \|$/m.exec(run.stdout)![1]!.split(', ');
    for (const p of pages) {
      expect(images).toContain(`report-page-${p.padStart(2, '0')}-before.png`);
      expect(images).toContain(`report-page-${p.padStart(2, '0')}-after.png`);
    }
  });

  it('says nothing changed once the changes are committed', async () => {
    git('add', 'data');
    git('commit', '-qm', 'corrections');
    const again = await runCli(['diff', '--no-build'], root);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(
      /^# How the reports changed since `HEAD \([0-9a-f]{12}\)`\n\nNothing changed in the reports since/,
    );
    const before = await runCli(['diff', '--no-build', '--base', 'HEAD~1'], root);
    expect(before.stdout).toContain('`inadequate` | `good`');
  });

  it('refuses a ref that is not there, as a usage mistake', async () => {
    const bad = await runCli(['diff', '--base', 'no-such-branch'], root);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('"no-such-branch" is not a commit, branch or tag of this repository');
  });
});
