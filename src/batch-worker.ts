/** One worker of a batch (batch.ts): one builder, reports taken one at a time until told to stop. */
import { parentPort, workerData } from 'node:worker_threads';
import { createBuilder, type Paths } from './pipeline.js';
import { ReportError } from './problems.js';
import type { FromWorker, ToWorker } from './batch.js';

const port = parentPort!;
const builder = await createBuilder(workerData as Paths);
const reply = (m: FromWorker) => port.postMessage(m);

port.on('message', (m: ToWorker) => {
  if ('done' in m) {
    port.close();
    return;
  }
  builder.build(m.id).then(
    (outputs) => reply({ id: m.id, outputs }),
    (error: unknown) => {
      if (error instanceof ReportError) reply({ id: m.id, problems: error.problems });
      else if (error instanceof Error) reply({ id: m.id, message: error.message, ...(error.stack ? { stack: error.stack } : {}) });
      else reply({ id: m.id, message: String(error) });
    },
  );
});
reply({ ready: true });
