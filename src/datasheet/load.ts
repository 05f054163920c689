/**
 * Load and check a data-sheet definition and its dataset: the definition against its schema, and
 * its comparator, measures and periods against the data, every problem placed.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseCsv, type CsvFile } from '../load/csv.js';
import { parseYaml, type SourceFile } from '../load/yaml.js';
import { displayPath } from '../load/report.js';
import { fileProblem, formatPath, ReportError, type Path, type Problem } from '../problems.js';
import { message } from '../messages.js';
import { validateSchema } from '../validate/schema.js';
import { DatasheetDefinition } from './schema.js';

export const DATASHEET_FILE = 'datasheet.yaml';

export interface LoadedDatasheet {
  dir: string;
  definition: DatasheetDefinition;
  source: SourceFile;
  csv: CsvFile;
}

/** The folders under the data folder that hold a data-sheet definition. */
export async function hasDatasheet(dir: string): Promise<boolean> {
  return stat(path.join(dir, DATASHEET_FILE)).then(
    (s) => s.isFile(),
    () => false,
  );
}

async function read(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    throw new ReportError([fileProblem(displayPath(file), 'data/unreadable', message.unreadable(String(error)))], {
      cause: error,
    });
  }
}

export async function loadDatasheet(dir: string): Promise<LoadedDatasheet> {
  const file = path.join(dir, DATASHEET_FILE);
  const parsed = parseYaml(displayPath(file), await read(file));
  if ('problems' in parsed) throw new ReportError(parsed.problems);
  const { source } = parsed;
  const schemaProblems = validateSchema(DatasheetDefinition, source);
  if (schemaProblems.length) throw new ReportError(schemaProblems);
  const definition = source.value as DatasheetDefinition;
  const csvFile = path.join(dir, definition.data);
  const csvParsed = parseCsv(displayPath(csvFile), await read(csvFile));
  if ('problems' in csvParsed) throw new ReportError(csvParsed.problems);
  const { csv } = csvParsed;

  const problems: Problem[] = [];
  const report = (at: Path, text: string) => {
    const { line, column } = source.locate(at, 'value');
    problems.push({ file: source.file, line, column, path: formatPath(at), message: text, rule: 'datasheet/data' });
  };
  const values = (column: string) => [...new Set(csv.rows.map((r) => r[column] ?? ''))];
  const areas = values('area');
  const measures = values('measure');
  const periods = values('12_months_ending');
  if (!areas.includes(definition.comparator))
    report(['comparator'], message.datasheetMissingArea(definition.comparator, areas));
  for (const [i, m] of definition.measures.entries())
    if (!measures.includes(m)) report(['measures', i], message.datasheetMissingMeasure(m, measures));
  if (!definition.measures.includes(definition.trendMeasure))
    report(['trendMeasure'], message.datasheetMissingMeasure(definition.trendMeasure, definition.measures));
  if (!periods.includes(definition.period)) report(['period'], message.datasheetMissingPeriod(definition.period));
  for (const [i, c] of definition.changes.entries())
    if (!periods.includes(c.from)) report(['changes', i, 'from'], message.datasheetMissingPeriod(c.from));
  for (const area of Object.keys(definition.flagged))
    if (!areas.includes(area)) report(['flagged', area], message.datasheetMissingArea(area, areas));
  if (problems.length) throw new ReportError(problems);
  return { dir, definition, source, csv };
}
