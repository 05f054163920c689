/**
 * Handlebars helpers for writing Markdown from report data: numbers, dates, and
 * escaping plain text so that a title can never turn into Markdown or a component.
 */
import type { HelperOptions } from 'handlebars';
import type { Block, Question } from '../schema/report.js';
import { formatDate, formatNumber } from '../format.js';

/** A data value as text: YAML gives strings, numbers, booleans and null; a list or map is shown as JSON. */
export function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

/** Escapes ASCII punctuation that Markdown or a component line could read as syntax. */
export function markdownText(value: unknown): string {
  // A run of white space with a line break in it becomes one space. (`\s*[\r\n]+\s*` says the
  // same, but retries its leading `\s*` from every space of a long run: quadratic.)
  return asText(value)
    .replace(/\s+/g, (space) => (/[\r\n]/.test(space) ? ' ' : space))
    .replace(/[\\`*_{}[\]<>()#+\-.!|~&:^]/g, (c) => `\\${c}`);
}

/** The helpers, by name. Handlebars passes its options object last; helpers drop it. */
export const helpers = {
  md: (value: unknown) => markdownText(value),
  number: (value: number, decimals: unknown) => formatNumber(value, typeof decimals === 'number' ? decimals : 0),
  /** The figures and tables placed in a question's text, in order: what a handout shows of its data. */
  'figures-of': (question: Question): Block[] =>
    [question.intro, ...question.sections.map((s) => s.body)]
      .flat()
      .filter((b) => typeof b === 'object' && !Array.isArray(b) && ('figure' in b || 'table' in b)),
  date: (iso: string) => formatDate(iso),
  /** `{#id}` after a heading sets its anchor; several parts are joined with hyphens. */
  'heading-id': (...parts: string[]) => `{#${parts.join('-')}}`,
} satisfies Record<string, (...args: never[]) => unknown>;

/** Wraps a helper so that Handlebars' trailing options argument is not passed on. */
export function withoutOptions(fn: (...args: never[]) => unknown) {
  return function (this: unknown, ...args: unknown[]) {
    const options = args.at(-1) as HelperOptions | undefined;
    const values = options && typeof options === 'object' && 'hash' in options ? args.slice(0, -1) : args;
    return fn(...(values as never[]));
  };
}
