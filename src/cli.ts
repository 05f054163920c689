#!/usr/bin/env node
/**
 * report-press: builds every report folder under data/ (or those named) into out/.
 * Bad input prints each problem as file:line:column data.path: message and exits 1.
 */
import { inspect, parseArgs } from 'node:util';
import path from 'node:path';
import { createBuilder, defaultPaths } from './pipeline.js';
import { listReports, checkReportId, displayPath } from './load/report.js';
import { formatProblem, ReportError } from './problems.js';
import { message } from './messages.js';
import { failedBuildLine } from './output/write.js';
import { endOnSignals } from './signals.js';

const USAGE = `Usage: npm start -- [report-id ...] [options]

Builds out/<report-id>/report.pdf and report.html, and a handout per question in
out/<report-id>/handouts/, for every folder under data/ that holds a report.yaml.

Options:
  --handout <id>   build only this handout (a question id, or "summary")
  --data <dir>     where report folders are (default: data)
  --out <dir>      where output goes (default: out)
  --quiet          print nothing but problems
  --debug          print stack traces for unexpected errors
  --help           show this help`;

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

function describeError(error: unknown, debug: boolean): string {
  if (error instanceof ReportError) return error.problems.map(formatProblem).join('\n');
  const chain: string[] = [];
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause)
    chain.push(e instanceof Error ? e.message : inspect(e));
  const text = `internal error: ${chain.join(': ')}`;
  return debug && error instanceof Error ? `${text}\n${error.stack}` : `${text}\n(run again with --debug for details)`;
}

export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        handout: { type: 'string' },
        data: { type: 'string' },
        out: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        debug: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  const { values, positionals } = args;
  if (values.help) {
    print(USAGE);
    return 0;
  }
  const paths = defaultPaths();
  if (values.data) paths.data = path.resolve(values.data);
  if (values.out) paths.out = path.resolve(values.out);
  let failed = 0;
  try {
    positionals.forEach(checkReportId);
    const ids = positionals.length ? positionals : await listReports(paths.data);
    if (ids.length === 0) {
      console.error(message.noReports(displayPath(paths.data)));
      return 1;
    }
    const builder = await createBuilder(paths);
    for (const id of ids) {
      const started = performance.now();
      try {
        const outputs = await builder.build(id, values.handout ? { handout: values.handout } : {});
        if (!values.quiet) {
          const kb = outputs.reduce((n, o) => n + o.bytes, 0) / 1024;
          print(
            `${id}: wrote ${outputs.length} files (${kb.toFixed(0)} KiB) in ${((performance.now() - started) / 1000).toFixed(2)} s`,
          );
          for (const o of outputs) print(`  ${displayPath(o.file)}`);
        }
      } catch (error) {
        failed++;
        console.error(describeError(error, values.debug));
        console.error(failedBuildLine(id, error));
      }
    }
  } catch (error) {
    console.error(describeError(error, values.debug));
    return 1;
  }
  return failed ? 1 : 0;
}

endOnSignals();
process.exitCode = await main(process.argv.slice(2));
