import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDatasheet } from '../../../src/datasheet/load.js';
import { formatProblem, ReportError } from '../../../src/problems.js';
import { FIXTURES } from '../../helpers/paths.js';

const DIR = path.join(FIXTURES, 'national');

/** The definition with edits, beside a copy of the dataset; the problems it gives, printed. */
async function problems(...edits: [string, string][]): Promise<string[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'datasheet-'));
  let text = await readFile(path.join(DIR, 'datasheet.yaml'), 'utf8');
  for (const [from, to] of edits) {
    expect(text).toContain(from);
    text = text.replace(from, to);
  }
  await writeFile(path.join(dir, 'datasheet.yaml'), text);
  await copyFile(path.join(DIR, 'recorded-crime-2010-2014.csv'), path.join(dir, 'recorded-crime-2010-2014.csv'));
  try {
    await loadDatasheet(dir);
    return [];
  } catch (error) {
    if (!(error instanceof ReportError)) throw error;
    return error.problems.map((p) => formatProblem({ ...p, file: path.basename(p.file) }));
  }
}

describe('a data-sheet definition', () => {
  it('loads as written', async () => {
    expect(await problems()).toEqual([]);
  });

  it('is checked against the data, each problem placed', async () => {
    expect(
      await problems(
        ['comparator: England and Wales', 'comparator: England & Wales'],
        ['  - Sexual offences\n', '  - Sexual offence\n'],
        ['  City of London:', '  City of Londn:'],
        ['period: "2014-06-30"', 'period: "2014-07-31"'],
      ),
    ).toEqual([
      expect.stringMatching(
        /^datasheet\.yaml:\d+:\d+ comparator: "England & Wales" is not an area of the data; its areas are /,
      ),
      expect.stringMatching(/^datasheet\.yaml:\d+:\d+ period: no row of the data is for the period ending 2014-07-31$/),
      expect.stringMatching(/^datasheet\.yaml:\d+:\d+ measures\[2\]: "Sexual offence" is not a measure of the data; /),
      expect.stringMatching(
        /^datasheet\.yaml:\d+:\d+ flagged\["City of Londn"\]: "City of Londn" is not an area of the data; /,
      ),
    ]);
  });

  it('is checked against its schema', async () => {
    expect(
      await problems(['trendMeasure: Crime excluding fraud\n', 'trendMeasure: Crime excluding fraud\ncolour: blue\n']),
    ).toEqual([expect.stringMatching(/^datasheet\.yaml:\d+:\d+ colour: unknown field "colour"/)]);
  });
});
