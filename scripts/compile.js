// @ts-check
/**
 * Compiles the command line to dist/cli.js: one ES module that Node runs with no transpiler. The
 * project's own code is bundled (one file starts faster than a hundred); packages stay in
 * node_modules. Run by `npm install` (`prepare`), by `npm start`, and once before the tests.
 */
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

/** A batch's worker thread (src/batch-worker.ts), in the folder of the chunks that start it. */
const WORKER = 'chunks/batch-worker';

export async function compile() {
  await rm(path.dirname(CLI), { recursive: true, force: true });
  const { metafile } = await build({
    entryPoints: [
      { in: path.join(ROOT, 'src', 'cli.ts'), out: 'cli' },
      { in: path.join(ROOT, 'src', 'batch-worker.ts'), out: WORKER },
    ],
    outdir: path.dirname(CLI),
    // Each command's engine parts are a chunk loaded when the command runs, so start-up is quick.
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    metafile: true,
  });
  // src/batch.ts starts its worker from `./batch-worker.js` beside its own file.
  const starter = Object.entries(metafile.outputs).find(([, o]) => Object.keys(o.inputs).includes('src/batch.ts'));
  const dir = starter && path.dirname(path.resolve(ROOT, starter[0]));
  if (dir !== path.join(path.dirname(CLI), path.dirname(WORKER)))
    throw new Error(`compile: src/batch.ts was compiled into ${dir ?? 'no file'}, not beside its worker`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await compile();

/** Vitest's global set-up: the CLI tests run the compiled binary, so it is compiled from this source first. */
export default compile;
