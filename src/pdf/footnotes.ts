/**
 * Footnotes at the foot of the page that cites them. pdfmake has none (its issue #2133), so:
 * lay out, find the page of each reference on the laid-out pages, reserve that much space at the
 * foot of those pages, and lay out again until nothing moves. A page's reserve only ever grows
 * between passes; recomputing it from scratch can oscillate when a reference moves to the next page.
 *
 * pdfmake has no per-page margins (its issue #368), so two of its internals (typed and checked in
 * pdfmake-internals.ts; pdfmake is pinned exactly) are wrapped here: DocumentContext.initializePage (to shorten a page by its
 * reserve) and LayoutBuilder.addHeadersAndFooters (to read the laid-out pages before footers are
 * drawn). Both act only on documents that carry a FootnoteControl on their pageMargins object.
 */
import type { Content } from 'pdfmake/interfaces.js';
import type { Footnote } from '../model/types.js';
import { countLines, lineHeight } from '../charts/metrics.js';
import { plainText } from '../model/text.js';
import { FOOTNOTE_MARK, pdfInlines } from './inlines.js';
import { COLOUR, CONTENT_WIDTH, MARGIN, PAGE, SIZE } from './theme.js';
import {
  pdfmakeInternals,
  wrapMethod,
  type DocumentContext,
  type LaidOutPage,
  type LayoutBuilder,
} from './pdfmake-internals.js';
import { footnoteContent } from './tagging/index.js';

const CONTROL = Symbol('footnote control');

const FOOTNOTE_LINE_HEIGHT = 1.1;
/** The most a page gives to footnotes: half its text height. */
const MAX_RESERVE = (PAGE.height - MARGIN.top - MARGIN.bottom) / 2;

/** Footnotes that cannot be set at the foot of their page; `id` names the footnote at fault. */
export class FootnoteError extends Error {
  constructor(
    readonly id: string,
    message: string,
  ) {
    super(message);
  }
}
const SEPARATOR = 12;
const NUMBER_WIDTH = 10;

export interface FootnoteControl {
  /** Space held back at the foot of each page (0-based page index → points). */
  readonly reserves: Map<number, number>;
  /** Footnote ids found on each page (0-based) in the latest layout. */
  placement: Map<number, string[]>;
}

let patched = false;

function installPatches(): void {
  if (patched) return;
  patched = true;
  const DocumentContext = pdfmakeInternals.documentContext();
  const LayoutBuilder = pdfmakeInternals.layoutBuilder();
  const control = (owner: { pageMargins?: object }) =>
    (owner.pageMargins as { [CONTROL]?: FootnoteControl } | undefined)?.[CONTROL];
  wrapMethod(
    DocumentContext.prototype,
    'initializePage',
    (initializePage) =>
      function (this: DocumentContext) {
        initializePage.call(this);
        const reserve = control(this)?.reserves.get(this.page);
        if (reserve) this.availableHeight -= reserve;
      },
  );
  wrapMethod(
    LayoutBuilder.prototype,
    'addHeadersAndFooters',
    (addHeadersAndFooters) =>
      function (this: LayoutBuilder, ...args: unknown[]) {
        const found = control(this);
        if (found) found.placement = findReferences(this.writer.context().pages);
        return addHeadersAndFooters.apply(this, args);
      },
  );
}

function findReferences(pages: readonly LaidOutPage[]): Map<number, string[]> {
  const placement = new Map<number, string[]>();
  pages.forEach((page, index) => {
    for (const { item } of page.items) {
      for (const inline of item.inlines ?? []) {
        const id = inline[FOOTNOTE_MARK];
        if (typeof id !== 'string') continue;
        const ids = placement.get(index) ?? [];
        if (!ids.includes(id)) placement.set(index, [...ids, id]);
      }
    }
  });
  return placement;
}

/** Height of a footnote, wrapped greedily the way pdfmake wraps text. */
function footnoteHeight(text: string): number {
  const lines = countLines(text, SIZE.footnote, CONTENT_WIDTH - NUMBER_WIDTH);
  return lines * lineHeight(SIZE.footnote, FOOTNOTE_LINE_HEIGHT) + 3;
}

export class FootnoteLayout {
  readonly control: FootnoteControl = { reserves: new Map(), placement: new Map() };
  private readonly byId: Map<string, Footnote>;

  constructor(footnotes: readonly Footnote[]) {
    installPatches();
    this.byId = new Map(footnotes.map((f) => [f.id, f]));
  }

  get active(): boolean {
    return this.byId.size > 0;
  }

  /** Puts the control where the patched pdfmake internals look for it. */
  attach(pageMargins: number[]): Record<string | symbol, unknown> {
    const [left, top, right, bottom] = pageMargins as [number, number, number, number];
    return { left, top, right, bottom, [CONTROL]: this.control };
  }

  private needed(page: number): number {
    const ids = this.control.placement.get(page) ?? [];
    if (ids.length === 0) return 0;
    return SEPARATOR + ids.reduce((h, id) => h + footnoteHeight(plainText(this.byId.get(id)!.content)), 0);
  }

  /** After a layout: grows the reserves where needed; true when every page already had enough. */
  settle(): boolean {
    let stable = true;
    for (const page of this.control.placement.keys()) {
      const need = this.needed(page);
      // Footnotes do not continue on the next page: past half a page they would crowd out the text.
      if (need > MAX_RESERVE) {
        const ids = this.control.placement.get(page)!;
        throw new FootnoteError(
          ids.at(-1)!,
          `the footnotes of page ${page + 1} need ${Math.ceil(need)} points, more than half the page; shorten them`,
        );
      }
      if ((this.control.reserves.get(page) ?? 0) < need) {
        this.control.reserves.set(page, need);
        stable = false;
      }
    }
    return stable;
  }

  /** The footnotes of a page (1-based), positioned in its reserved space. */
  footnotesFor = (page: number): Content | null => {
    const ids = this.control.placement.get(page - 1);
    const reserve = this.control.reserves.get(page - 1);
    if (!ids?.length || !reserve) return null;
    return {
      // Footer content is laid out in the bottom margin and then moved there, so this position is
      // relative to the top of the bottom margin: the notes sit in the space reserved above it.
      absolutePosition: { x: MARGIN.left, y: 4 - reserve },
      columns: [
        {
          width: CONTENT_WIDTH,
          stack: [
            {
              canvas: [{ type: 'line', x1: 0, y1: 0, x2: 120, y2: 0, lineWidth: 0.6, lineColor: COLOUR.rule }],
              margin: [0, 0, 0, 5],
            },
            ...ids.map((id) => {
              const f = this.byId.get(id)!;
              return {
                ...footnoteContent(id),
                columns: [
                  { width: NUMBER_WIDTH, text: String(f.number), fontSize: SIZE.footnote, color: COLOUR.accent },
                  {
                    width: '*',
                    text: pdfInlines(f.content),
                    fontSize: SIZE.footnote,
                    lineHeight: FOOTNOTE_LINE_HEIGHT,
                  },
                ],
                margin: [0, 0, 0, 3],
              };
            }),
          ],
        },
      ],
    } as Content;
  };
}
