/**
 * A problem found in the input is a value with a place: file, line, column and data path, printed the
 * way compilers print them (`data/example-2014/report.yaml:41:7 questions[1].judgment: expected …`).
 */
export interface Problem {
  /** The file (or, for a problem with no place in a file, what it concerns: `command line`, a folder). */
  file: string;
  /** 1-based; 0 when the problem has no place in a file. */
  line: number;
  column: number;
  /** The data path, e.g. `questions[1].recommendations[0].timeframe`; `(file)` for the file as a whole. */
  path: string;
  message: string;
  /** A stable id for the rule that found it, for tests and for filtering. */
  rule: string;
}

export type Path = readonly (string | number)[];

/** `['questions', 1, 'judgment']` → `questions[1].judgment`. */
export function formatPath(path: Path): string {
  if (path.length === 0) return '(root)';
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

export function formatProblem(p: Problem): string {
  if (p.line === 0) return `${p.file}: ${p.path}: ${p.message}`;
  return `${p.file}:${p.line}:${p.column} ${p.path}: ${p.message}`;
}

function compareProblems(a: Problem, b: Problem): number {
  // Plain code-unit order, not the locale's: the same problems print in the same order everywhere.
  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return order(a.file, b.file) || a.line - b.line || a.column - b.column || order(a.path, b.path);
}

/** Thrown when the input cannot be built; carries every problem found, in file order. */
export class ReportError extends Error {
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[], options?: { cause?: unknown }) {
    const sorted = [...problems].sort(compareProblems);
    super(sorted.map(formatProblem).join('\n'), options);
    this.name = 'ReportError';
    this.problems = sorted;
  }
}

/**
 * A problem with no place in any file, such as a bad command-line argument: printed as
 * `command line: --handout: unknown handout "x"; …`.
 */
export function placelessProblem(what: string, subject: string, rule: string, message: string): Problem {
  return { file: what, line: 0, column: 0, path: subject, message, rule };
}

/** A problem at a data path of a parsed file (anything that can locate a path in its source). */
export function problemAt(
  source: { file: string; locate(path: Path): { line: number; column: number } },
  path: Path,
  rule: string,
  message: string,
): Problem {
  const { line, column } = source.locate(path);
  return { file: source.file, line, column, path: formatPath(path), message, rule };
}

/** How many problems of one rule in one file are printed before the rest are counted. */
export const MAX_PROBLEMS_PER_RULE = 20;

/**
 * The first problems of each rule in each file, and one more line saying how many were left out:
 * 100,000 bad rows should print a screenful, not 100,000 lines.
 */
export function capped(problems: readonly Problem[], max = MAX_PROBLEMS_PER_RULE): Problem[] {
  const seen = new Map<string, { count: number; last: Problem }>();
  const out: Problem[] = [];
  for (const p of problems) {
    const key = `${p.file}\0${p.rule}`;
    const entry = seen.get(key) ?? { count: 0, last: p };
    entry.count++;
    seen.set(key, entry);
    if (entry.count <= max) {
      out.push(p);
      entry.last = p;
    }
  }
  for (const { count, last } of seen.values()) {
    if (count > max) out.push({ ...last, message: `… and ${count - max} more like this`, column: last.column + 1 });
  }
  return out;
}

/** A problem that belongs to a whole file, such as one that cannot be read. */
export function fileProblem(file: string, rule: string, message: string): Problem {
  return { file, line: 1, column: 1, path: '(file)', message, rule };
}
