/**
 * YAML syntax errors in words a report editor can act on. One slip (a line indented by one space
 * too few, an unclosed quote) makes the yaml package report a cascade of errors on the lines after
 * it, with data paths taken from the tree it mis-built; so only the first syntax error is reported,
 * its data path is read from the indentation of the text itself, and the common slips get their
 * own message. Duplicate keys do not confuse the parser, so every one of those is reported.
 */
import type { LineCounter, YAMLError } from 'yaml';
import { formatPath, type Path, type Problem } from '../problems.js';
import { message } from '../messages.js';

/** A syntax problem before it is placed: where it is (an offset into the text) and what to say. */
export interface SyntaxIssue {
  offset: number;
  code: string;
  text: string;
}

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[\]},&*!|>%@`][^#]*?)[ \t]*:(?:[ \t]+|$)/;
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
 * i + 0.5, so that a list may start at the same indent as its key.
 */
export function outline(body: string, untilLine: number): Outline {
  const stack: Level[] = [];
  const lines = body.split('\n');
  let blockAbove = -1; // inside a block scalar (| or >) opened by a line at this indent
  let previous: { indent: number; hasValue: boolean; key: string } | null = null;
  let misaligned: Outline['misaligned'];
  for (let n = 0; n < Math.min(untilLine, lines.length); n++) {
    const raw = lines[n]!.replace(/\r$/, '');
    const lead = /^[ \t]*/.exec(raw)![0].length;
    let rest = raw.slice(lead);
    if (rest === '' || rest.startsWith('#')) continue;
    if (blockAbove >= 0 && lead > blockAbove) continue;
    blockAbove = -1;
    let indent = lead;
    const isEntry = rest.startsWith('- ') || rest === '-' || KEY.test(rest);
    if (isEntry && !misaligned && previous) {
      const levels = new Set(stack.map((l) => Math.floor(l.indent)));
      if (indent < previous.indent && !levels.has(indent)) {
        const text = message.misaligned(indent, previous.indent);
        misaligned = { line: n + 1, column: lead + 1, text, path: [] };
      } else if (indent > previous.indent && previous.hasValue && KEY.test(rest)) {
        // Meant as the next field beside the one above, so its path is a sibling's.
        const text = message.overIndented(previous.key);
        const path = [...stack.slice(0, -1).map((l) => l.part), unquote(KEY.exec(rest)![1]!)];
        misaligned = { line: n + 1, column: lead + 1, text, path };
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
      if (BLOCK_SCALAR.test(rest)) blockAbove = lead;
    }
    const key = KEY.exec(rest);
    if (key) {
      while (stack.length && stack.at(-1)!.indent >= indent) stack.pop();
      stack.push({ indent, part: unquote(key[1]!) });
      const value = rest.slice(key[0].length);
      if (BLOCK_SCALAR.test(value)) blockAbove = indent;
      previous = { indent, hasValue: value !== '' && !value.startsWith('#'), key: unquote(key[1]!) };
    } else if (isEntry) {
      previous = { indent, hasValue: rest !== '', key: '' };
    }
  }
  return { path: stack.map((l) => l.part), ...(misaligned ? { misaligned } : {}) };
}

/** The offset of the quote that opens a quoted value which never closes: the last one before `end`. */
function openingQuote(body: string, end: number, quote: string): number {
  for (let i = Math.min(end, body.length - 1); i >= 0; i--) {
    if (body[i] !== quote) continue;
    if (quote === '"' && body[i - 1] === '\\') continue;
    if (quote === "'" && (body[i - 1] === "'" || body[i + 1] === "'")) {
      i--;
      continue;
    }
    return i;
  }
  return end;
}

/** The offset of the last `open` before `end` that no `close` after it matches. */
function unmatchedOpen(body: string, end: number, open: string, close: string): number {
  let depth = 0;
  for (let i = end - 1; i >= 0; i--) {
    if (body[i] === close) depth++;
    else if (body[i] === open && depth-- === 0) return i;
  }
  return end;
}

/** A yaml package error as an issue in plain words, placed where the editor should look. */
function explain(e: YAMLError, body: string): SyntaxIssue {
  const first = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  const at = e.pos[0];
  const issue = (text: string, offset = at): SyntaxIssue => ({ offset, code: e.code, text });
  if (e.code === 'TAB_AS_INDENT') return issue(message.tabIndent);
  const quote = /Missing closing (["'])quote/.exec(first);
  if (quote) return issue(message.unclosedQuote(quote[1]!), openingQuote(body, at - 1, quote[1]!));
  const flow = /must be sufficiently indented and end with a ([\]}])/.exec(first);
  if (flow) {
    const open = flow[1] === ']' ? '[' : '{';
    return issue(message.unclosedFlow(open, flow[1]!), unmatchedOpen(body, at, open, flow[1]!));
  }
  const stray = /Unexpected flow-(?:seq|map)-end token in YAML stream: "(.)"/.exec(first);
  if (stray) return issue(message.strayClose(stray[1]!));
  if (e.code === 'BLOCK_AS_IMPLICIT_KEY' && /Nested mappings/.test(first)) return issue(message.colonInText);
  if (e.code === 'BAD_SCALAR_START') {
    const ch = /character (\S)/.exec(first)?.[1] ?? body[at] ?? '';
    return issue(message.reservedStart(ch));
  }
  if (/Implicit map keys need to be followed by map values/.test(first)) {
    const word = /^[^\n:#]*/.exec(body.slice(at))![0].trim();
    return issue(message.keyWithoutValue(word));
  }
  if (e.code === 'MULTIPLE_DOCS') return issue(message.multipleDocuments);
  return issue(message.yamlSyntax(first));
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
  const place = (issue: SyntaxIssue, rule: string): Problem => {
    const { line, col } = lineCounter.linePos(issue.offset);
    return { file, line, column: col, path: formatPath(outline(body, line).path), message: issue.text, rule };
  };
  const duplicates = errors
    .filter((e) => e.code === 'DUPLICATE_KEY')
    .map((e) =>
      place(
        { offset: e.pos[0], code: e.code, text: message.duplicateKey(keyText(body, e.pos[0])) },
        'yaml/duplicate-key',
      ),
    );
  const rest = [...errors.filter((e) => e.code !== 'DUPLICATE_KEY').map((e) => explain(e, body)), ...aliases].sort(
    (a, b) => a.offset - b.offset,
  );
  const first = rest[0];
  if (!first) return duplicates;
  let problem = place(first, `yaml/${first.code.toLowerCase().replace(/_/g, '-')}`);
  const { misaligned } = outline(body, problem.line + 1);
  if (misaligned && misaligned.line <= problem.line + 1 && first.code !== 'TAB_AS_INDENT') {
    const path = misaligned.path.length ? misaligned.path : outline(body, misaligned.line).path;
    problem = { ...problem, ...misaligned, path: formatPath(path), message: misaligned.text, rule: 'yaml/indent' };
  }
  return [...duplicates.filter((d) => d.line < problem.line), problem];
}
