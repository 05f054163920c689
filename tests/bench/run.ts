/**
 * npm run bench: how fast the Kent report builds, against headless Chromium printing our own HTML
 * edition. Prints a table and writes out/bench.json; every figure is a median with its min and max.
 *
 * - cold.reportPdfMs   fresh process: the CLI building the report PDF alone from its data
 * - cold.allMs         fresh process: the CLI building all ten files of the report
 * - cold.chromiumMs    fresh `chromium --headless --print-to-pdf report.html`
 * - warm.reportMs      long-lived process, after a one-value data edit: load to PDF of the report
 * - warm.chromiumMs    a persistent Chromium (playwright-core) printing the same HTML with page.pdf()
 * - warm.allMs        long-lived process, after the same edit: all ten files, as `watch` rebuilds them
 * - batch.workers1PerSec / workers2PerSec   reports a second, fresh process, `build --jobs 1` / `--jobs 2`
 * - batch.workers1Cores / workers2Cores     the batch's CPU time over its wall time: the cores it kept busy
 * - batch.twoProcessesPerSec / twoProcessesCores   the ceiling: two fresh processes side by side,
 *                      each building half the reports with `--jobs 1`, sharing nothing
 * - growth             pages and warm ms of the report PDF with sections repeated 1×, 4×, 16×
 * - peakRssMiB         peak resident memory of the cold all-files build
 *
 * Machine load from other work adds noise: read min beside median. BENCH_RUNS sets the runs (the
 * warm.* figures take five times as many), BENCH_GROWTH the growth factors (default 1,4,16),
 * BENCH_BATCH the reports in a batch (default 43).
 */
// The warm and growth figures are taken in this process: with V8's tiering as the command line sets it.
import '../../src/tiering.js';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createBuilder, defaultPaths } from '../../src/pipeline.js';
import { loadReport } from '../../src/load/report.js';
import { validateReport } from '../../src/validate/index.js';
import { loadTemplates } from '../../src/template/engine.js';
import { buildDocument } from '../../src/model/document.js';
import { ChartCache, renderCharts } from '../../src/charts/stage.js';
import { renderPdf } from '../../src/pdf/render.js';
import { KENT_DATA, renamedCopy, repeatedVariant } from './variants.js';
import { DEFAULT_CHROMIUM } from '../helpers/chromium.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const COLD_RUNS = Math.max(1, Math.min(RUNS, 5));
const CHROMIUM = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
/**
 * Builds (and prints) before a long-lived process is timed, as one that has been running would have.
 * V8 goes on optimising the engine through the first 30 or so builds of the report: in three
 * processes of 150 builds each (2 cores), builds 10–19 ran 15–42 % and builds 20–29 16–22 % above
 * builds 30–149 (medians of ten: 61–78 and 58–64 ms, against 47–55 ms). 40 times a process that
 * has settled.
 */
const WARM_UP = 40;
/**
 * Timed warm builds, ours and Chromium's each. A settled process's builds of the report still vary
 * by half (about 70–130 ms on a 2-core machine, in stretches of some ten builds as its heap grows and
 * is collected), so five samples gave medians 20 % apart from one run of the bench to the next.
 */
const WARM_RUNS = RUNS * 5;
/**
 * Reports in each batch: a batch for every police force in England and Wales. A worker's first
 * report takes two to three times as long as its later ones (V8 warming up), so a batch of eight
 * measured mostly start-up, not the throughput that two workers sustain.
 */
const BATCH_REPORTS = Number(process.env.BENCH_BATCH ?? 43);
const ID = 'kent-2014';

interface Figure {
  median: number;
  min: number;
  max: number;
  runs: number;
}

function figure(samples: number[]): Figure {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (x: number) => (x < 10 ? Math.round(x * 1000) / 1000 : Math.round(x * 10) / 10);
  return { median: round(sorted[Math.floor(sorted.length / 2)]!), min: round(sorted[0]!), max: round(sorted.at(-1)!), runs: samples.length };
}

async function timed(runs: number, fn: (run: number) => unknown): Promise<Figure> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  // Progress, for a slow machine: the table comes at the end.
  process.stderr.write('.');
  return figure(samples);
}

const skipped: { baseline: string; reason: string }[] = [];
const tmp = mkdtempSync(path.join(tmpdir(), 'bench-'));

/** The CLI as installed: a compiled `bin` when the package has one built, else the sources through tsx. */
function cliCommand(): { args: string[]; startup: string } {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin?: string | Record<string, string> };
  const bin = typeof pkg.bin === 'string' ? pkg.bin : Object.values(pkg.bin ?? {})[0];
  if (bin && /\.[cm]?js$/.test(bin) && existsSync(path.join(ROOT, bin))) return { args: [bin], startup: `compiled (${bin})` };
  return { args: ['--import', 'tsx', 'src/cli.ts'], startup: 'tsx (src/cli.ts)' };
}

function run(args: string[]): string {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
  return r.stderr;
}

/** As run, but returns at once: for processes that run side by side. */
function runAsync(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stderr) : reject(new Error(`${args.join(' ')}: ${stderr}`))));
  });
}

/** Preloaded into a benchmarked process: reports its peak resident memory and its CPU time (all threads) on exit. */
const USAGE_PROBE = `data:text/javascript,${encodeURIComponent(
  "process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write(`\\nBENCH_MAXRSS_KIB=${u.maxRSS} BENCH_CPU_US=${u.userCPUTime + u.systemCPUTime}\\n`); })",
)}`;
const usage = (stderr: string) => ({
  rssMiB: Number(/BENCH_MAXRSS_KIB=(\d+)/.exec(stderr)?.[1]) / 1024,
  cpuMs: Number(/BENCH_CPU_US=(\d+)/.exec(stderr)?.[1]) / 1000,
});

// 1. Cold processes, taken in turns (ours, ours with every file, Chromium) so that a machine that
// slows down or speeds up part-way weighs on all three alike and their ratios come from one window.
const cli = cliCommand();
const coldOut = path.join(tmp, 'cold');
const htmlFile = path.join(coldOut, ID, 'report.html');
const hasChromium = existsSync(CHROMIUM);
const profile = mkdtempSync(path.join(tmpdir(), 'bench-chromium-'));
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'];
const quiet = ['--disable-background-networking', '--disable-component-update', '--disable-sync'];
const rss: number[] = [];
const cold = { reportPdf: [] as number[], all: [] as number[], chromium: [] as number[] };
const timeInto = async (samples: number[], fn: () => unknown) => {
  const start = performance.now();
  await fn();
  samples.push(performance.now() - start);
};
for (let i = 0; i < COLD_RUNS; i++) {
  await timeInto(cold.reportPdf, () =>
    run([...cli.args, ID, '--format', 'pdf', '--no-handouts', '--quiet', '--force', '--data', KENT_DATA, '--out', coldOut]),
  );
  await timeInto(cold.all, () => {
    const stderr = run(['--import', USAGE_PROBE, ...cli.args, ID, '--quiet', '--force', '--data', KENT_DATA, '--out', coldOut]);
    rss.push(usage(stderr).rssMiB);
  });
  if (hasChromium)
    await timeInto(cold.chromium, () => {
      const target = `--print-to-pdf=${path.join(tmp, 'chromium.pdf')}`;
      const args = [...flags, ...quiet, `--user-data-dir=${profile}`, '--no-pdf-header-footer', target, pathToFileURL(htmlFile).href];
      const r = spawnSync(CHROMIUM, args);
      if (r.status !== 0) throw new Error(String(r.stderr));
    });
  process.stderr.write('.');
}
const coldReportPdf = figure(cold.reportPdf);
const coldAll = figure(cold.all);
const coldChromium = hasChromium ? figure(cold.chromium) : null;
if (!hasChromium) skipped.push({ baseline: 'cold.chromiumMs', reason: `no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)` });

// 2. Warm: this process building the report PDF from its data after a one-value edit each time, and a
// persistent Chromium printing the same HTML, each warmed up first and then timed in turns, so that
// their ratio comes from one stretch of time, as the cold runs' does.
const paths = defaultPaths(ROOT);
const templates = await loadTemplates(paths.templates);
async function reportPdf(data: string, id: string): Promise<Buffer> {
  const report = validateReport(await loadReport(data, id));
  const model = buildDocument(templates.render('report', report.data), report.data, { kind: 'report' });
  return renderPdf(await renderCharts(model, report, new ChartCache(paths.charts)));
}
const editable = path.join(tmp, 'data');
await cp(path.join(KENT_DATA, ID), path.join(editable, ID), { recursive: true });
const yamlFile = path.join(editable, ID, 'report.yaml');
const original = await readFile(yamlFile, 'utf8');
// One figure's value, as a data correction would change it: each time to a value no build has seen,
// so that nothing a build kept (parsed sections, measured words) can stand for the edit.
const VALUE = /\bvalue: (\d+)\n/;
if (!VALUE.test(original)) throw new Error('bench: found no value to edit in the report data');
let edits = 0;
const edit = () => writeFile(yamlFile, original.replace(VALUE, (_, n: string) => `value: ${Number(n) + ++edits}\n`));
for (let i = 0; i < WARM_UP; i++) {
  await edit();
  await reportPdf(editable, ID);
}

type Browser = { close(): Promise<void> };
let browser: Browser | null = null;
let print: (() => Promise<void>) | null = null;
const dropChromium = async (error: unknown) => {
  await browser?.close().catch(() => undefined);
  browser = print = null;
  const reason = String((error as Error | undefined)?.message ?? error).split('\n')[0];
  skipped.push({ baseline: 'warm.chromiumMs', reason: `playwright-core could not drive Chromium: ${reason}` });
};
if (existsSync(CHROMIUM)) {
  try {
    const { chromium } = await import('playwright-core');
    const launched = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    browser = launched;
    const page = await launched.newPage();
    print = async () => {
      await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
      await page.pdf({ preferCSSPageSize: true, printBackground: true });
    };
    for (let i = 0; i < WARM_UP; i++) await print();
  } catch (error) {
    await dropChromium(error);
  }
} else skipped.push({ baseline: 'warm.chromiumMs', reason: `no Chromium at ${CHROMIUM}` });

// Each goes first in every other turn: the one that runs second shares the machine with what the
// first left running (V8 collecting garbage, Chromium finishing a print).
const warm = { report: [] as number[], chromium: [] as number[] };
const ours = () => timeInto(warm.report, () => reportPdf(editable, ID));
const theirs = async () => {
  if (print) await timeInto(warm.chromium, print).catch(dropChromium);
};
for (let i = 0; i < WARM_RUNS; i++) {
  await edit();
  for (const turn of i % 2 ? [theirs, ours] : [ours, theirs]) await turn();
  if (i % 5 === 4) process.stderr.write('.');
}
const warmReport = figure(warm.report);
const warmChromium: Figure | null = print ? figure(warm.chromium) : null;
await browser?.close().catch(() => undefined);

// All ten files after the same kind of edit, as `watch` rebuilds them: a new builder (templates and
// chart specs read again), the report loaded, every document rendered and the set written.
const warmPaths = { ...paths, data: editable, out: path.join(tmp, 'warm-out') };
const rebuild = async () => (await createBuilder(warmPaths)).build(ID);
for (let i = 0; i < WARM_UP; i++) {
  await edit();
  await rebuild();
}
const warmAllSamples: number[] = [];
for (let i = 0; i < WARM_RUNS; i++) {
  await edit();
  await timeInto(warmAllSamples, rebuild);
}
const warmAll = figure(warmAllSamples);

// 3. Batches: the CLI building copies of the report, each renamed to another area, with --jobs 1 (one at a time, in the
// command's own thread) and --jobs 2 (two worker threads), each run into a fresh folder: a build skips outputs
// its manifest says are current.
const batchIds = Array.from({ length: BATCH_REPORTS }, (_, i) => `${ID}-copy${i + 1}`);
const batchData = path.join(tmp, 'batch-data');
// Suffixes a, b, …, z, aa, ab, …: letters only, as an area's name may have.
const letters = (i: number): string => (i >= 26 ? letters(Math.floor(i / 26) - 1) : '') + String.fromCharCode(97 + (i % 26));
for (const [i, id] of batchIds.entries()) await renamedCopy(batchData, id, letters(i));
const batch: Record<string, Figure> = {};
// Once untimed, so both timings find the cache folder as an earlier build of these reports left it.
run([...cli.args, 'build', ...batchIds, '--quiet', '--data', batchData, '--out', path.join(tmp, 'batch-warm-up')]);
// In turns, one worker then two, so the ratio compares the same stretch of a machine whose speed drifts.
// A batch's CPU time over its wall time is the cores it kept busy: one worker already keeps V8's helper
// threads (optimising, collecting garbage) busy on the other core, which bounds what a second can add.
// The third of each turn measures the ceiling: two separate processes, each building half the
// reports with --jobs 1, share nothing (no heap, no V8 helper threads, no queue), so what two
// workers in one process can reach on this machine is at most what they reach together.
const perSec: Record<'1' | '2' | 'TwoProcesses', number[]> = { 1: [], 2: [], TwoProcesses: [] };
const cores: Record<'1' | '2' | 'TwoProcesses', number[]> = { 1: [], 2: [], TwoProcesses: [] };
const batchArgs = (ids: string[], jobs: number, out: string) => [
  '--import',
  USAGE_PROBE,
  ...cli.args,
  ...['build', ...ids, '--jobs', String(jobs), '--quiet', '--data', batchData, '--out', out],
];
const half = Math.ceil(batchIds.length / 2);
for (let i = 0; i < Math.max(1, Math.min(RUNS, 3)); i++) {
  // Each kind goes first in turn, so none always runs on a machine the one before left busy.
  const kinds = ['1', '2', 'TwoProcesses'] as const;
  for (const workers of [...kinds.slice(i % 3), ...kinds.slice(0, i % 3)]) {
    const out = path.join(tmp, `batch-${workers}-${i}`);
    const start = performance.now();
    const stderrs =
      workers === 'TwoProcesses'
        ? await Promise.all([
            runAsync(batchArgs(batchIds.slice(0, half), 1, `${out}-a`)),
            runAsync(batchArgs(batchIds.slice(half), 1, `${out}-b`)),
          ])
        : [run(batchArgs(batchIds, Number(workers), out))];
    const ms = performance.now() - start;
    perSec[workers].push(batchIds.length / (ms / 1000));
    cores[workers].push(stderrs.reduce((sum, stderr) => sum + usage(stderr).cpuMs, 0) / ms);
  }
  process.stderr.write('.');
}
for (const workers of ['1', '2'] as const) {
  batch[`workers${workers}PerSec`] = figure(perSec[workers]);
  batch[`workers${workers}Cores`] = figure(cores[workers]);
}
batch.twoProcessesPerSec = figure(perSec.TwoProcesses);
batch.twoProcessesCores = figure(cores.TwoProcesses);

// 4. Growth: the report with its sections repeated.
const growth: Record<string, { pages: number; ms: Figure }> = {};
// BENCH_GROWTH=1,4 leaves out the longest variant, e.g. for an older version whose cost is quadratic.
const factors = (process.env.BENCH_GROWTH ?? '1,4,16').split(',').map(Number);
for (const times of factors) {
  const { data, id } = times === 1 ? { data: KENT_DATA, id: ID } : await repeatedVariant(times, path.join(tmp, 'variants'));
  let pdf = await reportPdf(data, id);
  const ms = await timed(Math.max(1, Math.min(RUNS, 3)), async () => (pdf = await reportPdf(data, id)));
  const file = path.join(tmp, `growth-${times}.pdf`);
  writeFileSync(file, pdf);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
  growth[`x${times}`] = { pages, ms };
}

// 5. Report.
const result = {
  node: process.version,
  startup: cli.startup,
  cold: { reportPdfMs: coldReportPdf, allMs: coldAll, chromiumMs: coldChromium },
  warm: { reportMs: warmReport, chromiumMs: warmChromium, allMs: warmAll },
  batch,
  growth,
  peakRssMiB: figure(rss),
  skipped,
};
mkdirSync(path.join(ROOT, 'out'), { recursive: true });
writeFileSync(path.join(ROOT, 'out', 'bench.json'), `${JSON.stringify(result, null, 2)}\n`);

const show = (f: Figure | null | undefined, unit = 'ms') =>
  f ? `${f.median} ${unit}  (min ${f.min}, max ${f.max}, ${f.runs} runs)` : 'skipped';
const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(46)} ${value}\n`);
process.stdout.write(`report-press benchmark — Kent report, Node ${process.version}, CLI start-up: ${cli.startup}\n\n`);
line('cold: report PDF alone, fresh process', show(coldReportPdf));
line('cold: all 10 files through the CLI', show(coldAll));
line('cold: chromium --print-to-pdf report.html', show(coldChromium));
line('warm: report PDF after a one-value edit', show(warmReport));
line('warm: persistent Chromium page.pdf()', show(warmChromium));
line('warm: all 10 files, as watch rebuilds them', show(warmAll));
for (const [k, f] of Object.entries(batch)) line(`batch: ${k}`, show(f, k.endsWith('Cores') ? 'cores busy' : 'reports/s'));
for (const [k, g] of Object.entries(growth)) line(`growth ${k}: ${g.pages} pages`, `${show(g.ms)}  ${(g.ms.median / g.pages).toFixed(1)} ms/page`);
line('peak RSS, cold all-files build', show(result.peakRssMiB, 'MiB'));
if (coldChromium) {
  line('ratio cold report PDF / Chromium', `${(coldReportPdf.median / coldChromium.median).toFixed(2)}×`);
  line('ratio cold all files / Chromium', `${(coldAll.median / coldChromium.median).toFixed(2)}×`);
}
if (warmChromium) line('ratio warm Chromium / warm report', `${(warmChromium.median / warmReport.median).toFixed(2)}×`);
if (batch.workers1PerSec && batch.workers2PerSec) {
  line('ratio batch 2 workers / 1', `${(batch.workers2PerSec.median / batch.workers1PerSec.median).toFixed(2)}×`);
  // At best, two workers keep every core busy, each doing what one worker did with its share.
  const available = Math.min(2, availableParallelism());
  line(`  ceiling on ${available} cores: cores / one worker's`, `${(available / batch.workers1Cores!.median).toFixed(2)}×`);
  // Measured: the same machine, two processes that share nothing.
  line('  ceiling measured: 2 processes / 1 worker', `${(batch.twoProcessesPerSec.median / batch.workers1PerSec.median).toFixed(2)}×`);
  line('  2 workers / 2 processes', `${(batch.workers2PerSec.median / batch.twoProcessesPerSec.median).toFixed(2)}×`);
}
for (const s of skipped) process.stdout.write(`skipped ${s.baseline}: ${s.reason}\n`);
process.stdout.write(`\nwritten: out/bench.json\n`);
// The copies, outputs and Chromium's profile: some 300 MB with a batch of 43.
for (const dir of [tmp, profile]) rmSync(dir, { recursive: true, force: true });
