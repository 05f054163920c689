/**
 * Checks a parsed data file against the JSON Schema and turns every violation into a Problem that
 * points at the offending value (or, for a missing field, at the object that lacks it).
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { TSchema } from '@sinclair/typebox';
import { formatPath, type Path, type Problem } from '../problems.js';
import { message } from '../messages.js';
import type { SourceFile } from '../load/yaml.js';

const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
const compiled = new WeakMap<TSchema, ValidateFunction>();

function compile(schema: TSchema): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = ajv.compile(schema);
    compiled.set(schema, fn);
  }
  return fn;
}

/** A short description of a value as found in the data. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') {
    if (value === '') return 'an empty string';
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}…` : value);
  }
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'boolean') return String(value);
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

function explain(e: ErrorObject): { path: Path; at: 'key' | 'value'; text: string; rule: string } {
  const path = toPath(e.instancePath);
  const found = describe(e.data);
  const parent = e.parentSchema as { description?: string; type?: string; properties?: object } | undefined;
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { path, at: 'value', text: message.missingProperty(String(p.missingProperty)), rule: 'schema/required' };
    case 'additionalProperties':
      return {
        path: [...path, String(p.additionalProperty)],
        at: 'key',
        text: message.unknownProperty(String(p.additionalProperty), Object.keys(parent?.properties ?? {})),
        rule: 'schema/unknown-field',
      };
    case 'type':
      return {
        path,
        at: 'value',
        text: message.expectedType(expectedFrom(parent, TYPE_NAMES[String(p.type)] ?? String(p.type)), found),
        rule: 'schema/type',
      };
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
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
        text: message.expectedType(expectedFrom(parent, e.message ?? 'something else'), found),
        rule: `schema/${e.keyword}`,
      };
  }
}

const depth = (e: ErrorObject) => (e.instancePath ? e.instancePath.split('/').length - 1 : 0);

/**
 * A union (anyOf) reports an error for every branch. Keep the errors of the one branch that got
 * furthest into the value (a block with a `statement:` key is judged as a statement); when no
 * branch stands out, report the union itself with its description.
 */
function pruneUnions(errors: ErrorObject[]): ErrorObject[] {
  const unions = errors.filter((e) => e.keyword === 'anyOf').sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  let kept = errors.filter((e) => e.keyword !== 'anyOf');
  for (const union of unions) {
    const prefix = `${union.schemaPath}/`;
    const inside = kept.filter((e) => e.schemaPath.startsWith(prefix) && e.instancePath.startsWith(union.instancePath));
    if (inside.length === 0) continue;
    const byBranch = new Map<string, ErrorObject[]>();
    for (const e of inside) {
      const branch = e.schemaPath.slice(prefix.length).split('/')[0]!;
      byBranch.set(branch, [...(byBranch.get(branch) ?? []), e]);
    }
    const reach = [...byBranch.values()].map((errs) => Math.max(...errs.map(depth)));
    const best = Math.max(...reach);
    const winners = [...byBranch.values()].filter((_, i) => reach[i] === best);
    kept = kept.filter((e) => !inside.includes(e));
    if (best > depth(union) && winners.length === 1) kept.push(...winners[0]!);
    else kept.push(union);
  }
  return kept;
}

/** Validates a parsed file; returns problems sorted by position, none when the value conforms. */
export function validateSchema(schema: TSchema, source: SourceFile): Problem[] {
  const validate = compile(schema);
  if (validate(source.value)) return [];
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const e of pruneUnions(validate.errors ?? [])) {
    const { path, at, text, rule } = explain(e);
    const key = `${formatPath(path)}\u0000${text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const { line, column } = source.locate(path, at);
    problems.push({ file: source.file, line, column, path: formatPath(path), message: text, rule });
  }
  return problems;
}
