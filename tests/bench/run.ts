/**
 * npm run bench: how fast the Kent report builds, and against what.
 *
 * - cold: the whole `npm start`-like process for one report (node start, imports, build, write), median of runs;
 * - warm: one report's ten documents rendered in a long-lived process, median of runs;
 * - per stage, warm: template+parse, charts, PDF, HTML for the full report;
 * - baseline: headless Chromium printing the HTML edition to PDF, the path most teams take
 *   (skipped, and said so, when Chromium is not installed);
 * - memory: peak resident set size of the warm runs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createBuilder, defaultPaths } from '../../src/pipeline.js';
import { loadReport } from '../../src/load/report.js';
import { validateReport } from '../../src/validate/index.js';
import { loadTemplates } from '../../src/template/engine.js';
import { buildDocument } from '../../src/model/document.js';
import { ChartCache, renderCharts } from '../../src/charts/stage.js';
import { renderPdf } from '../../src/pdf/render.js';
import { htmlWriter } from '../../src/html/document.js';
import { CHROMIUM_FLAGS, DEFAULT_CHROMIUM } from '../helpers/chromium.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const CHROMIUM = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(0)} ms`;

async function time(fn: () => unknown, runs = RUNS): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

function line(label: string, value: string) {
  process.stdout.write(`${label.padEnd(48)} ${value}\n`);
}

const out = mkdtempSync(path.join(tmpdir(), 'bench-'));
const paths = { ...defaultPaths(ROOT), out };

// Cold: a fresh process per run, as `npm start -- kent-2014` runs it (without npm's own start-up).
const cold = await time(
  () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'kent-2014', '--quiet', '--out', out], {
      cwd: ROOT,
    });
    if (r.status !== 0) throw new Error(String(r.stderr));
  },
  Math.min(RUNS, 5),
);

// Warm: one builder, many reports.
const builder = await createBuilder(paths);
await builder.build('kent-2014');
const warm = await time(() => builder.build('kent-2014'));
const warmReportOnly = await time(async () => {
  const [report] = await builder.render('kent-2014');
  return report;
});

// Stages of the full report, warm.
const report = validateReport(await loadReport(paths.data, 'kent-2014'));
const templates = await loadTemplates(paths.templates);
const html = await htmlWriter(paths.templates);
const charts = new ChartCache(paths.charts);
const parse = () => buildDocument(templates.render('report', report.data), report.data, { kind: 'report' });
const model = await renderCharts(parse(), report, charts);
const tLoad = await time(async () => validateReport(await loadReport(paths.data, 'kent-2014')));
const tParse = await time(() => parse());
const tCharts = await time(async () => renderCharts(parse(), report, new ChartCache(paths.charts)));
const tPdf = await time(() => renderPdf(model));
const tHtml = await time(() => html(model));

const peak = process.resourceUsage().maxRSS / 1024;
const pdfFile = path.join(out, 'kent-2014', 'report.pdf');
const htmlFile = path.join(out, 'kent-2014', 'report.html');
const pages = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' }))?.[1];

process.stdout.write(`report-press benchmark — Kent report, median of ${RUNS} runs, Node ${process.version}\n\n`);
line('cold process, report + 4 handouts (10 files)', ms(cold));
line('warm, report + 4 handouts (10 files)', ms(warm));
line('warm, render all 10 in memory (no writes)', ms(warmReportOnly));
line('  load + validate', ms(tLoad));
line('  template + parse to document model', ms(tParse));
line('  charts (Vega-Lite → SVG)', ms(tCharts));
line('  PDF writer (incl. footnote re-layout)', ms(tPdf));
line('  HTML writer (incl. font subsetting)', ms(tHtml));
line('peak resident memory', `${peak.toFixed(0)} MiB`);
line('report.pdf', `${pages} pages, ${(statSync(pdfFile).size / 1024).toFixed(0)} KiB`);
line('report.html', `${(statSync(htmlFile).size / 1024).toFixed(0)} KiB`);

if (existsSync(CHROMIUM)) {
  const profile = mkdtempSync(path.join(tmpdir(), 'bench-chromium-'));
  const target = path.join(out, 'chromium.pdf');
  const chromium = await time(
    () => {
      const r = spawnSync(CHROMIUM, [
        ...CHROMIUM_FLAGS,
        `--user-data-dir=${profile}`,
        '--no-pdf-header-footer',
        `--print-to-pdf=${target}`,
        `file://${htmlFile}`,
      ]);
      if (r.status !== 0) throw new Error(String(r.stderr));
    },
    Math.min(RUNS, 5),
  );
  rmSync(profile, { recursive: true, force: true });
  process.stdout.write('\nBaseline: headless Chromium printing the same report (HTML edition) to PDF, cold process\n');
  line('chromium --print-to-pdf report.html', ms(chromium));
  line('ratio, our cold process (10 files) / Chromium (1 file)', `${(cold / chromium).toFixed(2)}×`);
  line('ratio, our warm PDF writer / Chromium', `${(tPdf / chromium).toFixed(2)}×`);
} else {
  process.stdout.write(`\nBaseline skipped: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH).\n`);
}
rmSync(out, { recursive: true, force: true });
