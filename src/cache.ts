/**
 * An on-disk cache for work that depends only on its inputs, such as the HTML edition's font
 * subsets, so a cold run benefits from earlier runs. An entry is named by a digest of everything
 * that went into it, carries a digest of its own bytes (a damaged entry is recomputed, never used),
 * and is written to a temporary name and renamed into place. The folder is safe to delete at any
 * time and never lives in out/.
 *
 * Where: $REPORT_PRESS_CACHE if set ("off" turns the cache off), else $XDG_CACHE_HOME/report-press,
 * else node_modules/.cache/report-press in the project.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIGEST_BYTES = 32;

function projectRoot(): string {
  for (let dir = import.meta.dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'node_modules'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

/** The cache folder, or null when the cache is off. */
export function cacheDir(): string | null {
  const own = process.env.REPORT_PRESS_CACHE;
  if (own === 'off') return null;
  if (own) return path.resolve(own);
  const xdg = process.env.XDG_CACHE_HOME;
  if (xdg) return path.join(xdg, 'report-press');
  return path.join(projectRoot(), 'node_modules', '.cache', 'report-press');
}

/** An installed package's version, for cache keys: found beside the file its name resolves to. */
export function packageVersion(name: string): string {
  return versionAt(name, fileURLToPath(import.meta.resolve(name)));
}

/**
 * The version of the copy of `name` that the file `from` loads (a dependency's dependency may be a
 * copy of its own), and the file it loads.
 */
export function dependencyVersion(name: string, from: string): { version: string; file: string } {
  const file = createRequire(from).resolve(name);
  return { version: versionAt(name, file), file };
}

function versionAt(name: string, file: string): string {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version ?? 'unknown';
    }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}

const digest = (data: Buffer | string) => createHash('sha256').update(data).digest();

function entryFile(dir: string, kind: string, key: readonly (string | Buffer)[]): string {
  const hash = createHash('sha256');
  for (const part of key) hash.update(digest(part));
  return path.join(dir, kind, `${hash.digest('hex')}.bin`);
}

/** The entry's bytes when it is whole, else null. */
function verified(stored: Buffer | null): Buffer | null {
  if (!stored || stored.length < DIGEST_BYTES) return null;
  const data = stored.subarray(DIGEST_BYTES);
  return digest(data).equals(stored.subarray(0, DIGEST_BYTES)) ? data : null;
}

const tempFor = (file: string) => `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;

/** The entry stored under `key` when it is there and whole, else null. */
export function readSync(kind: string, key: readonly (string | Buffer)[]): Buffer | null {
  const dir = cacheDir();
  if (!dir) return null;
  try {
    return verified(readFileSync(entryFile(dir, kind, key)));
  } catch {
    return null; // not there yet
  }
}

/** Stores `data` under `key`, replacing what was there; a failure to write only loses the entry. */
export function writeSync(kind: string, key: readonly (string | Buffer)[], data: Buffer): void {
  const dir = cacheDir();
  if (!dir) return;
  const file = entryFile(dir, kind, key);
  const temp = tempFor(file);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temp, Buffer.concat([digest(data), data]));
    renameSync(temp, file);
  } catch {
    rmSync(temp, { force: true });
  }
}

/** As `cached`, for work that must stay synchronous (the schema validator). */
export function cachedSync(kind: string, key: readonly (string | Buffer)[], compute: () => Buffer): Buffer {
  const hit = readSync(kind, key);
  if (hit) return hit;
  const data = compute();
  writeSync(kind, key, data);
  return data;
}

/**
 * The bytes `compute` makes from the inputs named by `key`, from the cache when an earlier run
 * stored them. Any failure to read or write the cache only costs the computation.
 */
export async function cached(kind: string, key: readonly (string | Buffer)[], compute: () => Promise<Buffer>): Promise<Buffer> {
  const dir = cacheDir();
  if (!dir) return compute();
  const file = entryFile(dir, kind, key);
  const hit = verified(await readFile(file).catch(() => null));
  if (hit) return hit;
  const data = await compute();
  const temp = tempFor(file);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temp, Buffer.concat([digest(data), data]));
    await rename(temp, file);
  } catch {
    await rm(temp, { force: true }).catch(() => {});
  }
  return data;
}
