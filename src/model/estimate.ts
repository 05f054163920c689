/**
 * The page budget, checked before layout: a document's page count is estimated from its text, so a
 * report that would run to thousands of pages is refused in a moment instead of after minutes of
 * layout. The estimate errs high for dense prose and low for many short blocks; the budget has room.
 */
import type { DocumentModel, Block, Inline } from './types.js';
import type { ValidReport } from '../validate/index.js';
import type { Budget } from '../budget.js';
import { heaviestPath } from '../load/size.js';
import { problemAt, ReportError } from '../problems.js';
import { message } from '../messages.js';

/** Characters of body text on a full page, and what a block or a figure takes up, in characters. */
const CHARS_PER_PAGE = 2000;
const PER_BLOCK = 80;
const PER_FIGURE = 1000;

function inlineChars(inlines: readonly Inline[]): number {
  let n = 0;
  for (const i of inlines) n += i.type === 'text' ? i.text.length : i.type === 'link' ? inlineChars(i.children) : 1;
  return n;
}

function blockChars(blocks: readonly Block[]): number {
  let n = 0;
  for (const b of blocks) {
    n += PER_BLOCK;
    if (b.type === 'paragraph') n += inlineChars(b.content);
    else if (b.type === 'section') n += inlineChars(b.title) + blockChars(b.children);
    else if (b.type === 'list') for (const item of b.items) n += blockChars(item);
    else if (b.type === 'figure') n += PER_FIGURE;
    else n += JSON.stringify(b).length / 4;
  }
  return n;
}

export function estimatePages(model: DocumentModel): number {
  const footnotes = model.footnotes.reduce((n, f) => n + PER_BLOCK + inlineChars(f.content), 0);
  return Math.ceil((blockChars(model.blocks) + footnotes) / CHARS_PER_PAGE);
}

export function checkPages(model: DocumentModel, report: ValidReport, budget: Budget): void {
  const pages = estimatePages(model);
  if (pages <= budget.pages) return;
  const problem = problemAt(
    report.source,
    heaviestPath(report.data),
    'budget/pages',
    message.tooManyPages(pages, budget.pages),
  );
  throw new ReportError([problem]);
}
