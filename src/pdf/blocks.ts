/** The document model's blocks as pdfmake content. */
import type { Content } from 'pdfmake/interfaces.js';
import type { Block, Section } from '../model/types.js';
import { plainText } from '../model/text.js';
import { letteredItem } from '../model/lettered.js';
import { pdfInlines } from './inlines.js';
import { figure, recommendations } from './components.js';
import { judgmentBlock } from './judgment.js';
import { summaryGrid } from './grid.js';
import { rateTable } from './table.js';
import { COLOUR } from './theme.js';

export interface BlockWriter {
  blocks(blocks: readonly Block[]): Content[];
}

export interface BlockOptions {
  /** Whether a chapter (level 1) starts on a new page: the full report's layout. */
  chapterBreaks: boolean;
  /** The width charts are drawn at, in points. */
  chartWidth: number;
}

export function blockWriter(options: BlockOptions): BlockWriter {
  const writer: BlockWriter = { blocks: (list) => list.flatMap((b) => block(b, null)) };

  function heading(s: Section, parentId: string | null): Content {
    // A heading with no text gets no bookmark: pdfmake cannot attach one to an empty line.
    const text = plainText(s.title).trim();
    if (!text) return { text: ' ', style: `h${s.level}`, id: s.id };
    return {
      text: pdfInlines(s.title),
      style: `h${s.level}`,
      id: s.id,
      headlineLevel: s.level,
      outline: true,
      outlineText: text,
      ...(parentId ? { outlineParentId: parentId } : {}),
      ...(s.level === 1 && options.chapterBreaks ? { pageBreak: 'before' } : {}),
    } as Content;
  }

  function block(b: Block, parentId: string | null): Content[] {
    switch (b.type) {
      case 'section': {
        const [first, ...rest] = b.children.flatMap((c) => block(c, b.id));
        // Keep a heading with a first block that cannot split (a recommendation, a figure): pdfmake
        // would otherwise move that block over and leave the heading alone at the foot of the page.
        // The heading in such a group carries no headlineLevel: a page break that pageBreakBefore
        // put inside an unbreakable block would lose the block.
        if (first && (first as { unbreakable?: boolean }).unbreakable) {
          const kept = heading(b, parentId) as unknown as Record<string, unknown>;
          delete kept.headlineLevel;
          return [{ stack: [kept as unknown as Content, first], unbreakable: true }, ...rest];
        }
        return [heading(b, parentId), ...(first ? [first] : []), ...rest];
      }
      case 'paragraph': {
        const item = letteredItem(b.content);
        if (!item) return [{ text: pdfInlines(b.content), style: 'body' }];
        // A hanging indent: the marker in its own column, the text aligned after it.
        return [
          {
            columns: [
              { width: 20, text: item.marker },
              { width: '*', text: pdfInlines(item.rest) },
            ],
            columnGap: 0,
            margin: [0, 0, 0, 3],
          },
        ];
      }
      case 'list': {
        const items = b.items.map((item) => {
          const content = item.flatMap((c) => block(c, parentId));
          return content.length === 1 ? content[0]! : { stack: content };
        });
        return [
          b.ordered
            ? { ol: items, start: b.start, style: 'list', markerColor: COLOUR.accent }
            : { ul: items, style: 'list', markerColor: COLOUR.accent },
        ] as Content[];
      }
      case 'judgment':
        return [judgmentBlock(b)];
      case 'summaryGrid':
        return [summaryGrid(b, writer, options.chapterBreaks)];
      case 'table':
        return rateTable(b, writer);
      case 'figure':
        return [figure(b, options.chartWidth)];
      case 'recommendations':
        return recommendations(b, writer);
    }
  }

  return writer;
}
