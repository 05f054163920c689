/**
 * The key under which measured-text.ts keeps a text's words: its runs, and the style in force where
 * it stands, as far as pdfmake's measuring reads them. Two texts with one key are cut into the same
 * words with the same styles and widths; a text whose key cannot say all that measuring reads of it
 * gets none (null), and is measured afresh.
 */
import { MEASURED_PROPERTIES } from './measure.js';
import type { StyleContextStack } from './pdfmake-internals.js';

const isPlainObject = (value: object) => {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

/** Whether JSON says all that measuring reads of the value (a run's property or a style value). */
export function plainValue(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      if (value === null) return true;
      if (Array.isArray(value)) return value.every(plainValue);
      return false;
    default:
      return false;
  }
}

const MEASURED = new Set<string>([...MEASURED_PROPERTIES, 'style']);

/**
 * The runs of a text as a key, or null when they cannot be told by one. A run's property that
 * measuring reads must be a plain value; any other is only copied onto the run's words, so an
 * object there (the structure element the tagging layer gives a run) is a reference: the key names
 * its place (`@n`), and `refs` collects it, for the kept words to take the asking text's own.
 */
function runsKey(text: unknown, refs: object[]): string | null {
  if (typeof text === 'string') return JSON.stringify(text);
  if (Array.isArray(text)) {
    let out = '[';
    for (let i = 0; i < text.length; i++) {
      const run = runsKey(text[i], refs);
      if (run === null) return null;
      out += i ? ',' + run : run;
    }
    return out + ']';
  }
  if (typeof text !== 'object' || text === null || !isPlainObject(text)) return null;
  let out = '{';
  for (const key of Object.keys(text)) {
    const value = (text as Record<string, unknown>)[key];
    let part: string | null;
    // pdfmake's own references (a page reference's `_pageNodeRef`, a contents entry's `_textRef`) are read while measuring.
    if (key.startsWith('_')) return null;
    if (key === 'text') part = runsKey(value, refs);
    else if (plainValue(value)) part = JSON.stringify(value);
    else if (MEASURED.has(key) || typeof value !== 'object' || value === null) return null;
    else {
      // The same object in two runs is named once: the key tells which runs share one.
      let at = refs.indexOf(value);
      if (at < 0) at = refs.push(value) - 1;
      part = '@' + at;
    }
    if (part === null) return null;
    out += (out.length > 1 ? ',' : '') + JSON.stringify(key) + ':' + part;
  }
  return out + '}';
}

/**
 * Numbers for contents, each number given once: a content asked for again gets the number it had,
 * until more than `max` have been seen, when the table starts afresh and contents get new numbers.
 * A number never stands for two contents, so a key made with it never means another style; the
 * table stays bounded however many node styles a long-lived process meets.
 */
export class Numbering {
  readonly #numbers = new Map<string, number>();
  #next = 0;

  constructor(readonly max: number) {}

  of(content: string): number {
    let number = this.#numbers.get(content);
    if (number === undefined) {
      if (this.#numbers.size >= this.max) this.#numbers.clear();
      this.#numbers.set(content, (number = this.#next++));
    }
    return number;
  }
}

/** Each style dictionary's number, by its content: the same styles in two documents share one. */
const dictionaries = new WeakMap<object, number>();
const dictionaryNumbers = new Numbering(256);

function dictionaryNumber(stack: StyleContextStack): number | null {
  const styles = stack.styleDictionary as object;
  let number = dictionaries.get(styles);
  if (number === undefined) {
    number = plainStyles(styles) ? dictionaryNumbers.of(JSON.stringify(styles)) : -1;
    dictionaries.set(styles, number);
  }
  return number < 0 ? null : number;
}

function plainStyles(styles: object): boolean {
  return Object.values(styles as Record<string, unknown>).every(
    (style) =>
      typeof style === 'object' &&
      style !== null &&
      isPlainObject(style) &&
      Object.values(style as Record<string, unknown>).every(plainValue),
  );
}

/** Each style object's measured properties, as a number, by the object. */
const styleParts = new WeakMap<object, number>();
const stylePartNumbers = new Numbering(65_536);
/** A style object that sets none of the measured properties: it changes no lookup. */
const NOTHING = -1;
/** A style object whose measured properties JSON cannot tell. */
const UNTOLD = -2;

/**
 * The properties that measuring reads from a style object of the stack (a node pushed as it is, or
 * the default style): its own values of MEASURED_PROPERTIES, as pdfmake's lookup reads them.
 */
function stylePart(style: object, remember: boolean): number {
  let part = styleParts.get(style);
  if (part !== undefined) return part;
  if (!isPlainObject(style)) part = UNTOLD;
  else {
    const set: unknown[] = [];
    for (const property of MEASURED_PROPERTIES) {
      const value = (style as Record<string, unknown>)[property];
      if (value === undefined || value === null) continue;
      if (!plainValue(value)) {
        set.length = 0;
        part = UNTOLD;
        break;
      }
      set.push(property, value);
    }
    if (part === undefined && set.length === 0) part = NOTHING;
    if (part === undefined) part = stylePartNumbers.of(JSON.stringify(set));
  }
  if (remember) styleParts.set(style, part);
  return part;
}

/**
 * The style in force, as a key: the style dictionary, the default style and the stack's entries
 * (style names, and objects by the properties measuring reads of them), bottom to top. Two stacks
 * with one key answer every lookup of a measured property alike.
 *
 * Objects below the top are the nodes around the text (and the text's own node: pdfmake pushes it
 * when it measures the node, and again when it measures its text), asked again for every text inside
 * them: their part is remembered by the object. That holds because a document's definition is made
 * afresh for every document and pdfmake sets no measured property on a node once measuring has
 * begun (only `linkToDestination`, while preprocessing).
 */
function stackKey(stack: StyleContextStack): string | null {
  const dictionary = dictionaryNumber(stack);
  if (dictionary === null) return null;
  const defaults = stack.defaultStyle ? stylePart(stack.defaultStyle, true) : NOTHING;
  if (defaults === UNTOLD) return null;
  let key = `${dictionary};${defaults}`;
  const entries = stack.styleOverrides ?? [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (typeof entry === 'string' || entry instanceof String) {
      key += ';' + JSON.stringify(String(entry));
      continue;
    }
    // A number or a boolean given as a node's style: pdfmake looks it up as a name, JSON cannot tell it.
    if (typeof entry !== 'object' || entry === null) return null;
    const part = stylePart(entry, i < entries.length - 1);
    if (part === UNTOLD) return null;
    if (part !== NOTHING) key += ';' + part;
  }
  return key;
}

/** The key of a text where it stands, or null when it cannot be told by one. */
export function keyOf(text: unknown, stack: StyleContextStack, refs: object[]): string | null {
  const runs = runsKey(text, refs);
  if (runs === null) return null;
  const style = stackKey(stack);
  return style === null ? null : `${style}\u0000${runs}`;
}
