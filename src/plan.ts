/**
 * The documents a report makes: the full report, a handout per judged question and the summary
 * handout, each with the template that writes it and where it goes. Shared by building and checking.
 */
import type { ValidReport } from './validate/index.js';
import type { DocumentKind } from './model/document.js';
import { ReportError, placelessProblem } from './problems.js';
import { message } from './messages.js';

/** The editions of every document. */
export const FORMATS = ['pdf', 'html'] as const;
export type Format = (typeof FORMATS)[number];

export interface PlanOptions {
  /** Build only this handout: a question id, or "summary". */
  handout?: string;
  /** False: build the report alone, without its handouts. */
  handouts?: boolean;
}

/** True when the options leave out some of a report's documents, so a build must not drop their files. */
export const isPartial = (options: PlanOptions): boolean => Boolean(options.handout) || options.handouts === false;

/** What a document is: which template writes it, what kind it is, and where it goes. */
export interface DocumentPlan {
  template: string;
  context: object;
  kind: DocumentKind;
  /** The output path without extension, relative to out/<id>/. */
  name: string;
}

export const SUMMARY_HANDOUT = 'summary';

export function plan(report: ValidReport, options: PlanOptions = {}): DocumentPlan[] {
  const { data } = report;
  const handout = (questionId: string | null): DocumentKind => ({
    kind: 'handout',
    questionId,
    fullReportHref: '../report.html',
  });
  const all: DocumentPlan[] = [
    { template: 'report', context: data, kind: { kind: 'report' }, name: 'report' },
    ...data.questions.map((question) => ({
      template: 'handout',
      context: { ...data, question },
      kind: handout(question.id),
      name: `handouts/${question.id}`,
    })),
    { template: 'summary', context: data, kind: handout(null), name: `handouts/${SUMMARY_HANDOUT}` },
  ];
  if (options.handouts === false) return all.slice(0, 1);
  if (!options.handout) return all;
  const chosen = all.filter((p) => p.name === `handouts/${options.handout}`);
  if (chosen.length === 0) {
    const known = [...data.questions.map((q) => q.id), SUMMARY_HANDOUT];
    throw new ReportError([
      placelessProblem(
        'command line',
        '--handout',
        'cli/unknown-handout',
        message.unknownHandout(options.handout, known),
      ),
    ]);
  }
  return chosen;
}
