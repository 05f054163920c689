/** The rate table: figures right-aligned, header repeated when it splits, notes beneath. */
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { Table } from '../model/types.js';
import { COLOUR, CONTENT_WIDTH, LEADING, leading, SIZE } from './theme.js';
import type { BlockWriter } from './blocks.js';
import { tableRole } from './tagging/index.js';
import { FLOAT_MARK } from './floats.js';
import { KEEP_WITH_NEXT } from './layout.js';

/** Tables of up to this many rows are kept whole. */
const SHORT_TABLE_ROWS = 15;

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

/** Body rows a long table keeps with its header row (and so with its caption) where it starts. */
const FIRST_ROWS = 2;

/**
 * A short table is one block that does not split. A long one is two: its caption, kept with the
 * next block as a heading is, and the table, whose header row repeats on every page it reaches and
 * which keeps its first rows with that header: a caption never ends a page alone or with a bare header.
 */
export function rateTable(t: Table, write: BlockWriter): Content[] {
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
  // A short table does not split and, like a figure, may float to the top of the next page: its
  // caption then always stays with it.
  const short = t.rows.length <= SHORT_TABLE_ROWS;
  const caption = { text: t.caption, style: 'caption', margin: [0, 0, 0, 4] };
  const table = {
    ...tableRole('data'),
    table: {
      headerRows: 1,
      ...(short ? {} : { keepWithHeaderRows: FIRST_ROWS }),
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
    fontSize: SIZE.table,
    lineHeight: leading(LEADING.table),
  };
  const notes = {
    stack: write.blocks(t.notes),
    fontSize: SIZE.small,
    lineHeight: leading(LEADING.note),
    color: COLOUR.muted,
    margin: [0, 4, 0, 0],
  };
  if (short)
    return [
      { margin: [0, 6, 0, 10], unbreakable: true, [FLOAT_MARK]: true, stack: [caption, table, notes] } as Content,
    ];
  return [
    { ...caption, margin: [0, 6, 0, 4], [KEEP_WITH_NEXT]: true } as Content,
    { margin: [0, 0, 0, 10], stack: [table, notes] } as Content,
  ];
}
