/**
 * Load: reads a report folder (its report.yaml and every CSV beside it) into parsed sources with
 * positions. Nothing is interpreted yet; that is validation's job.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { placelessProblem, problemAt, ReportError, type Problem } from '../problems.js';
import { DEFAULT_BUDGET, type Budget } from '../budget.js';
import { deepestPath, flowTooDeep, heaviestPath, measure } from './size.js';
import { message } from '../messages.js';
import { parseYaml, type SourceFile } from './yaml.js';
import { parseCsv, type CsvFile } from './csv.js';
import { isHidden, readDataFile } from './boundary.js';
import { ID_PATTERN } from '../schema/report.js';
import { mapAtOnce } from '../at-once.js';

export const REPORT_FILE = 'report.yaml';
/** Larger data files are refused: a report's data is a few hundred KiB at most. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** Data files open at a time. (Each file's text is held until its parse, as each parsed file is.) */
const FILES_AT_ONCE = 4;
const REPORT_ID = ID_PATTERN;

export interface LoadedReport {
  id: string;
  dir: string;
  source: SourceFile;
  csv: ReadonlyMap<string, CsvFile>;
}

/** A path as the user should see it: relative to the working folder when inside it. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}

/** Refuses a report id that is not a plain folder name, so that no id can reach outside the data folder. */
export function checkReportId(id: string): void {
  if (!REPORT_ID.test(id))
    throw new ReportError([placelessProblem('command line', 'report id', 'cli/report-id', message.badReportId(id))]);
}

/** The CSV files of a report folder; a folder that cannot be listed is a problem, never "no files". */
async function csvNames(dir: string): Promise<string[] | Problem> {
  try {
    return (await readdir(dir)).filter((n) => n.endsWith('.csv') && !isHidden(n)).sort();
  } catch (error) {
    const text = message.unreadableFolder(String((error as Error).message));
    return placelessProblem(displayPath(dir), '(folder)', 'load/unreadable', text);
  }
}

/** A report folder that does not exist: name the ones that do. */
async function checkFolder(dataDir: string, id: string): Promise<void> {
  const found = await stat(path.join(dataDir, id)).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (found) return;
  const known = await listReports(dataDir).catch(() => []);
  const folder = displayPath(path.join(dataDir, id));
  throw new ReportError([
    placelessProblem(folder, '(folder)', 'load/no-report', message.noReportFolder(displayPath(dataDir), known)),
  ]);
}

/**
 * A bad id is either a folder under the data folder with a name that cannot be an id (say so, by
 * the folder), or an id as typed (say so, by the command line). An id with "/" or ".." is never
 * looked up as a folder.
 */
async function checkId(dataDir: string, id: string): Promise<void> {
  if (REPORT_ID.test(id)) return;
  const isFolder = !/[\\/]|^\.\.?$/.test(id) && (await readdir(dataDir).catch(() => [] as string[])).includes(id);
  if (!isFolder) checkReportId(id);
  const folder = displayPath(path.join(dataDir, id));
  throw new ReportError([placelessProblem(folder, '(folder name)', 'load/report-id', message.badFolderName(id))]);
}

/**
 * The report.yaml, parsed within the budget: flow collections nested too deep are refused before
 * parsing, and the size and depth of the data are checked once aliases are expanded.
 */
function parseReportYaml(file: string, text: string, budget: Budget): { source: SourceFile } | { problems: Problem[] } {
  const at = (offset: number) => {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length, column: before.at(-1)!.length + 1 };
  };
  const deep = flowTooDeep(text, budget.dataDepth);
  if (deep >= 0) {
    const text_ = message.dataTooDeep(budget.dataDepth);
    return { problems: [{ file, ...at(deep), path: '(file)', message: text_, rule: 'budget/data-depth' }] };
  }
  const parsed = parseYaml(file, text);
  if ('problems' in parsed) return parsed;
  const { value } = parsed.source;
  const size = measure(value);
  if (size.chars > budget.dataChars) {
    const text_ = message.dataTooLarge(size.chars, budget.dataChars);
    return { problems: [problemAt(parsed.source, heaviestPath(value), 'budget/data-chars', text_)] };
  }
  if (size.depth > budget.dataDepth) {
    const text_ = message.dataTooDeep(budget.dataDepth);
    return {
      problems: [problemAt(parsed.source, deepestPath(value).slice(0, budget.dataDepth), 'budget/data-depth', text_)],
    };
  }
  return parsed;
}

/** Reads `<dataDir>/<id>/`; throws a ReportError listing every problem found in its files. */
export async function loadReport(dataDir: string, id: string, budget: Budget = DEFAULT_BUDGET): Promise<LoadedReport> {
  await checkId(dataDir, id);
  await checkFolder(dataDir, id);
  const dir = path.join(dataDir, id);
  const problems: Problem[] = [];
  const read = (file: string) => readDataFile(dataDir, file, displayPath(file), MAX_FILE_BYTES);
  // The files are read side by side, a few at a time; their problems are reported in the files' order.
  const [yaml, names] = await Promise.all([read(path.join(dir, REPORT_FILE)), csvNames(dir)]);
  const files = await mapAtOnce(Array.isArray(names) ? names : [], FILES_AT_ONCE, (name) => read(path.join(dir, name)));
  let source: SourceFile | undefined;
  if ('problem' in yaml) problems.push(yaml.problem);
  else {
    const parsed = parseReportYaml(displayPath(path.join(dir, REPORT_FILE)), yaml.text, budget);
    if ('problems' in parsed) problems.push(...parsed.problems);
    else source = parsed.source;
  }
  const csv = new Map<string, CsvFile>();
  if (!Array.isArray(names)) problems.push(names);
  for (const [i, name] of (Array.isArray(names) ? names : []).entries()) {
    const file = files[i]!;
    if ('problem' in file) {
      problems.push(file.problem);
      continue;
    }
    const parsed = parseCsv(displayPath(path.join(dir, name)), file.text);
    if ('problems' in parsed) problems.push(...parsed.problems);
    else csv.set(name, parsed.csv);
  }
  if (problems.length > 0 || !source) throw new ReportError(problems);
  return { id, dir, source, csv };
}

/**
 * Every report folder under the data folder: those holding a report.yaml. A folder whose name
 * cannot be a report id is listed too, so that its build fails by name rather than it being skipped.
 */
export async function listReports(dataDir: string): Promise<string[]> {
  const entries = await readdir(dataDir, { withFileTypes: true }).catch(() => []);
  const ids: string[] = [];
  for (const e of entries) {
    if (!e.isDirectory() || isHidden(e.name)) continue;
    const has = await stat(path.join(dataDir, e.name, REPORT_FILE)).then(
      () => true,
      () => false,
    );
    if (has) ids.push(e.name);
  }
  return ids.sort();
}
