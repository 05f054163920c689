/** Every Markdown text in the report data, with its data path: for checks here and for tests. */
import type { Block, ReportData } from '../schema/report.js';
import type { Path } from '../problems.js';

export interface ProseField {
  path: Path;
  text: string;
}

function* blocks(body: readonly Block[], at: Path): Generator<ProseField> {
  for (const [i, block] of body.entries()) {
    if (typeof block === 'string') yield { path: [...at, i], text: block };
    else if (Array.isArray(block)) {
      for (const [j, part] of block.entries()) if (typeof part === 'string') yield { path: [...at, i, j], text: part };
    }
  }
}

export function* proseFields(data: ReportData): Generator<ProseField> {
  yield* blocks(data.overview.body, ['overview', 'body']);
  for (const key of ['introduction', 'methodology'] as const) yield* blocks(data[key].body, [key, 'body']);
  for (const [q, question] of data.questions.entries()) {
    const at = ['questions', q];
    for (const [i, text] of question.gridSummary.entries()) yield { path: [...at, 'gridSummary', i], text };
    yield* blocks(question.intro, [...at, 'intro']);
    for (const [s, section] of question.sections.entries()) yield* blocks(section.body, [...at, 'sections', s, 'body']);
    for (const [r, rec] of (question.recommendations ?? []).entries())
      yield { path: [...at, 'recommendations', r, 'text'], text: rec.text };
    for (const [i, text] of question.summary.entries()) yield { path: [...at, 'summary', i], text };
  }
  yield* blocks(data.judgments.body, ['judgments', 'body']);
  for (const [id, table] of Object.entries(data.tables)) {
    for (const [i, text] of (table.notes ?? []).entries()) yield { path: ['tables', id, 'notes', i], text };
  }
  for (const [id, text] of Object.entries(data.footnotes)) yield { path: ['footnotes', id], text };
}

/** Every body in the report with its data path, for reference checks. */
export function* bodies(data: ReportData): Generator<{ path: Path; body: readonly Block[] }> {
  yield { path: ['overview', 'body'], body: data.overview.body };
  yield { path: ['introduction', 'body'], body: data.introduction.body };
  yield { path: ['methodology', 'body'], body: data.methodology.body };
  for (const [q, question] of data.questions.entries()) {
    yield { path: ['questions', q, 'intro'], body: question.intro };
    for (const [s, section] of question.sections.entries()) {
      yield { path: ['questions', q, 'sections', s, 'body'], body: section.body };
    }
  }
  yield { path: ['judgments', 'body'], body: data.judgments.body };
}
