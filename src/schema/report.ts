/**
 * The report data: one TypeScript type and the JSON Schema that validates data files, defined
 * once with TypeBox so the two cannot drift apart. `npm run schema` writes the JSON Schema to
 * `data/report.schema.json` for editors.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const Text = (description: string, extra: object = {}) =>
  Type.String({ minLength: 1, maxLength: 20_000, description, ...extra });

/** An identifier usable in a URL, a file name and an HTML id: the one pattern for report, question and section ids. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const Id = Type.String({
  pattern: ID_PATTERN.source,
  maxLength: 64,
  description: 'lower-case letters, digits and single hyphens, e.g. "investigating-offending"',
});

export const GRADES = ['outstanding', 'good', 'requires-improvement', 'inadequate'] as const;
export const Grade = Type.Union(
  GRADES.map((g) => Type.Literal(g)),
  { description: 'one of outstanding, good, requires-improvement, inadequate' },
);
export type Grade = (typeof GRADES)[number];

/** A percentage that may be negative (a change) but is bounded to something believable. */
const PercentChange = Type.Number({ minimum: -100, maximum: 1000, description: 'percent change' });
/** A share of something: 0 to 100. */
const Percent = Type.Number({ minimum: 0, maximum: 100, description: 'percent, 0 to 100' });
const Count = Type.Integer({ minimum: 0, maximum: 1e9, description: 'a count' });
const Period = Text('a period as the report words it, e.g. "June 2014"');

/** A block of a section's body: Markdown prose, a sentence the templates write from figures, a chart or a table. */
export const STATEMENTS = [
  'recordedCrimeChange',
  'victimBasedCrimeChange',
  'recentCrimeChange',
  'victimSatisfaction',
  'detectionRate',
  'asbIncidents',
  'asbRateComparison',
  'iomOffenders',
] as const;
export type StatementName = (typeof STATEMENTS)[number];
export const Statement = Type.Object(
  {
    statement: Type.Union(
      STATEMENTS.map((s) => Type.Literal(s)),
      { description: `one of ${STATEMENTS.join(', ')}` },
    ),
  },
  {
    additionalProperties: false,
    description: 'sentences written by templates/statements/<name>.hbs from figures.<name>',
  },
);
export const FigureRef = Type.Object(
  { figure: Id },
  { additionalProperties: false, description: 'a chart from charts' },
);
export const TableRef = Type.Object({ table: Id }, { additionalProperties: false, description: 'a table from tables' });
export const Paragraph = Type.Array(Type.Union([Text('Markdown prose'), Statement]), {
  minItems: 1,
  description: 'one paragraph made of prose and statements, joined by spaces',
});
export const Block = Type.Union([Text('Markdown prose'), Statement, FigureRef, TableRef, Paragraph], {
  description:
    'Markdown text, a list of text and statements (one paragraph), or {statement: …}, {figure: …} or {table: …}',
});
export type Block = Static<typeof Block>;
const Body = Type.Array(Block, { description: 'blocks in reading order' });

export const Chapter = Type.Object({ id: Id, title: Text('heading'), body: Body }, { additionalProperties: false });

export const Subsection = Type.Object({ id: Id, title: Text('heading'), body: Body }, { additionalProperties: false });

export const Recommendation = Type.Object(
  {
    timeframe: Text('when it is due, e.g. "Within three months"', { maxLength: 80 }),
    text: Text('the recommendation in full, Markdown'),
  },
  { additionalProperties: false },
);
export type Recommendation = Static<typeof Recommendation>;

export const Question = Type.Object(
  {
    id: Id,
    title: Text('the question, e.g. "How effective is the force at …?"'),
    shortTitle: Text('a short name for the summary grid and handouts', { maxLength: 120 }),
    judgment: Grade,
    // Each is printed once per document. gridSummary is the question's précis in the summary grid
    // (in the report's overview and the summary handout); summary is its key findings, listed under
    // the question's Summary in the report and as the key findings of its handout.
    gridSummary: Type.Array(Text("a paragraph of the question's précis in the summary grid, Markdown"), {
      minItems: 1,
    }),
    intro: Body,
    sections: Type.Array(Subsection),
    recommendations: Type.Array(Recommendation),
    summary: Type.Array(Text("a key finding, Markdown, in the question's Summary and its handout"), {
      minItems: 1,
    }),
  },
  { additionalProperties: false },
);
export type Question = Static<typeof Question>;

const ForceAndNation = (what: TSchema) => Type.Object({ force: what, nation: what }, { additionalProperties: false });

/** Figures stated in the prose. Each is optional; the statement that names it requires it. */
export const Figures = Type.Object(
  {
    recordedCrimeChange: Type.Optional(
      Type.Object(
        { baseline: Period, period: Period, change: ForceAndNation(PercentChange) },
        { additionalProperties: false, description: 'recorded crime excluding fraud, change since the baseline' },
      ),
    ),
    victimBasedCrimeChange: Type.Optional(
      Type.Object({ change: ForceAndNation(PercentChange) }, { additionalProperties: false }),
    ),
    recentCrimeChange: Type.Optional(
      Type.Object({ period: Period, change: ForceAndNation(PercentChange) }, { additionalProperties: false }),
    ),
    victimSatisfaction: Type.Optional(
      Type.Object(
        {
          period: Period,
          force: Type.Object({ rate: Percent, margin: Percent }, { additionalProperties: false }),
          nation: Type.Object({ rate: Percent, margin: Percent }, { additionalProperties: false }),
          previous: Type.Object({ rate: Percent, margin: Percent }, { additionalProperties: false }),
        },
        { additionalProperties: false },
      ),
    ),
    detectionRate: Type.Optional(
      Type.Object(
        {
          period: Period,
          force: Percent,
          nation: Percent,
          inLineWithin: Type.Number({
            minimum: 0,
            maximum: 50,
            description: 'percentage points counted as "broadly in line"',
          }),
        },
        { additionalProperties: false },
      ),
    ),
    asbIncidents: Type.Optional(
      Type.Object({ period: Period, count: Count, change: PercentChange }, { additionalProperties: false }),
    ),
    asbRateComparison: Type.Optional(
      Type.Object(
        { table: Id, row: Text('the label of the rate table row that compares the force with the nation') },
        { additionalProperties: false },
      ),
    ),
    iomOffenders: Type.Optional(Type.Object({ asOf: Period, count: Count }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type Figures = Static<typeof Figures>;

const Rate = Type.Union([Type.Number({ minimum: 0, maximum: 100_000 }), Type.Null()], {
  description: 'a rate, or null where it is not available',
});

export const RateTable = Type.Object(
  {
    caption: Text('what the table shows'),
    stub: Text('the heading of the label column, e.g. "12 months to June 2014"'),
    columns: Type.Array(Text('column heading'), { minItems: 1, maxItems: 8 }),
    decimals: Type.Integer({ minimum: 0, maximum: 4 }),
    rows: Type.Array(
      Type.Object(
        { label: Text('row label'), values: Type.Array(Rate, { minItems: 1, maxItems: 8 }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 100_000 },
    ),
    notes: Type.Optional(Type.Array(Text('a note under the table, Markdown'))),
  },
  { additionalProperties: false },
);
export type RateTable = Static<typeof RateTable>;

export const Chart = Type.Object(
  {
    spec: Id,
    title: Text('the figure caption'),
    alt: Text('a text alternative describing what the chart shows'),
    source: Text('where the figures come from'),
    data: Type.String({ pattern: '^[A-Za-z0-9_.-]+\\.csv$', description: 'a CSV file in the report folder' }),
    filter: Type.Record(Type.String({ minLength: 1 }), Type.String(), {
      description: 'keep only rows whose column equals the value',
    }),
  },
  { additionalProperties: false },
);
export type Chart = Static<typeof Chart>;

export const Meta = Type.Object(
  {
    force: Text('the force, e.g. "Example Constabulary"', { maxLength: 120 }),
    area: Text('the force area, e.g. "Exampleshire"', { maxLength: 120 }),
    title: Text('the report title, e.g. "Crime inspection 2014"', { maxLength: 200 }),
    published: Type.String({
      pattern: '^\\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?$',
      description: 'YYYY-MM or YYYY-MM-DD',
    }),
    publisher: Text('who publishes the report', { maxLength: 200 }),
    author: Text("the publisher's full name: the cover and the document information name it", {
      maxLength: 200,
    }),
    language: Type.String({ pattern: '^[a-z]{2,3}(-[A-Z]{2})?$', description: 'a language tag, e.g. en-GB' }),
    licence: Text('the copyright and licence line'),
  },
  { additionalProperties: false },
);
export type Meta = Static<typeof Meta>;

export const ReportData = Type.Object(
  {
    meta: Meta,
    overview: Type.Object(
      { id: Id, title: Text('heading'), summaryTitle: Text('heading'), body: Body },
      { additionalProperties: false },
    ),
    introduction: Chapter,
    methodology: Chapter,
    questions: Type.Array(Question, { minItems: 1, maxItems: 20 }),
    judgments: Chapter,
    figures: Figures,
    tables: Type.Record(Id, RateTable, { additionalProperties: false }),
    charts: Type.Record(Id, Chart, { additionalProperties: false }),
    footnotes: Type.Record(Id, Text('the footnote, Markdown'), { additionalProperties: false }),
  },
  { additionalProperties: false, $id: 'report-press/report.schema.json', title: 'Inspection report data' },
);
export type ReportData = Static<typeof ReportData>;
