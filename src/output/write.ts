/**
 * Output: files are written to a temporary name beside their target and renamed into place, so a
 * reader (or a build killed at any moment) sees either the previous file or the complete new one;
 * a document set is replaced as a set.
 * A build that was killed leaves its temporary files behind; the next build to write into the same
 * folder removes them, unless the process that made them is still running.
 */
import { renameSync, rmSync, unlinkSync } from 'node:fs';
import { copyFile, link, lstat, mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ReportError } from '../problems.js';
import { message } from '../messages.js';
import { onInterrupt } from '../signals.js';
import { mapAtOnce } from '../at-once.js';
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
export async function removeStaleTemps(dir: string, alive: (pid: number) => boolean = isRunning): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const temp = parseTempName(name);
    if (!temp || alive(temp.pid)) continue;
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

/** Roots this process has already recovered, so each is read once per run. */
const recovered = new Map<string, Promise<unknown>>();

/** Before anything is written under `root`: puts back sets there that a killed writer cut off. */
async function prepareRoot(root: string): Promise<void> {
  let done = recovered.get(root);
  if (!done) {
    done = recoverOutputs(root);
    recovered.set(root, done);
  }
  await done;
}

/**
 * Leaves the outputs under `root` as a finished writer would: every set a killed writer cut off
 * part-way put back whole (recoverSets), then every temporary file of a writer no longer running
 * removed, in `root` and the folders under it. A build calls it before it reads what is there.
 */
export async function recoverOutputs(root: string): Promise<void> {
  await recoverSets(root);
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  const dirs = [root, ...entries.filter((e) => e.isDirectory()).map((e) => path.join(e.parentPath, e.name))];
  for (const dir of dirs) {
    const done = removeStaleTemps(dir);
    cleaned.set(dir, done);
    await done;
  }
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
  /** The new file's temporary name; null where the set removes the file. */
  temp: string | null;
  /** A second name for the previous file while the set is replaced; null if there was none. */
  backup: string | null;
  /** Whether the new file (or the removal) is in place. */
  done: boolean;
  /** Set when its rename into place (or its removal) has been started: until done, it may be in flight. */
  underway?: boolean;
}

/**
 * A set's journal, `.report-press-set.<pid>.<random>.journal` in the set's root folder: written once
 * every new file is complete and every previous file has its second name, removed once the whole
 * set is in place. A journal whose writer is no longer running marks a set that was cut off part-way
 * (the process was killed); the next write under that root puts the previous files back from it.
 */
const JOURNAL = /^\.report-press-set\.(\d+)\.[0-9a-f]{8}\.journal$/;

interface Journal {
  /** Paths relative to the root, `/`-separated; temporary names are beside their file. */
  entries: { file: string; temp: string | null; backup: string | null }[];
}

function journalText(root: string, staged: readonly Staged[]): string {
  const entries = staged.map((s) => ({
    file: path.relative(root, s.file).split(path.sep).join('/'),
    temp: s.temp && path.basename(s.temp),
    backup: s.backup && path.basename(s.backup),
  }));
  return `${JSON.stringify({ entries } satisfies Journal)}\n`;
}

/** Puts back one staged entry (a kill, a signal or a failed step cut its set off); throws if it cannot. */
function undoEntrySync(s: Staged): void {
  let done = s.done;
  if (!done && s.underway) {
    // A signal came while the step was in flight. A removal cannot be settled from here: the entry
    // is left to the journal (the caller keeps it). A rename is settled by removing its temporary
    // name: whichever comes first wins, and a name already gone means the new file is in place.
    if (!s.temp) throw new Error(`the removal of ${s.file} may be in flight`);
    try {
      unlinkSync(s.temp);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      done = true;
    }
  }
  if (done && s.backup) renameSync(s.backup, s.file);
  else if (done && s.temp) rmSync(s.file, { force: true });
  else if (s.backup) rmSync(s.backup, { force: true });
  if (s.temp) rmSync(s.temp, { force: true });
}

async function undoEntry(s: Staged, ops: WriteOps): Promise<void> {
  if (s.done && s.backup) await ops.rename(s.backup, s.file);
  else if (s.done && s.temp) await ops.rm(s.file);
  else if (s.backup) await ops.rm(s.backup);
  if (s.temp) await ops.rm(s.temp);
}

/** Puts the previous files back (in reverse order); returns the files that could not be. */
function undoSync(staged: readonly Staged[], journal: string | null): string[] {
  const failed: string[] = [];
  for (const s of [...staged].reverse()) {
    try {
      undoEntrySync(s);
    } catch {
      failed.push(s.file);
    }
  }
  // A journal stays while something could not be put back: the next write under the root tries again.
  if (journal && failed.length === 0) rmSync(journal, { force: true });
  return failed;
}

async function undo(staged: readonly Staged[], journal: string | null, ops: WriteOps): Promise<string[]> {
  const failed: string[] = [];
  for (const s of [...staged].reverse()) {
    try {
      await undoEntry(s, ops);
    } catch {
      failed.push(s.file);
    }
  }
  if (journal && failed.length === 0) await ops.rm(journal);
  return failed;
}

/** Fails early, before anything is written, where an output's place holds a folder. */
async function checkTargets(files: readonly { file: string }[]): Promise<void> {
  const infos = await Promise.all(files.map(({ file }) => lstat(file).catch(() => null)));
  for (const [i, info] of infos.entries())
    if (info?.isDirectory())
      throw writeError(Object.assign(new Error('EISDIR'), { code: 'EISDIR' }), files[i]!.file, 'unchanged', []);
}

const exists = (file: string) =>
  lstat(file).then(
    () => true,
    () => false,
  );

/**
 * Puts back the sets under `root` that were cut off part-way by a writer that is no longer running
 * (see JOURNAL), so every set there is whole: all previous files or all new ones. Returns the
 * journals acted on. A journal that cannot be read was cut off while being written, before any file
 * was replaced: it is removed, and the temporary files go with the other stale ones.
 */
export async function recoverSets(root: string, alive: (pid: number) => boolean = isRunning): Promise<string[]> {
  const recovered: string[] = [];
  for (const name of await readdir(root).catch(() => [] as string[])) {
    const m = JOURNAL.exec(name);
    if (!m || alive(Number(m[1]))) continue;
    const journal = path.join(root, name);
    let entries: Journal['entries'] = [];
    try {
      const parsed = JSON.parse(await readFile(journal, 'utf8')) as Partial<Journal> | null;
      entries = Array.isArray(parsed?.entries) ? parsed.entries : [];
    } catch {
      // Cut off while it was written: nothing had been replaced yet.
    }
    const staged: Staged[] = [];
    for (const e of entries) {
      // The journal names files under its root only, and temporary names beside them.
      if (typeof e?.file !== 'string') continue;
      const file = path.resolve(root, ...e.file.split('/'));
      if (!file.startsWith(root + path.sep)) continue;
      const beside = (n: unknown) =>
        typeof n === 'string' && parseTempName(n) ? path.join(path.dirname(file), n) : null;
      const temp = beside(e.temp);
      const backup = beside(e.backup);
      if (backup) {
        // The previous file's second name: its place may hold the new file or the old one.
        if (await exists(backup)) staged.push({ file, temp, backup, done: true });
        // Gone, which no writer does while its journal stands: the file is left as it is.
        else staged.push({ file, temp, backup: null, done: false });
      } else {
        // No previous file: a new one is in place if its temporary name is gone.
        staged.push({ file, temp, backup: null, done: temp !== null && !(await exists(temp)) });
      }
    }
    undoSync(staged, journal);
    recovered.push(name);
  }
  return recovered;
}

export interface WriteOptions {
  /** The folder of the whole set, which holds its journal; by default the first file's folder. */
  root?: string;
  /** Files the set removes: gone once the set is in place, still there if it is not. */
  remove?: readonly string[];
  /** The file operations; a test may replace them. */
  ops?: WriteOps;
}

/**
 * Writes a set of files as a set: either all of them are replaced or none is. Every file is written
 * to its temporary name first; then each previous file gets a second name (a hard link), a journal
 * records the set, and the new files are renamed into place (and the files the set removes are
 * removed), so a reader sees the old file or the whole new one at every moment. If a step fails,
 * the previous files are put back; the second names go only once the set is complete. Ctrl-C or
 * SIGTERM part-way does the same before the process ends, and after a kill the next write under the
 * same root does it from the journal.
 * Every file of the set, and of any other set written to the same folder, lies under `root`.
 */
export async function writeFilesAtomic(
  files: readonly { file: string; data: string | Uint8Array }[],
  options: WriteOptions = {},
): Promise<void> {
  const ops = options.ops ?? fileOps;
  const root = path.resolve(options.root ?? path.dirname(files[0]?.file ?? options.remove?.[0] ?? '.'));
  const removals = (options.remove ?? []).filter((file) => !files.some((f) => f.file === file));
  for (const file of [...files.map((f) => f.file), ...removals])
    if (!path.resolve(file).startsWith(root + path.sep))
      throw new Error(`output outside its set's folder ${root}: ${file}`);
  const staged: Staged[] = [];
  let journal: string | null = null;
  const dropUndo = onInterrupt(() => undoSync(staged, journal));
  let current = files[0]?.file ?? '';
  try {
    await checkTargets(files);
    await prepareRoot(root);
    // The folders, temporary files and second names are made for many files at once: a set of
    // eleven files written one after another waited for some fifty file operations in turn
    // (flushing each file to disk among them). A failure names the first file it concerns.
    const folders = [...new Set(files.map((f) => path.dirname(f.file)))];
    await eachAtOnce(folders, prepare, (folder) => files.find((f) => path.dirname(f.file) === folder)!.file);
    for (const { file } of files) staged.push({ file, temp: tempName(file), backup: null, done: false });
    await eachAtOnce(staged, (entry, i) => ops.writeFile(entry.temp!, files[i]!.data), fileOf);
    for (const file of removals) staged.push({ file, temp: null, backup: null, done: false });
    await eachAtOnce(staged, (entry) => secondName(entry, ops), fileOf);
    const name = path.join(root, `.report-press-set.${process.pid}.${randomBytes(4).toString('hex')}.journal`);
    current = name;
    await ops.writeFile(name, journalText(root, staged));
    journal = name;
  } catch (error) {
    await undo(staged, journal, ops);
    dropUndo();
    throw writeError(...failure(error, current), 'unchanged', []);
  }
  try {
    // One after another: a signal's undo, which cannot wait, then finds at most one step in flight.
    for (const entry of staged) {
      current = entry.file;
      entry.underway = true;
      if (entry.temp) await ops.rename(entry.temp, entry.file);
      else if (entry.backup) await ops.rm(entry.file);
      entry.done = true;
    }
    current = journal;
    // The set is complete once its journal is gone.
    await ops.rm(journal);
  } catch (error) {
    const failed = await undo(staged, journal, ops);
    dropUndo();
    const newFiles = staged.filter((s) => s.done && s.temp && failed.includes(s.file)).map((s) => s.file);
    throw writeError(...failure(error, current), newFiles.length ? 'mixed' : 'restored', newFiles);
  }
  dropUndo();
  // The previous files' second names go.
  await eachAtOnce(staged, (entry) => (entry.backup ? ops.rm(entry.backup).catch(() => undefined) : null), fileOf);
}

/** Gives the previous file, if there is one, a second name while the set is replaced. */
async function secondName(entry: Staged, ops: WriteOps): Promise<void> {
  const backup = tempName(entry.file);
  try {
    await ops.link(entry.file, backup);
    entry.backup = backup;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** The first failure of a step taken for many files at once, and the file it concerns. */
class StepFailed extends Error {
  constructor(
    readonly file: string,
    readonly error: unknown,
  ) {
    super('a step of the set failed');
  }
}

/** The error and the file it concerns: a step's own file, else the file of the step in hand. */
const failure = (error: unknown, current: string): [unknown, string] =>
  error instanceof StepFailed ? [error.error, error.file] : [error, current];

/** At most this many file operations of a step at once, within any limit on open files. */
const AT_ONCE = 16;

const fileOf = (entry: Staged) => entry.file;

/**
 * Takes one step for the items, AT_ONCE at a time (see mapAtOnce), and fails with the first
 * failure in the items' order, naming the file it concerns.
 */
async function eachAtOnce<T>(
  items: readonly T[],
  step: (item: T, index: number) => Promise<unknown> | null,
  file: (item: T) => string,
): Promise<void> {
  await mapAtOnce(items, AT_ONCE, async (item, i) => {
    try {
      await step(item, i);
    } catch (error) {
      throw new StepFailed(file(item), error);
    }
  });
}

/** Refuses an output path that would land outside the output folder. */
export function outputPath(outDir: string, ...parts: string[]): string {
  const root = path.resolve(outDir);
  const file = path.resolve(root, ...parts);
  if (!file.startsWith(root + path.sep)) throw new Error(`output path escapes ${outDir}: ${parts.join('/')}`);
  return file;
}
