// @ts-check
/**
 * Compiles the command line to dist/cli.js: one ES module that Node runs with no transpiler. The
 * project's own code is bundled (one file starts faster than a hundred), and so are the pure
 * JavaScript packages named in INLINED; the rest stay in node_modules. Run by `npm install`
 * (`prepare`), by `npm start`, and once before the tests.
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

/**
 * Packages bundled into the chunks, with every package they import: each is plain JavaScript that
 * reads no file beside its own code, and loading their hundreds of files one by one costs more than
 * anything they do in a build (typebox alone took 67 ms, the five together ~75 ms of a ~720 ms cold
 * report). pdfmake, pdfkit and fontkit stay in node_modules: they read data files from their own
 * folders, and src/fonts.ts and src/pdf/* patch them through `require.cache`.
 */
const INLINED = new Set(['@sinclair/typebox', 'yaml', 'markdown-it', 'handlebars', 'csv-parse']);

const packageName = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/** Every package is external but those in INLINED and what they import. */
const externals = {
  name: 'externals',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, ({ path: specifier, importer }) => {
      if (specifier.startsWith('node:')) return { path: specifier, external: true };
      // Relative to the project, whose own path may pass through a node_modules folder.
      const fromInlined = path.relative(ROOT, importer).split(path.sep).includes('node_modules');
      return fromInlined || INLINED.has(packageName(specifier)) ? undefined : { path: specifier, external: true };
    });
  },
};

/** Inlined CommonJS packages `require` Node's own modules: the chunks give them Node's `require`. */
const REQUIRE = "import { createRequire as reportPressRequire } from 'node:module'; const require = reportPressRequire(import.meta.url);";

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
    plugins: [externals],
    banner: { js: REQUIRE },
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
