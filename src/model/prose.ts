/**
 * Prose from the data is parsed as a fragment of its own, one text at a time, and may use only the
 * constructs of the report format: paragraphs, lists (nested up to the budget), emphasis, strong,
 * strike-through, inline code, links, line breaks and footnote references. Anything else (a heading,
 * a block quote, a code block, a rule, a table) would bring structure of its own into the report,
 * so it is a problem, placed at its line in the text.
 */
import type { Token } from 'markdown-it';
import { createMarkdown } from './markdown.js';
import { message } from '../messages.js';

export const proseMarkdown = createMarkdown('prose');

/** Texts kept parsed before the memory starts afresh, so a resident process stays bounded. */
const MAX_PARSED = 20_000;
const parsed = { blocks: new Map<string, readonly Token[]>(), inline: new Map<string, readonly Token[]>() };

function memo(kind: keyof typeof parsed, text: string, parse: () => readonly Token[]): readonly Token[] {
  const memory = parsed[kind];
  let tokens = memory.get(text);
  if (!tokens) {
    tokens = parse();
    if (memory.size >= MAX_PARSED) memory.clear();
    memory.set(text, tokens);
  }
  return tokens;
}

/**
 * A prose text's tokens, parsed once per process: validation and the document model read the same
 * texts, and a resident process (watch, a batch worker) reads them again after an edit elsewhere.
 * The tokens depend on the text alone, and are shared: they are read, never changed.
 */
export const parseProse = (text: string): readonly Token[] => memo('blocks', text, () => proseMarkdown.parse(text, {}));

/** The inline tokens of a prose text (one paragraph's worth), parsed once per process as parseProse. */
export const parseProseInline = (text: string): readonly Token[] =>
  memo('inline', text, () => proseMarkdown.parseInline(text, {})[0]?.children ?? []);

const ALLOWED_BLOCKS = new Set([
  'paragraph_open',
  'paragraph_close',
  'inline',
  'bullet_list_open',
  'bullet_list_close',
  'ordered_list_open',
  'ordered_list_close',
  'list_item_open',
  'list_item_close',
]);

const TABLE_PARTS = /^(?:thead|tbody|tr|th|td)_open$/;

/** What each refused construct is called in a message. */
const REFUSED = new Map<string, string>([
  ['heading_open', 'a heading'],
  ['blockquote_open', 'a block quote'],
  ['fence', 'a fenced code block'],
  ['code_block', 'an indented code block (a line indented by four spaces or more)'],
  ['hr', 'a horizontal rule'],
  ['table_open', 'a table'],
  ['html_block', 'raw HTML'],
]);

/** Whether a block token may come from prose (validation reports the others). */
export function isProseBlock(type: string): boolean {
  return ALLOWED_BLOCKS.has(type);
}

export interface ProseIssue {
  /** 0-based line in the text. */
  line: number;
  /** The text of that line, trimmed, to find it in the data file. */
  near: string;
  message: string;
  rule: string;
}

function lineText(text: string, line: number): string {
  return (text.split('\n')[line] ?? '').trim().slice(0, 40);
}

/**
 * The problems of one prose text: too long (checked before parsing, so a huge text costs nothing),
 * then the first of each refused construct, and lists nested deeper than `listDepth`.
 */
export function proseIssues(text: string, limits: { proseChars: number; listDepth: number }): ProseIssue[] {
  if (text.length > limits.proseChars) {
    return [
      {
        line: 0,
        near: lineText(text, 0),
        message: message.proseTooLong(text.length, limits.proseChars),
        rule: 'budget/prose-chars',
      },
    ];
  }
  const issues: ProseIssue[] = [];
  const seen = new Set<string>();
  let depth = 0;
  let tooDeepLine = -1;
  for (const t of parseProse(text)) {
    if (t.type === 'bullet_list_open' || t.type === 'ordered_list_open') {
      depth++;
      if (depth === limits.listDepth + 1 && tooDeepLine < 0) tooDeepLine = t.map?.[0] ?? 0;
    } else if (t.type === 'bullet_list_close' || t.type === 'ordered_list_close') depth--;
    // A refused construct is named once, by its opening token; what is inside a table is the table.
    if (ALLOWED_BLOCKS.has(t.type) || seen.has(t.type) || t.nesting === -1 || TABLE_PARTS.test(t.type)) continue;
    seen.add(t.type);
    const line = t.map?.[0] ?? 0;
    const what = REFUSED.get(t.type) ?? `"${t.type}"`;
    const rule = t.type === 'heading_open' ? 'prose/heading' : 'prose/construct';
    const said = t.type === 'heading_open' ? message.headingInProse : message.proseConstruct(what);
    issues.push({ line, near: lineText(text, line), message: said, rule });
  }
  if (tooDeepLine >= 0) {
    issues.push({
      line: tooDeepLine,
      near: lineText(text, tooDeepLine),
      message: message.listTooDeep(limits.listDepth),
      rule: 'budget/list-depth',
    });
  }
  return issues;
}
