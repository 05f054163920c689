/**
 * Many reports at once, over worker threads: each worker sets up its builder once (templates,
 * chart specs, fonts and shaping caches) and takes the next report from a shared queue, so a batch
 * uses every core and pays each worker's start-up once. Each report is still written all-or-nothing
 * by its own build; one report failing does not stop the others.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Output, Paths } from './pipeline.js';
import { ReportError, type Problem } from './problems.js';

export interface BatchOptions {
  /** Worker threads; at most one per report. Defaults to the machine's available parallelism. */
  workers?: number;
}

export type BatchResult = { id: string; outputs: Output[] } | { id: string; error: Error };

/** Messages between the batch and a worker. */
export type ToWorker = { id: string } | { done: true };
export type FromWorker =
  | { ready: true }
  | { id: string; outputs: Output[] }
  | { id: string; problems: readonly Problem[] }
  | { id: string; message: string; stack?: string };

/**
 * The worker: batch-worker.js beside this module; when the sources run untranspiled (tsx), a small
 * script registers tsx in the worker first, as Node 20 does not pass `--import` hooks to workers.
 */
function startWorker(paths: Paths): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./batch-worker.js', import.meta.url), { workerData: paths });
  const url = new URL('./batch-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); })`;
  return new Worker(boot, { eval: true, workerData: paths });
}

/** Builds every report in `ids`; results come in the order of `ids`. */
export async function buildBatch(paths: Paths, ids: readonly string[], options: BatchOptions = {}): Promise<BatchResult[]> {
  const count = Math.max(1, Math.min(ids.length, options.workers ?? availableParallelism()));
  const queue = [...ids];
  const results: BatchResult[] = [];
  const run = () =>
    new Promise<void>((resolve, reject) => {
      const worker = startWorker(paths);
      const next = () => {
        const id = queue.shift();
        worker.postMessage((id === undefined ? { done: true } : { id }) satisfies ToWorker);
      };
      worker.on('message', (m: FromWorker) => {
        if ('outputs' in m) results.push({ id: m.id, outputs: m.outputs });
        else if ('problems' in m) results.push({ id: m.id, error: new ReportError(m.problems) });
        else if ('message' in m) results.push({ id: m.id, error: Object.assign(new Error(m.message), { stack: m.stack }) });
        next();
      });
      worker.on('error', reject);
      worker.on('exit', () => resolve());
    });
  await Promise.all(Array.from({ length: count }, run));
  return ids.map((id) => results.splice(results.findIndex((r) => r.id === id), 1)[0]!);
}
