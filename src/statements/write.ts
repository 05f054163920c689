/**
 * Writes a statement's Markdown from the figures. A statement whose figures all have values reads as
 * written; one that would print a value its figure does not have is replaced, as a whole, by a
 * sentence saying that figure is not available and why — never a wrong claim, never "NaN".
 */
import type { Figure, ReportData, Statement } from '../schema/report.js';
import {
  changeAdjective,
  changeNoun,
  changeVerb,
  compareIntervals,
  compareValues,
  decimalsOf,
  formatNumber,
  possessive,
} from '../format.js';
import { message } from '../messages.js';
import { markdownText } from '../template/helpers.js';
import { parseSlots, VALUE_FORMS, type Slot } from './slots.js';

/** A figure with its value read (from the figure, or from its table cell). */
export interface ResolvedFigure {
  figure: Figure;
  value: number | null;
  decimals: number | undefined;
}

/** The value of a figure; `undefined` when its table, row or column does not exist (validation says which). */
export function resolveFigure(data: ReportData, name: string): ResolvedFigure | undefined {
  const figure = Object.hasOwn(data.figures, name) ? data.figures[name] : undefined;
  if (!figure) return undefined;
  if ('value' in figure) return { figure, value: figure.value, decimals: figure.decimals };
  const table = Object.hasOwn(data.tables, figure.table) ? data.tables[figure.table] : undefined;
  const row = table?.rows.find((r) => r.label === figure.row);
  if (!table || !row || figure.column > row.values.length) return undefined;
  return { figure, value: row.values[figure.column - 1] ?? null, decimals: figure.decimals ?? table.decimals };
}

function formatValue(f: ResolvedFigure, value: number): string {
  const decimals = f.decimals ?? decimalsOf(value);
  const n = (v: number) => formatNumber(v, decimals);
  switch (f.figure.unit) {
    case 'percent':
    case 'percent-change':
      return f.figure.margin === undefined
        ? `${n(value)} percent`
        : `${n(value)} percent (± ${n(f.figure.margin)} percent)`;
    case 'count':
      return formatNumber(value, 0);
    default:
      return f.figure.margin === undefined ? n(value) : `${n(value)} (± ${n(f.figure.margin)})`;
  }
}

function compared(a: ResolvedFigure & { value: number }, b: ResolvedFigure & { value: number }): string {
  if (a.figure.margin !== undefined || b.figure.margin !== undefined) {
    return compareIntervals(
      { rate: a.value, margin: a.figure.margin ?? 0 },
      { rate: b.value, margin: b.figure.margin ?? 0 },
    );
  }
  return compareValues(a.value, b.value, a.figure.inLineWithin ?? 0);
}

const hasValue = (f: ResolvedFigure | undefined): f is ResolvedFigure & { value: number } =>
  f !== undefined && f.value !== null;

/** One slot as plain text; `null` when a figure it needs has no value. Unknown figures print the slot as written. */
function slotText(slot: Slot, data: ReportData): string | null {
  if (slot.kind === 'meta') return data.meta[slot.name];
  const f = resolveFigure(data, slot.figure);
  if (!f) return slot.text;
  const area = f.figure.area ?? data.meta.area;
  switch (slot.form) {
    case 'period':
      return f.figure.period ?? slot.text;
    case 'from':
      return f.figure.from ?? slot.text;
    case 'area':
      return area;
    case 'possessive':
      return possessive(area);
    case 'label':
      return f.figure.label;
    default:
  }
  if (!hasValue(f)) return null;
  switch (slot.form) {
    case 'verb':
      return changeVerb(f.value);
    case 'noun':
      return changeNoun(f.value);
    case 'adjective':
      return changeAdjective(f.value);
    case 'compared': {
      const other = resolveFigure(data, slot.other!);
      if (!other) return slot.text;
      return hasValue(other) ? compared(f, other) : null;
    }
    default:
      return formatValue(f, f.value);
  }
}

/** The first figure the statement needs a value of and does not have. */
function missingValue(slots: readonly Slot[], data: ReportData): { name: string; figure: ResolvedFigure } | null {
  for (const slot of slots) {
    if (slot.kind !== 'figure' || !VALUE_FORMS.has(slot.form)) continue;
    for (const name of [slot.figure, ...(slot.other ? [slot.other] : [])]) {
      const f = resolveFigure(data, name);
      if (f && f.value === null) return { name, figure: f };
    }
  }
  return null;
}

const ENDS_SENTENCE = /[.!?]["'’”)*_]*$/;

/** The Markdown a statement writes. */
export function writeStatement(statement: Statement, data: ReportData): string {
  const text = 'say' in statement ? statement.say : statement.clause;
  const { slots } = parseSlots(text);
  const missing = missingValue(slots, data);
  if (missing) {
    const { figure } = missing.figure;
    const reason = (figure.reason ?? '').replace(/[.\s]+$/, '');
    const clause = markdownText(message.notAvailable(figure.label, figure.area ?? data.meta.area, reason));
    if ('clause' in statement) return ENDS_SENTENCE.test(text.trim()) ? `${clause}.` : clause;
    return `${clause.charAt(0).toUpperCase()}${clause.slice(1)}.`;
  }
  let out = '';
  let last = 0;
  for (const slot of slots) {
    out += text.slice(last, slot.offset) + markdownText(slotText(slot, data) ?? slot.text);
    last = slot.offset + slot.text.length;
  }
  return out + text.slice(last);
}
