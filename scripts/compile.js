// @ts-check
/**
 * Compiles the command line into dist/, which Node runs with no transpiler:
 *
 *   cli.js, batch-worker.js   launchers: V8 set up first (startup.cjs), then the engine
 *   startup.cjs               src/startup.ts: V8's tiering and the packages' kept compiled code
 *   engine.cjs                src/engine.ts: the commands and everything they use, in one file
 *   code-cache.cjs            src/code-cache.ts, which startup installs and the engine tells of its work
 *   import-esm.cjs            src/import-esm.ts: import() of ES module packages, for the engine
 *
 * The engine is one CommonJS file, not ES modules: Node 20 compiles ES modules afresh at every start
 * (about 160 ms of a ~750 ms cold report PDF), while a CommonJS file is compiled through
 * src/code-cache.ts with V8's code from the run before. The project's own code is bundled (one file
 * starts faster than a hundred), and so are the pure JavaScript packages named in INLINED; the rest
 * stay in node_modules. Run by `npm install` (`prepare`), by `npm start`, and once before the tests.
 */
import { build } from 'esbuild';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');
const DIST = path.dirname(CLI);

/**
 * Packages bundled into the engine, with every package they import: each is plain JavaScript that
 * reads no file beside its own code, and loading their hundreds of files one by one costs more than
 * anything they do in a build (typebox alone took 67 ms, the five together ~75 ms of a ~720 ms cold
 * report). pdfmake, pdfkit and fontkit stay in node_modules: they read data files from their own
 * folders, and src/fonts.ts and src/pdf/* patch them through `require.cache`.
 */
const INLINED = new Set(['@sinclair/typebox', 'yaml', 'markdown-it', 'handlebars', 'csv-parse']);

const packageName = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

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

/**
 * Sources compiled into files of their own beside the engine, which the engine requires: startup.ts
 * and code-cache.ts, so that there is one copy of each, the one the launcher loaded; import-esm.ts,
 * so that Node compiles it.
 */
const APART = ['startup', 'code-cache', 'import-esm'];
const apart = {
  name: 'apart',
  setup(build) {
    build.onResolve({ filter: /\.js$/ }, ({ path: specifier, resolveDir }) => {
      const name = APART.find((n) => path.resolve(resolveDir, specifier) === path.join(ROOT, 'src', `${n}.js`));
      return name ? { path: `./${name}.cjs`, external: true } : undefined;
    });
  },
};

/**
 * CommonJS has no import.meta: the sources' uses of it are answered for the compiled file. First,
 * the directive that keeps the code strict, as ES modules are (esbuild's own comes after a banner).
 */
const IMPORT_META = [
  "'use strict';",
  "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;",
  "const __importMetaResolve = (specifier) => require('node:url').pathToFileURL(require.resolve(specifier)).href;",
].join(' ');

const common = /** @type {const} */ ({
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  define: {
    'import.meta.url': '__importMetaUrl',
    'import.meta.dirname': '__dirname',
    'import.meta.resolve': '__importMetaResolve',
  },
  banner: { js: IMPORT_META },
  sourcemap: 'linked',
  logLevel: 'warning',
});

/** The launchers: as src/cli.ts and src/batch-worker.ts begin, with the engine loaded as CommonJS. */
const LAUNCHERS = {
  'cli.js': [
    '#!/usr/bin/env node',
    '// report-press, compiled by scripts/compile.js from src/cli.ts.',
    "import { createRequire } from 'node:module';",
    'const require = createRequire(import.meta.url);',
    '// With --debug, stack traces point into src/: source maps are read as the engine is compiled.',
    "if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);",
    "require('./startup.cjs');",
    "process.exitCode = await require('./engine.cjs').main(process.argv.slice(2));",
  ],
  'batch-worker.js': [
    "// A batch's worker thread, compiled by scripts/compile.js from src/batch-worker.ts.",
    "import { createRequire } from 'node:module';",
    'const require = createRequire(import.meta.url);',
    "require('./startup.cjs');",
    "await require('./engine.cjs').runBatchWorker();",
  ],
};

export async function compile() {
  await rm(DIST, { recursive: true, force: true });
  await Promise.all([
    ...['engine', ...APART].map((name) =>
      build({
        ...common,
        entryPoints: [path.join(ROOT, 'src', `${name}.ts`)],
        outfile: path.join(DIST, `${name}.cjs`),
        plugins: [apart, externals],
      }),
    ),
  ]);
  for (const [name, lines] of Object.entries(LAUNCHERS))
    await writeFile(path.join(DIST, name), `${lines.join('\n')}\n`, { mode: 0o755 });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await compile();

/** Vitest's global set-up: the CLI tests run the compiled binary, so it is compiled from this source first. */
export default compile;
