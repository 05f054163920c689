/**
 * One Ajv error as a problem a report editor can act on: what was expected, in words from the
 * schema's descriptions, what was found, and where to point (the value, or the key of an unknown field).
 */
import type { ErrorObject } from 'ajv';
import type { Path } from '../problems.js';
import { closest, message } from '../messages.js';

/** A scalar as YAML writes it: `.nan`, `.inf`, `2014`, `true`. */
function yamlSpelling(value: number | boolean): string {
  if (typeof value === 'number' && Number.isNaN(value)) return '.nan';
  if (typeof value === 'number' && !Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
  return String(value);
}

/** A short description of a value as found in the data. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') {
    if (value === '') return 'an empty string';
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}…` : value);
  }
  // NaN and Infinity print as those words rather than YAML's .nan and .inf: the words say what is wrong.
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return 'an object';
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  object: 'an object (a map of fields)',
  array: 'a list',
  boolean: 'true or false',
  null: 'nothing (null)',
};

function toPath(instancePath: string): (string | number)[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function expectedFrom(schema: { description?: string; type?: string } | undefined, fallback: string): string {
  const type = schema?.type ? TYPE_NAMES[schema.type] : undefined;
  if (type && schema?.description) return `${type} (${schema.description})`;
  return schema?.description ?? type ?? fallback;
}

/**
 * `- In short: the force …` is a map with one field to YAML, though its writer meant a sentence:
 * one key holding a space, with a text value.
 */
function looksLikeText(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return entries.length === 1 && /\s/.test(entries[0]![0]) && typeof entries[0]![1] === 'string';
}

export function explain(e: ErrorObject): { path: Path; at: 'key' | 'value'; text: string; rule: string } {
  const path = toPath(e.instancePath);
  const found = describe(e.data);
  const parent = e.parentSchema as { description?: string; type?: string; properties?: object } | undefined;
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { path, at: 'value', text: message.missingProperty(String(p.missingProperty)), rule: 'schema/required' };
    case 'additionalProperties': {
      const name = String(p.additionalProperty);
      if (parent && 'patternProperties' in parent)
        return { path: [...path, name], at: 'key', text: message.badKey(name), rule: 'schema/key' };
      const known = Object.keys(parent?.properties ?? {});
      const meant = closest(name, known);
      return {
        path: [...path, name],
        at: 'key',
        text: meant ? message.misspelledProperty(name, meant) : message.unknownProperty(name, known),
        rule: 'schema/unknown-field',
      };
    }
    case 'type': {
      const expected = expectedFrom(parent, TYPE_NAMES[String(p.type)] ?? String(p.type));
      // YAML reads `title: 2014` or `title: true` as a number or a boolean; quotes make it text.
      const hint =
        p.type === 'string' && (typeof e.data === 'number' || typeof e.data === 'boolean')
          ? message.quoteIfText(yamlSpelling(e.data))
          : looksLikeText(e.data)
            ? message.colonInValue
            : '';
      return { path, at: 'value', text: message.expectedType(expected, found) + hint, rule: 'schema/type' };
    }
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
      if (typeof e.data === 'number' && !Number.isFinite(e.data)) {
        const what = `a number${parent?.description ? ` (${parent.description})` : ''}`;
        return { path, at: 'value', text: message.expectedType(what, found), rule: 'schema/not-finite' };
      }
      return {
        path,
        at: 'value',
        text: message.outOfRange(
          `${String(p.comparison)} ${String(p.limit)}${parent?.description ? ` (${parent.description})` : ''}`,
          found,
        ),
        rule: 'schema/range',
      };
    case 'pattern':
      return {
        path,
        at: 'value',
        text: message.badPattern(parent?.description ?? `text matching ${String(p.pattern)}`, found),
        rule: 'schema/pattern',
      };
    case 'minLength':
      return { path, at: 'value', text: message.emptyText, rule: 'schema/empty' };
    case 'maxLength':
      return {
        path,
        at: 'value',
        text: message.tooLong(Number(p.limit), String(e.data).length),
        rule: 'schema/too-long',
      };
    case 'minItems':
      return {
        path,
        at: 'value',
        text: message.tooFew(Number(p.limit), (e.data as unknown[]).length),
        rule: 'schema/too-few',
      };
    case 'maxItems':
      return {
        path,
        at: 'value',
        text: message.tooMany(Number(p.limit), (e.data as unknown[]).length),
        rule: 'schema/too-many',
      };
    case 'propertyNames':
      return { path, at: 'value', text: message.badPattern('valid names', found), rule: 'schema/name' };
    default:
      return {
        path,
        at: 'value',
        text:
          message.expectedType(expectedFrom(parent, e.message ?? 'something else'), found) +
          (looksLikeText(e.data) ? message.colonInValue : ''),
        rule: `schema/${e.keyword}`,
      };
  }
}
