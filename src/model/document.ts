/** Assembles the document model: the parsed blocks plus what the writers need to know about the document. */
import type { ReportData } from '../schema/report.js';
import { formatDate } from '../format.js';
import { buildBlocks, type Fragment } from './build.js';
import { componentResolver } from './components.js';
import type { DocumentMeta, DocumentModel } from './types.js';

export type DocumentKind =
  | { kind: 'report' }
  | { kind: 'handout'; questionId: string | null; fullReportHref: string }
  /** A data sheet: compact like a handout, its source line printed in the footer. */
  | { kind: 'datasheet'; source: string };

export function documentMeta(data: ReportData, kind: DocumentKind): DocumentMeta {
  const { meta } = data;
  if (kind.kind === 'datasheet') {
    const title = `${meta.force} — ${meta.title}`;
    return {
      kind: 'datasheet',
      title,
      force: meta.force,
      reportTitle: meta.title,
      heading: meta.title,
      date: formatDate(meta.published),
      published: meta.published,
      publisher: meta.publisher,
      author: meta.author,
      subject: title,
      language: meta.language,
      licence: meta.licence,
      runningTitle: title,
      source: kind.source,
      fullReportHref: null,
    };
  }
  const reportName = `${meta.force} — ${meta.title}`;
  const date = formatDate(meta.published);
  const question =
    kind.kind === 'handout' && kind.questionId ? data.questions.find((q) => q.id === kind.questionId) : undefined;
  const handoutTitle = question ? question.shortTitle : kind.kind === 'handout' ? data.overview.title : null;
  return {
    kind: kind.kind,
    title: handoutTitle ? `${meta.force} — ${handoutTitle}` : reportName,
    force: meta.force,
    reportTitle: meta.title,
    heading: handoutTitle ?? meta.title,
    date,
    published: meta.published,
    publisher: meta.publisher,
    author: meta.author,
    subject: `${meta.force}: ${question ? question.title : data.overview.title}`,
    language: meta.language,
    licence: meta.licence,
    runningTitle: reportName,
    source: kind.kind === 'handout' ? `Source: ${reportName}, ${date}` : null,
    fullReportHref: kind.kind === 'handout' ? kind.fullReportHref : null,
  };
}

/** Parse: the templates' Markdown and the data become one document model. */
export function buildDocument(
  { markdown, fragments }: { markdown: string; fragments: readonly Fragment[] },
  data: ReportData,
  kind: DocumentKind,
): DocumentModel {
  const { blocks, footnotes } = buildBlocks(markdown, {
    resolveComponent: componentResolver(data, (id) =>
      kind.kind === 'handout' ? `${kind.fullReportHref}#${id}` : `#${id}`,
    ),
    footnotes: new Map(Object.entries(data.footnotes)),
    fragments,
  });
  return {
    meta: documentMeta(data, kind),
    cover: kind.kind === 'report',
    contents: kind.kind === 'report',
    blocks,
    footnotes,
  };
}
