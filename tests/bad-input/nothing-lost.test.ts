/**
 * Nothing lost: a build killed at any moment leaves every output either as it was or complete and
 * new, never cut short, and its temporary files are hidden, named as the writer names them, and
 * removed by the next build.
 */
import { spawn } from 'node:child_process';
import { watch, type FSWatcher } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseTempName, recoverSets } from '../../src/output/write.js';
import { BIN } from '../cli/run.js';
import { ROOT } from '../helpers/paths.js';
import { removeWorkspaces, snapshot, workspace, type Workspace } from './run-case.js';
import { MANIFEST_FILE } from '../../src/output/manifest.js';

const KILLS = 8;
const FROZEN_WRITER = path.join(import.meta.dirname, 'frozen-writer.ts');
/** Kill points are drawn from a fixed seed, so a failure can be replayed. */
const SEED = 20141203;

interface Run {
  pid: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  ms: number;
}

/** When to kill: `after` ms from the start, or `afterWriting` ms after the first temporary file appears. */
type Kill = { after: number } | { afterWriting: number };

/**
 * Calls `then` once something changes in one of `dirs` (the build has begun writing there), as the
 * file system reports it; returns a function that stops watching.
 */
function onWriting(dirs: readonly string[], then: () => void): () => void {
  let watchers: FSWatcher[] = [];
  const stop = () => {
    for (const w of watchers) w.close();
    watchers = [];
  };
  watchers = dirs.map((dir) =>
    watch(dir, () => {
      if (watchers.length === 0) return;
      stop();
      then();
    }),
  );
  return stop;
}

/** Runs the compiled CLI on the workspace and, if asked, SIGKILLs it at the given point. */
function runCli(ws: Workspace, kill?: Kill): Promise<Run> {
  const args = [BIN, '--data', ws.paths.data, '--out', ws.paths.out, '--quiet', ws.id];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    let stopWatching = () => {};
    // Watching starts before the build does, so its first write cannot be missed.
    if (kill && 'afterWriting' in kill) {
      const out = path.join(ws.paths.out, ws.id);
      stopWatching = onWriting([out, path.join(out, 'handouts')], () => {
        timer = setTimeout(() => child.kill('SIGKILL'), kill.afterWriting);
      });
    }
    const child = spawn(process.execPath, args, { cwd: ws.root, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    if (kill && 'after' in kill) timer = setTimeout(() => child.kill('SIGKILL'), kill.after);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      stopWatching();
      clearTimeout(timer);
      resolve({ pid: child.pid!, code, signal, stderr, ms: performance.now() - started });
    });
  });
}

/** A file the writer finished: its format's last bytes are there. */
function isComplete(name: string, bytes: Buffer): boolean {
  if (name.endsWith('.pdf'))
    return bytes.subarray(0, 5).toString() === '%PDF-' && /%%EOF\s*$/.test(bytes.subarray(-16).toString());
  if (name.endsWith('.html'))
    return /^<!doctype html>/i.test(bytes.subarray(0, 15).toString()) && bytes.toString().endsWith('</html>\n');
  return false;
}

/** Output files and the writer's temporary files and journals, apart; anything else in out/ is a failure. */
function classify(files: ReadonlyMap<string, Buffer>): { outputs: Map<string, Buffer>; temps: string[] } {
  const outputs = new Map<string, Buffer>();
  const temps: string[] = [];
  for (const [name, bytes] of files) {
    const temp =
      parseTempName(path.basename(name)) ?? /^\.report-press-set\.\d+\.[0-9a-f]{8}\.journal$/.exec(path.basename(name));
    if (temp) {
      expect(path.basename(name).startsWith('.'), `${name} is hidden`).toBe(true);
      temps.push(name);
    } else if (path.basename(name) === MANIFEST_FILE) {
      // The build manifest is written with the outputs, in the same all-or-nothing set.
      expect(() => JSON.parse(bytes.toString()) as unknown, `${name} is whole`).not.toThrow();
    } else {
      expect(name, 'only PDF and HTML outputs are visible').toMatch(/\.(pdf|html)$/);
      outputs.set(name, bytes);
    }
  }
  return { outputs, temps };
}

let ws: Workspace;
let fullRunMs: number;
const report = () => path.join(ws.paths.data, ws.id, 'report.yaml');

/** Each run writes something new: the title names the run, so old and new outputs differ. */
async function retitle(run: number): Promise<void> {
  const text = await readFile(report(), 'utf8');
  await writeFile(report(), text.replace(/^ {2}title: .*$/m, `  title: Test inspection 2014, run ${run}`));
}

beforeAll(async () => {
  ws = await workspace();
  await retitle(0);
  const first = await runCli(ws);
  expect(first.stderr).toBe('');
  expect(first.code, first.stderr).toBe(0);
  fullRunMs = first.ms;
});

/** Not a measure of speed: room for ten builds on a busy two-core machine before calling it stuck. */
const STUCK_MS = 300_000;

test(
  'a build killed at random points leaves each output as it was or complete',
  async () => {
    // Half the kills land anywhere in a build; the other half once it has begun writing. Whether a
    // kill lands mid-write depends on the machine's load, so this asserts nothing about that: every
    // point where a writer can stop is covered, deterministically, by tests/unit/output/write.test.ts.
    const anywhere = fc
      .integer({ min: 50, max: Math.max(2500, Math.round(fullRunMs) + 500) })
      .map((after) => ({ after }));
    const writing = fc.integer({ min: 0, max: 150 }).map((afterWriting) => ({ afterWriting }));
    const kills: Kill[] = fc.sample(fc.oneof(anywhere, writing), { numRuns: KILLS, seed: SEED });
    let before = classify(await snapshot(ws.paths.out)).outputs;
    expect(before.size).toBeGreaterThanOrEqual(8);
    for (const [i, kill] of kills.entries()) {
      await retitle(i + 1);
      const run = await runCli(ws, kill);
      const when = JSON.stringify(kill);
      // A run that was not killed must have succeeded; one that was printed nothing before it died.
      if (run.signal !== 'SIGKILL') expect(run.code, `run ${i + 1} (${when}) failed: ${run.stderr}`).toBe(0);
      expect(run.stderr, `run ${i + 1} (${when}) printed nothing but problems`).toBe('');
      const { outputs } = classify(await snapshot(ws.paths.out));
      expect([...outputs.keys()].sort(), 'no output went missing').toEqual([...before.keys()].sort());
      for (const [name, bytes] of outputs) {
        const same = bytes.equals(before.get(name)!);
        expect(same || isComplete(name, bytes), `${name} after a kill ${when} is the old file or a whole new one`).toBe(
          true,
        );
      }
      // What the next build does first: a set the kill cut off part-way is put back whole, old or new.
      await recoverSets(path.join(ws.paths.out, ws.id));
      const after = classify(await snapshot(ws.paths.out)).outputs;
      const changed = [...after].filter(([name, bytes]) => !bytes.equals(before.get(name)!)).map(([name]) => name);
      expect([0, after.size], `run ${i + 1} (${when}) left a mixed set: new ${changed.join(', ')}`).toContain(
        changed.length,
      );
      before = after;
    }
  },
  STUCK_MS,
);

test(
  'the next build removes the temporary files a killed build left',
  async () => {
    await retitle(100);
    const killed = await runCli(ws, { after: 50 });
    // Whether or not that build got as far as writing, leave temporary files from it, as the writer names them.
    const stale = [path.join(ws.id, 'report.pdf'), path.join(ws.id, 'handouts', 'summary.html')].map((f) =>
      path.join(path.dirname(f), `.${path.basename(f)}.${killed.pid}.0badf00d.tmp`),
    );
    for (const f of stale) await writeFile(path.join(ws.paths.out, f), 'half a file');
    expect(classify(await snapshot(ws.paths.out)).temps).toEqual(expect.arrayContaining(stale));
    const run = await runCli(ws);
    expect(run.code, run.stderr).toBe(0);
    const { outputs, temps } = classify(await snapshot(ws.paths.out));
    expect(temps).toEqual([]);
    for (const [name, bytes] of outputs) expect(isComplete(name, bytes), name).toBe(true);
    const html = outputs.get(path.join(ws.id, 'report.html'))!.toString();
    expect(html).toContain('run 100');
  },
  STUCK_MS,
);

test(
  'a build killed while it renames its outputs into place is put back whole by the next build',
  async () => {
    await retitle(200);
    expect((await runCli(ws)).code).toBe(0);
    const before = await snapshot(ws.paths.out);
    const root = path.join(ws.paths.out, ws.id);
    // Every output and the manifest, replaced as one set by a writer killed after three renames.
    const files = [...before.keys()].map((name) => path.join(ws.paths.out, name));
    const inodes = (list: string[]) => Promise.all(list.map(async (f) => (await stat(f)).ino));
    const inodesBefore = await inodes(files);
    const writer = spawn(process.execPath, ['--import', 'tsx', FROZEN_WRITER, root, '3', ...files], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      writer.stdout.on('data', (d: Buffer) => d.toString().includes('frozen') && resolve());
      writer.on('error', reject);
      writer.on('exit', (code) => reject(new Error(`the writer ended (${code}) before it froze`)));
    });
    writer.kill('SIGKILL');
    await new Promise((resolve) => writer.once('close', resolve));
    const killed = await snapshot(ws.paths.out);
    const replaced = [...before.keys()].filter((name) => !killed.get(name)!.equals(before.get(name)!));
    expect(replaced, 'the kill left some outputs new and the rest old').toHaveLength(3);

    const run = await runCli(ws);
    expect(run.code, run.stderr).toBe(0);
    expect(await snapshot(ws.paths.out), 'outputs, manifest and nothing else, as before the kill').toEqual(before);
    // Put back, not built again: each is the very file that was there before the kill.
    expect(await inodes(files)).toEqual(inodesBefore);
  },
  STUCK_MS,
);

afterAll(removeWorkspaces);
