/**
 * The laid-out pages of a PDF, read from its text layer, checked against the document model: where
 * paragraphs split, and how full each page is.
 */
import type { Block, DocumentModel } from '../../src/model/types.js';
import { plainText } from '../../src/model/text.js';
import { normalise } from './text.js';

/** Each page's body lines, without the running header, page number and what follows them. */
export function bodyLines(pdf: string, runningTitle: string): string[][] {
  return pdf.split('\f').map((page) => {
    const lines = page.split('\n');
    const header = lines.lastIndexOf(runningTitle);
    return lines
      .slice(0, header < 0 ? lines.length : header)
      .map((l) => normalise(l.replace(/^[•·]\s*/, '')))
      .filter(Boolean);
  });
}

/** The text of every paragraph and list item of the model, normalised. */
export function paragraphTexts(model: DocumentModel): string[] {
  const texts: string[] = [];
  const collect = (blocks: readonly Block[]) => {
    for (const b of blocks) {
      if (b.type === 'paragraph') texts.push(normalise(plainText(b.content)));
      if (b.type === 'section') collect(b.children);
      if (b.type === 'list') b.items.forEach(collect);
      if (b.type === 'recommendations') b.items.forEach((i) => collect(i.content));
    }
  };
  collect(model.blocks);
  return texts;
}

/**
 * Single lines a page break leaves alone: the first line of a paragraph as the last line of a page,
 * or its last line as the first of the next.
 */
export function lonelyLines(pdf: string, model: DocumentModel): string[] {
  const pages = bodyLines(pdf, model.meta.runningTitle);
  const paragraphs = paragraphTexts(model);
  const found: string[] = [];
  pages.forEach((lines, i) => {
    const last = lines.at(-1);
    if (last && i < pages.length - 1 && paragraphs.some((p) => p.length > last.length && p.startsWith(last))) {
      found.push(`page ${i + 1} ends with the first line of a paragraph: "${last}"`);
    }
    const first = lines[0];
    if (first && i > 0 && paragraphs.some((p) => p.length > first.length && p.endsWith(first))) {
      found.push(`page ${i + 1} starts with the last line of a paragraph: "${first}"`);
    }
  });
  return found;
}

export interface PlacedLine {
  text: string;
  top: number;
  bottom: number;
  /** The type size, from the height poppler gives a word: the font's ascent to descent. */
  size: number;
}

/** Source Sans 3's ascent to descent, in em: what poppler reports as a word's height. */
const FONT_HEIGHT = 1.424;

/** Each page's lines with their positions (points from the top), from `pdftotext -bbox`. */
export function placedLines(bbox: string): PlacedLine[][] {
  return bbox
    .split('<page ')
    .slice(1)
    .map((page) => {
      const rows = new Map<number, { x: number; top: number; bottom: number; text: string }[]>();
      for (const m of page.matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g,
      )) {
        const [top, bottom] = [Number(m[2]), Number(m[3])];
        const key = Math.round(bottom);
        rows.set(key, [...(rows.get(key) ?? []), { x: Number(m[1]), top, bottom, text: m[4]! }]);
      }
      return [...rows.entries()]
        .sort(([a], [b]) => a - b)
        .map(([, words]) => {
          const sorted = words.sort((a, b) => a.x - b.x);
          const top = Math.min(...sorted.map((w) => w.top));
          const bottom = Math.max(...sorted.map((w) => w.bottom));
          const size = Math.min(...sorted.map((w) => (w.bottom - w.top) / FONT_HEIGHT));
          return { text: normalise(sorted.map((w) => decode(w.text)).join(' ')), top, bottom, size };
        });
    });
}

const decode = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

export interface PageFill {
  page: number;
  /** How far down the text area the page's text reaches, 0 to 1. */
  fill: number;
}

/**
 * Pages, other than the last of a chapter, whose text stops above `minimum` of the text area, where
 * what opens the next page could have started on this one. What opens the next page "could not have"
 * when it is a block that does not split (a figure, a table's head, a recommendation's head, the
 * grid) taller than the space left: measured from the next page's top to its first line of prose.
 */
export function underfullPages(
  pages: readonly PlacedLine[][],
  model: DocumentModel,
  area: { top: number; bottom: number },
  minimum = 0.75,
): PageFill[] {
  const body = pages.map((lines) => lines.filter((l) => l.top >= area.top - 1 && l.bottom <= area.bottom + 1));
  const prose = paragraphTexts(model);
  const isProse = (line: string) => line.length > 25 && prose.some((p) => p.includes(line.replace(/^[•·]\s*/, '')));
  // What starts a page of its own: a chapter, and in the report the summary grid.
  const chapterTitles: string[] = [];
  const collect = (blocks: readonly Block[]) => {
    for (const b of blocks) {
      if (b.type === 'section' && b.level === 1) chapterTitles.push(normalise(plainText(b.title)));
      if (b.type === 'section') collect(b.children);
      if (b.type === 'summaryGrid' && model.meta.kind === 'report')
        chapterTitles.push(...b.questions.map((q) => normalise(q.title)));
    }
  };
  collect(model.blocks);
  const opensChapter = (lines: readonly PlacedLine[]) =>
    lines.length > 0 &&
    (lines[0]!.text === 'Contents' || chapterTitles.some((t) => t.slice(0, 24) === lines[0]!.text.slice(0, 24)));
  const height = area.bottom - area.top;
  const found: PageFill[] = [];
  body.forEach((lines, i) => {
    const next = body[i + 1];
    if (!next || lines.length === 0 || opensChapter(next)) return;
    const fill = (lines.at(-1)!.bottom - area.top) / height;
    if (fill >= minimum) return;
    const firstProse = next.find((l) => isProse(l.text));
    const block = (firstProse?.top ?? area.bottom) - area.top;
    if (block > area.bottom - lines.at(-1)!.bottom) return;
    found.push({ page: i + 1, fill: Math.round(fill * 100) / 100 });
  });
  return found;
}

/** Headings set in the last two lines of a page's text. */
export function headingsAtFoot(pdf: string, model: DocumentModel): string[] {
  const titles = new Set<string>();
  const collect = (blocks: readonly Block[]) => {
    for (const b of blocks) {
      if (b.type === 'section' && b.children.length > 0) titles.add(normalise(plainText(b.title)));
      if (b.type === 'section') collect(b.children);
    }
  };
  collect(model.blocks);
  const paragraphs = new Set(paragraphTexts(model));
  for (const p of paragraphs) titles.delete(p);
  const found: string[] = [];
  const pages = bodyLines(pdf, model.meta.runningTitle);
  pages.forEach((lines, i) => {
    const [a = '', b = '', c = ''] = lines.slice(-3);
    // A heading may wrap over two lines: look at single lines and at pairs. A heading followed by
    // the whole of a one-line paragraph has all its text with it.
    const candidates = [c, `${b} ${c}`, ...(paragraphs.has(c) ? [] : [b, `${a} ${b}`])];
    for (const tail of candidates) if (titles.has(tail)) found.push(`page ${i + 1}: ${tail}`);
  });
  return found;
}

/** How far down the text area each page's text reaches, 0 to 1. */
export function pageFills(pages: readonly PlacedLine[][], area: { top: number; bottom: number }): number[] {
  return pages.map((lines) => {
    const body = lines.filter((l) => l.top >= area.top - 1 && l.bottom <= area.bottom + 1);
    return body.length ? (body.at(-1)!.bottom - area.top) / (area.bottom - area.top) : 0;
  });
}

/** The smallest heading size (h3, 12 pt) less a margin for measuring: body text is 11 pt or less. */
const HEADING_SIZE = 11.5;

/**
 * Headings set with fewer than two lines of what follows them on their page, when what follows goes
 * on to the next page: read from the laid-out lines, a heading known by its size and its title
 * (which may wrap over lines). Footnotes at the page's foot are not what follows.
 */
export function headingsWithoutTwoLines(
  pages: readonly PlacedLine[][],
  model: DocumentModel,
  area: { top: number; bottom: number },
): string[] {
  const titles: string[] = [];
  const collect = (blocks: readonly Block[]) => {
    for (const b of blocks) {
      if (b.type === 'section' && b.children.length > 0) titles.push(normalise(plainText(b.title)));
      if (b.type === 'section') collect(b.children);
    }
  };
  collect(model.blocks);
  const notes = model.footnotes.map((f) => normalise(plainText(f.content)));
  const isNote = (l: PlacedLine) => l.text.length > 20 && notes.some((n) => n.includes(l.text.replace(/^\d+\s*/, '')));
  const body = pages.map((lines) =>
    lines.filter((l) => l.top >= area.top - 1 && l.bottom <= area.bottom + 1 && !isNote(l)),
  );
  /** The index of a heading's last line, when a heading starts at line `i` of `lines`. */
  const headingEnd = (lines: readonly PlacedLine[], i: number): number | null => {
    if (lines[i]!.size < HEADING_SIZE) return null;
    for (const title of titles) {
      let text = lines[i]!.text;
      let j = i;
      while (text !== title && j + 1 < lines.length && title.startsWith(`${text} ${lines[j + 1]!.text}`)) {
        text = `${text} ${lines[++j]!.text}`;
      }
      if (text === title) return j;
    }
    return null;
  };
  const found: string[] = [];
  body.forEach((lines, p) => {
    const next = body[p + 1];
    if (!next?.length) return;
    lines.forEach((_, i) => {
      const end = headingEnd(lines, i);
      if (end === null) return;
      const after = lines.length - 1 - end;
      // Fewer than two lines of what follows, and it goes on overleaf (the next page does not open
      // with a heading of its own).
      if (after < 2 && headingEnd(next, 0) === null)
        found.push(`page ${p + 1}: ${lines[i]!.text} (${after} lines after)`);
    });
  });
  return found;
}
