/**
 * Template: Handlebars templates write the report's Markdown source from its data. Templates are
 * checked before anything renders (syntax, helpers, partials), and every failure names the
 * template file, line and column.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import { placelessProblem, ReportError, type Problem } from '../problems.js';
import { closest, message } from '../messages.js';
import { displayPath } from '../load/report.js';
import { COMPONENTS, parseDirective } from '../model/directives.js';
import { fragmentLine, type Fragment } from '../model/build.js';
import type { Block, ReportData } from '../schema/report.js';
import { writeStatement } from '../statements/write.js';
import { asText, helpers, markdownText, withoutOptions } from './helpers.js';
import { parseError, problem, requireValues, runtimeError, type Source } from './errors.js';
import { Bounded } from '../bounded.js';

const BUILT_IN_HELPERS = ['if', 'unless', 'each', 'with', 'lookup', 'log'];
/** Handlebars' hooks: known to the compiler, but not helpers a template author would call. */
const HOOKS = ['blockHelperMissing', 'helperMissing'];
/** Helpers that place prose: they write a placeholder line, and the text goes to the model builder on its own. */
const OWN_HELPERS = ['block', 'prose', 'item'];

/** What a template writes: its Markdown, and the prose it placed there by number. */
export interface Rendered {
  markdown: string;
  fragments: Fragment[];
}

export interface TemplateSet {
  /** Renders the named entry template (`report`, `handout`, …) with a context. */
  render(name: string, context: object): Rendered;
}

async function readTemplates(dir: string): Promise<Source[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((error: unknown) => {
    const text = message.noFolder(
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : String(error),
    );
    throw new ReportError([placelessProblem(displayPath(dir), '(folder)', 'template/folder', text)], { cause: error });
  });
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
        const listed = [...partials].filter((p) => p.startsWith('partials/')).sort();
        const text = message.unknownPartial(name, listed, closest(name, partials));
        problems.push(problem(source, ...at(n), text, 'template/unknown-partial'));
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
        const listed = [...known].filter((h) => !HOOKS.includes(h)).sort();
        const text = message.unknownHelper(p.original, listed, closest(p.original, listed));
        problems.push(problem(source, ...at(n), text, 'template/unknown-helper'));
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
          message.unknownTemplateComponent(directive.name, COMPONENTS),
          'template/unknown-component',
        ),
      );
    }
  });
  return problems;
}

/**
 * Template sets already compiled in this process, by their sources (names, places and texts).
 * `watch` makes a builder for every save; a set compiled afresh starts as new code in V8, run
 * slowly until V8 has seen it often enough to optimise it. An unchanged set is the one compiled
 * before, already fast. Eight sets at most (one per templates folder a process builds with).
 */
const compiledSets = new Bounded<TemplateSet>(8, () => 1);
const setKey = (sources: readonly Source[]) => JSON.stringify(sources.map((s) => [s.name, s.file, s.text]));

export async function loadTemplates(dir: string): Promise<TemplateSet> {
  const sources = await readTemplates(dir);
  const key = setKey(sources);
  let set = compiledSets.get(key);
  if (!set) {
    set = compileTemplates(sources);
    compiledSets.set(key, set);
  }
  return set;
}

function compileTemplates(sources: readonly Source[]): TemplateSet {
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
    // trackIds gives helpers the names of their arguments, for the message when one is missing.
    const template = hb.compile(source.text, {
      strict: true,
      noEscape: true,
      trackIds: true,
      knownHelpers: Object.fromEntries([...known].map((k) => [k, true])),
    } as CompileOptions);
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

  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, requireValues(name, withoutOptions(fn)));
  // Rendering is synchronous, so the prose of the one render under way is collected here.
  let fragments: Fragment[] = [];
  const place = (fragment: Fragment) => fragmentLine(fragments.push(fragment) - 1);
  hb.registerHelper('block', function (this: unknown, block: Block, options: Handlebars.HelperOptions) {
    return blockMarkdown(block, (options.data as { root: ReportData }).root, place);
  });
  // `{{prose text}}` on a line of its own, or `- {{item text}}` for a list item: the text's blocks.
  for (const name of ['prose', 'item'])
    hb.registerHelper(name, (text: unknown) => place({ kind: 'blocks', text: asText(text) }));

  return {
    render(name, context) {
      const template = compiled.get(name);
      if (!template) throw new Error(`no template "${name}"`);
      fragments = [];
      const markdown = template(context);
      return { markdown, fragments };
    },
  };
}

/**
 * One body block as a line of Markdown: prose, statements and paragraphs as placeholders (their text
 * goes to `place`, to be parsed as prose on its own), figures and tables as component lines.
 * Statements are written from data (their wording and the figures' values), so they are prose too.
 */
function blockMarkdown(block: Block, root: ReportData, place: (fragment: Fragment) => string): string {
  if (typeof block === 'string') return place({ kind: 'blocks', text: block });
  if (Array.isArray(block)) {
    const parts = block.map((part) => ({
      text: typeof part === 'string' ? part : writeStatement(part, root).trim(),
      prose: true,
    }));
    return place({ kind: 'paragraph', parts });
  }
  if ('figure' in block) return `::figure{id="${block.figure}"}`;
  if ('table' in block) return `::rate-table{id="${block.table}"}`;
  if ('list' in block)
    return place({ kind: 'blocks', text: root.questions.map((q) => `- ${markdownText(q.title)}`).join('\n') });
  return place({ kind: 'blocks', text: writeStatement(block, root).trim() });
}
