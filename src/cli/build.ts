/** `report-press build [report…]`: builds reports into the output folder, skipping current outputs. */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { defaultPaths } from '../paths.js';
import { checkReportId, displayPath, listReports, REPORT_FILE } from '../load/report.js';
import { cliMessage, message } from '../messages.js';
import {
  COMMON,
  parse,
  parseFormats,
  parseJobs,
  parseLimits,
  parseShard,
  shardOf,
  unique,
  UsageError,
} from './args.js';
import { describeError, EXIT, isUsageProblem, print, printError } from './print.js';
import { createProgress, showsBar } from './progress.js';
import { failedBuildLine } from '../output/write.js';
import { endOnSignals } from '../signals.js';
import type { Builder, listDatasheets as ListDatasheets, Output } from '../pipeline.js';
import type { BatchResult } from '../batch.js';

const OPTIONS = {
  ...COMMON,
  out: { type: 'string' },
  handout: { type: 'string' },
  'no-handouts': { type: 'boolean', default: false },
  format: { type: 'string' },
  force: { type: 'boolean', default: false },
  shard: { type: 'string' },
  limit: { type: 'string', multiple: true },
  jobs: { type: 'string' },
} as const;

/** `implicit`: called as `report-press <report-id>`, with no command, as `npm start -- <report-id>` is. */
export async function build(argv: string[], implicit = false, commands: readonly string[] = []): Promise<number> {
  const { values, positionals } = parse('build', argv, OPTIONS);
  if (values.help) {
    print(cliMessage.help.build);
    return EXIT.ok;
  }
  const formats = parseFormats(values.format);
  if (values.handout !== undefined && values['no-handouts'])
    throw new UsageError(cliMessage.handoutAndNoHandouts, 'build');
  const budget = parseLimits(values.limit);
  const jobs = parseJobs(values.jobs);
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  const paths = defaultPaths();
  if (values.data) paths.data = path.resolve(values.data);
  if (values.out) paths.out = path.resolve(values.out);
  const named = unique(positionals);
  named.forEach(checkReportId);
  const first = named[0];
  if (implicit && first !== undefined && !existsSync(path.join(paths.data, first, REPORT_FILE)))
    throw new UsageError(cliMessage.unknownCommand(first, commands), '');

  const all = named.length ? named : await listReports(paths.data);
  if (all.length === 0) {
    printError(message.noReports(displayPath(paths.data)));
    return EXIT.problems;
  }
  const ids = shard ? shardOf(all, shard) : all;
  if (ids.length === 0) {
    if (!values.quiet) print(cliMessage.emptyShard(values.shard!, all.length));
    return EXIT.ok;
  }

  // Ctrl-C ends a build at once, undoing a half-replaced set of outputs.
  endOnSignals();
  // The engine is loaded in this thread only when it builds here: a batch's workers load their own.
  let loaded: Promise<{ builder: Builder; listDatasheets: typeof ListDatasheets }> | undefined;
  const engine = () =>
    (loaded ??= import('../pipeline.js').then(async (p) => ({
      builder: await p.createBuilder(paths),
      listDatasheets: p.listDatasheets,
    })));
  const progress = createProgress(process.stderr, showsBar(process.stderr, process.env, values.quiet));
  const options = {
    ...(values.handout ? { handout: values.handout } : {}),
    ...(values['no-handouts'] ? { handouts: false } : {}),
    formats,
    force: values.force,
    budget,
  };
  let failed = 0;
  let usage = 0;
  const finished = (id: string, result: { outputs: Output[] } | { error: unknown }, seconds: number) => {
    progress.clear();
    if ('outputs' in result) {
      if (values.quiet) return;
      const written = result.outputs.filter((o) => o.written);
      const kib = written.reduce((n, o) => n + o.bytes, 0) / 1024;
      print(cliMessage.built(id, written.length, result.outputs.length - written.length, kib, seconds));
      for (const o of written) print(`  ${displayPath(o.file)}`);
      return;
    }
    failed++;
    if (isUsageProblem(result.error)) usage++;
    printError(describeError(result.error, values.debug));
    printError(failedBuildLine(id, result.error));
  };
  if (jobs > 1 && ids.length > 1) {
    // Reports built side by side in worker threads, their lines printed in the order named.
    const { buildBatch } = await import('../batch.js');
    const bar = progress.report(cliMessage.reportsAtOnce(ids.length, Math.min(jobs, ids.length)), 0, 1);
    bar.total(ids.length);
    const waiting = new Map<string, BatchResult>();
    let next = 0;
    await buildBatch(paths, ids, {
      workers: jobs,
      build: options,
      finished(result) {
        waiting.set(result.id, result);
        for (let r = waiting.get(ids[next]!); r; r = waiting.get(ids[next]!)) {
          finished(r.id, r, r.seconds);
          next++;
        }
        bar.rendered(result.id);
      },
    });
    progress.clear();
  } else {
    for (const [index, id] of ids.entries()) {
      const started = performance.now();
      const { builder } = await engine();
      const result = await builder.build(id, { ...options, progress: progress.report(id, index, ids.length) }).then(
        (outputs) => ({ outputs }),
        (error: unknown) => ({ error }),
      );
      finished(id, result, (performance.now() - started) / 1000);
    }
  }
  // A full build also makes the data sheets of every folder that defines them (in the first shard).
  if (named.length === 0 && !values.handout && !values['no-handouts'] && (!shard || shard.index === 1)) {
    const { builder, listDatasheets } = await engine();
    for (const folder of await listDatasheets(paths.data)) {
      const started = performance.now();
      try {
        const { outputs, summary } = await builder.buildDatasheets(folder, { force: values.force });
        if (!values.quiet) {
          const seconds = (performance.now() - started) / 1000;
          const written = outputs.filter((o) => o.written).length;
          print(
            written
              ? cliMessage.builtDatasheets(folder, written, seconds)
              : cliMessage.datasheetsUnchanged(folder, outputs.length, seconds),
          );
          for (const line of summary) print(`  ${line}`);
        }
      } catch (error) {
        failed++;
        printError(describeError(error, values.debug));
        printError(failedBuildLine(folder, error));
      }
    }
  }
  if (!failed) return EXIT.ok;
  return usage === failed ? EXIT.usage : EXIT.problems;
}
