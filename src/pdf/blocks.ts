/** The document model's blocks as pdfmake content. */
import type { Content } from 'pdfmake/interfaces.js';
import type { Block, Section } from '../model/types.js';
import { plainText } from '../model/build.js';
import { pdfInlines } from './inlines.js';
import { figure, judgmentBlock, rateTable, recommendations, summaryGrid } from './components.js';
import { COLOUR } from './theme.js';

export interface BlockWriter {
  blocks(blocks: readonly Block[]): Content[];
}

export interface BlockOptions {
  /** Whether a chapter (level 1) starts on a new page. */
  chapterBreaks: boolean;
}

export function blockWriter(options: BlockOptions): BlockWriter {
  const writer: BlockWriter = { blocks: (list) => list.flatMap((b) => block(b, null)) };

  function heading(s: Section, parentId: string | null): Content {
    const text = plainText(s.title);
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
      case 'section':
        return [heading(b, parentId), ...b.children.flatMap((c) => block(c, b.id))];
      case 'paragraph':
        return [{ text: pdfInlines(b.content), style: 'body' }];
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
        return [summaryGrid(b, writer)];
      case 'table':
        return [rateTable(b, writer)];
      case 'figure':
        return [figure(b)];
      case 'recommendations':
        return [recommendations(b, writer)];
    }
  }

  return writer;
}
