/**
 * The compiled engine (dist/engine.cjs, see scripts/compile.js): everything the command line runs,
 * in one CommonJS file, so that V8's compiled code for it is kept between runs (code-cache.ts).
 * Node 20 compiles ES modules afresh at every start. The launchers (dist/cli.js and
 * dist/batch-worker.js) set V8 up first (startup.ts), then load this.
 */
export { main } from './cli/main.js';

/** Runs this thread as a batch's worker (batch-worker.ts, loaded only then). */
export const runBatchWorker = async (): Promise<void> => {
  await import('./batch-worker.js');
};
