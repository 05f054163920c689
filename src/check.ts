/**
 * Checking a report without rendering it: steps 1–4 of the pipeline (load, validate, template,
 * parse to the document model) for every document, and every chart spec the report names read and
 * checked. No chart is drawn and no PDF or HTML written, so it is quick enough for a pre-commit hook.
 */
import { loadReport } from './load/report.js';
import { validateReport } from './validate/index.js';
import { loadTemplates, type TemplateSet } from './template/engine.js';
import { buildDocument } from './model/document.js';
import { loadChartSpec } from './charts/spec.js';
import { asInputProblem } from './input-problems.js';
import { ReportError, type Problem } from './problems.js';
import { plan } from './plan.js';
import type { Paths } from './pipeline.js';

export interface Checker {
  /** Throws a ReportError with the report's problems; returns how many documents it would make. */
  check(id: string): Promise<number>;
}

export async function createChecker(paths: Omit<Paths, 'out'>): Promise<Checker> {
  const templates: TemplateSet = await loadTemplates(paths.templates);
  return {
    async check(id) {
      const report = validateReport(await loadReport(paths.data, id));
      const problems: Problem[] = [];
      const collect = (error: unknown) => {
        if (!(error instanceof ReportError)) throw error;
        problems.push(...error.problems);
      };
      const docs = plan(report);
      for (const doc of docs) {
        try {
          buildDocument(templates.render(doc.template, doc.context), report.data, doc.kind);
        } catch (error) {
          collect(asInputProblem(error, report, doc.template));
        }
      }
      const specs = new Set(Object.values(report.data.charts).map((c) => c.spec));
      for (const spec of specs) await loadChartSpec(paths.charts, spec).catch(collect);
      if (problems.length) throw new ReportError(dedupe(problems));
      return docs.length;
    },
  };
}

/** Documents share templates, so one template problem is found once per document: keep one. */
function dedupe(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = JSON.stringify(p);
    return !seen.has(key) && !!seen.add(key);
  });
}
