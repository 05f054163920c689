/**
 * Ctrl-C and SIGTERM end a build at once, even one blocked reading a file that never ends (a named
 * pipe): run through tsx, and with tsx as a loader only. Data files that are pipes are refused at
 * the input boundary (tests/unit/load/boundary.test.ts), so the pipe here is the HTML edition's
 * stylesheet in the templates folder, which the build reads as it sets up.
 */
import { spawn, execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPORTS, ROOT } from '../helpers/paths.js';

const CLI = path.join(ROOT, 'src', 'cli.ts');
const BIN = path.join(ROOT, 'dist', 'cli.js');
const TSX_CLI = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const TSX = import.meta.resolve('tsx');
/** Not a measure of speed: only how long to wait before calling the build stuck. */
const STUCK_MS = 15_000;

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'signals-'));
});

afterAll(() => rm(root, { recursive: true, force: true }));

const runners = {
  'tsx src/cli.ts': (args: string[]) => [TSX_CLI, CLI, ...args],
  'node --import tsx src/cli.ts': (args: string[]) => [process.execPath, '--import', TSX, CLI, ...args],
  // Two reports over two worker threads (compiled), each blocked on the pipe as it sets up.
  'node dist/cli.js --jobs 2': (args: string[]) => [process.execPath, BIN, 'also-blocked', '--jobs', '2', ...args],
};

it.each([
  ['tsx src/cli.ts', 'SIGINT'],
  ['tsx src/cli.ts', 'SIGTERM'],
  ['node --import tsx src/cli.ts', 'SIGINT'],
  ['node --import tsx src/cli.ts', 'SIGTERM'],
  ['node dist/cli.js --jobs 2', 'SIGINT'],
  ['node dist/cli.js --jobs 2', 'SIGTERM'],
] as const)(
  '%s ends on %s while blocked on a read',
  async (runner, signal) => {
    const ws = await mkdtemp(path.join(root, 'ws-'));
    await mkdir(path.join(ws, 'data'), { recursive: true });
    for (const id of ['blocked', 'also-blocked'])
      await cp(path.join(REPORTS, 'dyfed-powys-2014'), path.join(ws, 'data', id), { recursive: true });
    const pipe = path.join(ws, 'templates', 'edition.css');
    await cp(path.join(ROOT, 'templates'), path.join(ws, 'templates'), {
      recursive: true,
      filter: (source) => source !== path.join(ROOT, 'templates', 'edition.css'),
    });
    execFileSync('mkfifo', [pipe]);
    await cp(path.join(ROOT, 'charts'), path.join(ws, 'charts'), { recursive: true });
    const [command, ...args] = runners[runner](['blocked', '--out', path.join(ws, 'out')]);
    // Its own process group, so that Ctrl-C can be sent the way a terminal sends it: to the group.
    const child = spawn(command!, args, { cwd: ws, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, sig) => resolve({ code, signal: sig })),
    );
    // Opening the pipe for writing returns once the build has opened it to read: from then on it is blocked.
    const writer = open(pipe, 'w');
    const first = await Promise.race([writer.then(() => 'blocked' as const), exited.then(() => 'ended' as const)]);
    expect(first, `the build ended before it read the pipe: ${stderr}`).toBe('blocked');
    if (signal === 'SIGINT') process.kill(-child.pid!, signal);
    else child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<'stuck'>((resolve) => (timer = setTimeout(() => resolve('stuck'), STUCK_MS)));
    const result = await Promise.race([exited, stuck]);
    clearTimeout(timer);
    if (result === 'stuck') process.kill(-child.pid!, 'SIGKILL');
    await (await writer).close().catch(() => undefined);
    expect(result, `still running after ${signal}: ${stderr}`).not.toBe('stuck');
    if (result === 'stuck') return;
    // Ended by the signal, as a shell expects (tsx reports it as 128 + the signal's number).
    const number = { SIGINT: 2, SIGTERM: 15 }[signal];
    expect(result.signal === signal || result.code === 128 + number, JSON.stringify(result)).toBe(true);
    expect(stderr).not.toMatch(/internal error|\n\s+at /);
  },
  30_000,
);
