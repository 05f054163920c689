/**
 * Output: files are written to a temporary name beside their target and renamed into place, so a
 * reader (or a build killed at any moment) sees either the previous file or the complete new one;
 * a document set is replaced as a set.
 * A build that was killed leaves its temporary files behind; the next build to write into the same
 * folder removes them, unless the process that made them is still running.
 */
import { renameSync, rmSync } from 'node:fs';
import { copyFile, link, lstat, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ReportError } from '../problems.js';
import { message } from '../messages.js';
import { onInterrupt } from '../signals.js';
import { explainWriteError, outputProblem } from './paths.js';

/** `.report.pdf.1234.9f3a0c1b.tmp`: hidden, named for its target, the writing process and a random part. */
const TEMP = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

export function tempName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Whether a file name is one of the writer's temporary files (and, if so, which process made it). */
export function parseTempName(name: string): { target: string; pid: number } | null {
  const m = TEMP.exec(name);
  return m ? { target: m[1]!, pid: Number(m[2]) } : null;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temporary files in `dir` left by writers that are no longer running. */
export async function removeStaleTemps(dir: string): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const temp = parseTempName(name);
    if (!temp || temp.pid === process.pid || isRunning(temp.pid)) continue;
    await rm(path.join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

/** Folders this process has already cleaned, so each is read once per run. */
const cleaned = new Map<string, Promise<unknown>>();

async function prepare(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  let done = cleaned.get(dir);
  if (!done) {
    done = removeStaleTemps(dir);
    cleaned.set(dir, done);
  }
  await done;
}

/** The file operations a write uses; a test may replace them to fail or stall at any step. */
export interface WriteOps {
  writeFile(file: string, data: string | Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  link(existing: string, backup: string): Promise<void>;
  rm(file: string): Promise<void>;
}

const fileOps: WriteOps = {
  async writeFile(file, data) {
    const handle = await open(file, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename,
  // A disk without hard links (some network and FAT disks) gets a copy instead.
  link: (existing, backup) =>
    link(existing, backup).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw error;
      return copyFile(existing, backup);
    }),
  rm: (file) => rm(file, { force: true }),
};

/** How a failed write left the outputs. */
export type Outcome = 'unchanged' | 'restored' | 'mixed';

/** A write that failed; says how it left the outputs (`mixed` lists the files that are new). */
export class OutputWriteError extends ReportError {
  constructor(
    problems: ReportError['problems'],
    readonly outcome: Outcome,
    readonly newFiles: readonly string[],
    options: { cause: unknown },
  ) {
    super(problems, options);
  }
}

function writeError(error: unknown, file: string, outcome: Outcome, newFiles: readonly string[]): OutputWriteError {
  const explained = explainWriteError(error, file);
  const problems =
    explained instanceof ReportError
      ? explained.problems
      : outputProblem(file, 'write', message.outputFailed(String((error as Error | null)?.message ?? error))).problems;
  return new OutputWriteError(problems, outcome, newFiles, { cause: error });
}

/** The line that ends a failed build: what became of its previous outputs. */
export function failedBuildLine(id: string, error: unknown): string {
  if (!(error instanceof OutputWriteError) || error.outcome === 'unchanged') return message.outputsUnchanged(id);
  if (error.outcome === 'restored') return message.outputsRestored(id);
  return message.outputsMixed(id, error.newFiles);
}

interface Staged {
  file: string;
  temp: string;
  /** A second name for the previous file while the set is replaced; null if there was none. */
  backup: string | null;
  renamed: boolean;
}

/** Puts the previous files back (in reverse order); returns the files that could not be. */
function undoSync(staged: readonly Staged[]): string[] {
  const failed: string[] = [];
  for (const s of [...staged].reverse()) {
    try {
      if (s.renamed && s.backup) renameSync(s.backup, s.file);
      else if (s.renamed) rmSync(s.file, { force: true });
      else if (s.backup) rmSync(s.backup, { force: true });
      rmSync(s.temp, { force: true });
    } catch {
      failed.push(s.file);
    }
  }
  return failed;
}

async function undo(staged: readonly Staged[], ops: WriteOps): Promise<string[]> {
  const failed: string[] = [];
  for (const s of [...staged].reverse()) {
    try {
      if (s.renamed && s.backup) await ops.rename(s.backup, s.file);
      else if (s.renamed) await ops.rm(s.file);
      else if (s.backup) await ops.rm(s.backup);
      await ops.rm(s.temp);
    } catch {
      failed.push(s.file);
    }
  }
  return failed;
}

/** Fails early, before anything is written, where an output's place holds a folder. */
async function checkTargets(files: readonly { file: string }[]): Promise<void> {
  for (const { file } of files) {
    const info = await lstat(file).catch(() => null);
    if (info?.isDirectory())
      throw writeError(Object.assign(new Error('EISDIR'), { code: 'EISDIR' }), file, 'unchanged', []);
  }
}

/**
 * Writes a set of files as a set: either all of them are replaced or none is. Every file is written
 * to its temporary name first; then each previous file gets a second name (a hard link) and the new
 * one is renamed into place, so a reader sees the old file or the whole new one at every moment. If
 * a step fails, the previous files are put back; the second names go only once the set is complete.
 * Ctrl-C or SIGTERM part-way does the same before the process ends.
 */
export async function writeFilesAtomic(
  files: readonly { file: string; data: string | Uint8Array }[],
  ops: WriteOps = fileOps,
): Promise<void> {
  const staged: Staged[] = [];
  const dropUndo = onInterrupt(() => undoSync(staged));
  let current = files[0]?.file ?? '';
  try {
    await checkTargets(files);
    for (const { file, data } of files) {
      current = file;
      await prepare(path.dirname(file));
      const entry: Staged = { file, temp: tempName(file), backup: null, renamed: false };
      staged.push(entry);
      await ops.writeFile(entry.temp, data);
    }
  } catch (error) {
    await undo(staged, ops);
    dropUndo();
    throw writeError(error, current, 'unchanged', []);
  }
  try {
    for (const entry of staged) {
      current = entry.file;
      const backup = tempName(entry.file);
      try {
        await ops.link(entry.file, backup);
        entry.backup = backup;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      await ops.rename(entry.temp, entry.file);
      entry.renamed = true;
    }
  } catch (error) {
    const failed = await undo(staged, ops);
    dropUndo();
    const newFiles = staged.filter((s) => s.renamed && failed.includes(s.file)).map((s) => s.file);
    throw writeError(error, current, newFiles.length ? 'mixed' : 'restored', newFiles);
  }
  dropUndo();
  // The set is complete: the previous files' second names go.
  for (const entry of staged) if (entry.backup) await ops.rm(entry.backup).catch(() => undefined);
}

/** Removes the files in `dir` with one of `extensions` that are not in `keep`: outputs no longer built. */
export async function removeOthers(
  dir: string,
  keep: ReadonlySet<string>,
  extensions: readonly string[],
): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const file = path.join(dir, name);
    if (extensions.some((e) => name.endsWith(e)) && !keep.has(file)) await rm(file, { force: true });
  }
}

/** Refuses an output path that would land outside the output folder. */
export function outputPath(outDir: string, ...parts: string[]): string {
  const root = path.resolve(outDir);
  const file = path.resolve(root, ...parts);
  if (!file.startsWith(root + path.sep)) throw new Error(`output path escapes ${outDir}: ${parts.join('/')}`);
  return file;
}
