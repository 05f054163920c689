/**
 * One layout pass per document. pdfmake's own `pageBreakBefore` re-runs preprocess, measure and
 * layout of the whole document for every heading it moves (pdfmake consumes measured text while
 * laying out), so cost grew with the square of the length. Here the page flow is decided while
 * laying out, in the two places a rule about pages belongs:
 *
 *   1. keep-with-next — `PageFlow.keepWithNext`, asked once per heading of the document's top
 *      level (and per block marked KEEP_WITH_NEXT, such as a long table's caption), as soon as the
 *      block after it has been placed. A heading that must move is rolled back to where it started
 *      (with what followed it) and laid out again on a new page: a bounded, local correction, never
 *      a new pass. A heading kept with a block that must itself move (a heading, then a caption
 *      kept with its table) moves with it.
 *   2. footnote reserves — `PageFlow.reserve` shortens a page as it is started, and
 *      `PageFlow.pagesLaidOut` / `PageFlow.settled` read the finished pages before footers are drawn.
 *      Another pass runs only when a reserve proved short (see footnotes.ts).
 *
 * pdfmake has no public hooks for either, so four of its internals are wrapped, and pdfmake is
 * pinned to an exact version: LayoutBuilder.layoutDocument (the pass loop),
 * LayoutBuilder.processVerticalContainer (the top-level flow), DocumentContext.initializePage (page
 * reserves) and LayoutBuilder.addHeadersAndFooters (reading the pages). All of them act only on
 * documents whose pageMargins carry a PageFlow (`withFlow`).
 */
import type { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import {
  pdfmakeInternals,
  wrapMethod,
  type DocumentContext,
  type LayoutBuilder as InternalLayoutBuilder,
} from './pdfmake-internals.js';

const require = createRequire(import.meta.url);

/** A node property: the block is kept with the next, as a heading is. */
export const KEEP_WITH_NEXT = 'keepWithNext';
const FLOW = Symbol('page flow');
const ROOT = Symbol('document root');

/** Where a laid-out node starts, as pdfmake records it. */
export interface Position {
  pageNumber: number;
  pageInnerHeight: number;
  verticalRatio: number;
}

/** A top-level node after layout: what a flow rule may look at. */
export interface PlacedNode {
  headlineLevel?: number;
  /** Where each line, vector or image of the node was placed. */
  positions: Position[];
}

/** A laid-out page, as pdfmake hands it to the renderer. */
export interface LaidOutPage {
  items: { type: string; item: { inlines?: Record<string | symbol, unknown>[] } }[];
}

/** The decisions about pages that one document's layout asks for. */
export interface PageFlow {
  /** A layout pass begins; `pass` counts from 1. */
  beginPass(pass: number): void;
  /** Whether `heading`, placed, must start a new page given the block placed after it (null: none). */
  keepWithNext(heading: PlacedNode, next: PlacedNode | null): boolean;
  /** Points held back at the foot of a page (0-based) for what the footer draws there. */
  reserve(page: number): number;
  /**
   * A line was placed in the top-level flow of `page` (0-based), `room` points left below it:
   * returns how many more points to hold back at the page's foot from here on.
   */
  placedLine(page: number, inlines: readonly Record<string, unknown>[], room: number): number;
  /** Saves the flow's own state; the function returned restores it when layout is rolled back. */
  snapshot(): () => void;
  /** The content pages are complete; the footers are drawn next. */
  pagesLaidOut(pages: readonly LaidOutPage[]): void;
  /** After a pass: true when it stands, false when another pass is needed. Throws to give up. */
  settled(pass: number): boolean;
}

/** What the latest layout of a document cost: for tests that check cost stays linear. */
export interface LayoutWork {
  /** Whole-document layout passes (more than one only when footnote reserves proved short). */
  passes: number;
  /** Top-level blocks in the document. */
  blocks: number;
  /** Top-level blocks laid out, over all passes: rolled-back blocks count again. */
  blocksLaidOut: number;
  /** Headings moved to a new page to keep them with what follows (in the last pass). */
  headingsMoved: number;
}

let work: LayoutWork = { passes: 0, blocks: 0, blocksLaidOut: 0, headingsMoved: 0 };

export const lastLayoutWork = (): Readonly<LayoutWork> => ({ ...work });

/** pageMargins that carry a PageFlow to the wrapped internals. */
export function withFlow(margins: number[], flow: PageFlow): Record<string | symbol, unknown> {
  const [left, top, right, bottom] = margins as [number, number, number, number];
  installPatches();
  return { left, top, right, bottom, [FLOW]: flow };
}

/* ---- pdfmake internals (0.3.11) ---- */

interface Node extends PlacedNode {
  stack?: Node[];
  text?: unknown;
  listMarker?: unknown;
  pageBreak?: string;
  [KEEP_WITH_NEXT]?: boolean;
  resetXY?: () => void;
  [ROOT]?: true;
}
interface Line {
  inlines: Record<string, unknown>[];
  getHeight(): number;
}
interface Page extends LaidOutPage {
  items: LaidOutPage['items'];
}
interface Context {
  pages: Page[];
  page: number;
  backgroundLength: number[];
  snapshots: unknown[];
  [key: string]: unknown;
}
interface Builder {
  pageMargins?: { [FLOW]?: PageFlow };
  writer: { context(): Context; [key: string]: unknown };
  linearNodeList: Node[];
  docPreprocessor: { preprocessDocument(node: unknown): Node };
  docMeasure: { measureNode(node: Node): Node };
  svgMeasure: unknown;
  tableLayouts: unknown;
  processNode(node: Node): void;
  tryLayoutDocument(...args: unknown[]): { pages: Page[]; linearNodeList: Node[] };
}

/** The two LayoutBuilder methods replaced here (not among pdfmake-internals.ts's fingerprinted ones). */
interface LayoutMethods {
  layoutDocument: (this: Builder, ...args: unknown[]) => unknown;
  processVerticalContainer: (this: Builder, node: Node) => void;
}

const flowOf = (builder: Builder) => builder.pageMargins?.[FLOW];

let patched = false;

function installPatches(): void {
  if (patched) return;
  patched = true;
  const LayoutBuilder = (require('pdfmake/js/LayoutBuilder.js') as { default: { prototype: LayoutMethods } }).default;
  const DocPreprocessor = (
    require('pdfmake/js/DocPreprocessor.js') as { default: new () => Builder['docPreprocessor'] }
  ).default;
  const DocMeasure = (
    require('pdfmake/js/DocMeasure.js') as { default: new (...args: unknown[]) => Builder['docMeasure'] }
  ).default;

  const layoutDocument = LayoutBuilder.prototype.layoutDocument;
  LayoutBuilder.prototype.layoutDocument = function (this: Builder, ...args: unknown[]) {
    const flow = flowOf(this);
    if (!flow) return layoutDocument.apply(this, args);
    const [, pdfDocument, styles, defaultStyle] = args;
    this.docPreprocessor = new DocPreprocessor();
    this.docMeasure = new DocMeasure(pdfDocument, styles, defaultStyle, this.svgMeasure, this.tableLayouts);
    // The root is the node preprocessing returns: mark it so its children get the flow rules.
    const preprocess = this.docPreprocessor.preprocessDocument.bind(this.docPreprocessor);
    this.docPreprocessor.preprocessDocument = (node) => Object.assign(preprocess(node), { [ROOT]: true as const });
    const moved: Node[] = [];
    work = { passes: 0, blocks: 0, blocksLaidOut: 0, headingsMoved: 0 };
    for (let pass = 1; ; pass++) {
      work.passes = pass;
      flow.beginPass(pass);
      activeMoves = moved;
      const result = this.tryLayoutDocument(...args.slice(0, 8));
      activeMoves = null;
      work.headingsMoved = moved.length;
      if (flow.settled(pass)) return result.pages;
      // As pdfmake does before its own re-layouts; the next pass decides keep-with-next afresh.
      for (const node of result.linearNodeList) node.resetXY?.();
      for (const node of moved.splice(0)) delete node.pageBreak;
    }
  };

  const processVerticalContainer = LayoutBuilder.prototype.processVerticalContainer;
  LayoutBuilder.prototype.processVerticalContainer = function (this: Builder, node: Node) {
    const flow = flowOf(this);
    if (!flow || !node[ROOT]) return processVerticalContainer.call(this, node);
    // Lines of the top-level flow, outside columns, tables and unbreakable blocks, may grow their
    // page's reserve as they are placed. Anywhere else, the pass's end finds what is needed.
    const writer = this.writer as unknown as EventEmitter & { contextStack: unknown[] };
    writer.on('lineAdded', (line: Line) => {
      const context = this.writer.context();
      if (writer.contextStack.length > 0 || context.snapshots.length > 0) return;
      const take = flow.placedLine(context.page, line.inlines, (context.availableHeight as number) - line.getHeight());
      (context.availableHeight as number) -= take;
    });
    layOutTopLevel(this, node, flow);
  };

  // Through wrapMethod, so the guard test (tests/unit/pdf/pdfmake-internals.test.ts) still reads
  // pdfmake's own code of the methods it fingerprints.
  const flowOfContext = (context: DocumentContext) =>
    (context.pageMargins as { [FLOW]?: PageFlow } | undefined)?.[FLOW];
  wrapMethod(
    pdfmakeInternals.documentContext().prototype,
    'initializePage',
    (initializePage) =>
      function (this: DocumentContext) {
        initializePage.call(this);
        const reserve = flowOfContext(this)?.reserve(this.page);
        if (reserve) this.availableHeight -= reserve;
      },
  );
  wrapMethod(
    pdfmakeInternals.layoutBuilder().prototype,
    'addHeadersAndFooters',
    (addHeadersAndFooters) =>
      function (this: InternalLayoutBuilder, ...args: unknown[]) {
        flowOf(this as unknown as Builder)?.pagesLaidOut(this.writer.context().pages);
        return addHeadersAndFooters.apply(this, args);
      },
  );
}

/** Headings moved to a new page in the current pass, undone before the next. */
let activeMoves: Node[] | null = null;

/** What pdfmake's pageBreakBefore counts as a node on a page: placed, and not an empty text. */
const placed = (node: Node) => node.positions.length > 0 && !(node.text === '' && !node.listMarker);

/**
 * The document's top-level blocks, in order. A heading's keep-with-next is decided once the next
 * placed block has been laid out; a heading that must move is rolled back, marked to break before,
 * and laid out again with what follows. Each block is laid out at most a few times: cost stays
 * linear in the document's length.
 */
function layOutTopLevel(builder: Builder, root: Node, flow: PageFlow): void {
  const items = root.stack ?? [];
  type Kept = { index: number; heading: Node; mark: Mark };
  // `first` is the start of a run of kept blocks each kept with the next: where a move starts.
  let pending: (Kept & { first: Kept }) | null = null;
  work.blocks = items.length;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const isHeading = (!!item.headlineLevel || item[KEEP_WITH_NEXT] === true) && item.pageBreak !== 'before';
    const mark = isHeading ? markLayout(builder, flow) : null;
    builder.processNode(item);
    work.blocksLaidOut++;
    let first: Kept | null = null;
    if (pending && placed(item)) {
      const { heading, first: start }: { heading: Node; first: Kept } = pending;
      pending = null;
      if (flow.keepWithNext(heading, item)) {
        rollBack(builder, start.mark, items.slice(start.index, i + 1));
        start.heading.pageBreak = 'before';
        activeMoves?.push(start.heading);
        i = start.index - 1;
        continue;
      }
      if (isHeading && start.heading.positions[0]?.pageNumber === item.positions[0]?.pageNumber) first = start;
    }
    if (isHeading && mark) {
      const kept = { index: i, heading: item, mark };
      pending = { ...kept, first: first ?? kept };
    }
  }
  if (pending && flow.keepWithNext(pending.heading, null)) {
    const start = pending.first;
    rollBack(builder, start.mark, items.slice(start.index));
    start.heading.pageBreak = 'before';
    activeMoves?.push(start.heading);
    for (const item of items.slice(start.index)) {
      builder.processNode(item);
      work.blocksLaidOut++;
    }
  }
  for (const item of items) root.positions.push(...item.positions);
}

/** The layout state at a point between two top-level blocks. */
interface Mark {
  context: Record<string, unknown>;
  pages: number;
  items: Page['items'];
  backgroundLength: number[];
  nodes: number;
  restoreFlow: () => void;
}

function markLayout(builder: Builder, flow: PageFlow): Mark {
  const context = builder.writer.context();
  return {
    restoreFlow: flow.snapshot(),
    context: { ...context },
    pages: context.pages.length,
    items: [...(context.pages[context.page]?.items ?? [])],
    backgroundLength: [...context.backgroundLength],
    nodes: builder.linearNodeList.length,
  };
}

/**
 * Back to a mark: pages and page items added since are dropped, the context's place restored, and
 * the blocks laid out since are measured again (laying out consumes their measured text), as
 * pdfmake itself does before a re-layout.
 */
function rollBack(builder: Builder, mark: Mark, blocks: Node[]): void {
  const context = builder.writer.context();
  context.pages.length = mark.pages;
  Object.assign(context, mark.context);
  context.pages[context.page]!.items.splice(0, Infinity, ...mark.items);
  context.backgroundLength.splice(0, Infinity, ...mark.backgroundLength);
  for (const node of builder.linearNodeList.splice(mark.nodes)) node.resetXY?.();
  for (const block of blocks) builder.docMeasure.measureNode(block);
  mark.restoreFlow();
}
