/** Inline content of the document model as pdfmake text runs. */
import type { Content } from 'pdfmake/interfaces.js';
import type { Inline } from '../model/types.js';
import { COLOUR } from './theme.js';

/** Marks a footnote reference's run, so the laid-out page can be searched for it. */
export const FOOTNOTE_MARK = 'footnoteRef';

type Run = Exclude<Content, string | Content[]> & Record<string, unknown>;

/**
 * pdfmake lays out a word longer than a line at many times the cost of the same characters in
 * words (a 10,000-character run took seconds where prose takes a fraction of one), and breaks it
 * anywhere in the end. A word this long gets a zero-width space every LONG_WORD characters, so it
 * breaks there and costs what prose costs. No real word is this long.
 */
export const LONG_WORD = 80;
const ZERO_WIDTH_SPACE = '\u200B';

/** Characters since the last break opportunity, carried across the runs of one paragraph. */
interface WordState {
  length: number;
}

export function breakLongWords(text: string, state: WordState): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Any white space (and the zero-width space itself) is a break opportunity.
    if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x200b || c === 0x2009 || c === 0x3000) state.length = 0;
    else if (++state.length > LONG_WORD) {
      out += text.slice(from, i) + ZERO_WIDTH_SPACE;
      from = i;
      state.length = 1;
    }
  }
  return out ? out + text.slice(from) : text;
}

export function pdfInlines(inlines: readonly Inline[], link?: string, word: WordState = { length: 0 }): Run[] {
  return inlines.flatMap((n): Run[] => {
    switch (n.type) {
      case 'text':
        return [
          {
            text: breakLongWords(n.text, word),
            ...(n.marks.includes('strong') ? { bold: true } : {}),
            ...(n.marks.includes('em') ? { italics: true } : {}),
            ...(n.marks.includes('strike') ? { decoration: 'lineThrough' } : {}),
            // An in-document link (#id) jumps to the destination; any other opens the address.
            ...(link ? { color: COLOUR.accent, decoration: 'underline' } : {}),
            ...(link?.startsWith('#') ? { linkToDestination: link.slice(1) } : link ? { link } : {}),
          } as Run,
        ];
      case 'link':
        return pdfInlines(n.children, n.href, word);
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
        word.length = 0;
        return [{ text: '\n' }];
    }
  });
}
