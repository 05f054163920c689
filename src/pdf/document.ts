/**
 * Write PDF, part one: the document model as a pdfmake document definition — cover, contents with
 * dot leaders and page numbers, running header, "Page N of M" footer, bookmarks, document info.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { DocumentModel, Section } from '../model/types.js';
import { plainText } from '../model/text.js';
import { dateOf } from '../format.js';
import { FONT_FAMILY } from '../fonts.js';
import { countLines, lineHeight, textWidth } from '../charts/metrics.js';
import { blockWriter } from './blocks.js';
import { COLOUR, CONTENT_WIDTH, HANDOUT_MARGIN, LEADING, leading, MARGIN, PAGE, SIZE } from './theme.js';
import type { PlacedNode } from './layout.js';

/** Text at a fixed place on the cover, wrapping within the page's text width. */
const placed = (y: number, text: Content) =>
  ({ absolutePosition: { x: MARGIN.left, y }, columns: [{ width: CONTENT_WIDTH, stack: [text] }] }) as Content;

/** The cover: a band holding the force and the title, measured so a long name still fits it. */
function cover(model: DocumentModel): Content[] {
  const { meta } = model;
  const forceY = 150;
  const titleY = forceY + countLines(meta.force, 34, CONTENT_WIDTH, 'bold') * lineHeight(34, 1.05, 'bold');
  const band = Math.max(300, titleY + countLines(meta.reportTitle, 22, CONTENT_WIDTH) * lineHeight(22, 1.1) + 50);
  return [
    {
      canvas: [{ type: 'rect', x: -MARGIN.left, y: -MARGIN.top, w: PAGE.width, h: band, color: COLOUR.accent }],
    },
    // The publisher by its full name, as the document information names its author.
    placed(70, { text: meta.author, color: '#ffffff', bold: true, fontSize: 14 }),
    placed(forceY, { text: meta.force, color: '#ffffff', bold: true, fontSize: 34, lineHeight: 1.05 }),
    placed(titleY, { text: meta.reportTitle, color: '#ffffff', fontSize: 22, lineHeight: 1.1 }),
    placed(band + 40, { text: meta.date, fontSize: 13, color: COLOUR.text }),
    placed(PAGE.height - 90, { text: meta.licence, fontSize: SIZE.small, color: COLOUR.muted }),
  ];
}

/** Contents: chapter titles linked to their pages, with dot leaders drawn to the page number. */
function contents(model: DocumentModel): Content[] {
  const chapters = model.blocks.filter((b): b is Section => b.type === 'section' && b.level === 1);
  // As wide as a two-digit page number, so the dots run up to the number.
  const numberWidth = Math.ceil(textWidth('00', 11)) + 1;
  return [
    { text: 'Contents', style: 'h1', pageBreak: 'before', id: 'contents', outline: true, outlineText: 'Contents' },
    ...chapters.map((c): Content => {
      const title = plainText(c.title);
      const titleWidth = Math.min(textWidth(title, 11), CONTENT_WIDTH - numberWidth - 40);
      const leader = Math.max(0, CONTENT_WIDTH - titleWidth - numberWidth - 9);
      return {
        margin: [0, 4, 0, 4],
        columns: [
          { width: titleWidth + 0.5, text: title, linkToDestination: c.id, fontSize: 11 },
          {
            width: leader + 6,
            canvas: [
              {
                type: 'line',
                x1: 6,
                y1: 10,
                x2: leader + 3,
                y2: 10,
                lineWidth: 0.8,
                dash: { length: 0.8, space: 2.6 },
                lineColor: COLOUR.muted,
              },
            ],
          },
          {
            width: numberWidth,
            text: '00',
            // pdfmake measures a page reference as "00000" and puts the number in at the end: kept
            // on one line, that placeholder may overhang the column, and the number still ends at its edge.
            noWrap: true,
            pageReference: c.id,
            linkToDestination: c.id,
            alignment: 'right',
            fontSize: 11,
          },
        ],
      } as Content;
    }),
  ];
}

function handoutHeader(model: DocumentModel): Content[] {
  const { meta } = model;
  return [
    {
      table: {
        widths: ['*'],
        body: [
          [
            {
              fillColor: COLOUR.accent,
              margin: [10, 8, 10, 8],
              stack: [
                { text: meta.force, color: '#ffffff', bold: true, fontSize: 16 },
                { text: `${meta.reportTitle} · ${meta.date}`, color: '#ffffff', fontSize: 10.5 },
              ],
            },
          ],
        ],
      },
      layout: 'noBorders',
      margin: [0, 0, 0, 12],
    },
  ];
}

export interface PageDecoration {
  /** Footnote content drawn at the foot of a page (1-based), above the page number. */
  footnotesFor(page: number): Content | null;
}

/**
 * Keep a heading with what follows it: move it to a new page when too little of the page is left,
 * when nothing follows it on its page, or when what follows is another heading that may itself move.
 * Another block kept with the next (a long table's caption) moves only when no more than one line
 * of what follows is on its page: the table itself keeps its header row and first rows together.
 */
export function keepWithNext(heading: PlacedNode, next: PlacedNode | null): boolean {
  const start = heading.positions[0];
  if (!start) return false;
  const left = start.pageInnerHeight * (1 - start.verticalRatio);
  const nextOnPage = !!next?.positions.some((p) => p.pageNumber === start.pageNumber);
  if (!heading.headlineLevel) {
    // pdfmake records a table's header row where it was first tried, even when keepWithHeaderRows
    // then moves it to the next page with the first rows: rows are on the page only if another
    // line of the table is.
    const lines = new Set(next?.positions.filter((p) => p.pageNumber === start.pageNumber).map((p) => p.verticalRatio));
    return lines.size < 2;
  }
  return left < 120 || !nextOnPage || (left < 180 && !!next?.headlineLevel);
}

export function pdfDocument(model: DocumentModel, decoration: PageDecoration): TDocumentDefinitions {
  const { meta } = model;
  // A handout (and a data sheet) is compact: smaller type, no page breaks of its own, source in the footer.
  const handout = meta.kind !== 'report';
  const body = blockWriter({ chapterBreaks: !handout, chartWidth: CONTENT_WIDTH }).blocks(model.blocks);
  const first = body[0] as Record<string, unknown> | undefined;
  if (first && !model.contents) delete first.pageBreak;
  const bodySize = handout ? SIZE.handoutBody : SIZE.body;
  const numbered = (page: number) => !model.cover || page > 1;
  const runningHeader = (page: number) => numbered(page) && !(handout && page === 1);
  return {
    pageSize: 'A4',
    pageMargins: [
      MARGIN.left,
      handout ? HANDOUT_MARGIN.top : MARGIN.top,
      MARGIN.right,
      handout ? HANDOUT_MARGIN.bottom : MARGIN.bottom,
    ],
    language: meta.language,
    info: {
      title: meta.title,
      author: meta.author,
      subject: meta.subject,
      creator: 'report-press',
      producer: 'report-press',
      keywords: [meta.force, meta.reportTitle].join(', '),
      // Dated from the data, never the clock: the output stays byte-identical, and the PDF's
      // metadata (XMP) says when the report was published.
      creationDate: dateOf(meta.published),
      modDate: dateOf(meta.published),
    },
    displayTitle: true,
    content: [
      ...(model.cover ? cover(model) : []),
      ...(model.contents ? contents(model) : []),
      ...(handout ? handoutHeader(model) : []),
      ...body,
    ],
    header: (page) =>
      runningHeader(page)
        ? {
            margin: [MARGIN.left, handout ? 24 : 32, MARGIN.right, 0],
            stack: [
              { text: meta.runningTitle, fontSize: 8.5, color: COLOUR.muted },
              {
                canvas: [
                  { type: 'line', x1: 0, y1: 4, x2: CONTENT_WIDTH, y2: 4, lineWidth: 0.5, lineColor: COLOUR.rule },
                ],
              },
            ],
          }
        : null,
    footer: (page, pages) => {
      const notes = decoration.footnotesFor(page);
      if (!numbered(page)) return notes ?? null;
      return {
        stack: [
          ...(notes ? [notes] : []),
          {
            margin: [MARGIN.left, handout ? 18 : 22, MARGIN.right, 0],
            fontSize: 8.5,
            color: COLOUR.muted,
            columns: [
              { width: '*', text: meta.source ?? '' },
              { width: 'auto', text: `Page ${page} of ${pages}`, alignment: 'right', noWrap: true },
            ],
          },
        ],
      };
    },
    defaultStyle: {
      font: FONT_FAMILY,
      fontSize: bodySize,
      lineHeight: leading(handout ? LEADING.handout : LEADING.body),
      color: COLOUR.text,
    },
    styles: {
      // Space above a heading is larger than below it, so it reads as the head of what follows.
      h1: {
        fontSize: SIZE.h1,
        bold: true,
        color: COLOUR.accent,
        lineHeight: leading(LEADING.heading),
        margin: [0, 0, 0, handout ? 6 : 10],
      },
      h2: {
        fontSize: handout ? 12.5 : SIZE.h2,
        bold: true,
        color: COLOUR.accentDark,
        lineHeight: leading(LEADING.heading),
        margin: handout ? [0, 8, 0, 3] : [0, 12, 0, 4],
      },
      h3: {
        fontSize: SIZE.h3,
        bold: true,
        color: COLOUR.accentDark,
        lineHeight: leading(LEADING.heading),
        margin: [0, 8, 0, 3],
      },
      body: { margin: [0, 0, 0, handout ? 5 : 6] },
      list: { margin: [0, 0, 0, handout ? 5 : 6] },
      caption: { fontSize: 9.5, bold: true, color: COLOUR.accentDark, lineHeight: leading(LEADING.table) },
      label: { fontSize: 8.5, bold: true, color: COLOUR.muted, characterSpacing: 0.5 },
    },
  };
}
