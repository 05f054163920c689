/**
 * Checks that need more than the schema: unique ids, references between parts of the report,
 * footnotes, components in prose, figures that must be finite, and the chart data files.
 */
import { formatPath, type Path, type Problem } from '../problems.js';
import { message } from '../messages.js';
import type { ReportData } from '../schema/report.js';
import type { LoadedReport } from '../load/report.js';
import { COMPONENTS } from '../model/directives.js';
import { bodies, proseFields } from './prose.js';

const FOOTNOTE_REF = /\[\^([^\]\s]+)\](?!:)/g;
const DIRECTIVE_LINE = /^[ \t]{0,3}::([A-Za-z][\w-]*)/gm;

type Report = (path: Path, text: string, rule: string, at?: 'key' | 'value') => void;

function checkFinite(value: unknown, path: Path, report: Report): void {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    report(
      path,
      message.expectedType('a finite number', Number.isNaN(value) ? 'NaN' : String(value)),
      'data/not-finite',
    );
  } else if (Array.isArray(value)) value.forEach((v, i) => checkFinite(v, [...path, i], report));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) checkFinite(v, [...path, k], report);
  }
}

function checkIds(data: ReportData, report: Report): void {
  const seen = new Map<string, Path>();
  const claim = (id: string, path: Path) => {
    const first = seen.get(id);
    if (first) report(path, message.duplicateId(id, formatPath(first)), 'data/duplicate-id');
    else seen.set(id, path);
  };
  for (const key of ['overview', 'introduction', 'methodology', 'judgments'] as const) claim(data[key].id, [key, 'id']);
  for (const [q, question] of data.questions.entries()) {
    claim(question.id, ['questions', q, 'id']);
    for (const [s, section] of question.sections.entries()) claim(section.id, ['questions', q, 'sections', s, 'id']);
  }
}

function checkReferences(data: ReportData, report: Report): void {
  const charts = Object.keys(data.charts);
  const tables = Object.keys(data.tables);
  for (const { path, body } of bodies(data)) {
    for (const [i, block] of body.entries()) {
      const parts = Array.isArray(block)
        ? block.map((b, j) => [b, [...path, i, j]] as const)
        : [[block, [...path, i]] as const];
      for (const [part, at] of parts) {
        if (typeof part !== 'object') continue;
        if ('figure' in part && !data.charts[part.figure]) {
          report([...at, 'figure'], message.unknownReference('chart', part.figure, charts), 'data/unknown-chart');
        }
        if ('table' in part && !data.tables[part.table]) {
          report([...at, 'table'], message.unknownReference('table', part.table, tables), 'data/unknown-table');
        }
        if ('statement' in part && !data.figures[part.statement]) {
          report([...at, 'statement'], message.missingFigure(part.statement), 'data/missing-figure');
        }
      }
    }
  }
  for (const [id, table] of Object.entries(data.tables)) {
    for (const [r, row] of table.rows.entries()) {
      if (row.values.length !== table.columns.length) {
        report(
          ['tables', id, 'rows', r, 'values'],
          `expected ${table.columns.length} values, one per column, found ${row.values.length}`,
          'data/row-width',
        );
      }
    }
  }
  const asb = data.figures.asbRateComparison;
  if (asb) {
    const table = data.tables[asb.table];
    if (!table)
      report(
        ['figures', 'asbRateComparison', 'table'],
        message.unknownReference('table', asb.table, tables),
        'data/unknown-table',
      );
    else if (!table.rows.some((r) => r.label === asb.row)) {
      report(
        ['figures', 'asbRateComparison', 'row'],
        message.unknownReference(
          'table row',
          asb.row,
          table.rows.map((r) => r.label),
        ),
        'data/unknown-row',
      );
    }
  }
}

function checkProse(data: ReportData, report: Report): void {
  const labels = Object.keys(data.footnotes);
  const cited = new Set<string>();
  for (const { path, text } of proseFields(data)) {
    for (const m of text.matchAll(FOOTNOTE_REF)) {
      cited.add(m[1]!);
      if (!data.footnotes[m[1]!]) report(path, message.unknownFootnote(m[1]!, labels), 'prose/unknown-footnote');
    }
    for (const m of text.matchAll(DIRECTIVE_LINE)) {
      const name = m[1]!;
      report(
        path,
        COMPONENTS.includes(name)
          ? `"::${name}" is placed by the templates; in a body use a block such as {figure: id} or {table: id}`
          : message.unknownDirective(name, COMPONENTS),
        'prose/directive',
      );
    }
  }
  for (const label of labels)
    if (!cited.has(label)) report(['footnotes', label], message.unusedFootnote(label), 'prose/unused-footnote', 'key');
}

function checkChartData(data: ReportData, loaded: LoadedReport, report: Report): void {
  for (const [id, chart] of Object.entries(data.charts)) {
    const csv = loaded.csv.get(chart.data);
    const at = ['charts', id];
    if (!csv) {
      report(
        [...at, 'data'],
        message.unknownReference('data file', chart.data, [...loaded.csv.keys()]),
        'data/unknown-file',
      );
      continue;
    }
    for (const column of Object.keys(chart.filter)) {
      if (!csv.columns.includes(column))
        report([...at, 'filter', column], message.csvMissingColumn(column), 'data/unknown-column', 'key');
    }
    const rows = csv.rows.filter((r) => Object.entries(chart.filter).every(([k, v]) => r[k] === v));
    if (rows.length === 0) report([...at, 'filter'], message.noRowsMatch(JSON.stringify(chart.filter)), 'data/no-rows');
  }
}

export function validateSemantics(data: ReportData, loaded: LoadedReport): Problem[] {
  const problems: Problem[] = [];
  const { source } = loaded;
  const report: Report = (path, text, rule, at = 'value') => {
    const { line, column } = source.locate(path, at);
    problems.push({ file: source.file, line, column, path: formatPath(path), message: text, rule });
  };
  checkFinite(data, [], report);
  checkIds(data, report);
  checkReferences(data, report);
  checkProse(data, report);
  checkChartData(data, loaded, report);
  return problems;
}
