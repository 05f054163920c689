/**
 * Checks a parsed data file against the JSON Schema and turns every violation into a Problem that
 * points at the offending value (or, for a missing field, at the object that lacks it).
 */
import { createRequire } from 'node:module';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type { TSchema } from '@sinclair/typebox';
import { cacheDir, cachedSync, readSync, writeSync } from '../cache.js';
import { formatPath, type Problem } from '../problems.js';
import { closest } from '../messages.js';
import { explain } from './explain.js';
import type { SourceFile } from '../load/yaml.js';

const require = createRequire(import.meta.url);
const OPTIONS = { allErrors: true, verbose: true, strict: false };
const AJV_VERSION = (require('ajv/package.json') as { version: string }).version;
/** A schema's validator, and what is left to do once it has validated for the first time. */
interface Compiled {
  validate: ValidateFunction;
  validated?: () => void;
}
const compiled = new WeakMap<TSchema, Compiled>();

/**
 * V8's compiled code for the validator's code, by V8's tag for its version and flags (the command
 * line sets one, tiering.ts): V8 rejects code compiled under others.
 */
const codeCacheKey = (code: string) => [String(v8.cachedDataVersionTag()), code];

/**
 * The schema's validator, precompiled: Ajv's standalone code is kept in the on-disk cache (by the
 * digest of the schema, the options and Ajv's version), so a start-up neither loads Ajv's compiler
 * nor compiles the schema; on a miss, Ajv compiles it and writes the code for the next run.
 *
 * That code is some 400 KB: V8 compiling it, then compiling each function the first validation
 * calls, took 45–60 ms of a cold start. V8's cache of the compiled code is kept too, made after the
 * first validation so that it holds those functions; one V8 rejects is made afresh.
 */
function compile(schema: TSchema): Compiled {
  let entry = compiled.get(schema);
  if (!entry) {
    const code = cachedSync('ajv', [AJV_VERSION, JSON.stringify(OPTIONS), JSON.stringify(schema)], () => {
      const { Ajv: Compiler } = require('ajv') as { Ajv: new (options: object) => Ajv };
      const standalone = (
        require('ajv/dist/standalone/index.js') as { default: (a: Ajv, v: ValidateFunction) => string }
      ).default;
      const ajv = new Compiler({ ...OPTIONS, code: { source: true } });
      return Buffer.from(standalone(ajv, ajv.compile(schema)));
    }).toString('utf8');
    // The code is CommonJS that requires Ajv's small runtime helpers, resolved from here.
    const cachedData = readSync('ajv-v8', codeCacheKey(code)) ?? undefined;
    const script = new vm.Script(`(function (require, module, exports) {${code}\n})`, {
      filename: 'report-schema-validator.cjs',
      cachedData,
    });
    const load = script.runInThisContext() as (req: NodeJS.Require, mod: typeof module, exp: ValidateFunction) => void;
    const module = { exports: {} as ValidateFunction };
    load(require, module, module.exports);
    const made: Compiled = { validate: module.exports };
    if ((!cachedData || script.cachedDataRejected) && cacheDir()) {
      made.validated = () => {
        delete made.validated;
        writeSync('ajv-v8', codeCacheKey(code), script.createCachedData());
      };
    }
    compiled.set(schema, (entry = made));
  }
  return entry;
}

const depth = (e: ErrorObject) => (e.instancePath ? e.instancePath.split('/').length - 1 : 0);

/** An error in a branch of a union, explained with the union's description when the branch has none. */
function describedBy(e: ErrorObject, union: ErrorObject): ErrorObject {
  const own = e.parentSchema as { description?: string } | undefined;
  const description = (union.parentSchema as { description?: string } | undefined)?.description;
  if (own?.description || !description || e.instancePath !== union.instancePath) return e;
  return { ...e, parentSchema: { ...own, description } };
}

/** An error saying the value at the union is of another type (or another constant) altogether. */
const isTypeMismatch = (e: ErrorObject, union: ErrorObject) =>
  e.instancePath === union.instancePath && (e.keyword === 'type' || e.keyword === 'const');

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
    let winners = [...byBranch.values()].filter((_, i) => reach[i] === best);
    // At the union itself, a branch of the value's own type says more than one that wants another
    // type: 1e300 for "a number up to 100000, or null" is judged as the number it is.
    if (best === depth(union)) winners = winners.filter((errs) => !errs.every((e) => isTypeMismatch(e, union)));
    kept = kept.filter((e) => !inside.includes(e));
    if (winners.length === 1) kept.push(...winners[0]!.map((e) => describedBy(e, union)));
    else kept.push(union);
  }
  return kept;
}

/**
 * A misspelt field is both unknown and (when required) missing; the two errors become one, on the
 * misspelling, which is where the fix goes.
 */
function mergeMisspellings(errors: ErrorObject[]): ErrorObject[] {
  const missing = errors.filter((e) => e.keyword === 'required');
  const dropped = new Set<ErrorObject>();
  for (const e of errors) {
    if (e.keyword !== 'additionalProperties') continue;
    const name = String(e.params.additionalProperty);
    const here = missing.filter((m) => m.instancePath === e.instancePath && !dropped.has(m));
    const meant = closest(
      name,
      here.map((m) => String(m.params.missingProperty)),
    );
    const match = here.find((m) => m.params.missingProperty === meant);
    if (match) dropped.add(match);
  }
  return errors.filter((e) => !dropped.has(e));
}

/** Validates a parsed file; returns problems sorted by position, none when the value conforms. */
export function validateSchema(schema: TSchema, source: SourceFile): Problem[] {
  const { validate, validated } = compile(schema);
  const valid = validate(source.value);
  validated?.();
  if (valid) return [];
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const e of mergeMisspellings(pruneUnions(validate.errors ?? []))) {
    const { path, at, text, rule } = explain(e);
    const key = `${formatPath(path)}\u0000${text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const { line, column } = source.locate(path, at);
    problems.push({ file: source.file, line, column, path: formatPath(path), message: text, rule });
  }
  return problems;
}
