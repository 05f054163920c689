/**
 * A builder that stays for many builds, in a worker thread of its own: what `watch` rebuilds with.
 * The thread keeps what a process keeps between builds (fonts, shaping, measured words, compiled
 * code), and its young generation is larger than V8's default, which suits a thread that builds the
 * same report again and again: a build allocates some 30 MB, most of it dead when the build ends. With
 * the default 16 MB semi-space a warm build is collected two or three times over and much of it is
 * copied and promoted on the way; measured on a 2-core machine, a warm build of the report PDF took
 * 4–20 % less time (about 12 % in the median) with 64 MB semi-spaces. The cost is memory: up to
 * 128 MB more new space, in one thread. A one-shot build gains nothing from it (measured), so the
 * command line's own thread and a batch's workers keep V8's default.
 *
 * The thread also leaves the command's own thread free while a build runs: the preview server
 * answers at once.
 */
import type { Worker } from 'node:worker_threads';
import { fromFailure, startWorker, type FromWorker, type ToWorker, type WorkerBuildOptions } from './batch.js';
import type { Output, Paths } from './pipeline.js';
import { message } from './messages.js';

/**
 * The young generation of a resident builder's thread: V8 sizes it as three semi-spaces, so this is
 * a 64 MB semi-space (`node --max-semi-space-size=64` does the same for a process's main thread).
 */
export const RESIDENT_LIMITS = { maxYoungGenerationSizeMb: 192 } as const;

export interface ResidentBuilder {
  /**
   * Builds one report with a builder set up afresh (templates and chart specs read again), in the
   * thread; rejects as the build would in this thread. One build at a time.
   */
  build(id: string, options?: WorkerBuildOptions): Promise<Output[]>;
  /** Ends the thread, once its build (if any) has ended. */
  close(): Promise<void>;
}

export function residentBuilder(paths: Paths): ResidentBuilder {
  let worker: Worker | null = null;
  // A new thread sets its builder up as it starts: its first build needs no other.
  let fresh = false;
  let settle: ((m: FromWorker | Error) => void) | null = null;
  let running: Promise<unknown> = Promise.resolve();
  const start = (): Worker => {
    const w = startWorker(paths, RESIDENT_LIMITS);
    fresh = false;
    w.on('message', (m: FromWorker) => {
      if (!('ready' in m)) settle?.(m);
    });
    // A thread that dies fails its build; the next build starts another.
    w.on('error', (error) => settle?.(error));
    w.on('exit', () => {
      if (worker === w) worker = null;
      settle?.(new Error(message.residentStopped));
    });
    return w;
  };
  return {
    build(id, options = {}) {
      if (settle) return Promise.reject(new Error('a resident builder builds one report at a time'));
      const w = (worker ??= start());
      const built = new Promise<Output[]>((resolve, reject) => {
        settle = (m) => {
          settle = null;
          if (m instanceof Error) reject(m);
          else if ('outputs' in m) resolve(m.outputs);
          else if ('failure' in m) reject(fromFailure(m.failure));
        };
        w.postMessage({ id, options, fresh } satisfies ToWorker);
        fresh = true;
      });
      running = built.catch(() => undefined);
      return built;
    },
    async close() {
      await running;
      const w = worker;
      worker = null;
      if (!w) return;
      const exited = new Promise((resolve) => w.once('exit', resolve));
      w.postMessage({ done: true } satisfies ToWorker);
      await exited;
    },
  };
}
