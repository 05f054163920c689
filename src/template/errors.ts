/**
 * Template problems in words a template author can act on, placed at the tag they concern: syntax
 * errors (with the token Handlebars stopped at, an unclosed or mismatched block), and values a
 * template uses that are not in the data.
 */
import Handlebars from 'handlebars';
import { ReportError, type Problem } from '../problems.js';
import { message } from '../messages.js';

export interface Source {
  name: string;
  file: string;
  text: string;
}

export function problem(source: Source, line: number, column: number, text: string, rule: string): Problem {
  return { file: source.file, line, column, path: '(template)', message: text, rule };
}

/**
 * Handlebars' parser drops the details of a syntax error (where, which token) and throws only a
 * message whose excerpt has its line breaks removed. Keep the details on the error so the problem
 * can point at the token. This changes no behaviour: the parser throws the same message as before.
 */
export interface ParseDetails {
  text?: string;
  token?: string | null;
  line?: number;
  /** Where the token before the offending one is: the offending token starts where it ends. */
  loc?: { last_line: number; last_column: number };
  expected?: string[];
}
(Handlebars as unknown as { Parser: { parseError: (text: string, hash: ParseDetails) => never } }).Parser.parseError = (
  text,
  hash,
) => {
  throw Object.assign(new Error(text), { hash });
};

/** Replaces comments with spaces, keeping every offset, so braces inside them are not read as tags. */
function blankComments(text: string): string {
  return text.replace(/\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}/g, (c) => c.replace(/[^\n]/g, ' '));
}

interface BlockTag {
  name: string;
  line: number;
  column: number;
}

/**
 * Reads the block tags of a template: the first `{{/name}}` that does not close the innermost open
 * block, and the innermost block still open at the end.
 */
function blockTags(text: string): { mismatch?: { open: BlockTag; close: BlockTag }; unclosed?: BlockTag } {
  const open: BlockTag[] = [];
  const at = (offset: number, name: string): BlockTag => {
    const before = text.slice(0, offset).split('\n');
    return { name, line: before.length, column: before.at(-1)!.length + 1 };
  };
  for (const m of blankComments(text).matchAll(/\{\{~?\s*([#^/])\s*[>*]?\s*([^\s}~()]+)/g)) {
    const tag = at(m.index, m[2]!);
    if (m[1] !== '/') open.push(tag);
    else if (open.at(-1)?.name !== tag.name && open.length) return { mismatch: { open: open.at(-1)!, close: tag } };
    else open.pop();
  }
  return open.length ? { unclosed: open.at(-1)! } : {};
}

/** Token names from the Handlebars grammar, in words. */
const TOKENS: Record<string, string> = { EOF: 'end of the template' };

export function parseError(
  source: Source,
  error: Error & { hash?: ParseDetails; lineNumber?: number; column?: number },
): Problem {
  const rule = 'template/syntax';
  const tags = blockTags(source.text);
  // Handlebars places a mismatch at the opening tag; the closing one is where the slip usually is.
  if (/^\S+ doesn't match \S+/.test(error.message) && tags.mismatch) {
    const { open, close } = tags.mismatch;
    return problem(source, close.line, close.column, message.mismatchedBlock(close.name, open.name, open.line), rule);
  }
  const hash = error.hash;
  if (hash?.token === 'EOF' && hash.expected?.some((e) => e.includes('ENDBLOCK')) && tags.unclosed) {
    const block = tags.unclosed;
    return problem(source, block.line, block.column, message.unclosedBlock(block.name), rule);
  }
  if (hash?.loc) {
    const what = hash.text ? `"${hash.text}"` : (TOKENS[hash.token ?? ''] ?? String(hash.token));
    const hint = hash.expected?.includes("'CLOSE'") ? '; a tag must end with }}' : '';
    const text = message.templateSyntax(`unexpected ${what}${hint}`);
    return problem(source, hash.loc.last_line, hash.loc.last_column + 1, text, rule);
  }
  const line = hash?.line !== undefined ? hash.line + 1 : Number(/line (\d+)/.exec(error.message)?.[1] ?? 1);
  return problem(source, line, 1, message.templateSyntax(error.message.split('\n')[0]!.replace(/:$/, '')), rule);
}

/** Where a runtime error happened: Handlebars puts " - line:column" at the end of its messages. */
export function runtimeError(source: Source, error: Error): ReportError {
  const m = / - (\d+):(\d+)$/.exec(error.message);
  const text = error.message
    .replace(/ - \d+:\d+$/, '')
    .replace(/^"([^"]+)" not defined in \[object Object\]$/, (_, name: string) => message.notInData(name));
  return new ReportError([problem(source, m ? Number(m[1]) : 1, m ? Number(m[2]) + 1 : 1, text, 'template/render')], {
    cause: error,
  });
}

/**
 * Handlebars passes a helper `undefined` for a name not in the data (strict mode checks only plain
 * `{{name}}`), and the helper would print it as an empty string. Refuse instead, naming the name.
 */
export function requireValues(name: string, fn: (...args: unknown[]) => unknown) {
  return function (this: unknown, ...args: unknown[]) {
    const options = args.at(-1) as Handlebars.HelperOptions & {
      ids?: unknown[];
      loc?: { start: { line: number; column: number } };
    };
    const missing = args.slice(0, -1).findIndex((a) => a === undefined);
    if (missing >= 0) {
      const ids = (options.ids ?? []).map((id) => (typeof id === 'string' ? id : '(…)'));
      const expression = [name, ...ids].join(' ');
      const at = options.loc ? ` - ${options.loc.start.line}:${options.loc.start.column}` : '';
      throw new Error(message.missingValue(expression, String(ids[missing] ?? `argument ${missing + 1}`)) + at);
    }
    return fn.apply(this, args);
  };
}
