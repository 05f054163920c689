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

export async function compile() {
  await rm(path.dirname(CLI), { recursive: true, force: true });
  await build({
    entryPoints: [path.join(ROOT, 'src', 'cli.ts')],
    outdir: path.dirname(CLI),
    entryNames: '[name]',
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
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await compile();

/** Vitest's global set-up: the CLI tests run the compiled binary, so it is compiled from this source first. */
export default compile;
