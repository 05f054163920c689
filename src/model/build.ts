/**
 * Parse: turns the Markdown that the templates wrote into the document model. Headings nest into
 * sections, `::components` are resolved against the report data, and footnotes are numbered in
 * the order they are first cited.
 *
 * Prose from the data never enters the templates' Markdown. A template places it with a line
 * `::prose{n="3"}` (written by the `block`, `prose` and `item` helpers), and the text itself,
 * fragment 3, is parsed here on its own with the prose parser: its blocks land where the line was,
 * and nothing in it (a code fence, a heading, a component line, a deep list) can reach the
 * template's structure around it or another fragment.
 */
import type { Token } from 'markdown-it';
import { createMarkdown } from './markdown.js';
import { isProseBlock, parseProse, parseProseInline } from './prose.js';
import type { Block, Footnote, Inline, Mark, Section } from './types.js';
import { mergeText, plainText, slug } from './text.js';
import { message } from '../messages.js';

const md = createMarkdown('template');

/** The component name of a prose placeholder line: `::prose{n="3"}`. */
export const FRAGMENT = 'prose';

/**
 * A piece of prose that a template placed: a text of blocks, or a paragraph made of prose texts and
 * sentences the statement templates wrote (`prose: false`, trusted Markdown), joined by spaces.
 */
export type Fragment =
  | { kind: 'blocks'; text: string }
  | { kind: 'paragraph'; parts: readonly { text: string; prose: boolean }[] };

export function fragmentLine(n: number): string {
  return `::${FRAGMENT}{n="${n}"}`;
}

/** Thrown for a component line a template got wrong; `line` is its line in the generated Markdown. */
export class ComponentError extends Error {
  line = 0;
}

/** Resolves a component line (`::name{attrs}`) into blocks; throws a ComponentError for a wrong one. */
export type ComponentResolver = (name: string, attrs: Readonly<Record<string, string>>, parse: ParseBlocks) => Block[];
export type ParseBlocks = (markdown: string) => Block[];

export interface BuildOptions {
  resolveComponent: ComponentResolver;
  /** Footnote texts by label, Markdown. */
  footnotes: ReadonlyMap<string, string>;
  /** The prose the templates placed, by number. */
  fragments: readonly Fragment[];
}

interface Cursor {
  tokens: readonly Token[];
  i: number;
}

class Builder {
  private readonly footnoteNumbers = new Map<string, number>();
  private readonly citations = new Map<string, number>();
  readonly footnotes: Footnote[] = [];

  constructor(private readonly options: BuildOptions) {}

  private readonly ids = new Set<string>();

  /** Anchors must be unique in a document: a repeated one gets a number (`summary-2`). */
  private uniqueId(id: string): string {
    let unique = id;
    for (let n = 2; this.ids.has(unique); n++) unique = `${id}-${n}`;
    this.ids.add(unique);
    return unique;
  }

  parseBlocks = (markdown: string): Block[] => this.blocks({ tokens: md.parse(markdown, {}), i: 0 }, null);

  /** One prose text on its own. Validation refused what it may not hold; this holds the line if it did not. */
  proseBlocks = (text: string): Block[] => {
    const tokens = parseProse(text);
    const refused = tokens.find((t) => !isProseBlock(t.type));
    if (refused) throw new Error(`prose with a "${refused.type}" reached the document model`);
    return this.blocks({ tokens, i: 0 }, null);
  };

  private readonly placed = new Set<number>();

  private fragment(n: string | undefined): Block[] {
    const index = Number(n);
    const fragment = this.options.fragments[index];
    if (!fragment || this.placed.has(index)) throw new ComponentError(message.badFragment(String(n)));
    this.placed.add(index);
    if (fragment.kind === 'blocks') return this.proseBlocks(fragment.text);
    const content = fragment.parts.flatMap(({ text, prose }, i): Inline[] => {
      const inline = this.inlines(prose ? parseProseInline(text.trim()) : (md.parseInline(text.trim(), {})[0]?.children ?? []));
      return i ? [{ type: 'text', text: ' ', marks: [] }, ...inline] : inline;
    });
    return [{ type: 'paragraph', content: mergeText(content) }];
  }

  /** Every fragment must have been placed: one that was not would be prose silently left out. */
  checkAllPlaced(): void {
    const lost = this.options.fragments.findIndex((_, i) => !this.placed.has(i));
    if (lost >= 0) throw new ComponentError(message.lostFragment);
  }

  private inlines(children: readonly Token[]): Inline[] {
    const out: Inline[] = [];
    const marks: Mark[] = [];
    const stack: { href: string; children: Inline[] }[] = [];
    const push = (node: Inline) => (stack.at(-1)?.children ?? out).push(node);
    const toggle = (mark: Mark, on: boolean) => {
      if (on) marks.push(mark);
      else marks.splice(marks.lastIndexOf(mark), 1);
    };
    for (const t of children) {
      switch (t.type) {
        case 'text':
          if (t.content) push({ type: 'text', text: t.content, marks: [...marks] });
          break;
        case 'softbreak':
          push({ type: 'text', text: ' ', marks: [...marks] });
          break;
        case 'hardbreak':
          push({ type: 'break' });
          break;
        case 'code_inline':
          push({ type: 'text', text: t.content, marks: [...marks, 'code'] });
          break;
        case 'strong_open':
        case 'strong_close':
          toggle('strong', t.type === 'strong_open');
          break;
        case 'em_open':
        case 'em_close':
          toggle('em', t.type === 'em_open');
          break;
        case 's_open':
        case 's_close':
          toggle('strike', t.type === 's_open');
          break;
        case 'link_open':
          stack.push({ href: String(t.attrGet('href') ?? ''), children: [] });
          break;
        case 'link_close': {
          const link = stack.pop()!;
          push({ type: 'link', href: link.href, children: link.children });
          break;
        }
        case 'image':
          // Images are not part of the report format; their text alternative stands in.
          push({ type: 'text', text: t.content, marks: [...marks] });
          break;
        case 'footnote_ref':
          push(this.footnoteRef(String((t.meta as { label: string }).label)));
          break;
        default:
          if (t.content) push({ type: 'text', text: t.content, marks: [...marks] });
      }
    }
    return mergeText(out);
  }

  private footnoteRef(label: string): Inline {
    let number = this.footnoteNumbers.get(label);
    if (number === undefined) {
      const text = this.options.footnotes.get(label);
      if (text === undefined) return { type: 'text', text: `[^${label}]`, marks: [] };
      number = this.footnotes.length + 1;
      this.footnoteNumbers.set(label, number);
      const inline = parseProseInline(text);
      this.footnotes.push({ id: label, number, content: this.inlines(inline) });
    }
    const citation = (this.citations.get(label) ?? 0) + 1;
    this.citations.set(label, citation);
    return { type: 'footnoteRef', id: label, number, citation };
  }

  /** Reads blocks until the closing token `until` (or the end), nesting headings into sections. */
  private blocks(c: Cursor, until: string | null): Block[] {
    const flat: (Block | { heading: Section })[] = [];
    while (c.i < c.tokens.length) {
      const t = c.tokens[c.i]!;
      if (until && t.type === until) {
        c.i++;
        break;
      }
      flat.push(...this.block(c));
    }
    return nest(flat);
  }

  private block(c: Cursor): (Block | { heading: Section })[] {
    const t = c.tokens[c.i++]!;
    switch (t.type) {
      case 'heading_open': {
        const inline = c.tokens[c.i++]!;
        c.i++; // heading_close
        const level = Math.min(3, Number(t.tag.slice(1))) as 1 | 2 | 3;
        const title = this.inlines(inline.children ?? []);
        const id = this.uniqueId(String(t.attrGet('id') ?? slug(plainText(title))));
        return [{ heading: { type: 'section', id, level, title, children: [] } }];
      }
      case 'paragraph_open': {
        const inline = c.tokens[c.i++]!;
        c.i++; // paragraph_close
        return [{ type: 'paragraph', content: this.inlines(inline.children ?? []) }];
      }
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const items: Block[][] = [];
        while (c.tokens[c.i]!.type === 'list_item_open') {
          c.i++;
          items.push(this.blocks(c, 'list_item_close'));
        }
        c.i++; // list close
        return [
          { type: 'list', ordered: t.type === 'ordered_list_open', start: Number(t.attrGet('start') ?? 1), items },
        ];
      }
      case 'blockquote_open':
        return this.blocks(c, 'blockquote_close');
      case 'fence':
      case 'code_block':
        return [
          { type: 'paragraph', content: [{ type: 'text', text: t.content.replace(/\n$/, ''), marks: ['code'] }] },
        ];
      case 'directive':
        try {
          const attrs = t.meta as Record<string, string>;
          if (t.info === FRAGMENT) return this.fragment(attrs.n);
          return this.options.resolveComponent(t.info, attrs, this.proseBlocks);
        } catch (error) {
          if (error instanceof ComponentError && !error.line) error.line = (t.map?.[0] ?? 0) + 1;
          throw error;
        }
      case 'inline':
        return [{ type: 'paragraph', content: this.inlines(t.children ?? []) }];
      default:
        // hr, tables written in Markdown and other constructs are not part of the report format.
        return [];
    }
  }
}

/** Headings open sections that hold everything up to the next heading of the same or a higher level. */
function nest(flat: readonly (Block | { heading: Section })[]): Block[] {
  const root: Block[] = [];
  const open: { level: number; children: Block[] }[] = [];
  const target = () => open.at(-1)?.children ?? root;
  for (const item of flat) {
    if ('heading' in item) {
      while (open.length && open.at(-1)!.level >= item.heading.level) open.pop();
      const children: Block[] = [];
      target().push({ ...item.heading, children });
      open.push({ level: item.heading.level, children });
    } else target().push(item);
  }
  return root;
}

export function buildBlocks(markdown: string, options: BuildOptions): { blocks: Block[]; footnotes: Footnote[] } {
  const builder = new Builder(options);
  const blocks = builder.parseBlocks(markdown);
  builder.checkAllPlaced();
  return { blocks, footnotes: builder.footnotes };
}
