/**
 * Reads a chart spec (Vega-Lite JSON) and checks that it only uses the data the report binds to it:
 * no URLs, no files, no dataset other than "table".
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseYaml } from '../load/yaml.js';
import { findJsonError } from '../load/json.js';
import { displayPath } from '../load/report.js';
import { fileProblem, formatPath, ReportError, type Path, type Problem } from '../problems.js';
import { message } from '../messages.js';
import { Bounded } from '../bounded.js';

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

const EXTENSION = '.vl.json';

/**
 * Vega-Lite draws something even for a misspelt mark or field type (it falls back and logs a
 * warning), so the chart would be wrong without a word; these two are checked here.
 */
const FIELD_TYPES = ['quantitative', 'temporal', 'ordinal', 'nominal', 'geojson'];
const MARKS = [
  'arc',
  'area',
  'bar',
  'boxplot',
  'circle',
  'errorband',
  'errorbar',
  'geoshape',
  'image',
  'line',
  'point',
  'rect',
  'rule',
  'square',
  'text',
  'tick',
  'trail',
];

/** A JSON syntax error, placed: the spec is JSON, so it is checked as JSON before YAML gives it positions. */
function jsonProblem(file: string, text: string): Problem | null {
  const error = findJsonError(text);
  if (!error) return null;
  const before = text.slice(0, error.offset).split('\n');
  return {
    file,
    line: before.length,
    column: before.at(-1)!.length + 1,
    path: formatPath(error.path),
    message: message.jsonSyntax(error.reason),
    rule: 'chart/syntax',
  };
}

export async function loadChartSpec(chartsDir: string, name: string): Promise<ChartSpec> {
  const file = path.join(chartsDir, `${name}${EXTENSION}`);
  const shown = displayPath(file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (code !== 'ENOENT') {
      const reason = code === 'EISDIR' ? 'it is a folder' : String((error as Error).message);
      throw new ReportError([fileProblem(shown, 'chart/unreadable', message.chartUnreadable(reason))], {
        cause: error,
      });
    }
    const known = (await readdir(chartsDir).catch(() => [] as string[]))
      .filter((f) => f.endsWith(EXTENSION))
      .map((f) => f.slice(0, -EXTENSION.length))
      .sort();
    throw new ReportError([fileProblem(shown, 'chart/missing', message.chartMissing(name, known))], { cause: error });
  }
  const body = text.replace(/^\uFEFF/, '');
  const known = checkedSpecs.get(body);
  if (known) return structuredClone(known.spec);
  const spec = checkSpec(shown, body);
  checkedSpecs.set(body, { spec: structuredClone(spec), chars: body.length });
  return spec;
}

/**
 * Specs read and checked before, by their text: a resident process (watch, a batch worker) reads a
 * spec again for every build, and parsing it with positions costs more than the rest of a warm
 * build's chart work. Its value depends on the text alone, and each caller gets a copy of its own.
 * Texts of a million characters in all are kept (a spec is some 2,000), the one used longest ago
 * let go first; a spec with problems is not kept, and is read again to report them.
 */
const checkedSpecs = new Bounded<{ spec: ChartSpec; chars: number }>(1_000_000, (kept) => kept.chars);

function checkSpec(shown: string, body: string): ChartSpec {
  const syntax = jsonProblem(shown, body);
  if (syntax) throw new ReportError([syntax]);
  const parsed = parseYaml(shown, body);
  if ('problems' in parsed) throw new ReportError(parsed.problems.map((p) => ({ ...p, rule: 'chart/syntax' })));
  const { source } = parsed;
  if (!source.value || typeof source.value !== 'object' || Array.isArray(source.value)) {
    throw new ReportError([fileProblem(shown, 'chart/not-object', message.chartNotObject)]);
  }
  const problems: Problem[] = [];
  const report = (p: Path, message: string, rule: string, at: 'key' | 'value' = 'key') => {
    const { line, column } = source.locate(p, at);
    problems.push({ file: shown, line, column, path: formatPath(p), message, rule });
  };
  walk(source.value, [], (key, value, p) => {
    if (key === 'url') report(p, message.chartUrl, 'chart/url');
    if (key === 'data' && value && typeof value === 'object' && 'name' in value && value.name !== DATASET) {
      report([...p, 'name'], message.chartDataset(String(value.name), DATASET), 'chart/unknown-dataset', 'value');
    }
    if (key === 'datasets') report(p, message.chartDatasets(DATASET), 'chart/datasets');
    if (key === 'type' && p.at(-3) === 'encoding' && typeof value === 'string' && !FIELD_TYPES.includes(value))
      report(p, message.chartChoice('field type', value, FIELD_TYPES), 'chart/field-type', 'value');
    if (key === 'mark') {
      const [mark, at] =
        value && typeof value === 'object' && 'type' in value ? [value.type, [...p, 'type']] : [value, p];
      if (typeof mark === 'string' && !MARKS.includes(mark))
        report(at, message.chartChoice('mark', mark, MARKS), 'chart/mark', 'value');
    }
  });
  if (problems.length) throw new ReportError(problems);
  return source.value as ChartSpec;
}
