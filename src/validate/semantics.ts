/**
 * Checks that need more than the schema: unique ids, references between parts of the report,
 * footnotes, components in prose, figures that must be finite, statements (statements.ts), and characters the font lacks; the
 * chart data files are checked in chart-data.ts.
 */
import { capped, formatPath, type Path, type Problem } from '../problems.js';
import { message } from '../messages.js';
import type { ReportData } from '../schema/report.js';
import type { LoadedReport } from '../load/report.js';
import { COMPONENTS } from '../model/directives.js';
import { own } from '../own.js';
import { isRealDate } from '../format.js';
import { proseIssues, proseMarkdown as entityDecoder } from '../model/prose.js';
import type { Budget } from '../budget.js';
import { bodies, proseFields } from './prose.js';
import { strings, unprintable } from './glyphs.js';
import { checkChartData, type CsvReport } from './chart-data.js';
import { checkStatements } from './statements.js';

const FOOTNOTE_REF = /\[\^([^\]\s]+)\](?!:)/g;
const DIRECTIVE_LINE = /^[ \t]{0,3}::([A-Za-z][\w-]*)/gm;
/**
 * Control characters print nothing and can upset a terminal or a PDF reader; the bidirectional
 * overrides and isolates reorder what is shown around them (text that reads other than it is).
 */
const CONTROL = /(?![\t\n\r])\p{Cc}|[\u202A-\u202E\u2066-\u2069]/u;
/** Text made only of spaces and invisible characters (zero-width space, joiners, BOM) prints nothing. */
const INVISIBLE = /^[\s\p{Cf}]*$/u;
/** A character reference (`&#x202E;`, `&#0;`, `&amp;`): Markdown prints the character it names. */
const ENTITY = /&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});/g;

/** Where a problem points: the key or the value at its path, or the first place the given text is written there. */
type At = 'key' | 'value' | { text: string };
export type Report = (path: Path, text: string, rule: string, at?: At) => void;

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

/** The HTML edition's anchors of footnote references: `fnref-<label>-<n>`. */
const FOOTNOTE_REF_PREFIX = 'fnref-';

/** Anchors the page itself uses; a report's ids must not take them. */
const PAGE_ANCHORS = ['main', 'contents', 'contents-title', 'footnotes-title'];

/**
 * Every id becomes an anchor in the HTML edition and a destination in the PDF, and the templates
 * derive more from it (`<question>-summary`, `grid-<question>`, `<section>-title`, …): all of them
 * must be unique, or a link lands in the wrong place.
 */
function checkIds(data: ReportData, report: Report): void {
  const seen = new Map<string, string>(PAGE_ANCHORS.map((a) => [a, 'the page itself']));
  const claim = (path: Path, id: string, derived: readonly string[] = [], at: 'key' | 'value' = 'value') => {
    if (id.startsWith(FOOTNOTE_REF_PREFIX)) {
      report(path, message.reservedPrefix(id, FOOTNOTE_REF_PREFIX), 'data/reserved-id', at);
      return;
    }
    for (const anchor of [id, `${id}-title`, ...derived.map((d) => d.replace('*', id))]) {
      const first = seen.get(anchor);
      const as = anchor === id ? '' : ` (as "${anchor}")`;
      if (first) {
        report(path, message.duplicateId(anchor, first), 'data/duplicate-id', at);
        return;
      }
      seen.set(anchor, `${formatPath(path)}${as}`);
    }
  };
  claim(['overview', 'id'], data.overview.id, ['*-summary']);
  for (const key of ['introduction', 'methodology', 'judgments'] as const) claim([key, 'id'], data[key].id);
  for (const [q, question] of data.questions.entries()) {
    const at: Path = ['questions', q, 'id'];
    // A handout is written to handouts/<question id>; "summary" is the summary handout's name.
    if (question.id === 'summary') report(at, message.reservedId(question.id), 'data/reserved-id');
    claim(at, question.id, ['*-summary', '*-findings', '*-recommendations', '*-recommendation-list', 'grid-*']);
    for (const [s, section] of question.sections.entries()) claim(['questions', q, 'sections', s, 'id'], section.id);
  }
  for (const id of Object.keys(data.tables)) claim(['tables', id], `table-${id}`);
  // The HTML edition gives each footnote `fn-<label>` and each reference to it `fnref-<label>-<n>`.
  for (const label of Object.keys(data.footnotes)) claim(['footnotes', label], `fn-${label}`, [], 'key');
  for (const id of Object.keys(data.charts)) claim(['charts', id], `figure-${id}`);
}

function checkReferences(data: ReportData, report: Report): void {
  const charts = Object.keys(data.charts);
  const tables = Object.keys(data.tables);
  // A figure or table is an anchor: placed twice, its id would be too.
  const placed = new Map<string, Path>();
  const place = (kind: string, id: string, at: Path) => {
    const first = placed.get(`${kind}:${id}`);
    if (first) report(at, message.placedTwice(kind, id, formatPath(first)), 'data/placed-twice');
    else placed.set(`${kind}:${id}`, at);
  };
  for (const { path, body } of bodies(data)) {
    for (const [i, block] of body.entries()) {
      const parts = Array.isArray(block)
        ? block.map((b, j) => [b, [...path, i, j]] as const)
        : [[block, [...path, i]] as const];
      for (const [part, at] of parts) {
        if (typeof part !== 'object') continue;
        if ('figure' in part && !own(data.charts, part.figure)) {
          report([...at, 'figure'], message.unknownReference('chart', part.figure, charts), 'data/unknown-chart');
        } else if ('figure' in part) place('chart', part.figure, [...at, 'figure']);
        if ('table' in part && !own(data.tables, part.table)) {
          report([...at, 'table'], message.unknownReference('table', part.table, tables), 'data/unknown-table');
        } else if ('table' in part) place('table', part.table, [...at, 'table']);
      }
    }
  }
  for (const [id, table] of Object.entries(data.tables)) {
    const decimals = table.columnDecimals?.length;
    if (decimals !== undefined && decimals !== table.columns.length)
      report(
        ['tables', id, 'columnDecimals'],
        message.columnDecimals(table.columns.length, decimals),
        'data/row-width',
      );
    for (const [r, row] of table.rows.entries()) {
      if (row.values.length !== table.columns.length) {
        report(
          ['tables', id, 'rows', r, 'values'],
          message.rowWidth(table.columns.length, row.values.length),
          'data/row-width',
        );
      }
    }
  }
}

function checkProse(data: ReportData, report: Report, budget: Budget): void {
  const labels = Object.keys(data.footnotes);
  const cited = new Set<string>();
  for (const { path, text } of proseFields(data)) {
    for (const m of text.matchAll(FOOTNOTE_REF)) {
      cited.add(m[1]!);
      if (own(data.footnotes, m[1]!) === undefined)
        report(path, message.unknownFootnote(m[1]!, labels), 'prose/unknown-footnote', { text: m[0] });
    }
    // Headings, block quotes, code blocks and deep lists: what prose may hold is in model/prose.ts.
    for (const issue of proseIssues(text, budget)) report(path, issue.message, issue.rule, { text: issue.near });
    for (const m of text.matchAll(DIRECTIVE_LINE)) {
      const name = m[1]!;
      report(
        path,
        COMPONENTS.includes(name) ? message.componentInProse(name) : message.unknownDirective(name, COMPONENTS),
        'prose/directive',
        { text: `::${name}` },
      );
    }
  }
  for (const label of labels)
    if (!cited.has(label)) report(['footnotes', label], message.unusedFootnote(label), 'prose/unused-footnote', 'key');
}

/** Filter values are matched against the CSV, never printed. */
const NOT_PRINTED = new Set(['filter']);

/** Text that prints nothing (only spaces) passes the schema's minimum length, but leaves a heading or a cell empty. */
function checkText(data: ReportData, report: Report): void {
  const prose = new Set([...proseFields(data)].map((f) => formatPath(f.path)));
  for (const { path, text } of strings(data, [], NOT_PRINTED)) {
    if (text !== '' && INVISIBLE.test(text)) report(path, message.blankText, 'data/blank');
    // In prose, a character reference prints the character it names: check that character too.
    const shown = prose.has(formatPath(path)) ? withEntities(text) : [{ text, at: null }];
    for (const { text: part, at } of shown) {
      const control = CONTROL.exec(part)?.[0];
      if (control)
        report(path, message.controlCharacter(control), 'data/control-character', { text: at ?? control });
      const chars = unprintable(part).filter((ch) => !CONTROL.test(ch));
      if (chars.length) report(path, message.missingGlyphs(chars), 'data/missing-glyph', { text: at ?? chars[0]! });
    }
  }
}

/** The text as written, and each character reference in it as the character it prints. */
function withEntities(text: string): { text: string; at: string | null }[] {
  const parts: { text: string; at: string | null }[] = [{ text, at: null }];
  for (const [entity] of text.matchAll(ENTITY)) {
    const decoded = entityDecoder.parseInline(entity, {})[0]?.children?.[0]?.content ?? '';
    // Markdown prints &#0; (and references past U+10FFFF) as U+FFFD: name what was written.
    if (decoded !== entity) parts.push({ text: decoded === '\uFFFD' ? '\u0000' : decoded, at: entity });
  }
  return parts;
}

export function validateSemantics(data: ReportData, loaded: LoadedReport, budget: Budget): Problem[] {
  const problems: Problem[] = [];
  const { source } = loaded;
  const report: Report = (path, text, rule, at = 'value') => {
    const { line, column } = typeof at === 'object' ? source.locateText(path, at.text) : source.locate(path, at);
    problems.push({ file: source.file, line, column, path: formatPath(path), message: text, rule });
  };
  const reportCsv: CsvReport = (csv, row, column, text, rule) => {
    const path = `(row ${row + 1}).${column}`;
    problems.push({ file: csv.file, ...csv.locate(row, column), path, message: text, rule });
  };
  checkFinite(data, [], report);
  checkIds(data, report);
  if (!isRealDate(data.meta.published))
    report(['meta', 'published'], message.impossibleDate(data.meta.published), 'data/impossible-date');
  checkReferences(data, report);
  checkStatements(data, report);
  checkProse(data, report, budget);
  checkText(data, report);
  checkChartData(data, loaded, report, reportCsv, budget);
  return capped(problems);
}
