/** Validate: schema first, then the checks that need a well-formed report. */
import { ReportError } from '../problems.js';
import { ReportData } from '../schema/report.js';
import type { LoadedReport } from '../load/report.js';
import type { CsvFile } from '../load/csv.js';
import type { SourceFile } from '../load/yaml.js';
import { validateSchema } from './schema.js';
import { validateSemantics } from './semantics.js';
import { DEFAULT_BUDGET, type Budget } from '../budget.js';

export interface ValidReport {
  id: string;
  dir: string;
  data: ReportData;
  csv: ReadonlyMap<string, CsvFile>;
  /** The report.yaml it came from, for problems found in later stages. */
  source: SourceFile;
}

export function validateReport(loaded: LoadedReport, budget: Budget = DEFAULT_BUDGET): ValidReport {
  const schemaProblems = validateSchema(ReportData, loaded.source);
  if (schemaProblems.length > 0) throw new ReportError(schemaProblems);
  const given = loaded.source.value as ReportData;
  // A question without recommendations may leave the key out; the templates see an empty list.
  const data: ReportData = {
    ...given,
    questions: given.questions.map((q) => ({ ...q, recommendations: q.recommendations ?? [] })),
  };
  const problems = validateSemantics(data, loaded, budget);
  if (problems.length > 0) throw new ReportError(problems);
  return { id: loaded.id, dir: loaded.dir, data, csv: loaded.csv, source: loaded.source };
}
