/**
 * YAML syntax errors in words a report editor can act on. One slip (a line indented by one space
 * too few, an unclosed quote) makes the yaml package report a cascade of errors on the lines after
 * it, with data paths taken from the tree it mis-built; so only the first syntax error is reported,
 * its data path is read from the indentation of the text itself, and the common slips get their
 * own message. Duplicate keys do not confuse the parser, so every one of those is reported.
 */
import { Parser, type LineCounter, type YAMLError } from 'yaml';
import { formatPath, type Path, type Problem } from '../problems.js';
import { message } from '../messages.js';

/** A syntax problem before it is placed: where it is (an offset into the text) and what to say. */
export interface SyntaxIssue {
  offset: number;
  code: string;
  text: string;
}

const QUOTED_KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')[ \t]*:(?:[ \t]+|$)/;
const PLAIN_KEY_START = /^[^\s#'"{[\]},&*!|>%@`]/;
/** The ": " (or ":" at the end of the line) that ends a plain key. */
const KEY_END = /:(?:[ \t]+|$)/g;

/**
 * A line's key (`name:`) and how much of the line it takes with the space after it, or null. In
 * time linear in the line's length: a long line of spaces with no colon is read once.
 */
function matchKey(rest: string): { key: string; length: number } | null {
  const quoted = QUOTED_KEY.exec(rest);
  if (quoted) return { key: quoted[1]!, length: quoted[0].length };
  if (!PLAIN_KEY_START.test(rest)) return null;
  KEY_END.lastIndex = 1;
  const end = KEY_END.exec(rest);
  const hash = rest.indexOf('#');
  if (!end || (hash >= 0 && hash < end.index)) return null;
  return { key: rest.slice(0, end.index).replace(/[ \t]+$/, ''), length: end.index + end[0].length };
}
const BLOCK_SCALAR = /^[|>][1-9+-]*[ \t]*(?:#.*)?$/;

interface Level {
  indent: number;
  part: string | number;
}

/** What the indentation of the text says, up to a line: the data path there, and the first misaligned line. */
interface Outline {
  path: Path;
  misaligned?: { line: number; column: number; text: string; path: Path };
}

function unquote(key: string): string {
  if (key.startsWith('"')) return key.slice(1, -1).replace(/\\(.)/g, '$1');
  if (key.startsWith("'")) return key.slice(1, -1).replace(/''/g, "'");
  return key;
}

/**
 * Reads the nesting of keys and list items from indentation alone, as a person reading the file
 * would, so that it still works where the parser gave up. A list item at indent i is a level at
 * i + 0.5, so that a list may start at the same indent as its key. Reading goes on from where the
 * last question left it, so asking about every duplicate key of a file reads the file once.
 */
export class Outliner {
  private readonly lines: string[];
  private n = 0;
  private stack: Level[] = [];
  private blockAbove = -1; // inside a block scalar (| or >) opened by a line at this indent
  private previous: { indent: number; hasValue: boolean; key: string } | null = null;
  private misaligned: Outline['misaligned'];

  constructor(body: string) {
    this.lines = body.split('\n');
  }

  /** What the indentation says up to (not including) line `untilLine + 1`, 1-based. */
  at(untilLine: number): Outline {
    if (untilLine < this.n) {
      this.n = 0;
      this.stack = [];
      this.blockAbove = -1;
      this.previous = null;
      this.misaligned = undefined;
    }
    for (; this.n < Math.min(untilLine, this.lines.length); this.n++) this.read(this.n);
    const misaligned = this.misaligned;
    return { path: this.stack.map((l) => l.part), ...(misaligned ? { misaligned } : {}) };
  }

  private read(n: number): void {
    const { stack } = this;
    const raw = this.lines[n]!.replace(/\r$/, '');
    const lead = /^[ \t]*/.exec(raw)![0].length;
    let rest = raw.slice(lead);
    if (rest === '' || rest.startsWith('#')) return;
    if (this.blockAbove >= 0 && lead > this.blockAbove) return;
    this.blockAbove = -1;
    let indent = lead;
    const key0 = matchKey(rest);
    const isEntry = rest.startsWith('- ') || rest === '-' || key0 !== null;
    const previous = this.previous;
    if (isEntry && !this.misaligned && previous) {
      const levels = new Set(stack.map((l) => Math.floor(l.indent)));
      if (indent < previous.indent && !levels.has(indent)) {
        const text = message.misaligned(indent, previous.indent);
        this.misaligned = { line: n + 1, column: lead + 1, text, path: [] };
      } else if (indent > previous.indent && previous.hasValue && key0) {
        // Meant as the next field beside the one above, so its path is a sibling's.
        const text = message.overIndented(previous.key);
        const path = [...stack.slice(0, -1).map((l) => l.part), unquote(key0.key)];
        this.misaligned = { line: n + 1, column: lead + 1, text, path };
      }
    }
    while (rest.startsWith('- ') || rest === '-') {
      while (stack.length && stack.at(-1)!.indent > indent + 0.5) stack.pop();
      const top = stack.at(-1);
      if (top && top.indent === indent + 0.5 && typeof top.part === 'number') top.part++;
      else stack.push({ indent: indent + 0.5, part: 0 });
      const after = /^-[ \t]*/.exec(rest)![0].length;
      indent += after;
      rest = rest.slice(after);
      if (BLOCK_SCALAR.test(rest)) this.blockAbove = lead;
    }
    const key = matchKey(rest);
    if (key) {
      while (stack.length && stack.at(-1)!.indent >= indent) stack.pop();
      stack.push({ indent, part: unquote(key.key) });
      const value = rest.slice(key.length);
      if (BLOCK_SCALAR.test(value)) this.blockAbove = indent;
      this.previous = { indent, hasValue: value !== '' && !value.startsWith('#'), key: unquote(key.key) };
    } else if (isEntry) {
      this.previous = { indent, hasValue: rest !== '', key: '' };
    }
  }
}

export function outline(body: string, untilLine: number): Outline {
  return new Outliner(body).at(untilLine);
}

/** A quoted scalar or a flow collection in the parser's concrete syntax tree, with where it starts and ends. */
interface Span {
  kind: 'quote' | 'flow';
  /** The opening character: a quote, "[" or "{". */
  open: string;
  start: number;
  end: number;
  closed: boolean;
}

/** Every quoted scalar and flow collection in the text, read from yaml's concrete syntax tree. */
function spans(body: string): Span[] {
  const found: Span[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    const token = value as { type?: string; offset?: number; source?: string; start?: unknown; end?: unknown };
    if ((token.type === 'double-quoted-scalar' || token.type === 'single-quoted-scalar') && token.source) {
      const open = token.source[0]!;
      const closed = token.source.length > 1 && token.source.endsWith(open);
      found.push({ kind: 'quote', open, start: token.offset!, end: token.offset! + token.source.length, closed });
    }
    if (token.type === 'flow-collection') {
      const open = (token.start as { source?: string } | undefined)?.source ?? '[';
      const close = open === '{' ? '}' : ']';
      const ends = (token.end as { source: string; offset: number }[] | undefined) ?? [];
      const last = ends.find((t) => t.source === close);
      found.push({
        kind: 'flow',
        open,
        start: token.offset!,
        end: last ? last.offset + 1 : body.length,
        closed: !!last,
      });
    }
    for (const [key, child] of Object.entries(value)) if (key !== 'source') visit(child);
  };
  for (const token of new Parser().parse(body)) visit(token);
  return found;
}

/**
 * A yaml package error as an issue in plain words, placed where the editor should look. Chosen by
 * the error's code and what the text holds there (read from the concrete syntax tree), never by
 * the wording of yaml's message, which may change in any release.
 */
function explain(e: YAMLError, body: string, tree: () => Span[]): SyntaxIssue {
  const at = e.pos[0];
  const issue = (text: string, offset = at): SyntaxIssue => ({ offset, code: e.code, text });
  /** The innermost unclosed quote or bracket that the error's place belongs to. */
  const unclosed = (kind: Span['kind']) =>
    tree()
      .filter((s) => s.kind === kind && !s.closed && s.start <= at && at <= s.end)
      .sort((a, b) => b.start - a.start)[0];
  switch (e.code) {
    case 'TAB_AS_INDENT':
      return issue(message.tabIndent);
    case 'MULTIPLE_DOCS':
      return issue(message.multipleDocuments);
    case 'BAD_SCALAR_START':
      return issue(message.reservedStart(body[at] ?? ''));
    case 'BLOCK_AS_IMPLICIT_KEY':
      // A list used as a key starts with "-"; otherwise a value holds ": " and reads as a nested map.
      if (body[at] !== '-') return issue(message.colonInText);
      break;
    case 'UNEXPECTED_TOKEN':
      if (body[at] === ']' || body[at] === '}') return issue(message.strayClose(body[at]));
      break;
    case 'MISSING_CHAR':
    case 'BAD_INDENT': {
      const quote = unclosed('quote');
      if (quote) return issue(message.unclosedQuote(quote.open), quote.start);
      const flow = unclosed('flow');
      if (flow) return issue(message.unclosedFlow(flow.open, flow.open === '{' ? '}' : ']'), flow.start);
      if (e.code === 'MISSING_CHAR' && body[at] !== '#') {
        const word = /^[^\n:#]*/.exec(body.slice(at, at + 200))![0].trim();
        return issue(message.keyWithoutValue(word));
      }
      break;
    }
  }
  return issue(message.yamlSyntax(e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')));
}

function keyText(text: string, offset: number): string {
  return /^[^:\n]*/
    .exec(text.slice(offset))![0]
    .trim()
    .replace(/^["']|["']$/g, '');
}

/**
 * The problems to report for a file's YAML errors and alias issues (found separately, because the
 * yaml package only notices a bad alias when the value is built): every duplicate key, and the first
 * of the rest, with the line the indentation shows to be wrong when that comes first.
 */
export function syntaxProblems(
  file: string,
  body: string,
  errors: readonly YAMLError[],
  aliases: readonly SyntaxIssue[],
  lineCounter: LineCounter,
): Problem[] {
  const outliner = new Outliner(body);
  const place = (issue: SyntaxIssue, rule: string): Problem => {
    const { line, col } = lineCounter.linePos(issue.offset);
    return { file, line, column: col, path: formatPath(outliner.at(line).path), message: issue.text, rule };
  };
  const duplicates = errors
    .filter((e) => e.code === 'DUPLICATE_KEY')
    .map((e) =>
      place(
        { offset: e.pos[0], code: e.code, text: message.duplicateKey(keyText(body, e.pos[0])) },
        'yaml/duplicate-key',
      ),
    );
  let tree: Span[] | undefined;
  const lazyTree = () => (tree ??= spans(body));
  const rest = [
    ...errors.filter((e) => e.code !== 'DUPLICATE_KEY').map((e) => explain(e, body, lazyTree)),
    ...aliases,
  ].sort((a, b) => a.offset - b.offset);
  const first = rest[0];
  if (!first) return duplicates;
  let problem = place(first, `yaml/${first.code.toLowerCase().replace(/_/g, '-')}`);
  const { misaligned } = outliner.at(problem.line + 1);
  if (misaligned && misaligned.line <= problem.line + 1 && first.code !== 'TAB_AS_INDENT') {
    const path = misaligned.path.length ? misaligned.path : outliner.at(misaligned.line).path;
    problem = { ...problem, ...misaligned, path: formatPath(path), message: misaligned.text, rule: 'yaml/indent' };
  }
  return [...duplicates.filter((d) => d.line < problem.line), problem];
}
