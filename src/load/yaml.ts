/**
 * Parses YAML and keeps the source positions, so a problem found later in validation can name the
 * line and column of the value it concerns.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { Path, Problem } from '../problems.js';
import { message } from '../messages.js';
import { syntaxProblems, type SyntaxIssue } from './yaml-syntax.js';

export interface SourceFile {
  file: string;
  value: unknown;
  /** Finds the line and column of the value at a data path, or of the nearest enclosing value. */
  locate(path: Path, at?: 'key' | 'value'): { line: number; column: number };
  /**
   * Finds `needle` in the source of the value at a data path (a footnote mark, a character),
   * falling back to the value's start when it is not written literally there.
   */
  locateText(path: Path, needle: string): { line: number; column: number };
}

const BOM = '\uFEFF';
/** Aliases may repeat a value, but not multiply it into millions (the "billion laughs"). */
const MAX_ALIAS_COUNT = 100;

function nodeAt(doc: Document, path: Path, at: 'key' | 'value'): Node | null {
  let node: unknown = doc.contents;
  let found: Node | null = doc.contents ?? null;
  for (let i = 0; i < path.length; i++) {
    const part = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(part));
      if (!pair) return found;
      if (last && at === 'key' && pair.key) return pair.key as Node;
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      node = node.items[part];
    } else {
      return found;
    }
    if (node && typeof node === 'object' && 'range' in node) found = node as Node;
    else return found;
  }
  return found;
}

/** An alias whose anchor does not exist: usually Markdown such as `*bold* text` that YAML read as `*alias`. */
function aliasIssues(doc: Document): SyntaxIssue[] {
  const issues: SyntaxIssue[] = [];
  visit(doc, {
    Alias(_key, node) {
      if (!node.resolve(doc)) {
        issues.push({ offset: node.range?.[0] ?? 0, code: 'BAD_ALIAS', text: message.unknownAlias(node.source) });
      }
    },
  });
  return issues;
}

/** Parses YAML text; returns the value and a locator, or every syntax problem in the file. */
export function parseYaml(file: string, text: string): { source: SourceFile } | { problems: Problem[] } {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  const lineCounter = new LineCounter();
  const doc = parseDocument(body, { lineCounter, uniqueKeys: true, prettyErrors: true, strict: true });
  const problems = syntaxProblems(file, body, doc.errors, aliasIssues(doc), lineCounter);
  if (problems.length === 0 && (doc.contents === null || body.trim() === '')) {
    problems.push({ file, line: 1, column: 1, path: '(file)', message: message.emptyFile, rule: 'yaml/empty' });
  }
  if (problems.length > 0) return { problems };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // Once every alias resolves, the yaml package throws a ReferenceError only for too many of them.
    const place = { file, line: 1, column: 1, path: '(file)' };
    if (error instanceof ReferenceError)
      return { problems: [{ ...place, rule: 'yaml/alias-count', message: message.tooManyAliases(MAX_ALIAS_COUNT) }] };
    const reason = error instanceof Error ? error.message : JSON.stringify(error);
    return { problems: [{ ...place, rule: 'yaml/value', message: message.yamlValue(reason) }] };
  }
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const locate = (path: Path, at: 'key' | 'value' = 'value') => position(nodeAt(doc, path, at)?.range?.[0] ?? 0);
  const locateText = (path: Path, needle: string) => {
    const node = nodeAt(doc, path, 'value');
    const [start, end] = node?.range ?? [0, 0];
    const found = isAlias(node) ? -1 : body.slice(start, end).indexOf(needle);
    return position(found < 0 ? start : start + found);
  };
  return { source: { file, value, locate, locateText } };
}
