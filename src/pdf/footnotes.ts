/**
 * Footnotes at the foot of the page that cites them. pdfmake has none (its issue #2133), so the
 * page flow (layout.ts) reads the laid-out pages before footers are drawn, finds the page of each
 * reference, and reserves that much space at the foot of those pages; when a page's reserve proved
 * short, the document is laid out again with the larger reserve. A page's reserve only ever grows
 * between passes; recomputing it from scratch can oscillate when a reference moves to the next page.
 */
import type { Content } from 'pdfmake/interfaces.js';
import type { Footnote } from '../model/types.js';
import { countLines, lineHeight } from '../charts/metrics.js';
import { plainText } from '../model/text.js';
import { FOOTNOTE_MARK, pdfInlines } from './inlines.js';
import { COLOUR, CONTENT_WIDTH, LEADING, leading, MARGIN, PAGE, SIZE } from './theme.js';
import type { LaidOutPage } from './layout.js';
import { message } from '../messages.js';
import { footnoteContent } from './tagging/index.js';

const FOOTNOTE_LINE_HEIGHT = leading(LEADING.note);
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
/** Layout passes allowed for footnotes to settle; two were enough in every report tried. */
const MAX_PASSES = 6;
const SEPARATOR = 12;
const NUMBER_WIDTH = 10;

export interface FootnoteControl {
  /** Space held back at the foot of each page (0-based page index → points). */
  readonly reserves: Map<number, number>;
  /** Footnote ids found on each page (0-based) in the latest layout. */
  placement: Map<number, string[]>;
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
  /** Footnotes met so far in this pass's top-level flow, by page (0-based). */
  private live = new Map<number, string[]>();
  /** A reserve grew after its page was already filled past it: lay out again. */
  private overflowed = false;

  constructor(footnotes: readonly Footnote[]) {
    this.byId = new Map(footnotes.map((f) => [f.id, f]));
  }

  get active(): boolean {
    return this.byId.size > 0;
  }

  /** Space held back at the foot of a page (0-based). */
  reserve(page: number): number {
    return this.control.reserves.get(page) ?? 0;
  }

  beginPass(): void {
    this.live = new Map();
    this.overflowed = false;
  }

  /**
   * A line placed in the top-level flow of `page` (0-based) with `room` points left below it:
   * reserves the space its footnotes need from here on, and returns how many more points that is.
   * Most documents thus settle in one pass; if the page was already filled past the new reserve,
   * the pass is marked for another.
   */
  placedLine(page: number, inlines: readonly Record<string, unknown>[], room: number): number {
    const ids = this.live.get(page) ?? [];
    const added = inlines.map((i) => i[FOOTNOTE_MARK]).filter((id) => typeof id === 'string' && !ids.includes(id));
    if (added.length === 0) return 0;
    const now = [...ids, ...new Set(added as string[])];
    this.live.set(page, now);
    const have = this.reserve(page);
    const need = this.neededFor(now);
    // A reserve past half a page is refused when the pass ends (settled); do not squeeze the page for it.
    if (need <= have || need > MAX_RESERVE) return 0;
    this.control.reserves.set(page, need);
    if (room < need - have) this.overflowed = true;
    return need - have;
  }

  /** The state a rolled-back layout returns to. */
  snapshot(): () => void {
    const reserves = new Map(this.control.reserves);
    const live = new Map(this.live);
    const overflowed = this.overflowed;
    return () => {
      this.control.reserves.clear();
      for (const [page, r] of reserves) this.control.reserves.set(page, r);
      this.live = live;
      this.overflowed = overflowed;
    };
  }

  /** Notes which footnotes the laid-out pages cite, before their footers are drawn. */
  pagesLaidOut(pages: readonly LaidOutPage[]): void {
    if (this.active) this.control.placement = findReferences(pages);
  }

  /** After layout pass `pass`: true when every page had room for its footnotes. */
  settled(pass: number): boolean {
    if (!this.active) return true;
    const stable = this.settle() && !this.overflowed;
    if (stable) return true;
    if (pass < MAX_PASSES) return false;
    throw new FootnoteError([...this.byId.keys()].at(-1)!, message.footnotesUnsettled(MAX_PASSES));
  }

  private needed(page: number): number {
    return this.neededFor(this.control.placement.get(page) ?? []);
  }

  private neededFor(ids: readonly string[]): number {
    if (ids.length === 0) return 0;
    return SEPARATOR + ids.reduce((h, id) => h + footnoteHeight(plainText(this.byId.get(id)!.content)), 0);
  }

  /** After a layout: grows the reserves where needed; true when every page already had enough. */
  private settle(): boolean {
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
