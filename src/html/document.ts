/**
 * Write HTML: the document model as one self-contained page — semantic body from the model, the
 * page shell from templates/page.html.hbs, styles from templates/edition.css, fonts embedded.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { DocumentModel, Section } from '../model/types.js';
import { plainText } from '../model/text.js';
import { displayPath } from '../load/report.js';
import { ReportError } from '../problems.js';
import { parseError } from '../template/errors.js';
import { blocksHtml } from './blocks.js';
import { htmlInlines } from './inlines.js';
import { fontFaces } from './fonts.js';
import { gradeCss } from './grades.js';

/**
 * Writes a document model as a page. `fontText` is the text whose characters the embedded font must
 * cover: the whole report's, so that all its documents share one font subset; by default the page's own.
 */
export type HtmlWriter = (model: DocumentModel, fontText?: string) => Promise<string>;

export async function htmlWriter(templatesDir: string): Promise<HtmlWriter> {
  const file = path.join(templatesDir, 'page.html.hbs');
  const [shell, stylesheet] = await Promise.all([
    readFile(file, 'utf8'),
    readFile(path.join(templatesDir, 'edition.css'), 'utf8'),
  ]);
  const css = `${stylesheet}\n${gradeCss()}`;
  try {
    Handlebars.parse(shell);
  } catch (error) {
    // The same account of a syntax error as the Markdown templates get.
    throw new ReportError([parseError({ name: 'page.html', file: displayPath(file), text: shell }, error as Error)]);
  }
  const page = Handlebars.create().compile(shell);

  return async (model, fontText) => {
    const contents = model.contents
      ? model.blocks
          .filter((b): b is Section => b.type === 'section' && b.level === 1)
          .map((s) => ({ id: s.id, title: plainText(s.title) }))
      : [];
    const context = {
      meta: model.meta,
      contents,
      body: blocksHtml(model.blocks),
      footnotes: model.footnotes.map((f) => ({ id: f.id, number: f.number, html: htmlInlines(f.content) })),
      css,
      fonts: '',
    };
    const draft = page(context);
    const text = draft.replace(/<style>[\s\S]*?<\/style>/, '');
    // The report's text covers the page's, save for what a template adds: take both.
    return page({ ...context, fonts: await fontFaces(text, fontText) });
  };
}
