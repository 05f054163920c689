/**
 * Where outputs may go. The output folder is the user's choice, so every way it can be wrong (a
 * system folder, a file in the way, a read-only or full disk, a source folder) is answered at once
 * with a problem naming the path and what to do, never an "internal error" or a hang.
 */
import { access, constants, realpath, stat, statfs } from 'node:fs/promises';
import path from 'node:path';
import { ReportError, placelessProblem } from '../problems.js';
import { message } from '../messages.js';

/**
 * Kernel file systems: writing there changes the system or fails oddly, and Node 20's recursive
 * `mkdir` under /proc never returns. Checked by path and by file-system type (a bind mount).
 */
const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev'];
const SYSTEM_FS_TYPES = new Set([
  0x9fa0, // proc
  0x62656572, // sysfs
  0x1cd1, // devpts
  0x64626720, // debugfs
  0x27e0eb, // cgroup
  0x63677270, // cgroup2
]);

/** Shown in problems: relative to the working folder when inside it. */
function shown(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}

export function outputProblem(where: string, rule: string, text: string): ReportError {
  return new ReportError([placelessProblem(shown(where), 'output', `output/${rule}`, text)]);
}

/** An error from writing outputs, in the user's terms when the cause is the path or the disk. */
export function explainWriteError(error: unknown, file: string): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const wrap = (rule: string, text: string) => {
    const problem = outputProblem(file, rule, text);
    return new ReportError(problem.problems, { cause: error });
  };
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return wrap('no-space', message.outputNoSpace);
    case 'EROFS':
      return wrap('read-only', message.outputReadOnly);
    case 'EACCES':
    case 'EPERM':
      return wrap('no-permission', message.outputNoPermission);
    case 'ENOTDIR':
    case 'EEXIST':
      return wrap('not-a-folder', message.outputFileInTheWay);
    case 'EISDIR':
      return wrap('is-a-folder', message.outputFolderInTheWay);
    case 'ENAMETOOLONG':
    case 'ELOOP':
    case 'EINVAL':
      return wrap('bad-path', message.outputBadPath(code));
    default:
      return error;
  }
}

/** The deepest folder of `dir` (or `dir` itself) that exists, and what `dir` adds below it. */
async function existingBase(dir: string): Promise<{ base: string; rest: string[]; isDir: boolean }> {
  const rest: string[] = [];
  for (let at = dir; ; at = path.dirname(at)) {
    try {
      const info = await stat(at);
      return { base: at, rest, isDir: info.isDirectory() };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || path.dirname(at) === at) throw explainWriteError(error, at);
      rest.unshift(path.basename(at));
    }
  }
}

function within(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

async function isSystemFolder(real: string): Promise<boolean> {
  if (SYSTEM_FOLDERS.some((s) => within(real, s))) return true;
  const info = await statfs(real).catch(() => null);
  return info !== null && SYSTEM_FS_TYPES.has(info.type);
}

/**
 * Checks an output folder before anything is built into it: refuses a system folder, a path
 * through a file, a folder that is, holds or lies inside one of `sources` (after resolving links),
 * and a place that cannot be written. Throws a ReportError naming the path; creates nothing.
 */
export async function checkOutputFolder(dir: string, sources: readonly string[]): Promise<void> {
  const wanted = path.resolve(dir);
  const { base, rest, isDir } = await existingBase(wanted);
  if (!isDir) throw outputProblem(base, 'not-a-folder', message.outputFileInTheWay);
  const realBase = await realpath(base);
  const real = path.join(realBase, ...rest);
  if (await isSystemFolder(realBase)) throw outputProblem(wanted, 'system-folder', message.outputSystemFolder);
  const realSources = await Promise.all(sources.map((source) => realpath(source).catch(() => path.resolve(source))));
  for (const realSource of realSources) {
    if (within(real, realSource) || within(realSource, real)) {
      throw outputProblem(wanted, 'source-folder', message.outputOverlapsSource(shown(realSource)));
    }
  }
  await access(realBase, constants.W_OK).catch((error: unknown) => {
    throw explainWriteError(error, realBase);
  });
}
