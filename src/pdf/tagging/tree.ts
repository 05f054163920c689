/**
 * The structure tree of one PDF, built in two steps. Before layout, the definition is walked in
 * document order and every structure element is created here (see stamp.ts); after layout, the
 * renderer records each piece of marked content on the element it belongs to (see renderer.ts).
 * So the tree reads in model order whatever order pdfmake draws things in: the summary grid is
 * drawn row by row but read question by question.
 */

export type Role =
  | 'Document'
  | 'Div'
  | 'H1'
  | 'H2'
  | 'H3'
  | 'P'
  | 'L'
  | 'LI'
  | 'Lbl'
  | 'LBody'
  | 'Table'
  | 'THead'
  | 'TBody'
  | 'TR'
  | 'TH'
  | 'TD'
  | 'TOC'
  | 'TOCI'
  | 'Link'
  | 'Note'
  | 'Figure';

/** Where a link leads: a named destination, an address, or a footnote of this document. */
export type LinkTarget = { dest: string } | { uri: string } | { note: string };

export interface ElementOptions {
  /** The element's /ID: PDF/UA requires one on every Note. */
  id?: string;
  alt?: string;
  actualText?: string;
  scope?: 'Row' | 'Column';
  link?: LinkTarget;
  /** Content drawn again on later pages (a table's header rows): only its first page is tagged. */
  repeats?: boolean;
}

/** A piece of marked content: page index (0-based) and its marked-content id on that page. */
export interface Piece {
  page: number;
  mcid: number;
}

/** A link annotation owned by a Link element (an OBJR in its kids). */
export interface AnnotationKid {
  page: number;
  annotation: unknown;
  structParent: number;
}

export type Kid = StructElement | Piece | AnnotationKid;

/**
 * How an element joins its parent: `static` when created (block structure, in document order);
 * `inline` when its first content is drawn (a link within a paragraph, in reading order);
 * `follows` right after the link that leads to it (a footnote after its reference).
 */
type Placement = 'static' | 'inline' | 'follows';

export class StructElement {
  readonly kids: Kid[] = [];
  attached: boolean;
  /** The element attached right after this one (a footnote after its first reference). */
  follower: StructElement | null = null;
  /** Where the element's first content was drawn: a footnote reference's destination. */
  position: { page: number; x: number; y: number } | null = null;
  /** A figure's box on its page, in pdfmake's top-left coordinates. */
  box: { page: number; x: number; y: number; w: number; h: number } | null = null;
  /** A link's text, for the annotation's /Contents. */
  text = '';

  constructor(
    readonly role: Role,
    readonly parent: StructElement | null,
    readonly options: ElementOptions,
    readonly placement: Placement,
  ) {
    this.attached = placement === 'static';
    if (placement === 'static') parent?.kids.push(this);
  }

  /** Joins the parent in reading order, then brings along whatever follows it. */
  attach(): void {
    if (this.attached) return;
    this.attached = true;
    if (this.parent?.placement === 'inline') this.parent.attach();
    this.parent?.kids.push(this);
    this.follower?.attach();
  }

  get firstPage(): number | null {
    for (const kid of this.kids) if (isPiece(kid)) return kid.page;
    return null;
  }

  /** Whether anything of this element or its descendants was drawn. */
  get drawn(): boolean {
    return this.kids.some((kid) => !(kid instanceof StructElement) || (kid.attached && kid.drawn));
  }
}

export const isPiece = (kid: Kid): kid is Piece => !(kid instanceof StructElement) && 'mcid' in kid;

export class TagTree {
  readonly root = new StructElement('Document', null, {}, 'static');
  /** Footnote id → its Note element, created at its first reference. */
  readonly notes = new Map<string, StructElement>();

  add(parent: StructElement, role: Role, options: ElementOptions = {}): StructElement {
    return new StructElement(role, parent, { ...inherited(parent), ...options }, 'static');
  }

  inline(parent: StructElement, role: Role, options: ElementOptions = {}): StructElement {
    return new StructElement(role, parent, { ...inherited(parent), ...options }, 'inline');
  }

  /** The Note of a footnote, placed after the first reference that is drawn. */
  note(parent: StructElement, reference: StructElement, id: string): StructElement {
    let note = this.notes.get(id);
    if (!note) {
      note = new StructElement('Note', parent, { id: `footnote-${id}` }, 'follows');
      this.notes.set(id, note);
    }
    if (!note.attached && !reference.follower) reference.follower = note;
    return note;
  }

  /**
   * Whether content drawn on `page` belongs to the element. A repeated table header belongs only
   * where it is first drawn; drawn again on a later page it is an artifact.
   */
  claims(element: StructElement, page: number): boolean {
    if (!element.options.repeats) return true;
    const first = element.firstPage;
    return first === null || first === page;
  }

  record(element: StructElement, piece: Piece): void {
    element.kids.push(piece);
    if (element.placement === 'inline') element.attach();
  }
}

/** What a child takes from its parent: only the "drawn again" flag of a repeated header row. */
const inherited = (parent: StructElement): ElementOptions => (parent.options.repeats ? { repeats: true } : {});
