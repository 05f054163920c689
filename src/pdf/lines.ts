/**
 * pdfmake's LayoutBuilder.buildNextLine, with one change. Before placing each word of a paragraph it
 * asks Line.hasEnoughSpaceForInline whether the word fits together with the words bound to it (those
 * marked `noNewLine`: a word whose text runs on into the next run, such as a word and the bold comma
 * after it), and hands it the rest of the paragraph to find them in, copied (`slice(1)`) for every
 * word: the copies grow with the square of the paragraph's length. The line reads that list only for
 * a word with `noNewLine`, and then only up to the first word without it; here just those words are
 * copied. The rest is pdfmake's code as it is (its two helpers declared once, outside the method),
 * so the lines come out as pdfmake's; the method and Line's are fingerprinted
 * (tests/unit/pdf/pdfmake-internals.test.ts).
 */
import { internalPrototype, pdfmakeInternals, wrapMethod } from './pdfmake-internals.js';

interface Inline {
  text: string;
  width: number;
  noWrap?: boolean;
  noNewLine?: boolean;
  constructor: () => Inline;
  [key: string]: unknown;
}

interface Line {
  lastLineInParagraph: boolean;
  hasEnoughSpaceForInline(inline: Inline, nextInlines: readonly Inline[]): boolean;
  getAvailableWidth(): number;
  addInline(inline: Inline): void;
}

interface Builder {
  writer: { context(): { availableWidth: number } };
}

const NONE: readonly never[] = Object.freeze([]);

/** What hasEnoughSpaceForInline reads of the words after the first: the ones bound to it, and one more. */
export function boundWords<T extends { noNewLine?: boolean }>(inlines: readonly T[]): readonly T[] {
  if (!inlines[0]?.noNewLine) return NONE;
  let end = 1;
  while (end < inlines.length && inlines[end]!.noNewLine) end++;
  return inlines.slice(1, end + 1);
}

// pdfmake's helpers of buildNextLine, declared inside it there: here once, not once a line.
function cloneInline(inline: Inline): Inline {
  const newInline = inline.constructor();
  for (const key in inline) newInline[key] = inline[key];
  return newInline;
}

function findMaxFitLength(text: string, maxWidth: number, measureFn: (part: string) => number): number {
  let low = 1;
  let high = text.length;
  let bestFit = 1;
  while (low <= high) {
    const mid = Math.floor((low + high) / 2);
    const part = text.substring(0, mid);
    const width = measureFn(part);
    if (width <= maxWidth) {
      bestFit = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return bestFit;
}

let installed = false;

export function installLinePatch(): void {
  if (installed) return;
  installed = true;
  const LineClass = pdfmakeInternals.line() as unknown as new (maxWidth: number) => Line;
  const TextInlinesClass = pdfmakeInternals.textInlines() as unknown as new (pdfDocument: null) => {
    widthOfText(text: string, inline: Inline): number;
  };
  wrapMethod(
    internalPrototype('LayoutBuilder'),
    'buildNextLine',
    () =>
      function (this: Builder, textNode: { _inlines?: Inline[] }): Line | null {
        if (!textNode._inlines || textNode._inlines.length === 0) return null;
        const line = new LineClass(this.writer.context().availableWidth);
        const textInlines = new TextInlinesClass(null);
        let isForceContinue = false;
        while (
          textNode._inlines &&
          textNode._inlines.length > 0 &&
          // The one change: pdfmake passes textNode._inlines.slice(1).
          (line.hasEnoughSpaceForInline(textNode._inlines[0]!, boundWords(textNode._inlines)) || isForceContinue)
        ) {
          let isHardWrap = false;
          const inline = textNode._inlines.shift()!;
          if (!inline.noWrap && inline.text.length > 1 && inline.width > line.getAvailableWidth()) {
            const maxChars = findMaxFitLength(inline.text, line.getAvailableWidth(), (txt) =>
              textInlines.widthOfText(txt, inline),
            );
            if (maxChars < inline.text.length) {
              const newInline = cloneInline(inline);
              newInline.text = inline.text.substr(maxChars);
              inline.text = inline.text.substr(0, maxChars);
              newInline.width = textInlines.widthOfText(newInline.text, newInline);
              inline.width = textInlines.widthOfText(inline.text, inline);
              textNode._inlines.unshift(newInline);
              isHardWrap = true;
            }
          }
          line.addInline(inline);
          isForceContinue = Boolean(inline.noNewLine) && !isHardWrap;
        }
        line.lastLineInParagraph = textNode._inlines.length === 0;
        return line;
      },
  );
}
