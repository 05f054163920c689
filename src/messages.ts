/** User-facing wording, kept in one place so it reads consistently and tests can refer to it. */

/**
 * `"🚓" (U+1F693)`: a character with its code point, which says what it is even when it cannot be
 * seen; an invisible one (a control or format character, a space) is named by its code point alone.
 */
export function codePoint(ch: string): string {
  const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return /[\p{C}\p{Z}]/u.test(ch) ? code : `"${ch}" (${code})`;
}

function list(items: readonly string[], max = 8): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

const quoted = (items: readonly string[]) => items.map((i) => JSON.stringify(i));

export const message = {
  // Files
  emptyFile: 'the file is empty; expected a report',
  tooLarge: (bytes: number, limit: number) =>
    `the file is ${(bytes / 1048576).toFixed(1)} MiB; the limit is ${(limit / 1048576).toFixed(0)} MiB`,
  unreadable: (reason: string) => `cannot read the file: ${reason}`,
  outsideDataFolder:
    'this file is a link to a place outside the data folder; only files inside the data folder are read',
  notRegularFile: (kind: string) => `this is ${kind}, not a file; only regular files are read`,
  utf16: (order: 'LE' | 'BE') =>
    `the file is UTF-16 (${order}: it starts with a UTF-16 byte-order mark); save it as UTF-8`,
  notUtf8: (byte: number, char: string) =>
    `the file is not UTF-8: byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} here is not valid UTF-8 (in Windows-1252 it would be ${JSON.stringify(char)}); save the file as UTF-8`,
  nulByte: 'the file holds a NUL byte (0x00); is it a text file?',
  dataTooLarge: (chars: number, limit: number) =>
    `the data holds ${chars} characters once its YAML aliases (*name) are expanded; the limit is ${limit} (shorten this part, or raise --limit data-chars)`,
  dataTooDeep: (limit: number) => `the data nests more than ${limit} levels deep here; the limit is ${limit} (raise --limit data-depth)`,
  tooManyRows: (rows: number, limit: number) =>
    `the filter chooses ${rows} rows for this chart; the limit is ${limit} (narrow the filter, or raise --limit chart-rows)`,
  tooManySeries: (series: number, limit: number) =>
    `this chart would draw ${series} series (lines or colours); the limit is ${limit} (narrow the filter, or raise --limit chart-series)`,
  tooManyPages: (pages: number, limit: number) =>
    `the text here would make a document of about ${pages} pages; the limit is ${limit} (shorten it, or raise --limit pages)`,
  unreadableFolder: (reason: string) => `cannot list the files of the report folder: ${reason}`,
  missingFile: (name: string) => `there is no ${name} here; every report folder needs one`,
  noReportFolder: (dataDir: string, known: readonly string[]) =>
    `there is no such report folder; ${known.length ? `the report folders under ${dataDir} are ${list(known)}` : `${dataDir} holds no report folders`}`,
  badReportId: (id: string) =>
    `"${id}" is not a report id; a report id is the name of a folder under the data folder, in lower-case letters, digits and hyphens (no "/" or "..")`,
  badFolderName: (name: string) =>
    `"${name}" cannot be a report id; rename the folder using lower-case letters, digits and hyphens, e.g. example-2014`,
  noFolder: (reason: string) => `cannot read the templates: ${reason}`,
  noReports: (dir: string) => `no report folders found under ${dir}`,
  badLimit: (text: string, names: readonly string[]) =>
    `--limit ${text}: expected name=number, with a name from ${names.join(', ')}`,
  badLimitValue: (name: string) => `--limit ${name}: expected a whole number of at least 1`,
  limitCeiling: (name: string, ceiling: number) => `--limit ${name}: can be raised to ${ceiling} at most`,
  workerStopped: 'a worker thread of the batch stopped before it built this report',
  unknownHandout: (id: string, known: readonly string[]) =>
    `unknown handout "${id}"; expected one of ${known.join(', ')}`,

  // YAML syntax
  yamlSyntax: (reason: string) => `YAML syntax error: ${reason}`,
  duplicateKey: (key: string) => `duplicate key "${key}"; each key may appear once`,
  tabIndent: 'a tab is used for indentation; YAML indents with spaces',
  misaligned: (indent: number, previous: number) =>
    `YAML syntax error: this line is indented ${indent} space${indent === 1 ? '' : 's'}, which lines up with no line above it; the line before is indented ${previous}`,
  overIndented: (key: string) =>
    `YAML syntax error: this line is indented further than "${key}:" above it, which already has a value; line the two up`,
  unclosedQuote: (quote: string) => `YAML syntax error: the quote ${quote} that starts here is never closed`,
  unclosedFlow: (open: string, close: string) =>
    `YAML syntax error: the "${open}" here is never closed with "${close}"`,
  strayClose: (close: string) => `YAML syntax error: this "${close}" closes nothing`,
  colonInText:
    'YAML syntax error: this text contains ": ", which YAML reads as the start of a field; put the whole text in quotes',
  reservedStart: (ch: string) => `YAML syntax error: a value cannot start with "${ch}"; put the whole value in quotes`,
  keyWithoutValue: (word: string) =>
    `YAML syntax error: "${word}" is not followed by ":"; a field is written as name: value`,
  multipleDocuments: 'YAML syntax error: a line "---" starts a second document here; a report is one document',
  unknownAlias: (name: string) =>
    `a value that starts with "*" is a YAML alias (a reference to an &anchor), and there is no anchor "${name}"; if this is text, such as Markdown *emphasis*, put the whole value in quotes`,
  yamlValue: (reason: string) => `the YAML could not be read as data: ${reason}`,
  tooManyAliases: (limit: number) =>
    `the YAML aliases (*name) in this file expand to more than ${limit} values; write the values out instead`,

  // Schema
  expectedType: (expected: string, found: string) => `expected ${expected}, found ${found}`,
  quoteIfText: (found: string) => `; if it is text, put it in quotes: "${found}"`,
  colonInValue: '; YAML reads text with ": " in it as a field, so if this is text, put it all in quotes',
  missingProperty: (name: string) => `missing required field "${name}"`,
  unknownProperty: (name: string, known: readonly string[]) =>
    `unknown field "${name}"; expected one of ${known.join(', ')}`,
  badKey: (name: string) =>
    `"${name}" cannot be a name here; a name is lower-case letters, digits and single hyphens, e.g. "crime-trend"`,
  misspelledProperty: (name: string, meant: string) => `unknown field "${name}"; did you mean "${meant}"?`,
  outOfRange: (limit: string, found: string) => `expected a number ${limit}, found ${found}`,
  badPattern: (description: string, found: string) => `expected ${description}, found ${found}`,
  tooFew: (min: number, found: number) => `expected at least ${min} item${min === 1 ? '' : 's'}, found ${found}`,
  tooMany: (max: number, found: number) => `expected at most ${max} items, found ${found}`,
  tooLong: (max: number, found: number) => `expected at most ${max} characters, found ${found}`,
  emptyText: 'expected text, found an empty string',
  blankText: 'expected text, found only spaces or invisible characters',
  controlCharacter: (ch: string) =>
    `the text holds the control character ${codePoint(ch)}, which prints nothing; remove it`,
  headingInProse:
    'a Markdown heading in report text would open a section of its own; headings come from the titles in the data, so put this text in a section with a title',

  // References and prose
  badFragment: (n: string) => `a prose placeholder ::prose{n="${n}"} that no helper wrote, or one placed twice`,
  lostFragment:
    'a template placed prose where a block cannot start (after other text on its line); put {{block}}, {{prose}} and {{item}} at the start of a line',
  proseConstruct: (what: string) =>
    `${what} is not part of the report format; prose may have paragraphs, lists, emphasis, links and footnote references`,
  proseTooLong: (chars: number, limit: number) =>
    `this text has ${chars} characters; the limit is ${limit} for one text (split it, or raise --limit prose-chars)`,
  listTooDeep: (limit: number) =>
    `lists here nest more than ${limit} deep; the limit is ${limit} (raise --limit list-depth)`,
  reservedId: (id: string) => `"${id}" is the name of the summary handout; give the question another id`,
  reservedPrefix: (id: string, prefix: string) =>
    `"${id}" starts with "${prefix}", which the HTML edition uses for its own anchors; choose another id`,
  impossibleDate: (date: string) => `"${date}" is not a date that exists; expected YYYY-MM-DD or YYYY-MM`,
  placedTwice: (kind: string, id: string, first: string) =>
    `the ${kind} "${id}" is already placed at ${first}; each is placed once`,
  duplicateId: (id: string, first: string) => `duplicate id "${id}"; it is already used at ${first}`,
  unknownReference: (kind: string, name: string, known: readonly string[]) =>
    `unknown ${kind} "${name}"; ${known.length ? `expected one of ${list(known, 12)}` : `none is defined`}`,
  // Statements and figures
  /** The sentence printed in place of one whose figure has no value. */
  notAvailable: (label: string, area: string, reason: string) => `${label} for ${area} is not available (${reason})`,
  unknownFigure: (slot: string, name: string, known: readonly string[], meant: string | undefined) =>
    `the slot ${slot} names the figure "${name}", which is not in figures; ${meant ? `did you mean "${meant}"?` : known.length ? `expected one of ${list(known)}` : 'no figures are defined'}`,
  slotSyntax: (slot: string) =>
    `the slot ${slot} cannot be read; write {force}, {area}, {figure}, {figure.form} or {figure.compared:other}`,
  slotForm: (slot: string, forms: readonly string[]) =>
    `the slot ${slot} asks for an unknown form; expected one of ${forms.join(', ')} (compared takes :other)`,
  changeForm: (slot: string, unit: string) =>
    `the slot ${slot} words a percent change, but the figure's unit is ${unit}; give it unit: percent-change`,
  reservedFigureName: (name: string) => `"${name}" is the name of the slot {${name}}; give the figure another name`,
  figureOutOfRange: (unit: string, range: string) => `a figure in ${unit} is ${range}`,
  nullWithoutReason: (name: string) =>
    `figures.${name} has no value; say why in reason, which the text prints instead of the figure`,
  unknownColumn: (column: number, count: number) => `the table has ${count} column${count === 1 ? '' : 's'}, not ${column}`,
  sayNotCapitalised: (start: string) =>
    `a {say: …} is written as whole sentences, but this one begins "${start}"; begin with a capital letter, or make it a {clause: …} inside a paragraph list`,
  sayNotPunctuated: (end: string) =>
    `a {say: …} is written as whole sentences, but this one ends "${end}"; end it with a full stop, or make it a {clause: …} inside a paragraph list`,
  clauseAlone:
    'a {clause: …} is part of a sentence, so it belongs in a paragraph list beside the prose that completes it; use {say: …} for whole sentences',
  clauseStartsSentence: (start: string) =>
    `this clause begins a sentence (it comes first, or after a full stop) but begins "${start}"; begin with a capital letter`,
  clauseUnfinished: (end: string) =>
    `this clause ends the paragraph without finishing its sentence ("${end}"); end it with a full stop or add the rest`,
  unknownDirective: (name: string, known: readonly string[]) =>
    `unknown component "::${name}"; expected one of ${known.map((k) => `::${k}`).join(', ')}`,
  componentInProse: (name: string) =>
    `"::${name}" is placed by the templates; in a body use a block such as {figure: id} or {table: id}`,
  unknownFootnote: (label: string, known: readonly string[]) =>
    `unknown footnote "[^${label}]"; ${known.length ? `expected one of ${known.map((k) => `[^${k}]`).join(', ')}` : 'no footnotes are defined'}`,
  noComponentTarget: (kind: string, id: string, known: readonly string[]) =>
    `no ${kind} "${id}"; expected one of ${known.join(', ')}`,
  rowWidth: (columns: number, found: number) => `expected ${columns} values, one per column, found ${found}`,
  footnotesUnsettled: (passes: number) =>
    `the footnotes would not settle at the foot of their pages after ${passes} layouts`,
  unusedFootnote: (label: string) => `footnote "${label}" is never cited in the text`,
  missingGlyphs: (chars: readonly string[]) =>
    `the font has no glyph for ${list(chars.map(codePoint), 5)}, so it would print as an empty box; remove it or use another character`,

  // CSV and chart data
  csvShape: (columns: readonly string[], found: number) =>
    `expected ${columns.length} fields, one per column (${columns.join(', ')}), found ${found}`,
  blankCell: (column: string) =>
    `this ${column} cell is blank; the chart would leave the point out without a word (write a value, or leave the row out)`,
  notANumberCell: (column: string, cell: string) => `expected a number in ${column}, found ${JSON.stringify(cell)}`,
  notADateCell: (column: string, cell: string) =>
    `expected a date (YYYY-MM-DD, YYYY-MM or YYYY) that exists in ${column}, found ${JSON.stringify(cell)}`,
  csvEmpty: 'the CSV file has a header but no rows',
  csvQuote: 'the quote " that starts this field is never closed',
  csvSyntax: (reason: string) => `CSV syntax error: ${reason}`,
  csvDuplicateColumn: (name: string) => `the column "${name}" appears twice in the header`,
  csvMissingColumn: (file: string, name: string, columns: readonly string[]) =>
    `${file} has no column "${name}"; its columns are ${columns.join(', ')}`,
  noRowsMatch: (file: string, column: string, value: string, values: readonly string[]) =>
    `no row of ${file} has ${column} "${value}"; its values are ${list(quoted(values))}`,
  noRowsMatchAll: (file: string) => `no row of ${file} matches all of these values at once`,
  seriesEmpty: (role: string, column: string, value: string, kept: readonly string[]) =>
    `the ${role} series "${value}" has no rows once the filter is applied; the rows kept have ${column} ${list(quoted(kept))}`,
  seriesUnmatched: (column: string, values: readonly string[]) =>
    `the filter keeps rows whose ${column} is ${list(quoted(values))}, which are neither the force nor the comparator; list the series wanted in the filter, or set others: true to draw them`,

  columnDecimals: (columns: number, found: number) =>
    `expected ${columns} numbers of decimals, one per column, found ${found}`,

  // Data sheets
  datasheetNumber: (text: string) => `expected a number of 0 or more, or an empty cell, found "${text}"`,
  datasheetNoPopulation: (area: string) =>
    `the source has no population estimate for ${area}, so its rates per 1,000 population and its ranks cannot be worked out; its counts of recorded offences are shown`,
  datasheetTrendUnavailable: (reason: string) => `The trend chart is not available: ${reason}`,
  datasheetNationalUnavailable: (area: string, reason: string) =>
    `${area} is not in the national comparison: ${reason}`,
  datasheetNotRanked: (area: string, reason: string) => `${area} is not ranked: ${reason}.`,
  datasheetTie: (measure: string, rank: number, others: number) =>
    `${measure}: rank ${rank} is shared with ${others} other area${others === 1 ? '' : 's'} whose rate is the same to one decimal place.`,
  datasheetMissingArea: (area: string, known: readonly string[]) =>
    `"${area}" is not an area of the data; its areas are ${list(quoted(known))}`,
  datasheetMissingMeasure: (measure: string, known: readonly string[]) =>
    `"${measure}" is not a measure of the data; its measures are ${list(quoted(known))}`,
  datasheetMissingPeriod: (period: string) => `no row of the data is for the period ending ${period}`,

  // Chart specs
  chartMissing: (name: string, known: readonly string[]) =>
    `there is no chart spec "${name}"; ${known.length ? `the specs are ${known.join(', ')}` : 'there are no chart specs'}`,
  chartUrl: 'charts may not load data from a URL or a file; the report binds its data as "table"',
  chartDataset: (name: string, bound: string) => `unknown dataset "${name}"; the report binds its data as "${bound}"`,
  chartDatasets: (bound: string) => `charts may not define their own datasets; the report binds its data as "${bound}"`,
  chartChoice: (what: string, found: string, known: readonly string[]) => {
    const meant = closest(found, known);
    return `unknown ${what} "${found}"; ${meant ? `did you mean "${meant}"?` : `expected one of ${known.join(', ')}`}`;
  },
  chartNotObject: 'expected a Vega-Lite spec (a JSON object)',
  jsonSyntax: (reason: string) => `JSON syntax error: ${reason}`,
  jsonBadEscape: (escape: string) =>
    `"${escape}" is not an escape JSON knows; write a backslash as "\\\\", or use one of \\" \\/ \\b \\f \\n \\r \\t \\uXXXX`,
  chartUnreadable: (reason: string) => `cannot read the chart spec: ${reason}`,

  // Output folder and files (the path given with --out, or out/)
  outputSystemFolder:
    'this is in a system folder (/proc, /sys, /dev), where no files can be written; choose another folder with --out',
  outputFileInTheWay:
    'this is a file, but the output needs a folder here; choose another folder with --out, or move the file',
  outputFolderInTheWay: 'this is a folder, but the build writes a file here; move or rename the folder',
  outputReadOnly: 'this is on a read-only disk; choose a writable folder with --out',
  outputNoSpace: 'the disk is full; free some space, or choose another folder with --out',
  outputNoPermission: 'you may not write here; choose a folder of your own with --out, or change its permissions',
  outputBadPath: (code: string) => `this cannot be used as an output path (${code}); choose another with --out`,
  outputOverlapsSource: (source: string) =>
    `the output folder is, holds or lies inside the source folder ${source}; writing there would overwrite the report's own files, so choose another folder with --out`,
  outputFailed: (reason: string) => `cannot write the output: ${reason}`,
  outputsUnchanged: (id: string) => `${id}: build failed; previous output was left as it was`,
  outputsRestored: (id: string) =>
    `${id}: build failed while replacing its outputs; the previous outputs were put back as they were`,
  outputsMixed: (id: string, files: readonly string[]) =>
    `${id}: build failed while replacing its outputs, and the previous version of ${list(files, 4)} could not be put back: those are from the new build, the rest are as they were`,

  // Templates
  templateSyntax: (reason: string) => `template syntax error: ${reason}`,
  unclosedBlock: (name: string) => `template syntax error: {{#${name}}} is never closed; add {{/${name}}}`,
  unknownHelper: (name: string, known: readonly string[], meant?: string) =>
    `unknown helper "${name}"; ${meant ? `did you mean "${meant}"?` : `expected one of ${known.join(', ')}`}`,
  unknownPartial: (name: string, known: readonly string[], meant?: string) =>
    `unknown partial "${name}"; ${meant ? `did you mean "${meant}"?` : `expected one of ${known.join(', ')}`}`,
  mismatchedBlock: (close: string, open: string, line: number) =>
    `template syntax error: {{/${close}}} does not close {{#${open}}}, which is open since line ${line}`,
  unknownTemplateComponent: (name: string, known: readonly string[]) =>
    `unknown component "::${name}"; expected one of ${known.map((c) => `::${c}`).join(', ')}`,
  notInData: (name: string) => `"${name}" is not in the data here`,
  missingValue: (expression: string, name: string) => `{{${expression}}} uses "${name}", which is not in the data here`,
} as const;

/** Edit distance, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/** The candidate a slip of the keyboard most likely meant, if one is close enough to say so. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = c.toLowerCase() === name.toLowerCase() ? 0.5 : distance(name, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return bestDistance <= Math.max(1, Math.min(3, Math.floor(name.length / 4))) ? best : undefined;
}

/** The command line's own wording: help for each command, progress lines and usage mistakes. */
export const cliMessage = {
  help: {
    main: `Usage: report-press <command> [options]

Turns report data (data/<report-id>/report.yaml and its CSV files) into PDF and HTML.

Commands:
  build [report...]   build reports into out/ (the default; "report-press <report-id>" builds one)
  check [report...]   load and validate data, templates and chart specs; render nothing
  diff                summarise how the reports' values, text and outputs differ from a git ref
  watch [report]      rebuild on every change and serve the HTML edition with live reload

Options:
  -h, --help          show help (also "report-press <command> --help")
  --version           show the version

Exit codes: 0 ok, 1 problems in the data or the build, 2 a mistake on the command line.`,
    build: `Usage: report-press build [report...] [options]

Builds out/<report-id>/report.pdf and report.html, and a handout per judged question in
out/<report-id>/handouts/, for the reports named (default: every folder under the data folder
that holds a report.yaml). Outputs whose inputs have not changed since they were built are kept.

Options:
  --handout <id>       build only this handout (a question id, or "summary")
  --no-handouts        build only the report itself, without its handouts
  --jobs <n>           build up to n reports at once, each in a worker thread (default: 1)
  --format <list>      the editions to build: pdf, html or pdf,html (default: both)
  --out <dir>          where output goes (default: out)
  --data <dir>         where report folders are (default: data)
  --force              rebuild every output, even those that are current
  --shard <i>/<n>      build only the i-th of n equal shares of the reports (for CI matrices)
  --limit <name>=<n>   raise (or lower) one limit of the build budget; repeatable (see README)
  --quiet              print nothing but problems
  --debug              print stack traces for unexpected errors
  -h, --help           show this help`,
    check: `Usage: report-press check [report...] [options]

Loads and validates the reports named (default: all), renders their templates into the document
model and reads every chart spec they use, without drawing charts or writing PDF or HTML.
Problems are printed as file:line:column data.path: message. Quick enough for a pre-commit hook.

Options:
  --data <dir>         where report folders are (default: data)
  --quiet              print nothing but problems
  --debug              print stack traces for unexpected errors
  -h, --help           show this help`,
    diff: `Usage: report-press diff [options]

Writes a Markdown summary of how the reports differ from a git ref: per report, the values that
changed (judgments, figures, table cells, recommendations), a word diff of each section whose text
changed, which outputs changed and how their page counts moved, and before/after images of the PDF
pages that changed (when pdftoppm is installed).

Options:
  --base <ref>         the git ref to compare with (default: HEAD)
  --summary <file>     also write the Markdown to this file
  --images <dir>       write before/after images of changed PDF pages here
  --out <dir>          where the current outputs are built (default: out)
  --no-build           compare the data only, without building outputs
  --data <dir>         where report folders are (default: data)
  --debug              print stack traces for unexpected errors
  -h, --help           show this help`,
    watch: `Usage: report-press watch [report] [options]

Builds the report (default: the only one, or the first), then rebuilds it on every change to its
data, the templates or the chart specs, and serves the HTML edition on http://localhost:<port>/
with a link to the PDF. The page reloads after each build; a problem shows in the terminal and in
the page until the next good save. Ctrl-C stops.

Options:
  --port <n>           the port to serve on (default: 4173; 0 picks a free one)
  --data <dir>         where report folders are (default: data)
  --out <dir>          where output goes (default: out)
  --debug              print stack traces for unexpected errors
  -h, --help           show this help`,
  },
  seeHelp: (command: string) => `Run "report-press ${command ? `${command} ` : ''}--help" for usage.`,
  unknownCommand: (word: string, commands: readonly string[]) =>
    `"${word}" is neither a command (${commands.join(', ')}) nor a report folder`,
  badFormat: (value: string, known: readonly string[]) =>
    `--format takes ${known.join(', ')} or a comma-separated list of them, not "${value}"`,
  badJobs: (value: string) => `--jobs takes a whole number of at least 1, such as 2; found "${value}"`,
  handoutAndNoHandouts: '--handout and --no-handouts ask for different documents; give one of them',
  badShard: (value: string) => `--shard takes i/n, two whole numbers with 1 ≤ i ≤ n, such as 2/4; found "${value}"`,
  badPort: (value: string) => `--port takes a whole number from 0 to 65535, found "${value}"`,
  tooManyReports: 'watch follows one report; name one',
  emptyShard: (shard: string, reports: number) =>
    `shard ${shard} has no reports (there ${reports === 1 ? 'is 1 report' : `are ${reports} reports`})`,
  reportsAtOnce: (reports: number, jobs: number) => `${reports} reports, ${jobs} at a time`,
  datasheetsUnchanged: (folder: string, files: number, seconds: number) =>
    `${folder}: data sheets up to date, ${files} unchanged in ${seconds.toFixed(2)} s`,
  builtDatasheets: (folder: string, files: number, seconds: number) =>
    `${folder}: wrote ${files} data-sheet files in ${seconds.toFixed(2)} s`,
  built: (id: string, written: number, kept: number, kib: number, seconds: number) =>
    `${id}: ${written ? `wrote ${written} file${written === 1 ? '' : 's'} (${kib.toFixed(0)} KiB)` : 'up to date'}${kept ? `, ${kept} unchanged` : ''} in ${seconds.toFixed(2)} s`,
  checked: (id: string, documents: number) => `${id}: ok (${documents} documents)`,
  checkFailed: (id: string) => `${id}: check failed`,
  internal: (chain: string) => `internal error: ${chain}`,
  serving: (url: string, watched: readonly string[]) =>
    `serving ${url} — watching ${watched.join(', ')} (Ctrl-C stops)`,
  watchFailed: (id: string) => `${id}: build failed; showing the last good build until the next change`,
  stopped: 'stopped',
  notInGit: 'diff compares with a git ref, and this folder is not in a git repository',
  unknownRef: (ref: string) => `"${ref}" is not a commit, branch or tag of this repository`,
  debugHint: '(run again with --debug for details)',
} as const;

/** The change summary's wording (report-press diff). */
export const diffText = {
  title: (base: string) => `# How the reports changed since \`${base}\``,
  nothing: (base: string) => `Nothing changed in the reports since \`${base}\`.`,
  engineNote:
    'Both versions were built with this version of report-press, so the outputs differ only where data, templates or chart specs do.',
  reportAdded: 'A new report.',
  reportRemoved: 'The report was removed.',
  doesNotBuild: (side: string) => `The ${side} version does not validate, so its values cannot be compared:`,
  values: '### Values',
  text: '### Text',
  outputs: '### Outputs',
  valueHeader: '| Where | Data path | Before | After |\n| --- | --- | --- | --- |',
  outputHeader:
    '| Output | Change | Pages before | Pages after | Pages that look different |\n| --- | --- | --- | --- | --- |',
  outputsUnchanged: 'The outputs are byte-for-byte the same.',
  none: '—',
  added: 'added',
  removed: 'removed',
  changed: 'changed',
  noImages: 'pdftoppm is not installed: no page images',
  images: (dir: string) => `Before and after images of the pages that look different are in \`${dir}\`.`,
  notBuilt: 'Outputs not compared (--no-build).',
} as const;
