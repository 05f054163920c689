/**
 * The pipeline, every stage in order:
 *
 *   data/<id>/report.yaml ──1 load──▶ parsed sources (with positions)
 *        ──2 validate──▶ ReportData ──3 template──▶ Markdown (one per document) + the prose it placed
 *        ──4 parse──▶ DocumentModel (each prose text parsed on its own) ──5 charts──▶ DocumentModel with SVG
 *        ──6 write──┬─▶ PDF  (pdfmake)
 *                   └─▶ HTML (page shell)
 *        ──7 output──▶ out/<id>/report.{pdf,html}, out/<id>/handouts/*.{pdf,html}
 *
 * Steps 1, 2 and 4 keep within the build budget (src/budget.ts): each limit is checked before the
 * work it bounds. Every document of a report is rendered in memory first and written only when all succeeded, so
 * a failed build leaves the previous outputs untouched.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadReport } from './load/report.js';
import { validateReport, type ValidReport } from './validate/index.js';
import { loadTemplates, type TemplateSet } from './template/engine.js';
import { buildDocument, type DocumentKind } from './model/document.js';
import type { DocumentModel } from './model/types.js';
import { ChartCache, renderCharts } from './charts/stage.js';
import { renderPdf } from './pdf/render.js';
import { htmlWriter, type HtmlWriter } from './html/document.js';
import { outputPath, removeOthers, writeFilesAtomic } from './output/write.js';
import { checkOutputFolder } from './output/paths.js';
import { ReportError, placelessProblem } from './problems.js';
import { asInputProblem } from './input-problems.js';
import { message } from './messages.js';
import { budgetWith, type Budget } from './budget.js';
import { checkPages } from './model/estimate.js';

export interface Paths {
  data: string;
  templates: string;
  charts: string;
  out: string;
}

export interface BuildOptions {
  /** Build only this handout: a question id, or "summary". */
  handout?: string;
  /** Limits raised (or lowered) from DEFAULT_BUDGET for this build. */
  budget?: Partial<Budget>;
}

export interface Output {
  file: string;
  bytes: number;
}

/** What a document is: which template writes it, what kind it is, and where it goes. */
interface DocumentPlan {
  template: string;
  context: object;
  kind: DocumentKind;
  /** The output path without extension, relative to out/<id>/. */
  name: string;
}

export const SUMMARY_HANDOUT = 'summary';

function plan(report: ValidReport, options: BuildOptions): DocumentPlan[] {
  const { data } = report;
  const handout = (questionId: string | null): DocumentKind => ({
    kind: 'handout',
    questionId,
    fullReportHref: '../report.html',
  });
  const all: DocumentPlan[] = [
    { template: 'report', context: data, kind: { kind: 'report' }, name: 'report' },
    ...data.questions.map((question) => ({
      template: 'handout',
      context: { ...data, question },
      kind: handout(question.id),
      name: `handouts/${question.id}`,
    })),
    { template: 'summary', context: data, kind: handout(null), name: `handouts/${SUMMARY_HANDOUT}` },
  ];
  if (!options.handout) return all;
  const chosen = all.filter((p) => p.name === `handouts/${options.handout}`);
  if (chosen.length === 0) {
    const known = [...data.questions.map((q) => q.id), SUMMARY_HANDOUT];
    throw new ReportError([
      placelessProblem(
        'command line',
        '--handout',
        'cli/unknown-handout',
        message.unknownHandout(options.handout, known),
      ),
    ]);
  }
  return chosen;
}

/** Steps 3–6 for one document: template, parse, charts, both writers. */
async function renderDocument(
  report: ValidReport,
  doc: DocumentPlan,
  tools: { templates: TemplateSet; charts: ChartCache; html: HtmlWriter; budget: Budget },
): Promise<{ model: DocumentModel; pdf: Buffer; html: string }> {
  try {
    const written = tools.templates.render(doc.template, doc.context);
    const built = buildDocument(written, report.data, doc.kind);
    checkPages(built, report, tools.budget);
    const model = await renderCharts(built, report, tools.charts);
    const [pdf, html] = await Promise.all([renderPdf(model), tools.html(model, JSON.stringify(report.data))]);
    return { model, pdf, html };
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
}

/** Sets up what all reports share (templates, chart specs, the HTML shell) once. */
export async function createBuilder(paths: Paths): Promise<Builder> {
  const [templates, html] = await Promise.all([loadTemplates(paths.templates), htmlWriter(paths.templates)]);
  const render = async (id: string, options: BuildOptions = {}): Promise<Rendered[]> => {
    const budget = budgetWith(options.budget);
    const report = validateReport(await loadReport(paths.data, id, budget), budget); // 1, 2
    // Specs and drawn charts are shared by a report's documents, and read afresh for each build.
    const charts = new ChartCache(paths.charts, budget);
    const rendered: Rendered[] = [];
    for (const doc of plan(report, options)) {
      const tools = { templates, charts, html, budget };
      rendered.push({ name: doc.name, ...(await renderDocument(report, doc, tools)) });
    }
    return rendered;
  };
  // An output folder may not be, hold or lie inside a folder the build reads, this code's included.
  const sources = [paths.data, paths.templates, paths.charts, fileURLToPath(new URL('.', import.meta.url))];
  return {
    render,
    async build(id, options = {}) {
      await checkOutputFolder(paths.out, sources); // before the work, so a wrong --out is answered at once
      const rendered = await render(id, options);
      // The report's own folders, once rendering has vouched for the id: either may be a link.
      for (const dir of [outputPath(paths.out, id), outputPath(paths.out, id, 'handouts')])
        await checkOutputFolder(dir, sources);
      const files = rendered.flatMap(({ name, pdf, html: page }) => [
        { file: outputPath(paths.out, id, `${name}.pdf`), data: pdf },
        { file: outputPath(paths.out, id, `${name}.html`), data: page },
      ]);
      await writeFilesAtomic(files); // 7
      // A full build also removes the handouts of questions the report no longer has.
      if (!options.handout) {
        const keep = new Set(files.map((f) => f.file));
        await removeOthers(outputPath(paths.out, id, 'handouts'), keep, ['.pdf', '.html']);
      }
      return files.map(({ file, data }) => ({ file, bytes: Buffer.byteLength(data) }));
    },
  };
}

export function defaultPaths(root = process.cwd()): Paths {
  return {
    data: path.join(root, 'data'),
    templates: path.join(root, 'templates'),
    charts: path.join(root, 'charts'),
    out: path.join(root, 'out'),
  };
}
