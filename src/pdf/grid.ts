/** The summary grid: the judged questions side by side, each with its badge and summary. */
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { SummaryGrid } from '../model/types.js';
import { COLOUR, LEADING, leading, SIZE } from './theme.js';
import { badge } from './judgment.js';
import type { BlockWriter } from './blocks.js';
import { tableRole } from './tagging/index.js';

/** Columns side by side in the grid: the published three, four at most before the text gets too narrow. */
const GRID_COLUMNS = 3;

export function summaryGrid(grid: SummaryGrid, write: BlockWriter, ownPage: boolean): Content {
  const perRow = grid.questions.length <= 4 ? grid.questions.length : GRID_COLUMNS;
  const rows: SummaryGrid['questions'][] = [];
  for (let i = 0; i < grid.questions.length; i += perRow) rows.push(grid.questions.slice(i, i + perRow));
  return {
    // In the report the grid takes a page of its own, as in the published layout, rather than
    // starting low on one; a handout leads with it.
    ...(ownPage ? { pageBreak: 'before' } : {}),
    stack: rows.map((questions, i) => gridRow(questions, perRow, write, i > 0)),
  };
}

function gridRow(questions: SummaryGrid['questions'], columns: number, write: BlockWriter, gap: boolean): Content {
  const cell = (content: Content, fill: string | undefined, margin: [number, number, number, number]): TableCell => ({
    stack: [content],
    fillColor: fill,
    margin,
  });
  // A short last row keeps the columns' width: empty cells fill it out.
  const pad = <T>(cells: T[], empty: T) => [...cells, ...Array<T>(columns - cells.length).fill(empty)];
  const blank = { text: '' } as TableCell;
  return {
    // Read question by question (title, judgment, summary), not row by row as drawn.
    ...tableRole('grid'),
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
                lineHeight: leading(LEADING.heading),
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
            cell(
              { stack: write.blocks(q.summary), fontSize: SIZE.table, lineHeight: leading(LEADING.note) },
              COLOUR.tint,
              [7, 6, 7, 4],
            ),
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
