/**
 * V8's compiled code for the CommonJS a run loads — the compiled engine (dist/engine.cjs, 1.3 MB) and
 * the packages it requires (pdfmake, pdfkit, fontkit and theirs: some sixty files, 3 MB) — kept in the
 * on-disk cache (cache.ts) so that a fresh process does not compile them again. Node 20 compiles every
 * file afresh at each start, and then each function the first time it runs; measured on a 2-core
 * machine, the packages alone took about 130 ms of a ~870 ms cold report PDF.
 *
 * Node's loader is asked to compile through `vm.Script` with V8's cached data instead. The cache is
 * made as the process (or a batch's worker thread) ends, so it holds the functions the run compiled
 * lazily too, and is written only when a file was compiled without it. Each file's code is checked
 * against a digest of its source (V8 itself checks only the source's length) and V8 rejects code
 * compiled by another version or under other flags; either way the file is compiled as usual and the
 * cache made afresh. Output does not depend on it: the same source runs, compiled or not.
 *
 * Installed by startup.ts, after V8's flags are set (they are part of what V8 checks), in the command
 * line's thread and in each batch worker, which has a module loader of its own. Run from source (tsx),
 * the project's code is ES modules, which Node 20 compiles without a cache.
 */
import { createHash } from 'node:crypto';
import Module from 'node:module';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { cacheDir, readSync, writeSync } from './cache.js';

/** Changes when the stored form changes. */
const FORMAT = 'code 2';
/** The stored form is bounded: past this many bytes of code, files not loaded by this run are let go. */
const MAX_BYTES = 32 * 1024 * 1024;

/** A file's compiled code: the digest of the source it was compiled from, and V8's data. */
interface Entry {
  digest: string;
  data: Buffer;
}

/**
 * What this run compiled: the script, to make its cache from, and the stored code it was given:
 * none, code V8 took, or code V8 refused (not to be kept).
 */
interface Compiled {
  digest: string;
  script: vm.Script;
  stored: 'none' | 'taken' | 'refused';
}

/** Node's CommonJS module, as far as compiling one goes (the `_compile` it calls for each file). */
interface CommonJsModule {
  exports: unknown;
  require(id: string): unknown;
  _compile: (this: CommonJsModule, content: string, filename: string, format?: string) => unknown;
}

type NodeModule = typeof Module & {
  wrap(content: string): string;
  _resolveFilename(request: string, parent: unknown, isMain: boolean, options?: unknown): string;
  _resolveLookupPaths(request: string, parent: unknown): string[] | null;
  _extensions: unknown;
  _cache: unknown;
};

const nodeModule = Module as NodeModule;
/** The compiled engine, beside this file once compiled (run from source, src/ holds none). */
const ENGINE = path.join(import.meta.dirname, 'engine.cjs');
const covered = (filename: string) => filename.includes(`${path.sep}node_modules${path.sep}`) || filename === ENGINE;
const key = () => [FORMAT, String(v8.cachedDataVersionTag())];
const sourceDigest = (content: string) => createHash('sha256').update(content).digest('base64');

/** What is stored: the kinds of work done by the runs that made it, and each file's code. */
export interface Stored {
  work: string[];
  entries: Map<string, Entry>;
}

/** The stored form: a JSON index, its length first (4 bytes), then each file's data in its order. */
export function decode(stored: Buffer): Stored {
  const entries = new Map<string, Entry>();
  const length = stored.readUInt32LE(0);
  const index = JSON.parse(stored.subarray(4, 4 + length).toString('utf8')) as {
    work: string[];
    files: [string, string, number][];
  };
  let offset = 4 + length;
  for (const [file, digest, bytes] of index.files) {
    if (offset + bytes > stored.length) throw new Error('code cache: entry past the end');
    entries.set(file, { digest, data: stored.subarray(offset, offset + bytes) });
    offset += bytes;
  }
  return { work: index.work, entries };
}

export function encode({ work, entries }: Stored): Buffer {
  const files = [...entries].map(([file, e]) => [file, e.digest, e.data.length]);
  const json = Buffer.from(JSON.stringify({ work, files }), 'utf8');
  const head = Buffer.alloc(4);
  head.writeUInt32LE(json.length);
  return Buffer.concat([head, json, ...[...entries.values()].map((e) => e.data)]);
}

let stored: Map<string, Entry> | null = null;
const compiled = new Map<string, Compiled>();

function readStored(): Stored {
  const data = readSync('cjs-v8', key());
  try {
    return data ? decode(data) : { work: [], entries: new Map() };
  } catch {
    return { work: [], entries: new Map() }; // made by something else: made afresh
  }
}

/** The entries as this thread found them when it first compiled a file. */
function storedEntries(): Map<string, Entry> {
  return (stored ??= readStored().entries);
}

/** The kinds of work this thread has done ('pdf', 'html'). */
const workDone = new Set<string>();

/**
 * Notes that this thread did a kind of work, whose code the cache should then hold. V8's code for a
 * file holds only the functions that the run that made it had compiled, and code V8 takes is not
 * made again: so the cache is made only by threads that made documents, and made again by one that
 * did a kind of work its makers had not.
 */
export function noteWork(kind: string): void {
  workDone.add(kind);
}

/**
 * Compiles and runs a CommonJS file as Node's loader would, with the stored code when it is the same
 * source; null, having run nothing, when the file does not compile as a script.
 */
function compile(module: CommonJsModule, content: string, filename: string): { result: unknown } | null {
  const digest = sourceDigest(content);
  const entry = storedEntries().get(filename);
  const cachedData = entry?.digest === digest ? entry.data : undefined;
  let script: vm.Script;
  try {
    script = new vm.Script(nodeModule.wrap(content), {
      filename,
      cachedData,
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
  } catch {
    // Not a script (an ES module Node would load as one, or a mistake): Node's own way says which.
    return null;
  }
  const stored = !cachedData ? 'none' : script.cachedDataRejected ? 'refused' : 'taken';
  compiled.set(filename, { digest, script, stored });
  const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
  const require = Object.assign((id: string) => module.require(id), {
    resolve: Object.assign(
      (request: string, options?: unknown) => nodeModule._resolveFilename(request, module, false, options),
      { paths: (request: string) => nodeModule._resolveLookupPaths(request, module) },
    ),
    main: (process as { mainModule?: unknown }).mainModule,
    extensions: nodeModule._extensions,
    cache: nodeModule._cache,
  });
  return { result: wrapper.call(module.exports, module.exports, require, module, filename, path.dirname(filename)) };
}

/**
 * Writes the cache when this thread compiled a file without it. Merged with the entry as it is on
 * disk now, not as this thread found it: a batch's workers and its command-line thread end one after
 * another, and each has compiled different parts of the engine. Of two codes for the same source,
 * the larger is kept, as it holds more compiled functions.
 */
function save(): void {
  // A run that made no document (--help, check) has compiled too little of the engine to keep.
  if (workDone.size === 0) return;
  const { work: kept, entries: onDisk } = readStored();
  const more = [...workDone].filter((w) => !kept.includes(w));
  if (more.length === 0 && [...compiled.values()].every((c) => c.stored === 'taken')) return;
  const entries = new Map<string, Entry>();
  let changed = more.length > 0;
  let bytes = 0;
  for (const [file, c] of compiled) {
    const same = (e: Entry | undefined) => (e?.digest === c.digest ? e : undefined);
    let entry = same(onDisk.get(file));
    if (entry && c.stored === 'refused' && entry.data.equals(storedEntries().get(file)!.data)) entry = undefined;
    // New work compiled more of a file V8 took code for: its code is made again too.
    const ours =
      c.stored === 'taken' && more.length === 0
        ? same(storedEntries().get(file))!
        : { digest: c.digest, data: c.script.createCachedData() };
    if (!entry || ours.data.length > entry.data.length) {
      entry = ours;
      changed = true;
    }
    entries.set(file, entry);
    bytes += entry.data.length;
  }
  // Files an earlier run loaded and this one did not (another command's), while there is room.
  for (const [file, e] of onDisk) {
    if (entries.has(file)) continue;
    if (bytes + e.data.length > MAX_BYTES) {
      changed = true;
      continue;
    }
    entries.set(file, e);
    bytes += e.data.length;
  }
  if (changed) writeSync('cjs-v8', key(), encode({ work: [...kept, ...more].sort(), entries }));
}

let installed = false;

/** Has this thread's loader compile the packages' CommonJS files with their kept code, when the cache is on. */
export function installCodeCache(): void {
  if (installed || !cacheDir()) return;
  installed = true;
  const prototype = nodeModule.prototype as unknown as CommonJsModule;
  const original = prototype._compile;
  prototype._compile = function (this: CommonJsModule, content: string, filename: string, format?: string) {
    // With source maps on (--debug), Node compiles the file itself, which is when it reads the map.
    if ((format !== undefined && format !== 'commonjs') || !covered(filename) || process.sourceMapsEnabled)
      return original.call(this, content, filename, format);
    return (compile(this, content, filename) ?? { result: original.call(this, content, filename, format) }).result;
  };
  process.on('exit', save);
}
