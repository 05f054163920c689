/**
 * Before layout: walks a pdfmake document definition in document order, creates its structure
 * elements, and stamps each text run, list item and chart with the element it belongs to.
 * pdfmake copies a run's own properties onto every word it measures and lays out, so the stamp
 * reaches the renderer; properties on a text node itself do not (its runs are flattened).
 *
 * Roles come from what the definition already says (heading styles, lists, links, page
 * references in the contents, charts) and from a hint on the two tables whose structure is not
 * their drawing: the data table, and the summary grid, which is read question by question.
 */
import { FOOTNOTE_MARK } from '../inlines.js';
import { type LinkTarget, type Role, StructElement, TagTree } from './tree.js';

/** The run, vector or chart property that carries its structure element to the renderer. */
export const TAG = 'structElement';
/** On a list item: the Lbl element its marker (bullet or number) belongs to. */
export const LABEL = 'structLabel';
/** A hint on a table node: `data` (header row and row headers) or `grid` (read column by column). */
export const TABLE_ROLE = 'tableRole';
/** The hint, to spread into a table node: `{ ...tableRole('data'), table: … }`. */
export const tableRole = (role: 'data' | 'grid'): object => ({ [TABLE_ROLE]: role });
/** On a run or vector of a running header or footer: an artifact of type Pagination. */
export const PAGINATION = 'pagination';
/** A hint on the footer content of one footnote: the footnote's id. */
export const NOTE = 'footnoteId';
/** The hint, to spread into the footer content of one footnote. */
export const footnoteContent = (id: string): object => ({ [NOTE]: id });

type Node = Record<string, unknown>;

interface Context {
  parent: StructElement;
  /** Text sits directly in the parent (a table cell, a contents entry) rather than in a P of its own. */
  direct: boolean;
  /** The text alternative of a chart being walked. */
  alt?: string;
  /**
   * The link being continued across the runs of one element, shared by reference so a contents
   * entry's title and page number make one link.
   */
  link: { current?: { key: string; element: StructElement } };
}

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

const HEADINGS: Record<string, Role> = { h1: 'H1', h2: 'H2', h3: 'H3' };

export class Stamper {
  constructor(
    readonly tree: TagTree,
    /** Anchor id of each figure → its text alternative. */
    private readonly alts: ReadonlyMap<string, string>,
  ) {}

  /** Stamps the content of a definition, as children of the document element. */
  content(content: unknown[]): void {
    this.children(content, { parent: this.tree.root, direct: false, link: {} });
  }

  /**
   * Stamps a running header or footer: its footnotes are Notes; everything else is page
   * furniture, an artifact of type Pagination.
   */
  furniture(content: unknown): unknown {
    if (typeof content === 'string') return this.furniture({ text: content });
    if (Array.isArray(content)) {
      content.forEach((child, i) => {
        content[i] = this.furniture(child);
      });
      return content;
    }
    if (!isNode(content)) return content;
    const id = content[NOTE];
    const note = typeof id === 'string' ? this.tree.notes.get(id) : undefined;
    if (note) return this.node(content, { parent: note, direct: true, link: {} });
    if ('text' in content) {
      const runs = flatten(content.text);
      content.text = runs;
      for (const run of runs) run[PAGINATION] = true;
      if (content.pageReference !== undefined) content[PAGINATION] = true;
    }
    if (Array.isArray(content.canvas)) for (const v of content.canvas) if (isNode(v)) v[PAGINATION] = true;
    for (const key of ['stack', 'columns']) if (Array.isArray(content[key])) this.furniture(content[key]);
    return content;
  }

  private children(list: unknown[], ctx: Context): void {
    list.forEach((child, i) => {
      list[i] = this.node(child, ctx);
    });
  }

  /** Stamps one node; returns it, or the object that replaces a bare string. */
  private node(value: unknown, ctx: Context): unknown {
    if (typeof value === 'string') return this.node({ text: value }, ctx);
    if (Array.isArray(value)) {
      this.children(value, { ...ctx, direct: false });
      return value;
    }
    if (!isNode(value)) return value;
    const id = typeof value.id === 'string' ? value.id : undefined;
    const alt = (id !== undefined ? this.alts.get(id) : undefined) ?? ctx.alt;
    const here = { ...ctx, alt };
    if ('text' in value) this.text(value, here);
    else if (Array.isArray(value.ul) || Array.isArray(value.ol)) this.list(value, here);
    else if (isNode(value.table)) this.table(value, value.table, here);
    else if (Array.isArray(value.columns)) this.columns(value.columns, here);
    else if (Array.isArray(value.stack)) this.children(value.stack, { ...here, direct: false });
    else if (value.svg !== undefined) {
      value[TAG] = this.tree.add(ctx.parent, 'Figure', { alt: alt ?? '' });
    }
    return value;
  }

  private text(node: Node, ctx: Context): void {
    const style = typeof node.style === 'string' ? node.style : '';
    const heading = HEADINGS[style];
    const element = heading || !ctx.direct ? this.tree.add(ctx.parent, heading ?? 'P') : ctx.parent;
    const local: Context = ctx.direct ? ctx : { parent: element, direct: true, link: {} };
    const linked = linkTarget(node);
    if (node.pageReference !== undefined || node.textReference !== undefined) {
      // pdfmake replaces the text of a page reference while laying out: the node carries the tag.
      node[TAG] = this.runElement({}, element, local, linked);
      return;
    }
    const runs = flatten(node.text);
    node.text = runs;
    for (const run of runs) run[TAG] = this.runElement(run, element, local, linked);
    // A word broken anywhere to fit (a code, an address in a table cell) is drawn in pieces on
    // several lines; the element's ActualText gives it back whole.
    if (runs.some((run) => run.wordBreak === 'break-all')) {
      element.options.actualText = runs.map((run) => (typeof run.text === 'string' ? run.text : '')).join('');
    }
  }

  private runElement(run: Node, element: StructElement, ctx: Context, linked: LinkTarget | null): StructElement {
    const footnote = run[FOOTNOTE_MARK];
    if (typeof footnote === 'string') {
      ctx.link.current = undefined;
      const reference = this.tree.inline(element, 'Link', { link: { note: footnote } });
      this.tree.note(element, reference, footnote);
      return reference;
    }
    const target = linkTarget(run) ?? linked;
    if (!target) {
      ctx.link.current = undefined;
      return element;
    }
    const key = JSON.stringify(target);
    if (ctx.link.current?.key !== key) {
      ctx.link.current = { key, element: this.tree.inline(element, 'Link', { link: target }) };
    }
    return ctx.link.current.element;
  }

  private list(node: Node, ctx: Context): void {
    const ordered = Array.isArray(node.ol);
    const items = (ordered ? node.ol : node.ul) as unknown[];
    const list = this.tree.add(ctx.parent, 'L');
    items.forEach((raw, i) => {
      const item = (typeof raw === 'string' ? { text: raw } : raw) as Node;
      items[i] = item;
      const li = this.tree.add(list, 'LI');
      // A nested list as an item draws no marker of its own.
      if (!Array.isArray(item.ul) && !Array.isArray(item.ol)) {
        item[LABEL] = this.tree.add(li, 'Lbl', ordered ? {} : { actualText: '•' });
      }
      this.node(item, { parent: this.tree.add(li, 'LBody'), direct: false, alt: ctx.alt, link: {} });
    });
  }

  private table(node: Node, table: Node, ctx: Context): void {
    const body = Array.isArray(table.body) ? (table.body as unknown[][]) : [];
    const headerRows = typeof table.headerRows === 'number' ? table.headerRows : 0;
    const cell = (r: number, c: number, parent: StructElement, direct: boolean) => {
      const row = body[r]!;
      row[c] = this.node(row[c], { parent, direct, alt: ctx.alt, link: {} });
    };
    const hint = node[TABLE_ROLE];
    if (hint === 'data') {
      const element = this.tree.add(ctx.parent, 'Table');
      const head = headerRows > 0 ? this.tree.add(element, 'THead', { repeats: true }) : null;
      const rows = this.tree.add(element, 'TBody');
      body.forEach((cells, r) => {
        const tr = this.tree.add(r < headerRows ? head! : rows, 'TR');
        cells.forEach((_, c) => {
          const [role, scope] = r < headerRows ? ['TH', 'Column'] : c === 0 ? ['TH', 'Row'] : ['TD', undefined];
          const options = scope ? { scope: scope as 'Row' | 'Column' } : {};
          cell(r, c, this.tree.add(tr, role as Role, options), true);
        });
      });
    } else if (hint === 'grid') {
      // One group per column, its cells top to bottom: title, judgment, summary.
      const columns = Math.max(0, ...body.map((cells) => cells.length));
      for (let c = 0; c < columns; c++) {
        const group = this.tree.add(ctx.parent, 'Div');
        body.forEach((cells, r) => {
          if (c >= cells.length) return;
          cell(r, c, r < headerRows ? this.tree.add(group, 'Div', { repeats: true }) : group, false);
        });
      }
    } else {
      // A table used for layout (a box, a badge): its cells are read in order, as plain blocks.
      body.forEach((cells, r) => cells.forEach((_, c) => cell(r, c, ctx.parent, false)));
    }
  }

  private columns(columns: unknown[], ctx: Context): void {
    if (!columns.some((c) => isNode(c) && c.pageReference !== undefined)) {
      this.children(columns, ctx);
      return;
    }
    // A contents entry: title and page number, both leading to the chapter.
    const last = ctx.parent.kids.at(-1);
    const toc = last instanceof StructElement && last.role === 'TOC' ? last : this.tree.add(ctx.parent, 'TOC');
    const entry: Context = { parent: this.tree.add(toc, 'TOCI'), direct: true, alt: ctx.alt, link: {} };
    columns.forEach((column, i) => {
      columns[i] = this.node(column, entry);
    });
  }
}

/** Where a run or text node links to; a page reference links to the page it names. */
function linkTarget(run: Node): LinkTarget | null {
  const dest = run.linkToDestination ?? run.pageReference;
  if (typeof dest === 'string') return { dest };
  if (typeof run.link === 'string') return { uri: run.link };
  return null;
}

/**
 * A node's text as a flat list of run objects, the way pdfmake flattens it: nested arrays are
 * spliced in and a nested node's own properties are dropped (pdfmake's issue #1174).
 */
function flatten(text: unknown): Node[] {
  if (Array.isArray(text))
    return text.flatMap((part) => (isNode(part) && Array.isArray(part.text) ? flatten(part.text) : flatten1(part)));
  return flatten1(text);
}

function flatten1(part: unknown): Node[] {
  if (isNode(part)) return [part];
  return [{ text: typeof part === 'string' ? part : typeof part === 'number' ? String(part) : '' }];
}
