/**
 * The input boundary: every data file is read here, and only if it is what it claims to be. The
 * path must resolve (after symbolic links) inside the data folder, it must be a regular file (a FIFO
 * would hang the build, a device would never end), its size is checked before it is read, and its
 * bytes must be UTF-8: a UTF-16 or Windows-1252 file is named as such, at its first bad byte.
 */
import { isUtf8 } from 'node:buffer';
import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { fileProblem, type Problem } from '../problems.js';
import { message } from '../messages.js';

export type ReadResult = { text: string } | { problem: Problem };

/** Editor and system litter (`.#x.csv`, `._x.csv`, `.DS_Store`) is never data. */
export function isHidden(name: string): boolean {
  return name.startsWith('.');
}

function inside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function kindOf(stats: import('node:fs').Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** The line and column of a byte offset, counting characters as the editor shows them. */
function placeOf(bytes: Buffer, offset: number): { line: number; column: number } {
  const before = bytes.subarray(0, offset);
  const lineStart = before.lastIndexOf(0x0a) + 1;
  let line = 1;
  for (let i = before.indexOf(0x0a); i >= 0; i = before.indexOf(0x0a, i + 1)) line++;
  const column = new TextDecoder('utf-8').decode(before.subarray(lineStart)).length + 1;
  return { line, column };
}

/** The offset of the first byte that is not well-formed UTF-8, or -1. */
export function firstBadUtf8(bytes: Uint8Array): number {
  // Node's own check (simdutf) is a hundred times quicker, and well-formed text is the rule.
  if (isUtf8(bytes)) return -1;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    const need =
      b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // Overlong forms, surrogates and code points past U+10FFFF.
    const c1 = bytes[i + 1] ?? 0;
    if (
      (b === 0xe0 && c1 < 0xa0) ||
      (b === 0xed && c1 > 0x9f) ||
      (b === 0xf0 && c1 < 0x90) ||
      (b === 0xf4 && c1 > 0x8f)
    )
      return i;
    i += need + 1;
  }
  return -1;
}

/** Says what a file's bytes are when they are not UTF-8, placed at the first one that is not. */
export function encodingProblem(file: string, bytes: Buffer): Problem | null {
  const at = (offset: number, text: string, rule: string): Problem => ({
    file,
    ...placeOf(bytes, offset),
    path: '(file)',
    message: text,
    rule,
  });
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return at(0, message.utf16(bytes[0] === 0xff ? 'LE' : 'BE'), 'load/encoding');
  const bad = firstBadUtf8(bytes);
  if (bad >= 0) {
    const byte = bytes[bad]!;
    // Every byte is a character in Windows-1252 (but five); a lone high byte is most likely that.
    const char = new TextDecoder('windows-1252').decode(bytes.subarray(bad, bad + 1));
    return at(bad, message.notUtf8(byte, char), 'load/encoding');
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) return at(nul, message.nulByte, 'load/encoding');
  return null;
}

/**
 * Reads a data file under `root` as UTF-8 text, or says why it will not: outside the folder, not a
 * regular file, too large, not UTF-8. `shown` is the path as the user should see it.
 */
export async function readDataFile(root: string, file: string, shown: string, maxBytes: number): Promise<ReadResult> {
  const problem = (rule: string, text: string): ReadResult => ({ problem: fileProblem(shown, rule, text) });
  let real: string;
  try {
    real = await realpath(file);
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT') return problem('load/missing', message.missingFile(path.basename(file)));
    return problem('load/unreadable', message.unreadable(String((error as Error).message)));
  }
  if (!inside(await realpath(root), real)) return problem('load/outside', message.outsideDataFolder);
  // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting, so it can be refused.
  const handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK).catch((error: unknown) => error as Error);
  if (handle instanceof Error) return problem('load/unreadable', message.unreadable(handle.message));
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return problem('load/not-a-file', message.notRegularFile(kindOf(stats)));
    if (stats.size > maxBytes) return problem('load/too-large', message.tooLarge(stats.size, maxBytes));
    // Never more than the limit, even if the file grows while it is read.
    const buffer = Buffer.alloc(stats.size);
    const { bytesRead } = await handle.read(buffer, 0, stats.size, 0);
    const bytes = buffer.subarray(0, bytesRead);
    const bad = encodingProblem(shown, bytes);
    if (bad) return { problem: bad };
    return { text: bytes.toString('utf8') };
  } finally {
    await handle.close();
  }
}
