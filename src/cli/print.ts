/** How the command line speaks: results on stdout, problems on stderr, and the exit codes. */
import { inspect } from 'node:util';
import { formatProblem, ReportError } from '../problems.js';
import { cliMessage } from '../messages.js';

export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

export function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

export function printError(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** A problem with the command line rather than the data: an unknown handout, a bad report id. */
export function isUsageProblem(error: unknown): boolean {
  return error instanceof ReportError && error.problems.every((p) => p.file === 'command line');
}

/** Problems in the data, one a line; anything else as its chain of causes, with a stack only on request. */
export function describeError(error: unknown, debug: boolean): string {
  if (error instanceof ReportError && error.problems.length) return error.problems.map(formatProblem).join('\n');
  const chain: string[] = [];
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause)
    chain.push(e instanceof Error ? e.message : inspect(e));
  const text = cliMessage.internal(chain.join(': '));
  return debug && error instanceof Error ? `${text}\n${error.stack}` : `${text}\n${cliMessage.debugHint}`;
}
