/**
 * Writes the corpus: every folder under cases/ and valid/ is the base report (base/) with one small
 * edit, made here so that each edit is written down once and can be re-applied when the base changes:
 *
 *   npx tsx tests/bad-input/make-cases.ts && UPDATE_BAD_INPUT=1 npx vitest run tests/bad-input/corpus.test.ts
 *
 * then read the diff of every expected.txt. Existing expected.txt files are kept; a new case gets an
 * empty one, which the corpus test refuses until it is filled in.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/paths.js';
import { BASE, BASE_ID as ID, CASES, VALID, type CaseConfig } from './run-case.js';

type Edit = (text: string) => string;

interface Case {
  /** The report.yaml, edited; `null` leaves it out. */
  yaml?: Edit | null;
  /** The CSV, edited. */
  csv?: Edit;
  /** Leave the CSV out. */
  noCsv?: boolean;
  /** The real chart spec, edited. */
  chart?: Edit;
  /** A real template, edited. */
  template?: [file: string, edit: Edit];
  /** A template file of its own (checked at load like every template, used or not). */
  newTemplate?: [file: string, text: string];
  caseJson?: CaseConfig;
  /** The report folder's name, when it is not the base's. */
  folder?: string;
}

/** Replaces text that must occur exactly once, so an edit cannot silently miss or hit twice. */
function rep(text: string, from: string, to: string): string {
  const n = text.split(from).length - 1;
  if (n !== 1) throw new Error(`${JSON.stringify(from)} occurs ${n} times`);
  return text.replace(from, () => to);
}

const edits =
  (...pairs: [from: string, to: string][]): Edit =>
  (text) =>
    pairs.reduce((acc, [from, to]) => rep(acc, from, to), text);

const cases: Record<string, Case> = {
  // YAML syntax
  'yaml-bad-indent': { yaml: edits(['    shortTitle: Preventing crime\n', '   shortTitle: Preventing crime\n']) },
  'yaml-tab-indent': { yaml: edits(['  force: Test Police\n', '\tforce: Test Police\n']) },
  'yaml-unclosed-quote': { yaml: edits(['  title: Test inspection 2014\n', '  title: "Test inspection 2014\n']) },
  'yaml-duplicate-key': { yaml: edits(['    judgment: good\n', '    judgment: good\n    judgment: outstanding\n']) },
  'yaml-unclosed-flow': {
    yaml: edits([
      '    columns: [Testshire rate, England and Wales rate]',
      '    columns: [Testshire rate, England and Wales rate',
    ]),
  },
  'yaml-top-level-list': { yaml: () => '- meta: {}\n- overview: {}\n' },
  'empty-file': { yaml: () => '' },
  'comments-only-file': { yaml: () => '# nothing here yet\n' },
  // types
  'wrong-type-title-number': { yaml: edits(['  title: Test inspection 2014\n', '  title: 2014\n']) },
  'wrong-type-questions-map': {
    yaml: edits(['questions:\n  - id: preventing-crime\n', 'questions:\n  first:\n  - id: preventing-crime\n']),
  },
  'wrong-type-body-string': {
    yaml: edits([
      '  body:\n    - This invented report is the base of the bad-input corpus.\n',
      '  body: This invented report is the base of the bad-input corpus.\n',
    ]),
  },
  'wrong-type-gridsummary-empty': {
    yaml: edits(['    gridSummary:\n      - The force prevents crime well.\n', '    gridSummary: []\n']),
  },
  'wrong-type-block-object': {
    yaml: edits(['    - This invented report is the base of the bad-input corpus.\n', '    - {chart: trend}\n']),
  },
  'wrong-type-empty-title': { yaml: edits(['    title: Rates\n', '    title: ""\n']) },
  'wrong-type-date': { yaml: edits(['  published: "2014-12-03"\n', '  published: 3 December 2014\n']) },
  // missing and unknown fields
  'missing-meta': {
    yaml: edits([
      'meta:\n  force: Test Police\n  area: Testshire\n  title: Test inspection 2014\n  published: "2014-12-03"\n  publisher: Test Inspectorate\n  author: Test Inspectorate\n  language: en-GB\n  licence: Invented text for testing.\n\n',
      '',
    ]),
  },
  'missing-judgment': { yaml: edits(['    judgment: inadequate\n', '']) },
  'recommendation-without-timeframe': {
    yaml: edits(['      - timeframe: Within one month\n        text:', '      - text:']),
  },
  'unknown-key-typo': { yaml: edits(['    judgment: good\n', '    judgement: good\n']) },
  'unknown-top-level-key': { yaml: edits(['footnotes:\n', 'appendix: []\n\nfootnotes:\n']) },
  // judgments
  'judgment-not-a-grade': { yaml: edits(['    judgment: good\n', '    judgment: excellent\n']) },
  'judgment-capitalised': { yaml: edits(['    judgment: inadequate\n', '    judgment: Inadequate\n']) },
  // figures
  'figure-not-a-number': { yaml: edits(['    value: 25\n', '    value: twenty-five\n']) },
  'figure-number-as-text': { yaml: edits(['    value: 25\n', '    value: "25%"\n']) },
  'figure-negative': { yaml: edits(['    value: 26\n', '    value: -26\n']) },
  'figure-nan': { yaml: edits(['    value: 25\n', '    value: .nan\n']) },
  'figure-infinite': { yaml: edits(['        values: [58.2, 60.8]\n', '        values: [58.2, .inf]\n']) },
  'figure-absurd': { yaml: edits(['        values: [58.2, 60.8]\n', '        values: [58.2, 1e300]\n']) },
  'percentage-over-100': { yaml: edits(['    value: 25\n', '    value: 125\n']) },
  'figure-null-without-reason': { yaml: edits(['    value: 26\n', '    value: null\n']) },
  'figure-unknown-table-row': {
    yaml: edits(['    value: 26\n', '    table: rates\n    row: Burglary\n    column: 2\n']),
  },
  'count-not-whole': { yaml: edits(['    decimals: 1\n', '    decimals: 1.5\n']) },
  // ids and references
  'duplicate-question-id': { yaml: edits(['  - id: keeping-safe\n', '  - id: preventing-crime\n']) },
  'duplicate-section-id': { yaml: edits(['      - id: rates\n', '      - id: about\n']) },
  'bad-id': { yaml: edits(['  - id: keeping-safe\n', '  - id: Keeping Safe\n']) },
  'unknown-figure-reference': { yaml: edits(['          - {figure: trend}\n', '          - {figure: trends}\n']) },
  'unknown-table-reference': { yaml: edits(['          - {table: rates}\n', '          - {table: rate}\n']) },
  'statement-without-figures': {
    yaml: edits(['the {detectionRateNation} for', 'the {detectionRateNatoin} for']),
  },
  'statement-unknown-form': { yaml: edits(['{detectionRate.possessive}', '{detectionRate.owner}']) },
  'statement-change-form-on-a-percent': { yaml: edits(['was {detectionRate},', '{detectionRate.verb},']) },
  'statement-say-lower-case': { yaml: edits(['{detectionRate.possessive} detection', 'the detection']) },
  'statement-say-unfinished': { yaml: edits(['{detectionRateNation.area}."', '{detectionRateNation.area}"']) },
  'statement-clause-alone': {
    yaml: edits(
      ['    - [{say: "{detectionRate.possessive}', '    - {clause: "{detectionRate.possessive}'],
      ['.area}."}]\n', '.area}."}\n'],
    ),
  },
  'table-row-too-short': { yaml: edits(['        values: [58.2, 60.8]\n', '        values: [58.2]\n']) },
  // prose
  'unknown-component': {
    yaml: edits([
      '    - This invented report is the base of the bad-input corpus.\n',
      '    - |-\n      This invented report is the base of the bad-input corpus.\n\n      ::something{id="x"}\n',
    ]),
  },
  'component-in-prose': {
    yaml: edits([
      '    - The grades are outstanding, good, requires improvement and inadequate.\n',
      '    - ::summary-grid\n',
    ]),
  },
  'unknown-footnote': {
    yaml: edits([
      '      - The force prevents crime well.\n    intro:',
      '      - The force prevents crime well.[^sorce]\n    intro:',
    ]),
  },
  'unused-footnote': {
    yaml: edits([
      '  source: The area is invented.\n',
      '  source: The area is invented.\n  extra: Nobody cites this note.\n',
    ]),
  },
  'glyph-emoji-in-prose': {
    yaml: edits([
      '      - The inspectors looked at prevention in two towns.\n',
      '      - The inspectors looked at prevention in two towns 🚓.\n',
    ]),
  },
  'glyph-cjk-in-title': { yaml: edits(['    title: Rates\n', '    title: Rates 犯罪率\n']) },
  'glyph-in-table-label': {
    yaml: edits(['      - label: Crime excluding fraud\n', '      - label: Crime excluding fraud ☃\n']),
  },
  // CSV and charts
  'csv-ragged-row': {
    csv: (c: string) =>
      c.replace(
        '2014-06-30,Testshire,Crime excluding fraud,58.2\n',
        '2014-06-30,Testshire,Crime excluding fraud,58.2,extra\n',
      ),
  },
  'csv-empty': { csv: () => '12_months_ending,area,measure,rate_per_1000\n' },
  'csv-unclosed-quote': { csv: (c: string) => c.replace('2014-06-30,Testshire,', '2014-06-30,"Testshire,') },
  'chart-filter-no-rows': {
    yaml: edits(['    filter: {measure: Crime excluding fraud}\n', '    filter: {measure: Crime excluding frauds}\n']),
  },
  'chart-series-force-empty': {
    yaml: edits([
      '    filter: {measure: Crime excluding fraud}\n',
      '    filter: {measure: Crime excluding fraud, area: [England and Wales]}\n',
    ]),
  },
  'chart-series-unmatched': {
    yaml: edits([
      '{column: area, force: Testshire, comparator: England and Wales}',
      '{column: area, force: Testshire}',
    ]),
  },
  'chart-filter-list-value-missing': {
    yaml: edits([
      '    filter: {measure: Crime excluding fraud}\n',
      '    filter: {measure: Crime excluding fraud, area: [Testshire, England & Wales]}\n',
    ]),
  },
  'chart-filter-unknown-column': {
    yaml: edits(['    filter: {measure: Crime excluding fraud}\n', '    filter: {measures: Crime excluding fraud}\n']),
  },
  'chart-data-file-missing': { yaml: edits(['    data: recorded-crime.csv\n', '    data: recorded_crime.csv\n']) },
  'chart-spec-missing': { yaml: edits(['    spec: rate-trend\n', '    spec: rate-trends\n']) },
  'chart-spec-unknown-dataset': { chart: (s: string) => rep(s, '"name": "table"', '"name": "crimes"') },
  'chart-spec-url-data': {
    chart: (s: string) =>
      rep(s, '"data": {\n    "name": "table"\n  }', '"data": {\n    "url": "https://example.com/crime.csv"\n  }'),
  },
  'chart-spec-syntax-error': { chart: (s: string) => rep(s, '"width": 430,', '"width": 430') },
  // templates: a new partial holds the mistake, so the case does not depend on the real templates' text
  'template-syntax-error': {
    newTemplate: ['partials/case.md.hbs', '# {{md title}}\n\n{{#each sections}\n- {{md title}}\n{{/each}}\n'],
  },
  'template-unclosed-block': {
    newTemplate: ['partials/case.md.hbs', '# {{md title}}\n\n{{#each summary}}\n- {{this}}\n'],
  },
  'template-block-mismatch': { newTemplate: ['partials/case.md.hbs', '{{#each summary}}\n- {{this}}\n{{/if}}\n'] },
  'template-unknown-helper': { newTemplate: ['partials/case.md.hbs', '# {{mdd title}}\n'] },
  'template-unknown-partial': { newTemplate: ['partials/case.md.hbs', '{{> partials/chapters introduction}}\n'] },
  'template-unknown-component': { newTemplate: ['partials/case.md.hbs', '::verdict{question="{{id}}"}\n'] },
  'template-missing-field': {
    template: ['partials/chapter.md.hbs', (s: string) => rep(s, '{{md title}}', '{{md titel}}')],
  },
  // files
  'report-id-with-dots': { caseJson: { id: '../test-report' } },
  'missing-report-yaml': { yaml: null },
  'huge-file': { caseJson: { pad: { file: `data/${ID}/report.yaml`, bytes: 9 * 1024 * 1024 } } },
  'heading-in-prose': {
    yaml: edits([
      '    - This invented report is the base of the bad-input corpus.\n',
      '    - |-\n      # Method\n\n      This invented report is the base of the bad-input corpus.\n',
    ]),
  },
  // Prose is parsed on its own and may not bring structure of its own
  'prose-code-fence': {
    yaml: edits(['    - This invented report is the base of the bad-input corpus.\n', '    - "```text"\n']),
  },
  'prose-tilde-fence': {
    yaml: edits([
      '    - This invented report is the base of the bad-input corpus.\n',
      '    - |-\n      Before.\n\n      ~~~\n      ::summary-grid\n',
    ]),
  },
  'prose-deep-list': {
    yaml: edits([
      '    - This invented report is the base of the bad-input corpus.\n',
      `    - |-\n${Array.from({ length: 60 }, (_, i) => `      ${'  '.repeat(i)}- level ${i + 1}\n`).join('')}`,
    ]),
  },
  'prose-nested-quotes': {
    yaml: edits([
      '    - This invented report is the base of the bad-input corpus.\n',
      `    - "${'>'.repeat(5000)} hello"\n`,
    ]),
  },
  'prose-quoted-heading': {
    yaml: edits(['    - This invented report is the base of the bad-input corpus.\n', '    - "> # Stolen {#about}"\n']),
  },
  'prose-quoted-figure': {
    yaml: edits([
      '    - This invented report is the base of the bad-input corpus.\n',
      '    - \'> ::figure{id="trend"}\'\n',
    ]),
  },
  'prose-rule-and-table': {
    yaml: edits([
      '    - This invented report is the base of the bad-input corpus.\n',
      '    - |-\n      Text.\n\n      ***\n\n      | a | b |\n      |---|---|\n      | 1 | 2 |\n',
    ]),
  },
  // The build budget
  'budget-alias-expansion': {
    yaml: edits(
      [
        '  body:\n    - This invented report is the base of the bad-input corpus.\n',
        `  body: &long\n${Array.from({ length: 400 }, (_, i) => `    - Paragraph ${i + 1} of a long body that is repeated by aliases many times over.\n`).join('')}`,
      ],
      [
        '    sections: []\n',
        `    sections:\n${Array.from({ length: 89 }, (_, i) => `      - {id: part-${i + 1}, title: Part ${i + 1}, body: *long}\n`).join('')}`,
      ],
    ),
  },
  'budget-flow-nesting': {
    yaml: edits(['  licence: Invented text for testing.\n', `  licence: ${'['.repeat(1000)}${']'.repeat(1000)}\n`]),
  },
  'budget-block-nesting': {
    yaml: edits([
      '  licence: Invented text for testing.\n',
      `  licence:\n${Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i + 2)}k${i}:\n`).join('')}${'  '.repeat(42)}end\n`,
    ]),
  },
  'budget-prose-too-long': {
    yaml: edits([
      '    - This invented report is the base of the bad-input corpus.\n',
      `    - ${'A sentence of ordinary prose, repeated. '.repeat(260)}\n`,
    ]),
  },
  // Chart cells typed by the spec that draws them
  'csv-blank-date': { csv: edits(['2013-06-30,Testshire', ',Testshire']) },
  'csv-word-among-numbers': {
    csv: edits(['Testshire,Crime excluding fraud,58.2', 'Testshire,Crime excluding fraud,n/a']),
  },
  'csv-impossible-date': { csv: edits(['2013-06-30,Testshire', '2013-02-31,Testshire']) },
  'csv-many-bad-rows': {
    csv: (text) =>
      text +
      Array.from(
        { length: 1000 },
        (_, i) =>
          `${2016 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01,Testshire,Crime excluding fraud,unknown\n`,
      ).join(''),
  },
  // Entities and lookalikes that print what the text checks would refuse
  'entity-bidi-override': {
    yaml: edits([
      '      - The inspectors looked at prevention in two towns.\n',
      '      - The inspectors looked at &#x202E;two towns.\n',
    ]),
  },
  'entity-nul': {
    yaml: edits([
      '      - The inspectors looked at prevention in two towns.\n',
      '      - The inspectors looked at &#0; towns.\n',
    ]),
  },
  'entity-emoji': {
    yaml: edits([
      '      - The inspectors looked at prevention in two towns.\n',
      '      - The inspectors looked at &#x1F693; towns.\n',
    ]),
  },
  'zero-width-title': { yaml: edits(['    title: Rates\n', '    title: "\\u200B\\u200C\\u2060"\n']) },
  'date-impossible': { yaml: edits(['  published: "2014-12-03"\n', '  published: "2014-02-31"\n']) },
  'date-year-zero': { yaml: edits(['  published: "2014-12-03"\n', '  published: "0000-11"\n']) },
  'id-takes-footnote-anchor': { yaml: edits(['      - id: rates\n', '      - id: fn-source\n']) },
  'id-takes-footnote-ref-anchor': { yaml: edits(['      - id: rates\n', '      - id: fnref-source-1\n']) },
  // Names that are also members of Object.prototype
  'name-constructor-table': { yaml: edits(['          - {table: rates}\n', '          - {table: constructor}\n']) },
  'name-constructor-figure': { yaml: edits(['          - {figure: trend}\n', '          - {figure: constructor}\n']) },
  'name-prototype-footnotes': {
    yaml: edits([
      '    - This invented report is the base of the bad-input corpus.\n',
      '    - "See[^constructor] and[^__proto__] and[^toString]."\n',
    ]),
  },
  'control-character': {
    yaml: edits([
      '    - This invented report is the base of the bad-input corpus.\n',
      '    - "This invented report is the base\\x07 of the bad-input corpus."\n',
    ]),
  },
  'blank-title': { yaml: edits(['    title: Rates\n', '    title: "   "\n']) },
  'bad-table-name': { yaml: edits(['  rates:\n    caption:', '  Rates Table:\n    caption:']) },
  'folder-name-not-an-id': { folder: 'Test Report', caseJson: { id: 'Test Report' } },
  'report-folder-missing': { caseJson: { id: 'no-such-report' } },
  'yaml-colon-in-text': { yaml: edits(['  title: Test inspection 2014\n', '  title: Test inspection: 2014\n']) },
  'yaml-colon-in-list-item': {
    yaml: edits([
      '      - The force prevents crime well.\n    intro:',
      '      - In short: the force prevents crime well.\n    intro:',
    ]),
  },
  'yaml-markdown-emphasis': {
    yaml: edits([
      '    - This invented report is the base of the bad-input corpus.\n',
      '    - *This* invented report is the base of the bad-input corpus.\n',
    ]),
  },
  'yaml-over-indented': {
    yaml: edits(['    shortTitle: Keeping people safe\n', '      shortTitle: Keeping people safe\n']),
  },
  'yaml-alias-bomb': {
    yaml: (t: string) =>
      t +
      'x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\nx1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]\nx2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]\nx3: &a3 [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2]\n',
  },
  'misspelt-figure-name': { yaml: edits(['  detectionRate:\n', '  detectionrate:\n']) },
  'csv-duplicate-column': {
    csv: (c: string) => c.replace('12_months_ending,area,measure,rate_per_1000', '12_months_ending,area,measure,area'),
  },
  'glyph-in-csv': { csv: (c: string) => c.split('Testshire').join('Testshire 🐉') },
  'chart-spec-bad-field-type': { chart: (s: string) => rep(s, '"type": "quantitative"', '"type": "quantitive"') },
  'chart-spec-bad-mark': { chart: (s: string) => rep(s, '"type": "line"', '"type": "lines"') },
  'chart-spec-own-datasets': {
    chart: (s: string) => rep(s, '"width": 430,', '"datasets": {"extra": [{"a": 1}]},\n  "width": 430,'),
  },
  'crlf-with-a-bad-judgment': {
    yaml: (t: string) => edits(['    judgment: good\n', '    judgment: very good\n'])(t).replace(/\n/g, '\r\n'),
  },
  'several-problems': {
    yaml: edits(
      ['    judgment: good\n', '    judgment: great\n'],
      ['  title: Test inspection 2014\n', '  title: 2014\n'],
      ['    value: 26\n', '    value: twenty-six\n'],
      ['      - timeframe: Within one month\n        text:', '      - text:'],
    ),
  },
};

const valid: Record<string, Case> = {
  'bom-crlf': {
    yaml: (t: string) => '\uFEFF' + t.replace(/\n/g, '\r\n'),
    csv: (c: string) => '\uFEFF' + c.replace(/\n/g, '\r\n'),
  },
  'welsh-and-typography': {
    yaml: edits([
      '      - The inspectors looked at prevention in two towns.\n',
      '      - "The inspectors looked at prevention in Llŷn and Ceredigion’s ‘two’ towns – Aberystwyth and Tŵr — with a non‑breaking hyphen and £5 × 2 ≈ 10 °C."\n',
    ]),
  },
  'no-charts-or-tables': {
    yaml: edits(
      ['          - {figure: trend}\n          - {table: rates}\n', '          - No chart or table here.\n'],
      [
        'tables:\n  rates:\n    caption: Rates (per 1,000 population) in the test area\n    stub: 12 months to June 2014\n    columns: [Testshire rate, England and Wales rate]\n    decimals: 1\n    rows:\n      - label: Crime excluding fraud\n        values: [58.2, 60.8]\n',
        'tables: {}\n',
      ],
      [
        'charts:\n  trend:\n    spec: rate-trend\n    title: Recorded crime rate (per 1,000 population), June 2013 to June 2014.\n    alt: England and Wales fell from 62.1 to 60.8 crimes per 1,000 population; Testshire fell from 59.9 to 58.2.\n    source: "Source: invented figures for testing."\n    data: recorded-crime.csv\n    filter: {measure: Crime excluding fraud}\n    series: {column: area, force: Testshire, comparator: England and Wales}\n',
        'charts: {}\n',
      ],
    ),
    noCsv: true,
  },
};

const base = readFileSync(path.join(BASE, 'report.yaml'), 'utf8');
const csv = readFileSync(path.join(BASE, 'recorded-crime.csv'), 'utf8');

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function make(dir: string, c: Case, withExpected: boolean): void {
  const expected = path.join(dir, 'expected.txt');
  const kept = existsSync(expected) ? readFileSync(expected, 'utf8') : '';
  rmSync(dir, { recursive: true, force: true });
  if (c.yaml !== undefined || c.csv || c.noCsv || c.folder) {
    const data = path.join(dir, 'data', c.folder ?? ID);
    mkdirSync(data, { recursive: true });
    if (c.yaml !== null) write(path.join(data, 'report.yaml'), c.yaml ? c.yaml(base) : base);
    if (!c.noCsv) write(path.join(data, 'recorded-crime.csv'), c.csv ? c.csv(csv) : csv);
  }
  if (c.chart) {
    const spec = readFileSync(path.join(ROOT, 'charts', 'rate-trend.vl.json'), 'utf8');
    write(path.join(dir, 'charts', 'rate-trend.vl.json'), c.chart(spec));
  }
  if (c.template) {
    const [file, edit] = c.template;
    write(path.join(dir, 'templates', file), edit(readFileSync(path.join(ROOT, 'templates', file), 'utf8')));
  }
  if (c.newTemplate) write(path.join(dir, 'templates', c.newTemplate[0]), c.newTemplate[1]);
  if (c.caseJson) write(path.join(dir, 'case.json'), `${JSON.stringify(c.caseJson, null, 2)}\n`);
  if (withExpected) write(expected, kept);
}

for (const [name, c] of Object.entries(cases)) make(path.join(CASES, name), c, true);
for (const [name, c] of Object.entries(valid)) make(path.join(VALID, name), c, false);
console.warn(`${Object.keys(cases).length} cases, ${Object.keys(valid).length} valid`);
