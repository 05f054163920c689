/** The report's components as pdfmake content: judgment badges, summary grid, rate table, figure, recommendations. */
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { Figure, Judgment, Recommendations, SummaryGrid, Table } from '../model/types.js';
import { COLOUR, CONTENT_WIDTH, GRADE_COLOUR, SIZE } from './theme.js';
import type { BlockWriter } from './blocks.js';

const noPadding = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  paddingLeft: () => 0,
  paddingRight: () => 0,
  paddingTop: () => 0,
  paddingBottom: () => 0,
};

export function badge(j: Judgment, width: number | 'auto' | '*' = 'auto'): Content {
  const colour = GRADE_COLOUR[j.grade];
  return {
    table: {
      widths: [width],
      body: [
        [
          {
            text: j.label,
            bold: true,
            color: colour.text,
            fillColor: colour.fill,
            fontSize: 11,
            alignment: 'center',
            margin: [10, 3, 10, 3],
          },
        ],
      ],
    },
    layout: noPadding,
  };
}

export function judgmentBlock(j: Judgment): Content {
  return {
    margin: [0, 6, 0, 10],
    unbreakable: true,
    stack: [
      { text: 'Judgment', style: 'label', margin: [0, 0, 0, 3] },
      {
        columns: [
          { width: 'auto', stack: [badge(j, 'auto')] },
          { width: '*', text: '' },
        ],
      },
    ],
  };
}

/** Columns side by side in the grid: the published three, four at most before the text gets too narrow. */
const GRID_COLUMNS = 3;

export function summaryGrid(grid: SummaryGrid, write: BlockWriter): Content {
  const perRow = grid.questions.length <= 4 ? grid.questions.length : GRID_COLUMNS;
  const rows: SummaryGrid['questions'][] = [];
  for (let i = 0; i < grid.questions.length; i += perRow) rows.push(grid.questions.slice(i, i + perRow));
  return {
    // The grid takes a page of its own, as in the published layout, rather than starting low on one.
    pageBreak: 'before',
    stack: rows.map((questions, i) => gridRow(questions, perRow, write, i > 0)),
  };
}

function gridRow(questions: SummaryGrid['questions'], columns: number, write: BlockWriter, gap: boolean): Content {
  const cell = (content: Content, fill: string | undefined, margin: [number, number, number, number]): TableCell =>
    ({ stack: [content], fillColor: fill, margin }) as TableCell;
  // A short last row keeps the columns' width: empty cells fill it out.
  const pad = <T>(cells: T[], empty: T) => [...cells, ...Array<T>(columns - cells.length).fill(empty)];
  const blank = { text: '' } as TableCell;
  return {
    margin: [0, gap ? 12 : 0, 0, 0],
    table: {
      headerRows: 2,
      widths: Array(columns).fill('*'),
      body: [
        pad(
          questions.map((q) =>
            cell(
              {
                text: q.title,
                bold: true,
                color: '#ffffff',
                fontSize: 10.5,
                lineHeight: 1.15,
                // In-document links only: a PDF handout cannot rely on where the report's file is.
                ...(q.href.startsWith('#') ? { linkToDestination: q.href.slice(1) } : {}),
              },
              COLOUR.accent,
              [7, 7, 7, 7],
            ),
          ),
          blank,
        ),
        pad(
          questions.map((q) => cell(badge(q.judgment, '*'), undefined, [0, 4, 0, 4])),
          blank,
        ),
        pad(
          questions.map((q) =>
            cell({ stack: write.blocks(q.summary), fontSize: 9, lineHeight: 1.15 }, COLOUR.tint, [7, 6, 7, 4]),
          ),
          blank,
        ),
      ],
    },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: (i: number) => (i === 0 || i === columns ? 0 : 6),
      vLineColor: () => '#ffffff',
      paddingLeft: () => 0,
      paddingRight: () => 0,
      paddingTop: () => 0,
      paddingBottom: () => 0,
    },
  };
}

/** Words longer than this may break anywhere in a table cell rather than push the table off the page. */
const LONG_WORD = 20;

/** A cell's text with its over-long words (codes, URLs) allowed to break between any two letters. */
function cellText(text: string): Content {
  if (!text.split(/\s+/).some((w) => w.length > LONG_WORD)) return text;
  return text
    .split(/(\s+)/)
    .filter(Boolean)
    .map((w) => (w.length > LONG_WORD ? { text: w, wordBreak: 'break-all' } : w)) as unknown as Content;
}

export function rateTable(t: Table, write: BlockWriter): Content {
  const header: TableCell[] = [t.stub, ...t.columns].map((text, i) => ({
    text: cellText(text),
    bold: true,
    color: '#ffffff',
    fillColor: COLOUR.accent,
    alignment: i === 0 ? 'left' : 'right',
    fontSize: 9.5,
    margin: [4, 4, 4, 4],
  }));
  const rows: TableCell[][] = t.rows.map((r, i) => [
    { text: cellText(r.label), fillColor: i % 2 ? COLOUR.zebra : undefined, margin: [4, 2, 4, 2] },
    ...r.cells.map((c, j): TableCell => ({
      text: cellText(c),
      alignment: 'right',
      fillColor: i % 2 ? COLOUR.zebra : undefined,
      margin: [4, 2, 4, 2],
      ...(r.values[j] === null ? { italics: true, color: COLOUR.muted } : {}),
    })),
  ]);
  return {
    margin: [0, 6, 0, 10],
    stack: [
      { text: t.caption, style: 'caption', margin: [0, 0, 0, 4] },
      {
        table: {
          headerRows: 1,
          dontBreakRows: true,
          // Value columns share what the label column leaves, up to a comfortable width each.
          widths: ['*', ...t.columns.map(() => Math.min(125, (CONTENT_WIDTH - 140) / t.columns.length))],
          body: [header, ...rows],
        },
        layout: {
          hLineWidth: (i: number, node: { table: { body: unknown[] } }) =>
            i === 1 || i === node.table.body.length ? 1 : 0,
          vLineWidth: () => 0,
          hLineColor: () => COLOUR.accent,
        },
        fontSize: 9.5,
      },
      { stack: write.blocks(t.notes), fontSize: SIZE.small, color: COLOUR.muted, margin: [0, 4, 0, 0] },
    ],
  };
}

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
    } as Content;
    if (rest.length === 0) return [head];
    const continuation = {
      margin: [0, 0, 0, 8],
      table: { widths: ['*'], dontBreakRows: true, body: boxRows(rest) },
      layout: barLayout,
    } as Content;
    return [head, continuation];
  });
}
