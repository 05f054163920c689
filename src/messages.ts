/** User-facing wording, kept in one place so it reads consistently and tests can refer to it. */
export const message = {
  emptyFile: 'the file is empty; expected a report',
  tooLarge: (bytes: number, limit: number) =>
    `the file is ${(bytes / 1048576).toFixed(1)} MiB; the limit is ${(limit / 1048576).toFixed(0)} MiB`,
  unreadable: (reason: string) => `cannot read the file: ${reason}`,
  yamlSyntax: (reason: string) => `YAML syntax error: ${reason}`,
  duplicateKey: (key: string) => `duplicate key "${key}"; each key may appear once`,
  tabIndent: 'a tab is used for indentation; YAML indents with spaces',
  expectedType: (expected: string, found: string) => `expected ${expected}, found ${found}`,
  missingProperty: (name: string) => `missing required field "${name}"`,
  unknownProperty: (name: string, known: readonly string[]) =>
    `unknown field "${name}"; expected one of ${known.join(', ')}`,
  outOfRange: (limit: string, found: string) => `expected a number ${limit}, found ${found}`,
  badPattern: (description: string, found: string) => `expected ${description}, found ${found}`,
  tooFew: (min: number, found: number) => `expected at least ${min} item${min === 1 ? '' : 's'}, found ${found}`,
  tooMany: (max: number, found: number) => `expected at most ${max} items, found ${found}`,
  tooLong: (max: number, found: number) => `expected at most ${max} characters, found ${found}`,
  emptyText: 'expected text, found an empty string',
  duplicateId: (id: string, first: string) => `duplicate id "${id}"; it is already used at ${first}`,
  unknownReference: (kind: string, name: string, known: readonly string[]) =>
    `unknown ${kind} "${name}"; ${known.length ? `expected one of ${known.join(', ')}` : `none is defined`}`,
  missingFigure: (statement: string) => `the statement "${statement}" needs figures.${statement}, which is missing`,
  unknownDirective: (name: string, known: readonly string[]) =>
    `unknown component "::${name}"; expected one of ${known.map((k) => `::${k}`).join(', ')}`,
  unknownFootnote: (label: string, known: readonly string[]) =>
    `unknown footnote "[^${label}]"; ${known.length ? `expected one of ${known.map((k) => `[^${k}]`).join(', ')}` : 'no footnotes are defined'}`,
  unusedFootnote: (label: string) => `footnote "${label}" is never cited in the text`,
  rawHtml: 'raw HTML is not allowed in report text; it would be shown as text',
  unsafeLink: (url: string) => `link "${url}" is not allowed; links must use http, https or mailto`,
  csvShape: (expected: number, found: number) => `expected ${expected} columns, found ${found}`,
  csvEmpty: 'the CSV file has no rows',
  csvMissingColumn: (name: string) => `the CSV file has no column "${name}"`,
  noRowsMatch: (filter: string) => `no rows of the data match ${filter}`,
  missingGlyphs: (chars: string, font: string) => `the font ${font} has no glyph for ${chars}`,
  badReportId: (id: string) =>
    `"${id}" is not a report folder name; use lower-case letters, digits and hyphens (no "/" or "..")`,
  noReports: (dir: string) => `no report folders found under ${dir}`,
  unknownHandout: (id: string, known: readonly string[]) =>
    `unknown handout "${id}"; expected one of ${known.join(', ')}`,
} as const;
