/**
 * Statements and figures: every slot names a figure and a form it has, a figure with no value says
 * why, a table cell exists, and each statement reads as what it claims to be — a `say` as whole
 * sentences, a `clause` inside a paragraph beside the prose that completes it.
 */
import { closest, message } from '../messages.js';
import type { Path } from '../problems.js';
import type { Block, Figure, ReportData, Statement } from '../schema/report.js';
import { CHANGE_FORMS, FORMS, META_SLOTS, parseSlots } from '../statements/slots.js';
import { resolveFigure, writeStatement } from '../statements/write.js';
import { bodies } from './prose.js';
import type { Report } from './semantics.js';

/** What a sentence may open with or close on around its words: Markdown emphasis, quotes, brackets. */
const OPENING = /^[\s*_"'‘“([\\]+/;
const CLOSING = /(?:\[\^[^\]]+\]|[\s*_"'’”)\]\\])+$/;
const SENTENCE_END = /[.!?]$/;

const startOf = (text: string) => text.replace(OPENING, '');
const endOf = (text: string) => text.replace(CLOSING, '');
const startsCapital = (text: string) => /^[\p{Lu}\p{N}]/u.test(startOf(text));
const endsSentence = (text: string) => SENTENCE_END.test(endOf(text));
/** A few words from the start or end, to show the author which text is meant. */
const head = (text: string) => startOf(text).split(/\s+/).slice(0, 4).join(' ');
const tail = (text: string) => endOf(text).split(/\s+/).slice(-4).join(' ');

const isStatement = (b: Block | undefined): b is Statement =>
  typeof b === 'object' && !Array.isArray(b) && ('say' in b || 'clause' in b);

/** What a value in a unit can be; a change or a rate can be any size the schema allows. */
const RANGES: Partial<Record<Figure['unit'], { holds: (v: number) => boolean; words: string }>> = {
  percent: { holds: (v) => v >= 0 && v <= 100, words: 'a share from 0 to 100; use percent-change for a change' },
  count: { holds: (v) => v >= 0 && Number.isInteger(v), words: 'a whole number, 0 or more' },
  rate: { holds: (v) => v >= 0, words: 'a rate, 0 or more' },
};

function checkFigures(data: ReportData, report: Report): void {
  const tables = Object.keys(data.tables);
  for (const [name, figure] of Object.entries(data.figures)) {
    const at: Path = ['figures', name];
    if ((META_SLOTS as readonly string[]).includes(name))
      report(at, message.reservedFigureName(name), 'figure/reserved-name', 'key');
    if ('table' in figure) {
      const table = Object.hasOwn(data.tables, figure.table) ? data.tables[figure.table] : undefined;
      const row = table?.rows.find((r) => r.label === figure.row);
      if (!table)
        report([...at, 'table'], message.unknownReference('table', figure.table, tables), 'data/unknown-table');
      else if (!row) {
        const labels = table.rows.map((r) => r.label);
        report([...at, 'row'], message.unknownReference('table row', figure.row, labels), 'data/unknown-row');
      } else if (figure.column > table.columns.length)
        report([...at, 'column'], message.unknownColumn(figure.column, table.columns.length), 'data/unknown-column');
    }
    const resolved = resolveFigure(data, name);
    const range = RANGES[figure.unit];
    if (range && resolved?.value != null && !range.holds(resolved.value))
      report(
        'value' in figure ? [...at, 'value'] : at,
        message.figureOutOfRange(figure.unit, range.words),
        'figure/range',
      );
    if (resolved && resolved.value === null && figure.reason === undefined)
      report(at, message.nullWithoutReason(name), 'figure/null-without-reason', 'key');
  }
}

function checkSlots(statement: Statement, at: Path, data: ReportData, report: Report): boolean {
  const key = 'say' in statement ? 'say' : 'clause';
  const text = 'say' in statement ? statement.say : statement.clause;
  const path = [...at, key];
  const { slots, errors } = parseSlots(text);
  for (const e of errors) {
    const why = e.problem === 'syntax' ? message.slotSyntax(e.text) : message.slotForm(e.text, FORMS);
    report(path, why, 'statement/slot', { text: e.text });
  }
  const names = Object.keys(data.figures);
  const unknown = new Set<string>();
  let ok = errors.length === 0;
  for (const slot of slots) {
    if (slot.kind === 'meta') continue;
    for (const name of [slot.figure, ...(slot.other ? [slot.other] : [])]) {
      if (!Object.hasOwn(data.figures, name) && !unknown.has(name)) {
        unknown.add(name);
        const text = message.unknownFigure(slot.text, name, names, closest(name, names));
        report(path, text, 'statement/unknown-figure', { text: slot.text });
      }
    }
    const figure = Object.hasOwn(data.figures, slot.figure) ? data.figures[slot.figure] : undefined;
    if (figure && CHANGE_FORMS.has(slot.form) && figure.unit !== 'percent-change') {
      report(path, message.changeForm(slot.text, figure.unit), 'statement/change-form', { text: slot.text });
      ok = false;
    }
  }
  return ok && unknown.size === 0;
}

/** A statement's written text must read as what it claims: whole sentences, or a clause in its place. */
function checkShape(parts: readonly Block[], i: number, at: Path, data: ReportData, report: Report) {
  const statement = parts[i] as Statement;
  const text = writeStatement(statement, data).trim();
  if ('say' in statement) {
    const path = [...at, 'say'];
    if (!startsCapital(text)) report(path, message.sayNotCapitalised(head(text)), 'statement/not-capitalised');
    else if (!endsSentence(text)) report(path, message.sayNotPunctuated(tail(text)), 'statement/not-punctuated');
    return;
  }
  const path = [...at, 'clause'];
  if (parts.length === 1) {
    report(path, message.clauseAlone, 'statement/clause-alone');
    return;
  }
  const before = i > 0 ? parts[i - 1] : undefined;
  const beforeText = typeof before === 'string' ? before : isStatement(before) ? writeStatement(before, data) : '';
  if ((before === undefined || endsSentence(beforeText.trim())) && !startsCapital(text))
    report(path, message.clauseStartsSentence(head(text)), 'statement/clause-start');
  if (i === parts.length - 1 && !endsSentence(text))
    report(path, message.clauseUnfinished(tail(text)), 'statement/clause-end');
}

export function checkStatements(data: ReportData, report: Report): void {
  checkFigures(data, report);
  for (const { path, body } of bodies(data)) {
    for (const [i, block] of body.entries()) {
      const parts: readonly Block[] = Array.isArray(block) ? block : [block];
      for (const [j, part] of parts.entries()) {
        if (!isStatement(part)) continue;
        const at = Array.isArray(block) ? [...path, i, j] : [...path, i];
        if (checkSlots(part, at, data, report)) checkShape(parts, j, at, data, report);
      }
    }
  }
}
