/** One worker of a batch (batch.ts): one builder, reports taken one at a time until told to stop. */
// First: this thread's module loader compiles the packages with their kept code (startup.ts).
import './startup.js';
import { parentPort, workerData } from 'node:worker_threads';
import { createBuilder, type Paths } from './pipeline.js';
import { toFailure, type FromWorker, type ToWorker } from './batch.js';
import { undoAll } from './signals.js';

const port = parentPort!;
const reply = (m: FromWorker) => port.postMessage(m);
// Listening before the builder is set up: an interrupt must be answered even while it is.
const builder = createBuilder(workerData as Paths);

port.on('message', (m: ToWorker) => {
  if ('done' in m) {
    port.close();
    return;
  }
  if ('interrupt' in m) {
    // The process is ending: put back any outputs half replaced, then say so.
    undoAll();
    Atomics.add(m.interrupt, 0, 1);
    Atomics.notify(m.interrupt, 0);
    return;
  }
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  builder
    .then((b) => b.build(m.id, m.options))
    .then(
      (outputs) => reply({ id: m.id, seconds: seconds(), outputs }),
      (error: unknown) => reply({ id: m.id, seconds: seconds(), failure: toFailure(error) }),
    );
});
// A builder that could not be set up (a template with a mistake) fails each report with its problems.
const ready = () => reply({ ready: true });
builder.then(ready, ready);
