/**
 * Reads a chart spec (Vega-Lite JSON) and checks that it only uses the data the report binds to it:
 * no URLs, no files, no dataset other than "table".
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseYaml } from '../load/yaml.js';
import { displayPath } from '../load/report.js';
import { fileProblem, formatPath, ReportError, type Path, type Problem } from '../problems.js';

/** The name under which a chart's rows are bound: a spec reads them with `"data": {"name": "table"}`. */
export const DATASET = 'table';

export type ChartSpec = Record<string, unknown>;

function walk(value: unknown, at: Path, visit: (key: string, value: unknown, path: Path) => void): void {
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...at, i], visit));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      visit(k, v, [...at, k]);
      walk(v, [...at, k], visit);
    }
  }
}

export async function loadChartSpec(chartsDir: string, name: string): Promise<ChartSpec> {
  const file = path.join(chartsDir, `${name}.vl.json`);
  const shown = displayPath(file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ReportError([fileProblem(shown, 'chart/missing', `no chart spec "${name}" (expected ${shown})`)]);
  }
  const parsed = parseYaml(shown, text);
  if ('problems' in parsed) throw new ReportError(parsed.problems.map((p) => ({ ...p, rule: 'chart/syntax' })));
  const { source } = parsed;
  if (!source.value || typeof source.value !== 'object' || Array.isArray(source.value)) {
    throw new ReportError([fileProblem(shown, 'chart/not-object', 'expected a Vega-Lite spec (a JSON object)')]);
  }
  const problems: Problem[] = [];
  const report = (p: Path, message: string, rule: string, at: 'key' | 'value' = 'key') => {
    const { line, column } = source.locate(p, at);
    problems.push({ file: shown, line, column, path: formatPath(p), message, rule });
  };
  walk(source.value, [], (key, value, p) => {
    if (key === 'url')
      report(p, 'charts may not load data from a URL or a file; the report binds its data as "table"', 'chart/url');
    if (key === 'data' && value && typeof value === 'object' && 'name' in value && value.name !== DATASET) {
      report(
        [...p, 'name'],
        `unknown dataset "${String(value.name)}"; the report binds its data as "${DATASET}"`,
        'chart/unknown-dataset',
        'value',
      );
    }
    if (key === 'datasets')
      report(
        p,
        `charts may not define their own datasets; the report binds its data as "${DATASET}"`,
        'chart/datasets',
      );
  });
  if (problems.length) throw new ReportError(problems);
  return source.value as ChartSpec;
}
