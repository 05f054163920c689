/**
 * `report-press diff [--base <ref>]`: the change summary. The reports' data, templates and chart
 * specs at the base ref are taken from git (nothing in the working folder changes), both versions
 * are validated and compared value by value, and the reports whose inputs differ are built both
 * ways with this engine: the current version incrementally into the output folder, the base into a
 * temporary one.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultPaths, type Paths } from '../paths.js';
import { listReports } from '../load/report.js';
import { cliMessage } from '../messages.js';
import { formatProblem, ReportError } from '../problems.js';
import { COMMON, parse, UsageError } from './args.js';
import { EXIT, print } from './print.js';
import { endOnSignals } from '../signals.js';
import type { ReportSummary } from '../diff/markdown.js';

const OPTIONS = {
  ...COMMON,
  base: { type: 'string', default: 'HEAD' },
  out: { type: 'string' },
  summary: { type: 'string' },
  images: { type: 'string' },
  'no-build': { type: 'boolean', default: false },
} as const;

function git(args: readonly string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** Copies `rel` (a folder of the repository) as it was at `sha` into `into`; false if it did not exist. */
function extract(top: string, sha: string, rel: string, into: string): boolean {
  if (spawnSync('git', ['cat-file', '-e', `${sha}:${rel}`], { cwd: top, stdio: 'ignore' }).status !== 0) return false;
  const archive = spawnSync('git', ['archive', '--format=tar', sha, '--', rel], { cwd: top, maxBuffer: 1 << 30 });
  if (archive.status !== 0) throw new Error(String(archive.stderr));
  const untar = spawnSync('tar', ['-x', '-C', into], { input: archive.stdout });
  if (untar.status !== 0) throw new Error(String(untar.stderr));
  return true;
}

function problemLines(error: unknown): string[] {
  if (error instanceof ReportError) return error.problems.map(formatProblem);
  throw error;
}

export async function diff(argv: string[]): Promise<number> {
  const { values } = parse('diff', argv, OPTIONS);
  if (values.help) {
    print(cliMessage.help.diff);
    return EXIT.ok;
  }
  const head: Paths = defaultPaths();
  if (values.data) head.data = path.resolve(values.data);
  if (values.out) head.out = path.resolve(values.out);

  let top: string;
  try {
    top = git(['rev-parse', '--show-toplevel'], process.cwd());
  } catch {
    throw new UsageError(cliMessage.notInGit, 'diff');
  }
  const sha = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${values.base}^{commit}`], {
    cwd: top,
    encoding: 'utf8',
  }).stdout.trim();
  if (!sha) throw new UsageError(cliMessage.unknownRef(values.base), 'diff');

  // Ctrl-C ends the builds at once, undoing a half-replaced set of outputs.
  endOnSignals();
  const scratch = await mkdtemp(path.join(tmpdir(), 'report-press-diff-'));
  try {
    const base: Paths = { data: '', templates: '', charts: '', out: path.join(scratch, 'out') };
    for (const key of ['data', 'templates', 'charts'] as const) {
      const rel = path.relative(top, head[key]).split(path.sep).join('/');
      base[key] = path.join(scratch, 'tree', ...rel.split('/'));
      await mkdir(path.join(scratch, 'tree'), { recursive: true });
      if (!extract(top, sha, rel, path.join(scratch, 'tree'))) await mkdir(base[key], { recursive: true });
    }
    const summaries = await compare(base, head, values['no-build'], values.images);
    const { summaryMarkdown } = await import('../diff/markdown.js');
    const { canDrawPages } = await import('../diff/outputs.js');
    const label = values.base === sha ? sha.slice(0, 12) : `${values.base}` + ` (${sha.slice(0, 12)})`;
    const markdown = summaryMarkdown(label, summaries, {
      ...(values.images ? { images: values.images } : {}),
      canDraw: canDrawPages(),
    });
    process.stdout.write(markdown);
    if (values.summary) await writeFile(values.summary, markdown);
    return EXIT.ok;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function compare(
  base: Paths,
  head: Paths,
  noBuild: boolean,
  images: string | undefined,
): Promise<ReportSummary[]> {
  const [{ loadReport }, { validateReport }, { dataChanges }, { outputChanges, canDrawPages }, { hashTree }] =
    await Promise.all([
      import('../load/report.js'),
      import('../validate/index.js'),
      import('../diff/values.js'),
      import('../diff/outputs.js'),
      import('../output/fingerprint.js'),
    ]);
  const [before, after] = await Promise.all([listReports(base.data), listReports(head.data)]);
  const ids = [...new Set([...before, ...after])].sort();
  const shared = async (p: Paths) => `${await hashTree(p.templates)}${await hashTree(p.charts)}`;
  const sharedChanged = (await shared(base)) !== (await shared(head));
  const drawInto = images && canDrawPages() ? path.resolve(images) : undefined;
  if (drawInto) await mkdir(drawInto, { recursive: true });
  const { createBuilder } = noBuild ? { createBuilder: undefined } : await import('../pipeline.js');
  const builders = createBuilder && { base: await createBuilder(base), head: await createBuilder(head) };

  const summaries: ReportSummary[] = [];
  for (const id of ids) {
    const status = !before.includes(id) ? 'added' : !after.includes(id) ? 'removed' : 'changed';
    const summary: ReportSummary = { id, status, changes: [] };
    const data = async (p: Paths, side: 'earlier' | 'current') => {
      try {
        return validateReport(await loadReport(p.data, id)).data;
      } catch (error) {
        summary.problems = { side, lines: problemLines(error) };
        return undefined;
      }
    };
    const [b, a] = [
      status === 'added' ? {} : await data(base, 'earlier'),
      status === 'removed' ? {} : await data(head, 'current'),
    ];
    if (b && a) summary.changes = dataChanges(b, a);
    const inputsChanged =
      sharedChanged || (await hashTree(path.join(base.data, id))) !== (await hashTree(path.join(head.data, id)));
    if (builders && !summary.problems) {
      if (!inputsChanged) summary.outputs = [];
      else {
        try {
          if (status !== 'added') await builders.base.build(id);
          if (status !== 'removed') await builders.head.build(id);
          summary.outputs = await outputChanges(id, path.join(base.out, id), path.join(head.out, id), drawInto);
        } catch (error) {
          summary.problems = { side: status === 'added' ? 'current' : 'earlier', lines: problemLines(error) };
        }
      }
    }
    summaries.push(summary);
  }
  return summaries;
}
