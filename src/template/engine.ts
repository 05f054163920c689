/**
 * Template: Handlebars templates write the report's Markdown source from its data. Templates are
 * checked before anything renders (syntax, helpers, partials), and every failure names the
 * template file, line and column.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import { ReportError, type Problem } from '../problems.js';
import { displayPath } from '../load/report.js';
import { COMPONENTS, parseDirective } from '../model/directives.js';
import type { Block } from '../schema/report.js';
import { helpers, withoutOptions } from './helpers.js';

const BUILT_IN_HELPERS = ['if', 'unless', 'each', 'with', 'lookup', 'log', 'blockHelperMissing', 'helperMissing'];
const OWN_HELPERS = ['block'];

export interface TemplateSet {
  /** Renders the named entry template (`report`, `handout`, …) with a context. */
  render(name: string, context: object): string;
  /** Template names, without extension. */
  readonly names: readonly string[];
}

interface Source {
  name: string;
  file: string;
  text: string;
}

async function readTemplates(dir: string): Promise<Source[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && e.name.endsWith('.md.hbs'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  return Promise.all(
    files.map(async (file) => ({
      name: path
        .relative(dir, file)
        .split(path.sep)
        .join('/')
        .replace(/\.md\.hbs$/, ''),
      file: displayPath(file),
      text: await readFile(file, 'utf8'),
    })),
  );
}

function problem(source: Source, line: number, column: number, message: string, rule: string): Problem {
  return { file: source.file, line, column, path: '(template)', message, rule };
}

type Node = hbs.AST.Node & { loc?: hbs.AST.SourceLocation };

/** Walks a template's syntax tree for helpers and partials that do not exist. */
function checkReferences(
  source: Source,
  ast: hbs.AST.Program,
  partials: ReadonlySet<string>,
  known: ReadonlySet<string>,
): Problem[] {
  const problems: Problem[] = [];
  const at = (node: Node) => [node.loc?.start.line ?? 1, (node.loc?.start.column ?? 0) + 1] as const;
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as Node & Record<string, unknown>;
    if (n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') {
      const name = (n.name as hbs.AST.PathExpression).original ?? '';
      if (typeof name === 'string' && !partials.has(name)) {
        problems.push(
          problem(
            source,
            ...at(n),
            `unknown partial "${name}"; expected one of ${[...partials].sort().join(', ')}`,
            'template/unknown-partial',
          ),
        );
      }
    }
    if (
      (n.type === 'MustacheStatement' || n.type === 'BlockStatement' || n.type === 'SubExpression') &&
      Array.isArray(n.params)
    ) {
      const p = n.path as hbs.AST.PathExpression;
      const isCall =
        n.params.length > 0 || (n.hash as hbs.AST.Hash | undefined)?.pairs?.length || n.type !== 'MustacheStatement';
      if (isCall && p.type === 'PathExpression' && p.parts.length === 1 && !p.data && !known.has(p.original)) {
        problems.push(
          problem(
            source,
            ...at(n),
            `unknown helper "${p.original}"; expected one of ${[...known].sort().join(', ')}`,
            'template/unknown-helper',
          ),
        );
      }
    }
    for (const [key, value] of Object.entries(n)) if (key !== 'loc') visit(value);
  };
  visit(ast);
  return problems;
}

/** Component lines written literally in a template must name a known component. */
function checkComponents(source: Source): Problem[] {
  const problems: Problem[] = [];
  source.text.split('\n').forEach((line, i) => {
    const directive = /^\s*::/.test(line) ? parseDirective(line.replace(/\{\{[^}]*\}\}/g, 'x')) : null;
    if (directive && !COMPONENTS.includes(directive.name)) {
      const column = line.indexOf('::') + 1;
      problems.push(
        problem(
          source,
          i + 1,
          column,
          `unknown component "::${directive.name}"; expected one of ${COMPONENTS.map((c) => `::${c}`).join(', ')}`,
          'template/unknown-component',
        ),
      );
    }
  });
  return problems;
}

function parseError(source: Source, error: Error): Problem {
  const m = /line (\d+)/.exec(error.message);
  const col = /-{3,}\^/m.exec(error.message);
  const first = error.message.split('\n')[0]!.replace(/:$/, '');
  const detail = error.message.split('\n').at(-1)!;
  return problem(
    source,
    m ? Number(m[1]) : 1,
    col ? col[0].length : 1,
    `template syntax error: ${first}; ${detail}`,
    'template/syntax',
  );
}

/** Where a runtime error happened: Handlebars puts " - line:column" at the end of its messages. */
function runtimeError(source: Source, error: Error): ReportError {
  const m = / - (\d+):(\d+)$/.exec(error.message);
  const text = error.message.replace(/ - \d+:\d+$/, '').replace(/ in \[object Object\]/, '');
  return new ReportError([problem(source, m ? Number(m[1]) : 1, m ? Number(m[2]) + 1 : 1, text, 'template/render')], {
    cause: error,
  });
}

export async function loadTemplates(dir: string): Promise<TemplateSet> {
  const sources = await readTemplates(dir);
  const hb = Handlebars.create();
  const partialNames = new Set(sources.map((s) => s.name));
  const known = new Set([...BUILT_IN_HELPERS, ...OWN_HELPERS, ...Object.keys(helpers)]);
  const problems: Problem[] = [];
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  for (const source of sources) {
    let ast: hbs.AST.Program;
    try {
      ast = hb.parse(source.text);
    } catch (error) {
      problems.push(parseError(source, error as Error));
      continue;
    }
    const found = [...checkReferences(source, ast, partialNames, known), ...checkComponents(source)];
    problems.push(...found);
    if (found.length) continue;
    const template = hb.compile(source.text, {
      strict: true,
      noEscape: true,
      knownHelpers: Object.fromEntries([...known].map((k) => [k, true])),
    });
    const wrapped = (context: unknown, options?: Handlebars.RuntimeOptions) => {
      try {
        return template(context, options);
      } catch (error) {
        if (error instanceof ReportError) throw error;
        throw runtimeError(source, error as Error);
      }
    };
    compiled.set(source.name, wrapped);
    hb.registerPartial(source.name, wrapped);
  }
  if (problems.length) throw new ReportError(problems);

  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, withoutOptions(fn));
  hb.registerHelper('block', function (this: unknown, block: Block, options: Handlebars.HelperOptions) {
    return blockMarkdown(block, options.data.root as object, compiled);
  });

  return {
    names: [...compiled.keys()],
    render(name, context) {
      const template = compiled.get(name);
      if (!template) throw new Error(`no template "${name}"`);
      return template(context);
    },
  };
}

/** One body block as Markdown: prose as written, statements by their template, components as lines. */
function blockMarkdown(block: Block, root: object, compiled: ReadonlyMap<string, HandlebarsTemplateDelegate>): string {
  if (typeof block === 'string') return block;
  if (Array.isArray(block)) return block.map((part) => blockMarkdown(part, root, compiled).trim()).join(' ');
  if ('figure' in block) return `::figure{id="${block.figure}"}`;
  if ('table' in block) return `::rate-table{id="${block.table}"}`;
  const statement = compiled.get(`statements/${block.statement}`);
  if (!statement) throw new Error(`no statement template "statements/${block.statement}"`);
  return statement(root).trim();
}
