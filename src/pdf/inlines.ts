/** Inline content of the document model as pdfmake text runs. */
import type { Content } from 'pdfmake/interfaces.js';
import type { Inline } from '../model/types.js';
import { COLOUR } from './theme.js';

/** Marks a footnote reference's run, so the laid-out page can be searched for it. */
export const FOOTNOTE_MARK = 'footnoteRef';

type Run = Exclude<Content, string | Content[]> & Record<string, unknown>;

export function pdfInlines(inlines: readonly Inline[], link?: string): Run[] {
  return inlines.flatMap((n): Run[] => {
    switch (n.type) {
      case 'text':
        return [
          {
            text: n.text,
            ...(n.marks.includes('strong') ? { bold: true } : {}),
            ...(n.marks.includes('em') ? { italics: true } : {}),
            ...(n.marks.includes('strike') ? { decoration: 'lineThrough' } : {}),
            // An in-document link (#id) jumps to the destination; any other opens the address.
            ...(link ? { color: COLOUR.accent, decoration: 'underline' } : {}),
            ...(link?.startsWith('#') ? { linkToDestination: link.slice(1) } : link ? { link } : {}),
          } as Run,
        ];
      case 'link':
        return pdfInlines(n.children, n.href);
      case 'footnoteRef':
        // pdfmake sets a superscript at 58% of its size: this gives a bold 7 pt figure in the dark accent, big enough to see.
        return [
          {
            text: String(n.number),
            sup: true,
            fontSize: 7 / 0.58,
            bold: true,
            color: COLOUR.accentDark,
            [FOOTNOTE_MARK]: n.id,
          },
        ];
      case 'break':
        return [{ text: '\n' }];
    }
  });
}
