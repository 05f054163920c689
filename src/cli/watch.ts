/**
 * `report-press watch [report]`: builds the report, serves it with live reload, and rebuilds on
 * every change to its data, the templates or the chart specs. Changes are gathered for a moment
 * (an editor's save is often several events) and builds never overlap: a change during a build
 * starts one more when it ends. A failed build leaves the last good outputs in place, prints its
 * problems and shows them over the page; the next good save clears them. Ctrl-C stops cleanly.
 */
import { existsSync, watch as watchFolder, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { defaultPaths } from '../paths.js';
import { checkReportId, displayPath, listReports } from '../load/report.js';
import { cliMessage, message } from '../messages.js';
import { COMMON, parse, UsageError } from './args.js';
import { describeError, EXIT, print, printError } from './print.js';
import { startPreview, type BuildState } from './preview.js';

const OPTIONS = { ...COMMON, out: { type: 'string' }, port: { type: 'string', default: '4173' } } as const;
const SETTLE_MS = 150;

export async function watch(argv: string[]): Promise<number> {
  const { values, positionals } = parse('watch', argv, OPTIONS);
  if (values.help) {
    print(cliMessage.help.watch);
    return EXIT.ok;
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) throw new UsageError(cliMessage.badPort(values.port), 'watch');
  if (positionals.length > 1) throw new UsageError(cliMessage.tooManyReports, 'watch');
  const paths = defaultPaths();
  if (values.data) paths.data = path.resolve(values.data);
  if (values.out) paths.out = path.resolve(values.out);
  positionals.forEach(checkReportId);
  const id = positionals[0] ?? (await listReports(paths.data))[0];
  if (!id) {
    printError(message.noReports(displayPath(paths.data)));
    return EXIT.problems;
  }

  if (!existsSync(path.join(paths.data, id))) {
    printError(
      `${displayPath(path.join(paths.data, id))}: ${message.noReportFolder(displayPath(paths.data), await listReports(paths.data))}`,
    );
    return EXIT.problems;
  }
  const { createBuilder } = await import('../pipeline.js');
  let state: BuildState = { build: 0, ok: true };
  const once = async (): Promise<BuildState> => {
    const build = state.build + 1;
    const started = performance.now();
    try {
      // A fresh builder each time: templates and chart specs are read when it is made.
      const outputs = await (await createBuilder(paths)).build(id);
      const written = outputs.filter((o) => o.written);
      const kib = written.reduce((n, o) => n + o.bytes, 0) / 1024;
      const seconds = (performance.now() - started) / 1000;
      print(cliMessage.built(id, written.length, outputs.length - written.length, kib, seconds));
      return { build, ok: true };
    } catch (error) {
      const problems = describeError(error, values.debug);
      printError(`${problems}\n${cliMessage.watchFailed(id)}`);
      return { build, ok: false, problems };
    }
  };

  state = await once();
  const preview = await startPreview(path.join(paths.out, id), port, state);
  print(cliMessage.serving(preview.url, [path.join(paths.data, id), paths.templates, paths.charts].map(displayPath)));

  let building: Promise<void> | null = null;
  let pending = false;
  let timer: NodeJS.Timeout | undefined;
  const rebuild = async () => {
    if (building) {
      pending = true;
      return;
    }
    building = (async () => {
      do {
        pending = false;
        state = await once();
        preview.update(state);
      } while (pending);
    })();
    await building;
    building = null;
  };
  const idle = () => building ?? Promise.resolve();
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void rebuild(), SETTLE_MS);
  };
  const watchers: FSWatcher[] = [path.join(paths.data, id), paths.templates, paths.charts].map((dir) =>
    watchFolder(dir, { recursive: true }, changed),
  );

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  clearTimeout(timer);
  for (const w of watchers) w.close();
  await idle();
  await preview.close();
  print(cliMessage.stopped);
  return EXIT.ok;
}
