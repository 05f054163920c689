/**
 * The report data: one TypeScript type and the JSON Schema that validates data files, defined
 * once with TypeBox so the two cannot drift apart. `npm run schema` writes the JSON Schema to
 * `data/report.schema.json` for editors.
 */
import { Type, type Static } from '@sinclair/typebox';

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

/** A period as the report words it. */
const Period = Text('a period as the report words it, e.g. "June 2014"', { maxLength: 120 });

/**
 * A block that states figures: Markdown with slots such as `{crimeChange.verb}` that are written
 * from `figures`, so a corrected figure corrects every sentence that states it (the slots are
 * described in src/statements/slots.ts). A `say` is one or more complete sentences; a `clause` is a
 * fragment that sits inside a paragraph list, next to the prose that completes it.
 */
export const Statement = Type.Union(
  [
    Type.Object(
      { say: Text('complete sentences, capitalised and punctuated, with {figure.form} slots') },
      { additionalProperties: false },
    ),
    Type.Object(
      { clause: Text('part of a sentence, with {figure.form} slots; only inside a paragraph list') },
      { additionalProperties: false },
    ),
  ],
  { description: '{say: …} (sentences) or {clause: …} (part of a sentence), stating figures through {slots}' },
);
export type Statement = Static<typeof Statement>;
/** A list written from the data: `questions` lists the titles of the judged questions. */
export const GeneratedList = Type.Object(
  { list: Type.Literal('questions', { description: 'questions: the titles of the judged questions' }) },
  { additionalProperties: false },
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
export const Block = Type.Union([Text('Markdown prose'), Statement, FigureRef, TableRef, GeneratedList, Paragraph], {
  description:
    'Markdown text, a list of text and statements (one paragraph), or {say: …}, {figure: …}, {table: …} or {list: questions}',
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
    recommendations: Type.Optional(Type.Array(Recommendation, { description: 'none when left out' })),
    summary: Type.Array(Text("a key finding, Markdown, in the question's Summary and its handout"), {
      minItems: 1,
    }),
  },
  { additionalProperties: false },
);
export type Question = Static<typeof Question>;

export const UNITS = ['percent', 'percent-change', 'count', 'rate', 'number'] as const;
export type Unit = (typeof UNITS)[number];

/** What every figure says about itself, whether its value is written here or read from a table. */
const FigureCommon = {
  label: Text('what the figure is, as a noun phrase in lower case, e.g. "the detection rate"', { maxLength: 200 }),
  unit: Type.Union(
    UNITS.map((u) => Type.Literal(u)),
    { description: `one of ${UNITS.join(', ')}` },
  ),
  decimals: Type.Optional(Type.Integer({ minimum: 0, maximum: 4, description: 'decimals to print; else as written' })),
  area: Type.Optional(
    Text('the place the figure is for, e.g. "England and Wales"; the report\'s area when left out', {
      maxLength: 120,
    }),
  ),
  period: Type.Optional(Period),
  from: Type.Optional(Text('for a change: the period it is measured from', { maxLength: 120 })),
  margin: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000, description: 'the margin of error (±)' })),
  inLineWithin: Type.Optional(
    Type.Number({ minimum: 0, maximum: 100_000, description: 'a difference counted as "broadly in line" when compared' }),
  ),
  reason: Type.Optional(Text('why the value is not available; needed when it is null', { maxLength: 500 })),
};

/** One figure: a value for a place and a period, or a cell of a rate table. */
export const Figure = Type.Union(
  [
    Type.Object(
      {
        ...FigureCommon,
        value: Type.Union([Type.Number({ minimum: -1e9, maximum: 1e9 }), Type.Null()], {
          description: 'the value, or null where it is not available',
        }),
      },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        ...FigureCommon,
        table: Id,
        row: Text('the label of the table row'),
        column: Type.Integer({ minimum: 1, maximum: 8, description: 'the column, counting from 1' }),
      },
      { additionalProperties: false },
    ),
  ],
  { description: 'a figure: {label, unit, value, …} or a table cell {label, unit, table, row, column, …}' },
);
export type Figure = Static<typeof Figure>;

/** Figures stated in the prose, by name. */
export const Figures = Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9]*$' }), Figure, {
  additionalProperties: false,
  description: 'figures by name (letters and digits), stated in text through {name.form} slots',
});
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
    columnDecimals: Type.Optional(
      Type.Array(Type.Integer({ minimum: 0, maximum: 4 }), {
        minItems: 1,
        maxItems: 8,
        description: 'decimals for each column, where they differ (e.g. a count beside a rate)',
      }),
    ),
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
    filter: Type.Record(
      Type.String({ minLength: 1 }),
      Type.Union([Type.String(), Type.Array(Type.String(), { minItems: 1, maxItems: 100 })]),
      { description: 'keep only rows whose column equals the value, or one of a list of values' },
    ),
    series: Type.Object(
      {
        column: Type.String({ minLength: 1, description: 'the column that names each series, e.g. "area"' }),
        force: Text('the value of that column for the series of this report\'s force', { maxLength: 200 }),
        comparator: Type.Optional(Text('the value for the series it is compared with', { maxLength: 200 })),
        others: Type.Optional(
          Type.Boolean({ description: 'true when rows of other series are drawn too (e.g. every force)' }),
        ),
      },
      {
        additionalProperties: false,
        description: 'which series is the force and which its comparator, so colour and order never follow row order',
      },
    ),
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
