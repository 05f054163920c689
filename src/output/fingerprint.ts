/**
 * What an output is built from, as one hash: its report folder, the templates, the chart specs,
 * the fonts and the engine itself (the package version, the code that runs and the lockfile that
 * pins every library). An output whose hash is unchanged since it was written need not be rebuilt.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FONT_FILES } from '../fonts.js';
import { VERSION } from '../version.js';
import { mapAtOnce } from '../at-once.js';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Files read at once while hashing: few, so that memory holds a few files, not a folder. */
const READ_AT_ONCE = 8;

/** Every file under `dir` (a missing folder is empty), by path relative to it, in a fixed order. */
export async function hashTree(dir: string): Promise<string> {
  const names = (await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []))
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
  // Read a few at a time (one after another, a folder of templates waited 6 ms), each group hashed
  // in order before the next is read, so memory holds a few files, not the folder.
  const hash = createHash('sha256');
  for (let start = 0; start < names.length; start += READ_AT_ONCE) {
    const group = names.slice(start, start + READ_AT_ONCE);
    const contents = await mapAtOnce(group, READ_AT_ONCE, (name) => readFile(path.join(dir, name)));
    for (const [i, name] of group.entries()) hash.update(`${name}\0`).update(contents[i]!).update('\0');
  }
  return hash.digest('hex');
}

async function hashFiles(files: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${path.basename(file)}\0`).update(await readFile(file).catch(() => ''));
  return hash.digest('hex');
}

/**
 * The engine: the compiled bundle when run as one, or the source folder when run from source, and
 * the package's version and lockfile, found in the folder above.
 */
async function engineHash(): Promise<string> {
  const here = fileURLToPath(import.meta.url);
  let root = path.dirname(here);
  while (!existsSync(path.join(root, 'package.json')) && path.dirname(root) !== root) root = path.dirname(root);
  const code = here.endsWith('.ts') ? await hashTree(path.join(root, 'src')) : await hashFiles([here]);
  return sha256([VERSION, code, await hashFiles([path.join(root, 'package-lock.json')])].join('\0'));
}

/**
 * The fonts and the engine, hashed once per process: the code that runs is the code this process
 * loaded, and the fonts are read once and kept (fonts.ts), so neither changes under a long-lived
 * process such as `watch`, which would otherwise hash them again for every save (from source, the
 * engine is all of src/: some 70 ms).
 */
let processInputs: Promise<string> | undefined;

/** The part every report shares: templates, chart specs, fonts and the engine. */
export async function sharedInputs(templates: string, charts: string): Promise<string> {
  processInputs ??= Promise.all([hashFiles(Object.values(FONT_FILES)), engineHash()]).then(
    (parts) => parts.join('\0'),
    (error: unknown) => {
      processInputs = undefined; // a failed read is tried again by the next build
      throw error;
    },
  );
  const parts = await Promise.all([hashTree(templates), hashTree(charts), processInputs]);
  return sha256(parts.join('\0'));
}

/** One report's outputs: the shared part and the report's own folder. */
export async function reportInputs(shared: string, reportDir: string): Promise<string> {
  return sha256(`${shared}\0${await hashTree(reportDir)}`);
}
