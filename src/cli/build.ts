/** `report-press build [report…]`: builds reports into the output folder, skipping current outputs. */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { defaultPaths } from '../paths.js';
import { checkReportId, displayPath, listReports, REPORT_FILE } from '../load/report.js';
import { cliMessage, message } from '../messages.js';
import { COMMON, parse, parseFormats, parseLimits, parseShard, shardOf, unique, UsageError } from './args.js';
import { describeError, EXIT, isUsageProblem, print, printError } from './print.js';
import { createProgress, showsBar } from './progress.js';
import { failedBuildLine } from '../output/write.js';
import { endOnSignals } from '../signals.js';

const OPTIONS = {
  ...COMMON,
  out: { type: 'string' },
  handout: { type: 'string' },
  'no-handouts': { type: 'boolean', default: false },
  format: { type: 'string' },
  force: { type: 'boolean', default: false },
  shard: { type: 'string' },
  limit: { type: 'string', multiple: true },
} as const;

/** `implicit`: called as `report-press <report-id>`, with no command, as `npm start -- <report-id>` is. */
export async function build(argv: string[], implicit = false, commands: readonly string[] = []): Promise<number> {
  const { values, positionals } = parse('build', argv, OPTIONS);
  if (values.help) {
    print(cliMessage.help.build);
    return EXIT.ok;
  }
  const formats = parseFormats(values.format);
  if (values.handout !== undefined && values['no-handouts']) throw new UsageError(cliMessage.handoutAndNoHandouts, 'build');
  const budget = parseLimits(values.limit);
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
  const { createBuilder, listDatasheets } = await import('../pipeline.js');
  const builder = await createBuilder(paths);
  const progress = createProgress(process.stderr, showsBar(process.stderr, process.env, values.quiet));
  let failed = 0;
  let usage = 0;
  for (const [index, id] of ids.entries()) {
    const started = performance.now();
    try {
      const outputs = await builder.build(id, {
        ...(values.handout ? { handout: values.handout } : {}),
        ...(values['no-handouts'] ? { handouts: false } : {}),
        formats,
        force: values.force,
        budget,
        progress: progress.report(id, index, ids.length),
      });
      progress.clear();
      if (!values.quiet) {
        const written = outputs.filter((o) => o.written);
        const kib = written.reduce((n, o) => n + o.bytes, 0) / 1024;
        const seconds = (performance.now() - started) / 1000;
        print(cliMessage.built(id, written.length, outputs.length - written.length, kib, seconds));
        for (const o of written) print(`  ${displayPath(o.file)}`);
      }
    } catch (error) {
      progress.clear();
      failed++;
      if (isUsageProblem(error)) usage++;
      printError(describeError(error, values.debug));
      printError(failedBuildLine(id, error));
    }
  }
  // A full build also makes the data sheets of every folder that defines them (in the first shard).
  if (named.length === 0 && !values.handout && !values['no-handouts'] && (!shard || shard.index === 1)) {
    for (const folder of await listDatasheets(paths.data)) {
      const started = performance.now();
      try {
        const { outputs, summary } = await builder.buildDatasheets(folder);
        if (!values.quiet) {
          print(cliMessage.builtDatasheets(folder, outputs.length, (performance.now() - started) / 1000));
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
