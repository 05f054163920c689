/** Runs the compiled command line (dist/cli.js, compiled by vitest's global set-up) as a user would. */
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPORTS, ROOT } from '../helpers/paths.js';

export const BIN = path.join(ROOT, 'dist', 'cli.js');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `report-press …args` in `cwd`, not on a terminal and not in CI unless `env` says so. */
export function runCli(args: readonly string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, CI: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * A project folder as a data team has it: data/ with the given reports (copies of fixtures, under
 * new ids if asked), and copies of templates/ and charts/ that a test may edit.
 */
export async function workspace(reports: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'report-press-cli-'));
  await mkdir(path.join(root, 'data'));
  for (const [id, fixture] of Object.entries(reports))
    await cp(path.join(REPORTS, fixture), path.join(root, 'data', id), { recursive: true });
  for (const dir of ['templates', 'charts']) await cp(path.join(ROOT, dir), path.join(root, dir), { recursive: true });
  return root;
}
