/** The components that templates place with `::name{…}` lines, resolved against the report data. */
import { message } from '../messages.js';
import type { Grade, ReportData } from '../schema/report.js';
import { formatNumber } from '../format.js';
import { own } from '../own.js';
import { COMPONENTS } from './directives.js';
import { ComponentError, type ComponentResolver } from './build.js';
import type { Judgment } from './types.js';

const GRADE_LABELS: Record<Grade, string> = {
  outstanding: 'Outstanding',
  good: 'Good',
  'requires-improvement': 'Requires improvement',
  inadequate: 'Inadequate',
};

export function judgment(grade: Grade): Judgment {
  return { type: 'judgment', grade, label: GRADE_LABELS[grade] };
}

/**
 * Where a question's section is: `#id` in the full report, the report file and `#id` from a handout.
 */
export type QuestionHref = (id: string) => string;

export function componentResolver(data: ReportData, questionHref: QuestionHref): ComponentResolver {
  const question = (id: string | undefined) => {
    const q = data.questions.find((q) => q.id === id);
    if (!q)
      throw new ComponentError(
        message.noComponentTarget(
          'question',
          String(id),
          data.questions.map((q) => q.id),
        ),
      );
    return q;
  };
  const selected = (ids: string | undefined) =>
    ids ? ids.split(',').map((id) => question(id.trim())) : data.questions;

  return (name, attrs, parse) => {
    switch (name) {
      case 'summary-grid':
        return [
          {
            type: 'summaryGrid',
            questions: selected(attrs.questions).map((q) => ({
              id: q.id,
              title: q.title,
              href: questionHref(q.id),
              judgment: judgment(q.judgment),
              summary: q.gridSummary.flatMap(parse),
            })),
          },
        ];
      case 'judgment':
        return [judgment(question(attrs.question).judgment)];
      case 'recommendations': {
        const q = question(attrs.question);
        if ((q.recommendations ?? []).length === 0) return [];
        return [
          {
            type: 'recommendations',
            id: `${q.id}-recommendation-list`,
            items: (q.recommendations ?? []).map((r, i) => ({ number: i + 1, timeframe: r.timeframe, content: parse(r.text) })),
          },
        ];
      }
      case 'rate-table': {
        const id = attrs.id ?? '';
        const table = own(data.tables, id);
        if (!table) throw new ComponentError(message.noComponentTarget('table', id, Object.keys(data.tables)));
        return [
          {
            type: 'table',
            id: `table-${id}`,
            caption: table.caption,
            stub: table.stub,
            columns: table.columns,
            rows: table.rows.map((r) => ({
              label: r.label,
              values: r.values,
              cells: r.values.map((v, i) => formatNumber(v, table.columnDecimals?.[i] ?? table.decimals)),
            })),
            notes: (table.notes ?? []).flatMap(parse),
          },
        ];
      }
      case 'figure': {
        const id = attrs.id ?? '';
        const chart = own(data.charts, id);
        if (!chart) throw new ComponentError(message.noComponentTarget('chart', id, Object.keys(data.charts)));
        return [
          {
            type: 'figure',
            id: `figure-${id}`,
            chart: id,
            caption: chart.title,
            alt: chart.alt,
            source: chart.source,
            svg: null,
            data: null,
            screen: null,
          },
        ];
      }
      default:
        throw new ComponentError(message.unknownTemplateComponent(name, COMPONENTS));
    }
  };
}
