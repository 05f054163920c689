/**
 * Many reports at once, over worker threads: each worker sets up its builder once (templates,
 * chart specs, fonts and shaping caches) and takes the next report from a shared queue, so a batch
 * uses every core and pays each worker's start-up once. Each report is still written all-or-nothing
 * by its own build; one report failing does not stop the others. Ctrl-C or SIGTERM (with the
 * command line's endOnSignals) has every worker undo a replacement in progress before the process ends.
 */
import { availableParallelism } from 'node:os';
import { inspect } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { BuildOptions, Output, Paths } from './pipeline.js';
import { ReportError, type Problem } from './problems.js';
import { OutputWriteError } from './output/write.js';
import { onInterrupt } from './signals.js';
import { message } from './messages.js';

/** What a worker is told to build with: the build options that cross a thread (no callbacks). */
export type WorkerBuildOptions = Omit<BuildOptions, 'progress'>;

export interface BatchOptions {
  /** Worker threads; at most one per report. Defaults to the machine's available parallelism. */
  workers?: number;
  /** The options of every report's build. */
  build?: WorkerBuildOptions;
  /** Told of each report as it finishes, in the order they finish. */
  finished?: (result: BatchResult) => void;
}

/** A report's result, with the seconds its build took in its worker. */
export type BatchResult = { id: string; seconds: number } & ({ outputs: Output[] } | { error: Error });

/** A failed build as it crosses from a worker: enough to print it as a build in this thread would. */
export interface Failure {
  problems?: readonly Problem[];
  /** Set when the outputs were being replaced: what became of them (see OutputWriteError). */
  written?: { outcome: OutputWriteError['outcome']; newFiles: readonly string[] };
  /** The error's message and those of its causes, outermost first. */
  messages: string[];
  stack?: string;
}

/** Messages between the batch and a worker. */
export type ToWorker = { id: string; options: WorkerBuildOptions } | { done: true } | { interrupt: Int32Array };
export type FromWorker =
  | { ready: true }
  | { id: string; seconds: number; outputs: Output[] }
  | { id: string; seconds: number; failure: Failure };

/** The failure as the error the build would have thrown in this thread. */
export function fromFailure(failure: Failure): Error {
  if (failure.problems && failure.written)
    return new OutputWriteError(failure.problems, failure.written.outcome, failure.written.newFiles, {
      cause: undefined,
    });
  if (failure.problems) return new ReportError(failure.problems);
  const error = failure.messages.reduceRight<Error | undefined>(
    (cause, text) => new Error(text, cause ? { cause } : undefined),
    undefined,
  )!;
  if (failure.stack) error.stack = failure.stack;
  return error;
}

/** The error thrown in a worker, as it crosses to the batch. */
export function toFailure(error: unknown): Failure {
  const messages: string[] = [];
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause)
    messages.push(e instanceof Error ? e.message : inspect(e));
  return {
    ...(error instanceof ReportError ? { problems: error.problems } : {}),
    ...(error instanceof OutputWriteError ? { written: { outcome: error.outcome, newFiles: error.newFiles } } : {}),
    messages,
    ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
  };
}

/**
 * The worker: batch-worker.js beside this module (scripts/compile.js writes the worker's launcher
 * beside the compiled engine); when the sources run untranspiled (tsx), a small script registers
 * tsx in the worker first, as Node 20 does not pass `--import` hooks to workers.
 */
function startWorker(paths: Paths): Worker {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./batch-worker.js', import.meta.url), { workerData: paths });
  const url = new URL('./batch-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); })`;
  return new Worker(boot, { eval: true, workerData: paths });
}

/** How long an interrupted batch waits for its workers to undo their replacements. */
const UNDO_WAIT_MS = 2000;

/** Builds every report in `ids`; results come in the order of `ids`. */
export async function buildBatch(
  paths: Paths,
  ids: readonly string[],
  options: BatchOptions = {},
): Promise<BatchResult[]> {
  const count = Math.max(1, Math.min(ids.length, options.workers ?? availableParallelism()));
  const queue = [...ids];
  const results: BatchResult[] = [];
  const workers: Worker[] = [];
  // On a signal, every worker undoes its work in flight; this thread waits (synchronously, as the
  // process is about to end) until each has said so, or a moment has passed.
  const undone = new Int32Array(new SharedArrayBuffer(4));
  const dropUndo = onInterrupt(() => {
    for (const w of workers) w.postMessage({ interrupt: undone } satisfies ToWorker);
    const until = Date.now() + UNDO_WAIT_MS;
    for (
      let seen = Atomics.load(undone, 0);
      seen < workers.length && Date.now() < until;
      seen = Atomics.load(undone, 0)
    )
      Atomics.wait(undone, 0, seen, until - Date.now());
  });
  const finish = (result: BatchResult) => {
    results.push(result);
    options.finished?.(result);
  };
  const run = () =>
    new Promise<void>((resolve, reject) => {
      const worker = startWorker(paths);
      workers.push(worker);
      let current: string | undefined;
      const next = () => {
        current = queue.shift();
        worker.postMessage(
          (current === undefined ? { done: true } : { id: current, options: options.build ?? {} }) satisfies ToWorker,
        );
      };
      worker.on('message', (m: FromWorker) => {
        if ('outputs' in m) finish({ id: m.id, seconds: m.seconds, outputs: m.outputs });
        else if ('failure' in m) finish({ id: m.id, seconds: m.seconds, error: fromFailure(m.failure) });
        next();
      });
      worker.on('error', (error) => {
        // A worker that dies takes its report with it; the others go on.
        if (current !== undefined) finish({ id: current, seconds: 0, error });
        current = undefined;
        reject(error);
      });
      worker.on('exit', () => resolve());
    });
  try {
    const ended = await Promise.allSettled(Array.from({ length: count }, run));
    const crashed = ended.find((e) => e.status === 'rejected');
    // Reports a dead worker never took are built by none: say so rather than lose them.
    for (const id of queue.splice(0))
      finish({ id, seconds: 0, error: new Error(message.workerStopped, { cause: crashed?.reason }) });
  } finally {
    dropUndo();
  }
  return ids.map(
    (id) =>
      results.splice(
        results.findIndex((r) => r.id === id),
        1,
      )[0]!,
  );
}
