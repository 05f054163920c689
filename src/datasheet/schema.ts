/**
 * The data-sheet definition (`data/<folder>/datasheet.yaml`): which dataset, which measures, the
 * period, the comparator and the areas to flag. One definition makes a sheet for every area.
 */
import { Type, type Static } from '@sinclair/typebox';

const Text = (description: string, maxLength = 2000) => Type.String({ minLength: 1, maxLength, description });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a date in the data, YYYY-MM-DD' });

export const DatasheetDefinition = Type.Object(
  {
    title: Text('the sheet title, e.g. "Recorded crime data sheet"', 200),
    publisher: Text('who publishes the sheets', 200),
    published: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' }),
    language: Type.String({ pattern: '^[a-z]{2,3}(-[A-Z]{2})?$' }),
    data: Type.String({ pattern: '^[A-Za-z0-9_.-]+\\.csv$', description: 'the CSV in this folder' }),
    comparator: Text('the area every other area is compared with, e.g. "England and Wales"', 200),
    period: IsoDate,
    periodLabel: Text('the period as printed, e.g. "12 months to June 2014"', 200),
    changes: Type.Array(
      Type.Object({ from: IsoDate, label: Text('e.g. "over 1 year"', 80) }, { additionalProperties: false }),
      {
        minItems: 1,
        maxItems: 4,
      },
    ),
    measures: Type.Array(Text('a measure as named in the data', 200), { minItems: 1, maxItems: 12 }),
    trendMeasure: Text('the measure drawn in the trend chart', 200),
    notes: Type.Optional(Type.Array(Text('a note printed on every sheet'))),
    flagged: Type.Record(Type.String({ minLength: 1 }), Text('why its rates are not comparable'), {
      description: 'areas whose rates are shown but left out of rankings, with the reason',
    }),
    source: Text('the source line'),
    licence: Text('the licence line'),
  },
  { additionalProperties: false, title: 'Data-sheet definition' },
);
export type DatasheetDefinition = Static<typeof DatasheetDefinition>;
