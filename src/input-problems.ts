/**
 * Failures in the later stages that are problems in the input, not in the program: a component
 * line a template got wrong, footnotes that cannot be set. Each becomes a ReportError placed in the
 * file to edit; anything else passes through as it is.
 */
import { ComponentError } from './model/build.js';
import { FootnoteError } from './pdf/footnotes.js';
import { placelessProblem, problemAt, ReportError } from './problems.js';
import type { ValidReport } from './validate/index.js';

export function asInputProblem(error: unknown, report: ValidReport, template: string): unknown {
  if (error instanceof ComponentError) {
    const where = `(line ${error.line} of the Markdown it writes)`;
    const problem = placelessProblem(`templates/${template}.md.hbs`, where, 'template/component', error.message);
    return new ReportError([problem], { cause: error });
  }
  if (error instanceof FootnoteError) {
    return new ReportError([problemAt(report.source, ['footnotes', error.id], 'pdf/footnote', error.message)], {
      cause: error,
    });
  }
  return error;
}
