/**
 * Parses YAML and keeps the source positions, so a problem found later in validation can name the
 * line and column of the value it concerns.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { formatPath, type Path, type Problem } from '../problems.js';
import { message } from '../messages.js';

export interface SourceFile {
  file: string;
  value: unknown;
  /** Finds the line and column of the value at a data path, or of the nearest enclosing value. */
  locate(path: Path, at?: 'key' | 'value'): { line: number; column: number };
}

const BOM = '\uFEFF';

function nodeAt(doc: Document, path: Path, at: 'key' | 'value'): Node | null {
  let node: unknown = doc.contents;
  let found: Node | null = (doc.contents as Node | null) ?? null;
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

/** The data path of the deepest node whose source range holds `offset` (for syntax errors). */
function pathAtOffset(doc: Document, offset: number): Path {
  const path: (string | number)[] = [];
  let node: unknown = doc.contents;
  const holds = (n: unknown) => {
    const r = (n as Node | null)?.range;
    return !!r && offset >= r[0] && offset <= r[2];
  };
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && (holds(p.key) || holds(p.value)));
      if (!pair || !isScalar(pair.key)) break;
      path.push(String(pair.key.value));
      if (holds(pair.key)) break;
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex(holds);
      if (index < 0) break;
      path.push(index);
      node = node.items[index];
    } else break;
  }
  return path;
}

function yamlProblemMessage(code: string, text: string): string {
  if (code === 'DUPLICATE_KEY') {
    const key = /"([^"]*)"|key (\S+)/.exec(text);
    return message.duplicateKey(key?.[1] ?? key?.[2] ?? '');
  }
  if (code === 'TAB_AS_INDENT') return message.tabIndent;
  // The yaml package appends a source excerpt after the first line; the position already says where.
  return message.yamlSyntax(text.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''));
}

/** Parses YAML text; returns the value and a locator, or every syntax problem in the file. */
export function parseYaml(file: string, text: string): { source: SourceFile } | { problems: Problem[] } {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  const lineCounter = new LineCounter();
  const doc = parseDocument(body, { lineCounter, uniqueKeys: true, prettyErrors: true, strict: true });
  const problems: Problem[] = doc.errors.map((e) => {
    const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
    const key = e.code === 'DUPLICATE_KEY' ? keyText(body, e.pos[0]) : '';
    return {
      file,
      line: pos.line,
      column: pos.col,
      path: formatPath(pathAtOffset(doc, e.pos[0])),
      message: e.code === 'DUPLICATE_KEY' ? message.duplicateKey(key) : yamlProblemMessage(e.code, e.message),
      rule: `yaml/${e.code.toLowerCase().replace(/_/g, '-')}`,
    };
  });
  if (problems.length === 0 && (doc.contents === null || body.trim() === '')) {
    problems.push({ file, line: 1, column: 1, path: '(file)', message: message.emptyFile, rule: 'yaml/empty' });
  }
  if (problems.length > 0) return { problems };
  const value = doc.toJS({ maxAliasCount: 100 });
  const locate = (path: Path, at: 'key' | 'value' = 'value') => {
    const node = nodeAt(doc, path, at);
    const { line, col } = lineCounter.linePos(node?.range?.[0] ?? 0);
    return { line, column: col };
  };
  return { source: { file, value, locate } };
}

function keyText(text: string, offset: number): string {
  return /^[^:\n]*/
    .exec(text.slice(offset))![0]
    .trim()
    .replace(/^["']|["']$/g, '');
}
