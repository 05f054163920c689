/**
 * Parses YAML and keeps the source positions, so a problem found later in validation can name the
 * line and column of the value it concerns.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import type { Path, Problem } from '../problems.js';
import { Bounded } from '../bounded.js';
import { message } from '../messages.js';
import { syntaxProblems, type SyntaxIssue } from './yaml-syntax.js';
import { entriesOf, sectionsOf, type Entries, type Section } from './yaml-cut.js';

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

/** A section parsed on its own: its document, and whether it stands as its part of the whole file. */
interface ParsedSection {
  doc: Document;
  lineCounter: LineCounter;
  /**
   * No syntax problem, no alias to an anchor elsewhere, one entry at the top (a key, or an item of
   * a list) and no value that is an object (a tagged date or binary, which the yaml package hands
   * out as kept): the section reads in the file as it does alone, and its value can be made afresh
   * for each parse.
   */
  clean: boolean;
  /** What the parse counts for in the bound: its length, and PIECE_COST. */
  chars: number;
}

/**
 * Sections parsed before, by their text: a process that reads a file again after an edit (watch,
 * a build after a data correction) parses only the sections whose text changed — for a section
 * whose value is a block of entries, only the entries that changed. A parsed text holds some 20
 * bytes of memory a character and some 2 KB besides (its document), so each counts for its length
 * and PIECE_COST characters more; a million in all are kept, about 20 MB (the 19-page report
 * counts for about 53,000), the one used longest ago let go first.
 */
const PIECE_COST = 100;
const parsedSections = new Bounded<ParsedSection>(1_000_000, (p) => p.chars);

const PARSE_OPTIONS = { uniqueKeys: true, prettyErrors: true, strict: true } as const;

function parseSection(section: string): ParsedSection {
  const kept = parsedSections.get(section);
  if (kept) return kept;
  // A copy of its own, character for character: a slice would keep the whole file's text alive as
  // long as the section is kept.
  const text = JSON.parse(JSON.stringify(section)) as string;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, ...PARSE_OPTIONS });
  let objects = false;
  visit(doc, {
    Scalar(_key, node) {
      if (node.value !== null && typeof node.value === 'object') objects = true;
    },
  });
  const clean =
    doc.errors.length === 0 &&
    !objects &&
    (isMap(doc.contents) || isSeq(doc.contents)) &&
    doc.contents.items.length === 1 &&
    aliasIssues(doc).length === 0;
  const parsed = { doc, lineCounter, clean, chars: text.length + PIECE_COST };
  parsedSections.set(text, parsed);
  return parsed;
}

type Parsed = { source: SourceFile } | { problems: Problem[] };

/** Parses YAML text; returns the value and a locator, or every syntax problem in the file. */
export function parseYaml(file: string, text: string): Parsed {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  return parseBySection(file, body) ?? parseWhole(file, body);
}

/** A node's place in the file: its range, and whether it is an alias (whose text is elsewhere). */
interface Range {
  start: number;
  end: number;
  alias: boolean;
}

/** A text parsed alone, and where it stands in the file. */
type Piece = Section & ParsedSection;

/** A top-level section, read: its key, its value made afresh, and the places of its nodes. */
interface Read {
  /** The key as the value names it (a key written `null` is ''). */
  name: string;
  /** The key's text, as nodeAt matches a path's first key. */
  key: string;
  value: unknown;
  /** The section's mapping: from its key to the end of its value. */
  whole: Range;
  /** The node a path (its first key this section's) names, or null where the whole file's mapping stands for it. */
  rangeAt(path: Path, at: 'key' | 'value'): Range | null;
  pieces: Piece[];
}

/** The one entry of a clean piece's value, made afresh; null when it cannot be made. */
function entryOf(piece: Piece): [string, unknown] | null {
  let part: unknown;
  try {
    part = piece.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    return null;
  }
  if (Array.isArray(part)) return part.length === 1 ? ['0', part[0]] : null;
  const entries = Object.entries(part as Record<string, unknown>);
  return entries.length === 1 ? entries[0]! : null;
}

const rangeOf = (piece: Piece, node: Node): Range => {
  const [start, end] = node.range ?? [0, 0];
  return { start: piece.start + start, end: piece.start + end, alias: isAlias(node) };
};

/**
 * A key a value assembled from pieces cannot take: one it has (the whole file's parse reports the
 * key twice), or `__proto__`, which an assignment would read as the object's prototype.
 */
const taken = (into: Record<string, unknown>, name: string) => Object.hasOwn(into, name) || name === '__proto__';

const firstKey = (piece: Piece) => String((piece.doc.contents as YAMLMap<Scalar>).items[0]!.key.value);

function readSection(section: Section): Read | null {
  const cut = entriesOf(section);
  if (cut) {
    const read = readEntries(cut);
    // An entry with a syntax problem (or cut inside a value that runs on): the whole file's parse reads it.
    if (read === BROKEN) return null;
    if (read) return read;
  }
  const piece = { ...section, ...parseSection(section.text) };
  if (!piece.clean || !isMap(piece.doc.contents)) return null;
  const entry = entryOf(piece);
  if (!entry) return null;
  return {
    name: entry[0],
    key: firstKey(piece),
    value: entry[1],
    whole: rangeOf(piece, piece.doc.contents),
    rangeAt: (path, at) => {
      const node = nodeAt(piece.doc, path, at);
      return !node || node === piece.doc.contents ? null : rangeOf(piece, node);
    },
    pieces: [piece],
  };
}

const BROKEN = Symbol('an entry with a syntax problem');

/**
 * A section read entry by entry: its value assembled from each entry's, and each path looked up in
 * the entry it names. A path that names no entry, or ends where its entry's node is missing, is
 * placed on the block, as the whole file's parse places it.
 */
function readEntries({ kind, head: headText, entries: texts }: Entries): Read | typeof BROKEN | null {
  const head = { ...headText, ...parseSection(headText.text) };
  if (!head.clean || !isMap(head.doc.contents)) return null;
  const key = entryOf(head);
  if (!key || key[1] !== null) return null;
  const entries = texts.map((text) => ({ ...text, ...parseSection(text.text) }));
  const byKey = new Map<string, Piece>();
  const values: unknown[] = [];
  const mapping: Record<string, unknown> = {};
  for (const entry of entries) {
    if (entry.doc.errors.length > 0) return BROKEN;
    if (!entry.clean || (kind === 'map' ? !isMap(entry.doc.contents) : !isSeq(entry.doc.contents))) return null;
    const read = entryOf(entry);
    if (!read) return null;
    if (kind === 'seq') values.push(read[1]);
    else {
      if (taken(mapping, read[0])) return null;
      mapping[read[0]] = read[1];
      byKey.set(firstKey(entry), entry);
    }
  }
  const first = entries[0]!;
  const last = entries.at(-1)!;
  const block: Range = {
    start: first.start + first.doc.contents!.range![0],
    end: last.start + last.doc.contents!.range![1],
    alias: false,
  };
  return {
    name: key[0],
    key: firstKey(head),
    value: kind === 'seq' ? values : mapping,
    whole: { ...block, start: head.start + head.doc.contents.range![0] },
    rangeAt: (path, at) => {
      if (path.length === 1) {
        const node = at === 'key' ? nodeAt(head.doc, path, 'key') : null;
        return node ? rangeOf(head, node) : block;
      }
      const part = path[1];
      const entry = kind === 'map' ? byKey.get(String(part)) : typeof part === 'number' ? entries[part] : undefined;
      const node = entry && nodeAt(entry.doc, kind === 'map' ? path.slice(1) : [0, ...path.slice(2)], at);
      return !entry || !node || node === entry.doc.contents ? block : rangeOf(entry, node);
    },
    pieces: [head, ...entries],
  };
}

/**
 * The file parsed section by section, each kept for the next parse; null when it must be read
 * whole: a section with a problem, a key twice, an alias count over the bound. The whole file's
 * parse then finds and words each problem as it always does.
 */
function parseBySection(file: string, body: string): { source: SourceFile } | null {
  const cut = sectionsOf(body);
  if (!cut) return null;
  const value: Record<string, unknown> = {};
  // The sections by their key's text, as nodeAt matches a path's first key (a key written `null`
  // is '' in the value, 'null' here).
  const byKey = new Map<string, Read>();
  const reads: Read[] = [];
  for (const section of cut) {
    const read = readSection(section);
    if (!read) return null;
    if (taken(value, read.name)) return null;
    byKey.set(read.key, read);
    value[read.name] = read.value;
    reads.push(read);
  }
  const pieces = reads.flatMap((read) => read.pieces);
  // A path's node is found in the section its first key names. A path that names no section, or
  // ends where its section's node is missing, is placed as the whole file's parse places it: on the
  // whole mapping, from the first key to the end of the last value.
  const root = { start: reads[0]!.whole.start, end: reads.at(-1)!.whole.end, alias: false };
  const position = (offset: number) => {
    const piece = pieces.findLast((s) => s.start <= offset)!;
    const { line, col } = piece.lineCounter.linePos(offset - piece.start);
    return { line: line + piece.line - 1, column: col };
  };
  /** The node's range in the file, or null for the whole mapping. */
  const rangeAt = (path: Path, at: 'key' | 'value') => {
    const section = path.length > 0 ? byKey.get(String(path[0])) : undefined;
    return section?.rangeAt(path, at) ?? null;
  };
  const locate = (path: Path, at: 'key' | 'value' = 'value') => position((rangeAt(path, at) ?? root).start);
  const locateText = (path: Path, needle: string) => {
    const { start, end, alias = false } = rangeAt(path, 'value') ?? root;
    const found = alias ? -1 : body.slice(start, end).indexOf(needle);
    return position(found < 0 ? start : start + found);
  };
  return { source: { file, value, locate, locateText } };
}

/** The file parsed in one piece, as parseYaml does when it cannot be cut into sections. */
export function parseYamlWhole(file: string, text: string): Parsed {
  return parseWhole(file, text.startsWith(BOM) ? text.slice(1) : text);
}

function parseWhole(file: string, body: string): Parsed {
  const lineCounter = new LineCounter();
  const doc = parseDocument(body, { lineCounter, ...PARSE_OPTIONS });
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
