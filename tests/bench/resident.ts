/**
 * The bench's long-lived build thread (run.ts): the report PDF from its data, load to PDF, once per
 * message, in a worker thread set up as the watch command's resident builder is (src/resident.ts):
 * the same young generation, and the tiering the bench's own thread set for the process.
 */
import { parentPort, Worker } from 'node:worker_threads';
import { defaultPaths } from '../../src/pipeline.js';
import { loadReport } from '../../src/load/report.js';
import { validateReport } from '../../src/validate/index.js';
import { loadTemplates } from '../../src/template/engine.js';
import { buildDocument } from '../../src/model/document.js';
import { ChartCache, renderCharts } from '../../src/charts/stage.js';
import { renderPdf } from '../../src/pdf/render.js';
import { RESIDENT_LIMITS } from '../../src/resident.js';

interface Ask {
  data: string;
  id: string;
  /** Send the PDF back, not only its size. */
  bytes?: boolean;
}
type Answer = { size: number; pdf?: Uint8Array } | { error: string };

/** In the bench's thread: starts the build thread; `build` answers once the PDF is made. */
export function startResident(): {
  build(ask: Ask): Promise<{ size: number; pdf?: Uint8Array }>;
  close(): Promise<number>;
} {
  const url = new URL(import.meta.url).href;
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); })`;
  const worker = new Worker(boot, { eval: true, resourceLimits: RESIDENT_LIMITS });
  let pending: { resolve: (a: { size: number; pdf?: Uint8Array }) => void; reject: (e: Error) => void } | null = null;
  const settle = (a: Answer | Error) => {
    const p = pending;
    pending = null;
    if (a instanceof Error) p?.reject(a);
    else if ('error' in a) p?.reject(new Error(a.error));
    else p?.resolve(a);
  };
  worker.on('message', settle);
  worker.on('error', settle);
  return {
    build: (ask) =>
      new Promise((resolve, reject) => {
        pending = { resolve, reject };
        worker.postMessage(ask);
      }),
    close: () => worker.terminate(),
  };
}

// In the build thread.
if (parentPort) {
  const port = parentPort;
  const paths = defaultPaths(new URL('../..', import.meta.url).pathname);
  const templates = await loadTemplates(paths.templates);
  const reportPdf = async (data: string, id: string): Promise<Buffer> => {
    const report = validateReport(await loadReport(data, id));
    const model = buildDocument(templates.render('report', report.data), report.data, { kind: 'report' });
    return renderPdf(await renderCharts(model, report, new ChartCache(paths.charts)));
  };
  port.on('message', (ask: Ask) => {
    reportPdf(ask.data, ask.id).then(
      (pdf) => port.postMessage({ size: pdf.length, ...(ask.bytes ? { pdf } : {}) } satisfies Answer),
      (error: unknown) => port.postMessage({ error: String((error as Error).stack ?? error) } satisfies Answer),
    );
  });
}
