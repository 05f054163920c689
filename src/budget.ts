/**
 * The build budget: how much a report's data may ask of a build. Every byte under data/ is
 * untrusted (a pull request controls it), so each limit is checked before the work it bounds, and a
 * breach is a placed problem within about a second rather than minutes of layout. Each limit can be
 * raised for a report that needs it (`--limit name=value`).
 */
import { message } from './messages.js';

export interface Budget {
  /** Characters of text in report.yaml once YAML aliases (`*name`) are expanded. */
  dataChars: number;
  /** Characters in one prose text (a paragraph block, a summary item, a footnote…). */
  proseChars: number;
  /** How deep lists may nest in prose (a list in a list is 2). */
  listDepth: number;
  /** How deep the values of report.yaml may nest. */
  dataDepth: number;
  /** CSV rows one chart may draw. */
  chartRows: number;
  /** Lines (or other series) one chart may draw. */
  chartSeries: number;
  /** Pages a document may have, estimated from its text before layout. */
  pages: number;
}

export const DEFAULT_BUDGET: Readonly<Budget> = {
  dataChars: 1_000_000,
  proseChars: 10_000,
  listDepth: 6,
  dataDepth: 32,
  chartRows: 2_000,
  chartSeries: 12,
  pages: 300,
};

/**
 * Limits that cannot be raised past what the libraries take: pdfmake keeps one listener per level
 * of an open list and warns (MaxListenersExceededWarning) past ten (a list nested ten deep reaches it).
 */
export const CEILING: Readonly<Partial<Budget>> = { listDepth: 9 };

/** The names used on the command line: `dataChars` is `data-chars`. */
export function limitName(key: keyof Budget): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

export const LIMIT_NAMES: ReadonlyMap<string, keyof Budget> = new Map(
  (Object.keys(DEFAULT_BUDGET) as (keyof Budget)[]).map((key) => [limitName(key), key]),
);

export function budgetWith(overrides: Partial<Budget> = {}): Budget {
  return { ...DEFAULT_BUDGET, ...overrides };
}

/**
 * Reads `name=value` (`prose-chars=50000`) into a budget override; returns a reason when it cannot.
 */
export function parseLimit(text: string): { key: keyof Budget; value: number } | { error: string } {
  const m = /^([a-z-]+)=(\d+)$/.exec(text);
  const key = m ? LIMIT_NAMES.get(m[1]!) : undefined;
  if (!m || !key) return { error: message.badLimit(text, [...LIMIT_NAMES.keys()]) };
  const value = Number(m[2]);
  if (!Number.isSafeInteger(value) || value < 1) return { error: message.badLimitValue(m[1]!) };
  const ceiling = CEILING[key];
  if (ceiling !== undefined && value > ceiling) return { error: message.limitCeiling(m[1]!, ceiling) };
  return { key, value };
}
