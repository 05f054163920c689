/**
 * A wrong --out is the user's to fix: the command says so in words, naming the path, and exits 1;
 * never an internal error, a stack trace, or a hang (Node 20's recursive mkdir under /proc never returns).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { message } from '../../src/messages.js';
import { ROOT } from '../helpers/paths.js';

const CLI = path.join(ROOT, 'src', 'cli.ts');
const TSX = import.meta.resolve('tsx');
const DATA = path.join(ROOT, 'tests', 'fixtures', 'reports');

function run(out: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, CLI, '--data', DATA, '--out', out, '--quiet'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

it.each([
  ['/proc/x', `/proc/x: output: ${message.outputSystemFolder}`],
  ['README.md', `README.md: output: ${message.outputFileInTheWay}`],
  [
    'tests/fixtures/reports/x',
    `tests/fixtures/reports/x: output: ${message.outputOverlapsSource('tests/fixtures/reports')}`,
  ],
])('--out %s is refused in words', async (out, expected) => {
  const { code, stderr } = await run(out);
  expect(stderr).toContain(expected);
  expect(stderr).not.toMatch(/internal error|\n\s+at /);
  expect(code).toBe(1);
});
