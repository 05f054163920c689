/**
 * Output: files are written to a temporary name beside their target and renamed into place, so a
 * reader (or a build killed at any moment) sees either the previous file or the complete new one.
 * A build that was killed leaves its temporary files behind; the next build to write into the same
 * folder removes them, unless the process that made them is still running.
 */
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

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

/**
 * Writes a set of files: every one to its temporary name first, then all renamed into place. A
 * failure while writing leaves every previous file as it was; the renames come together at the end.
 */
export async function writeFilesAtomic(files: readonly { file: string; data: string | Uint8Array }[]): Promise<void> {
  const staged: { temp: string; file: string }[] = [];
  try {
    for (const { file, data } of files) {
      await prepare(path.dirname(file));
      const temp = tempName(file);
      staged.push({ temp, file });
      const handle = await open(temp, 'w');
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
  } catch (error) {
    await Promise.all(staged.map(({ temp }) => rm(temp, { force: true })));
    throw error;
  }
  for (const { temp, file } of staged) await rename(temp, file);
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
