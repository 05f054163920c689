/** The figure and the recommendations as pdfmake content. */
import type { Content } from 'pdfmake/interfaces.js';
import type { Figure, Recommendations } from '../model/types.js';
import { COLOUR, CONTENT_WIDTH } from './theme.js';
import type { BlockWriter } from './blocks.js';
import { CONTINUED_MARK } from './continued.js';
import { FLOAT_MARK } from './floats.js';

/** The width a chart was drawn at, from its SVG's root element. */
function drawnWidth(svg: string): number {
  const width = /^<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1];
  return width ? Number(width) : Infinity;
}

export function figure(f: Figure, width: number): Content {
  return {
    id: f.id,
    unbreakable: true,
    [FLOAT_MARK]: true,
    margin: [0, 8, 0, 12],
    stack: [
      { text: [{ text: 'Figure: ', bold: true }, f.caption], style: 'caption', margin: [0, 0, 0, 6] },
      f.svg
        ? // Never enlarged: a chart narrower than the column (one that keeps its own width) is set at its size.
          { svg: f.svg, width: Math.min(CONTENT_WIDTH, width, drawnWidth(f.svg)), alignment: 'center' }
        : { text: f.alt, italics: true },
      { text: f.source, fontSize: 7.5, color: COLOUR.muted, margin: [0, 4, 0, 0] },
    ],
  } as Content;
}

/** A tinted box with a bar down its left side. */
const barLayout = {
  hLineWidth: () => 0,
  vLineWidth: (i: number) => (i === 0 ? 3 : 0),
  vLineColor: () => COLOUR.accent,
  fillColor: () => COLOUR.tint,
  paddingLeft: () => 10,
  paddingRight: () => 10,
  paddingTop: (i: number) => (i === 0 ? 6 : 0),
  paddingBottom: (i: number, node: { table: { body: unknown[] } }) => (i === node.table.body.length - 1 ? 4 : 0),
};

/**
 * Each recommendation is a one-column table: its head (number and timeframe) is a header row, kept
 * with the first paragraph and repeated, marked "(continued)", when the recommendation runs onto
 * the next page. It breaks only between paragraphs.
 */
export function recommendations(r: Recommendations, write: BlockWriter): Content[] {
  return r.items.map((item, i): Content => {
    const head = { bold: true, color: COLOUR.accentDark, fontSize: 10 };
    return {
      ...(i === 0 ? { id: r.id } : {}),
      margin: [0, i === 0 ? 4 : 0, 0, 10],
      table: {
        widths: ['*'],
        headerRows: 1,
        keepWithHeaderRows: 1,
        dontBreakRows: true,
        body: [
          [
            {
              margin: [0, 0, 0, 3],
              columns: [
                { ...head, width: 'auto', text: `Recommendation ${item.number}` },
                // Drawn only where the header row is repeated, at the top of a following page.
                {
                  ...head,
                  width: 'auto',
                  // A space that starts a column's text is dropped with the line's leading white space:
                  // a word space's width is set as a margin instead.
                  margin: [0.25 * head.fontSize, 0, 0, 0],
                  // The mark sits on a text run: pdfmake keeps a run's own properties on its laid-out line.
                  text: [{ text: '(continued)', bold: false, [CONTINUED_MARK]: `${r.id}/${item.number}` }],
                },
                { ...head, width: '*', text: item.timeframe, alignment: 'right' },
              ],
            },
          ],
          ...write.blocks(item.content).map((block) => [block]),
        ],
      },
      layout: barLayout,
    } as Content;
  });
}
