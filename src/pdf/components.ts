/** The figure and the recommendations as pdfmake content. */
import type { Content } from 'pdfmake/interfaces.js';
import type { Figure, Recommendations } from '../model/types.js';
import { COLOUR, CONTENT_WIDTH } from './theme.js';
import type { BlockWriter } from './blocks.js';

export function figure(f: Figure, width: number): Content {
  return {
    id: f.id,
    unbreakable: true,
    margin: [0, 8, 0, 12],
    stack: [
      { text: [{ text: 'Figure: ', bold: true }, f.caption], style: 'caption', margin: [0, 0, 0, 6] },
      f.svg
        ? { svg: f.svg, width: Math.min(CONTENT_WIDTH, width), alignment: 'center' }
        : { text: f.alt, italics: true },
      { text: f.source, fontSize: 7.5, color: COLOUR.muted, margin: [0, 4, 0, 0] },
    ],
  } as Content;
}

/** A tinted box with a bar down its left side; rows never split, so a box breaks between paragraphs. */
const barLayout = {
  hLineWidth: () => 0,
  vLineWidth: (i: number) => (i === 0 ? 3 : 0),
  vLineColor: () => COLOUR.accent,
  paddingLeft: () => 9,
  paddingRight: () => 9,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

const boxRows = (cells: Content[]) => cells.map((cell) => [{ stack: [cell], fillColor: COLOUR.tint }]);

/**
 * Each recommendation is a box that may break between its paragraphs. Its head (number, timeframe
 * and first paragraph) is one unbreakable block, so a section heading can be kept with it.
 */
export function recommendations(r: Recommendations, write: BlockWriter): Content[] {
  return r.items.flatMap((item, i) => {
    const [first, ...rest] = write.blocks(item.content);
    const head: Content = {
      ...(i === 0 ? { id: r.id } : {}),
      unbreakable: true,
      margin: [0, i === 0 ? 4 : 0, 0, rest.length ? 0 : 8],
      table: {
        widths: ['*'],
        body: boxRows([
          {
            stack: [
              {
                columns: [
                  {
                    width: 'auto',
                    text: `Recommendation ${item.number}`,
                    bold: true,
                    color: COLOUR.accentDark,
                    fontSize: 9.5,
                  },
                  {
                    width: '*',
                    text: item.timeframe,
                    alignment: 'right',
                    bold: true,
                    color: COLOUR.accentDark,
                    fontSize: 9.5,
                  },
                ],
                margin: [0, 4, 0, 4],
              },
              ...(first ? [first] : []),
            ],
          },
        ]),
      },
      layout: barLayout,
    };
    if (rest.length === 0) return [head];
    const continuation = {
      margin: [0, 0, 0, 8],
      table: { widths: ['*'], dontBreakRows: true, body: boxRows(rest) },
      layout: barLayout,
    } as Content;
    return [head, continuation];
  });
}
