/**
 * The bad-input corpus: every folder under cases/ must fail with exactly the problem lines in its
 * expected.txt, write nothing, and leave the previous output byte-for-byte as it was; every folder
 * under valid/ must build. `UPDATE_BAD_INPUT=1 npx vitest run tests/bad-input/corpus.test.ts`
 * rewrites the expected.txt files for review.
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT } from '../helpers/paths.js';
import {
  buildCase,
  CASES,
  caseNames,
  removeWorkspaces,
  snapshot,
  VALID,
  workspace,
  writeSnapshot,
  type Workspace,
} from './run-case.js';

const UPDATE = process.env.UPDATE_BAD_INPUT === '1';
const CLI = path.join(ROOT, 'src', 'cli.ts');
const TSX = import.meta.resolve('tsx');

const cases = await caseNames(CASES);
const valid = await caseNames(VALID);

/** The base report's outputs, laid into each case's out/ before it builds, to prove they survive. */
let previous: Map<string, Buffer>;

beforeAll(async () => {
  const ws = await workspace();
  const outcome = await buildCase(ws);
  if (!outcome.ok) throw outcome.error;
  previous = await snapshot(ws.paths.out);
});

async function expectUntouched(ws: Workspace): Promise<void> {
  const now = await snapshot(ws.paths.out);
  expect([...now.keys()].sort()).toEqual([...previous.keys()].sort());
  for (const [name, bytes] of previous) expect(now.get(name)!.equals(bytes), `${name} changed`).toBe(true);
}

async function expected(name: string): Promise<string> {
  return readFile(path.join(CASES, name, 'expected.txt'), 'utf8');
}

test('the corpus has at least 40 cases, each with its expected problems', async () => {
  expect(cases.length).toBeGreaterThanOrEqual(40);
  expect(previous.size, 'the base report built its 8 outputs and their manifest').toBe(9);
  // An empty expected.txt is a new case waiting for UPDATE_BAD_INPUT=1 and a reader.
  if (!UPDATE) for (const name of cases) expect((await expected(name)).trim(), name).not.toBe('');
});

describe('each bad input fails with its expected problems and touches no output', () => {
  test.each(cases)('%s', async (name) => {
    const ws = await workspace(path.join(CASES, name));
    await writeSnapshot(ws.paths.out, previous);
    const outcome = await buildCase(ws);
    expect(outcome.ok, 'the build should have failed').toBe(false);
    if (outcome.ok) return;
    if (outcome.lines.length === 0) throw outcome.error; // not a ReportError: a crash, not a problem report
    const actual = `${outcome.lines.join('\n')}\n`;
    if (UPDATE) await writeFile(path.join(CASES, name, 'expected.txt'), actual);
    else expect(actual).toBe(await expected(name));
    await expectUntouched(ws);
  });
});

describe('valid input with awkward encodings builds', () => {
  test.each(valid)('%s', async (name) => {
    const ws = await workspace(path.join(VALID, name));
    const outcome = await buildCase(ws);
    if (!outcome.ok) throw outcome.error;
    expect(outcome.files).toContain(path.join(ws.id, 'report.pdf'));
    expect(outcome.files).toContain(path.join(ws.id, 'report.html'));
    const html = await readFile(path.join(ws.paths.out, ws.id, 'report.html'), 'utf8');
    expect(html).toContain('The force serves a rural area');
    expect(html).not.toContain('\uFEFF');
    expect(html).not.toContain('\r');
  });
});

function runCli(ws: Workspace): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const args = ['--import', TSX, CLI, '--data', 'data', '--out', 'out', ws.id];
  if (ws.config.handout) args.push('--handout', ws.config.handout);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ws.root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the CLI prints the problems plainly and exits non-zero', () => {
  const spawned = [
    'yaml-tab-indent',
    'figure-nan',
    'csv-ragged-row',
    'template-unknown-partial',
    'report-id-with-dots',
  ];
  test.each(spawned)('%s', async (name) => {
    const ws = await workspace(path.join(CASES, name));
    await writeSnapshot(ws.paths.out, previous);
    const { code, stdout, stderr } = await runCli(ws);
    // A report id that cannot be one is a mistake on the command line: exit code 2, not 1.
    expect(code).toBe(name === 'report-id-with-dots' ? 2 : 1);
    expect(stdout).toBe('');
    expect(stderr.startsWith(await expected(name))).toBe(true);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stderr).not.toMatch(/internal error/);
    await expectUntouched(ws);
  });
});

afterAll(removeWorkspaces);
