/**
 * Load: reads a report folder (its report.yaml and every CSV beside it) into parsed sources with
 * positions. Nothing is interpreted yet; that is validation's job.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileProblem, ReportError, type Problem } from '../problems.js';
import { message } from '../messages.js';
import { parseYaml, type SourceFile } from './yaml.js';
import { parseCsv, type CsvFile } from './csv.js';

export const REPORT_FILE = 'report.yaml';
/** Larger data files are refused: a report's data is a few hundred KiB at most. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
const REPORT_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

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

export function checkReportId(id: string): void {
  if (!REPORT_ID.test(id)) throw new ReportError([fileProblem(id, 'cli/report-id', message.badReportId(id))]);
}

async function readText(file: string): Promise<{ text: string } | { problem: Problem }> {
  const shown = displayPath(file);
  try {
    const { size } = await stat(file);
    if (size > MAX_FILE_BYTES)
      return { problem: fileProblem(shown, 'load/too-large', message.tooLarge(size, MAX_FILE_BYTES)) };
    return { text: await readFile(file, 'utf8') };
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((error as Error).message);
    return { problem: fileProblem(shown, 'load/unreadable', message.unreadable(reason)) };
  }
}

/** Reads `<dataDir>/<id>/`; throws a ReportError listing every problem found in its files. */
export async function loadReport(dataDir: string, id: string): Promise<LoadedReport> {
  checkReportId(id);
  const dir = path.join(dataDir, id);
  const problems: Problem[] = [];
  const yaml = await readText(path.join(dir, REPORT_FILE));
  let source: SourceFile | undefined;
  if ('problem' in yaml) problems.push(yaml.problem);
  else {
    const parsed = parseYaml(displayPath(path.join(dir, REPORT_FILE)), yaml.text);
    if ('problems' in parsed) problems.push(...parsed.problems);
    else source = parsed.source;
  }
  const csv = new Map<string, CsvFile>();
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.csv')).sort();
  for (const name of names) {
    const read = await readText(path.join(dir, name));
    if ('problem' in read) {
      problems.push(read.problem);
      continue;
    }
    const parsed = parseCsv(displayPath(path.join(dir, name)), read.text);
    if ('problems' in parsed) problems.push(...parsed.problems);
    else csv.set(name, parsed.csv);
  }
  if (problems.length > 0 || !source) throw new ReportError(problems);
  return { id, dir, source, csv };
}

/** Every report folder under the data folder: those holding a report.yaml. */
export async function listReports(dataDir: string): Promise<string[]> {
  const entries = await readdir(dataDir, { withFileTypes: true }).catch(() => []);
  const ids: string[] = [];
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    const has = await stat(path.join(dataDir, e.name, REPORT_FILE)).then(
      () => true,
      () => false,
    );
    if (has) ids.push(e.name);
  }
  return ids.sort();
}
