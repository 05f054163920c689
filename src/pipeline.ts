/**
 * The pipeline, every stage in order:
 *
 *   data/<id>/report.yaml ──1 load──▶ parsed sources (with positions)
 *        ──2 validate──▶ ReportData ──3 template──▶ Markdown (one per document)
 *        ──4 parse──▶ DocumentModel ──5 charts──▶ DocumentModel with SVG
 *        ──6 write──┬─▶ PDF  (pdfmake)
 *                   └─▶ HTML (page shell)
 *        ──7 output──▶ out/<id>/report.{pdf,html}, out/<id>/handouts/*.{pdf,html}
 *
 * Data sheets run the same stages from a definition and a national dataset instead of a report:
 *
 *   data/<folder>/datasheet.yaml + CSV ──▶ figures per area ──3–6──▶ out/datasheets/<area>.{pdf,html}
 *
 * Steps 1, 2 and 4 keep within the build budget (src/budget.ts): each limit is checked before the
 * work it bounds. Every document of a report is rendered in memory first and written only when all
 * succeeded, so
 * a failed build leaves the previous outputs untouched.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadReport } from './load/report.js';
import { validateReport, type ValidReport } from './validate/index.js';
import { loadTemplates, type TemplateSet } from './template/engine.js';
import { buildDocument } from './model/document.js';
import type { Paths } from './paths.js';
import { FORMATS, isPartial, plan, type DocumentPlan, type Format, type PlanOptions } from './plan.js';
import type { DocumentModel } from './model/types.js';
import { ChartCache, renderCharts } from './charts/stage.js';
import { renderPdf } from './pdf/render.js';
import { keptPdf } from './pdf/kept.js';
import { mapAtOnce } from './at-once.js';
import { noteWork } from './code-cache.js';
import { htmlWriter, type HtmlWriter } from './html/document.js';
import { outputPath, recoverOutputs, writeFilesAtomic } from './output/write.js';
import { checkOutputFolder } from './output/paths.js';
import { reportInputs, sha256, sharedInputs } from './output/fingerprint.js';
import { isCurrent, MANIFEST_FILE, manifestText, readManifest, type Manifest } from './output/manifest.js';
import { asInputProblem } from './input-problems.js';
import { budgetWith, type Budget } from './budget.js';
import { checkPages } from './model/estimate.js';
import {
  DATASHEET_OUT,
  datasheetPlan,
  renderDatasheets,
  writeDatasheets,
  type DatasheetBuild,
} from './datasheet/build.js';
import { hasDatasheet } from './datasheet/load.js';

export { FORMATS, SUMMARY_HANDOUT, type Format } from './plan.js';
export { defaultPaths, type Paths } from './paths.js';

export interface BuildOptions extends PlanOptions {
  /** Build only these editions (default: both). */
  formats?: readonly Format[];
  /** Rebuild outputs the manifest says are current. */
  force?: boolean;
  /** Told how many documents the build renders, then each as it is rendered. */
  progress?: { total(documents: number): void; rendered(name: string): void };
  /** Limits raised (or lowered) from DEFAULT_BUDGET for this build. */
  budget?: Partial<Budget>;
}

export interface Output {
  file: string;
  bytes: number;
  /** False when the output was current and left as it was. */
  written: boolean;
}

/** Steps 3–6 for one document: template, parse, charts, and the writers of the editions asked for. */
interface Tools {
  templates: TemplateSet;
  charts: ChartCache;
  html: HtmlWriter;
  budget: Budget;
}

/** The text whose characters every HTML edition of a report covers: all of its data, made once a report. */
const fontTexts = new WeakMap<ValidReport, string>();
function fontTextOf(report: ValidReport): string {
  let text = fontTexts.get(report);
  if (text === undefined) fontTexts.set(report, (text = JSON.stringify(report.data)));
  return text;
}

async function renderDocument(
  report: ValidReport,
  doc: DocumentPlan,
  tools: Tools,
  formats: readonly Format[] = FORMATS,
): Promise<{ model: DocumentModel; pdf?: Buffer; html?: string }> {
  try {
    const markdown = tools.templates.render(doc.template, doc.context);
    const built = buildDocument(markdown, report.data, doc.kind);
    checkPages(built, report, tools.budget);
    const model = await renderCharts(built, report, tools.charts);
    const [pdf, html] = await Promise.all([
      formats.includes('pdf') ? keptPdf(model, renderPdf) : undefined,
      formats.includes('html') ? tools.html(model, fontTextOf(report)) : undefined,
    ]);
    for (const format of formats) noteWork(format);
    return { model, ...(pdf ? { pdf } : {}), ...(html !== undefined ? { html } : {}) };
  } catch (error) {
    throw asInputProblem(error, report, doc.template);
  }
}

export interface Rendered {
  /** The output path without extension, relative to out/<id>/, e.g. `handouts/summary`. */
  name: string;
  model: DocumentModel;
  pdf: Buffer;
  html: string;
}

export interface Builder {
  /** Steps 1–6 for every document of a report, in memory. */
  render(id: string, options?: BuildOptions): Promise<Rendered[]>;
  /** All steps: renders every document, then writes them all. */
  build(id: string, options?: BuildOptions): Promise<Output[]>;
  /** Every area's data sheet from the definition in data/<folder>/, in memory. */
  renderDatasheets(folder: string): Promise<DatasheetBuild>;
  /**
   * Renders and writes every data sheet and their index under out/datasheets/, unless the manifest
   * there says every one is current (and lists no other), or `force`.
   */
  buildDatasheets(folder: string, options?: { force?: boolean }): Promise<{ outputs: Output[]; summary: string[] }>;
}

/** The folders under the data folder that hold a data-sheet definition. */
export async function listDatasheets(dataDir: string): Promise<string[]> {
  const entries = await readdir(dataDir, { withFileTypes: true }).catch(() => []);
  const found = await Promise.all(
    entries.map(async (e) => (e.isDirectory() && (await hasDatasheet(path.join(dataDir, e.name))) ? e.name : null)),
  );
  return found.filter((f): f is string => f !== null).sort();
}

/** Sets up what all reports share (templates, chart specs, the HTML shell) once. */
export async function createBuilder(paths: Paths): Promise<Builder> {
  const [templates, html, shared] = await Promise.all([
    loadTemplates(paths.templates),
    htmlWriter(paths.templates),
    sharedInputs(paths.templates, paths.charts),
  ]);
  // Specs and drawn charts are shared by a report's documents, and read afresh for each build.
  const tools = (budget: Budget): Tools => ({
    templates,
    charts: new ChartCache(paths.charts, budget),
    html,
    budget,
  });
  const load = async (id: string, budget: Budget) => validateReport(await loadReport(paths.data, id, budget), budget); // 1, 2
  // An output folder may not be, hold or lie inside a folder the build reads, this code's included.
  const sources = [paths.data, paths.templates, paths.charts, fileURLToPath(new URL('.', import.meta.url))];
  const datasheets = (folder: string) =>
    renderDatasheets(path.join(paths.data, folder), {
      templates,
      html,
      templatesDir: paths.templates,
      chartsDir: paths.charts,
    });
  return {
    renderDatasheets: datasheets,
    async buildDatasheets(folder, options = {}) {
      await checkOutputFolder(paths.out, sources);
      const dir = path.join(paths.data, folder);
      const out = outputPath(paths.out, DATASHEET_OUT);
      await checkOutputFolder(out, sources);
      // A set a killed build cut off part-way is put back whole before it is judged current.
      await recoverOutputs(out);
      // Every sheet is made from the whole definition and dataset: all are current, or none is.
      const [inputs, planned, previous] = await Promise.all([
        reportInputs(shared, dir),
        datasheetPlan(dir),
        readManifest(out),
      ]);
      const current =
        !options.force &&
        Object.keys(previous.outputs).length === planned.names.length &&
        (await Promise.all(planned.names.map((name) => isCurrent(out, name, inputs, previous)))).every(Boolean);
      if (current) {
        const outputs = await Promise.all(
          planned.names.map(async (name) => ({
            file: outputPath(out, name),
            bytes: (await stat(outputPath(out, name))).size,
            written: false,
          })),
        );
        return { outputs, summary: planned.summary };
      }
      const built = await datasheets(folder);
      const outputs = await writeDatasheets(paths.out, built, inputs);
      return { outputs: outputs.map((o) => ({ ...o, written: true })), summary: built.summary };
    },
    async render(id, options = {}) {
      const budget = budgetWith(options.budget);
      const report = await load(id, budget);
      const using = tools(budget);
      const rendered: Rendered[] = [];
      for (const doc of plan(report, options)) {
        const { model, pdf, html: page } = await renderDocument(report, doc, using);
        rendered.push({ name: doc.name, model, pdf: pdf!, html: page! });
      }
      return rendered;
    },
    async build(id, options = {}) {
      await checkOutputFolder(paths.out, sources); // before the work, so a wrong --out is answered at once
      const budget = budgetWith(options.budget);
      const report = await load(id, budget);
      const formats = options.formats ?? FORMATS;
      const dir = outputPath(paths.out, id);
      // The report's own folders, once loading has vouched for the id: either may be a link.
      await mapAtOnce([dir, outputPath(dir, 'handouts')], 2, (folder) => checkOutputFolder(folder, sources));
      // A set of outputs a killed build cut off part-way is put back whole before it is judged current.
      await recoverOutputs(dir);
      const [inputs, previous] = await Promise.all([
        reportInputs(shared, path.join(paths.data, id)),
        readManifest(dir),
      ]);
      const docs = plan(report, options);
      const wanted = docs.flatMap((doc) => formats.map((format) => ({ doc, format, name: `${doc.name}.${format}` })));
      // Each check reads its output whole: a few at a time, as a report may have many documents.
      const current = await mapAtOnce(
        wanted,
        8,
        async (w) => !options.force && (await isCurrent(dir, w.name, inputs, previous)),
      );
      const stale = new Set(wanted.filter((_, i) => !current[i]).map((w) => w.name));

      const toRender = docs.filter((doc) => formats.some((f) => stale.has(`${doc.name}.${f}`)));
      options.progress?.total(toRender.length);
      const using = tools(budget);
      const files: { name: string; data: string | Uint8Array }[] = [];
      for (const doc of toRender) {
        const only = formats.filter((f) => stale.has(`${doc.name}.${f}`));
        const rendered = await renderDocument(report, doc, using, only);
        if (rendered.pdf) files.push({ name: `${doc.name}.pdf`, data: rendered.pdf });
        if (rendered.html !== undefined) files.push({ name: `${doc.name}.html`, data: rendered.html });
        options.progress?.rendered(doc.name);
      }

      // The manifest keeps what it knew, learns what was written, and (on a full build) forgets the
      // files of documents the report no longer has, which are removed: only files this tool wrote.
      const manifest: Manifest = { outputs: { ...previous.outputs } };
      for (const f of files) manifest.outputs[f.name] = { inputs, sha256: sha256(f.data) };
      const built = new Set(docs.map((d) => d.name));
      const dropped = isPartial(options)
        ? []
        : Object.keys(manifest.outputs).filter((name) => !built.has(name.replace(/\.[a-z]+$/, '')));
      for (const name of dropped) delete manifest.outputs[name];
      if (files.length > 0 || dropped.length > 0) {
        await writeFilesAtomic(
          [
            ...files.map((f) => ({ file: outputPath(dir, f.name), data: f.data })),
            { file: outputPath(dir, MANIFEST_FILE), data: manifestText(manifest) },
          ],
          { root: dir, remove: dropped.map((name) => outputPath(dir, name)) },
        );
      }

      const written = new Map(files.map((f) => [f.name, Buffer.byteLength(f.data)]));
      return Promise.all(
        wanted.map(async ({ name }) => {
          const file = outputPath(dir, name);
          const bytes = written.get(name);
          return bytes === undefined
            ? { file, bytes: (await stat(file)).size, written: false }
            : { file, bytes, written: true };
        }),
      );
    },
  };
}
