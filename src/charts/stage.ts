/**
 * Charts stage: fills every figure of a document model with its SVG. Returns a new model.
 *
 * Drawn charts are also kept on disk (cache.ts), named by the digest of everything a drawing depends
 * on: the spec, the rows, the figure id, the font, the Vega versions and the chart code itself. A
 * cold run whose charts are all there never loads Vega.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Block, DocumentModel, FigureData } from '../model/types.js';
import type { ValidReport } from '../validate/index.js';
import path from 'node:path';
import { placelessProblem, problemAt, ReportError } from '../problems.js';
import { displayPath } from '../load/report.js';
import { cached, packageVersion } from '../cache.js';
import { fontBytes } from '../fonts.js';
import { loadChartSpec, type ChartSpec } from './spec.js';
import { chartTable } from './table.js';
import { chartRows, matchesFilter } from './rows.js';
import { own } from '../own.js';
import { DEFAULT_BUDGET, type Budget } from '../budget.js';
import { message } from '../messages.js';
import { cellProblems } from './cells.js';
import type { CsvFile } from '../load/csv.js';
import { CONTENT_WIDTH } from '../pdf/theme.js';

/**
 * The widths a chart is drawn at, in points or CSS pixels: the PDF's column, where its 9 pt text
 * keeps its size, and the HTML edition's on a wide screen and on a phone. A screen drawing is shown
 * across its column and so scaled: each is drawn narrower than the narrowest column it is shown in
 * (the wide one from a 36rem window, 537 px, and printed; the phone one from 390 px, 350 px), so its
 * 9 px text is never shown below 7 pt (9.33 CSS px).
 */
export const CHART_WIDTH = { print: CONTENT_WIDTH, wide: 480, narrow: 300 } as const;
export type ChartWidth = keyof typeof CHART_WIDTH;

/** Channels that split a chart into series: one line, symbol or colour per distinct value. */
const SERIES_CHANNELS = ['color', 'detail', 'shape', 'strokeDash', 'fill', 'stroke'];

/** How many series the spec draws from these rows: the distinct combinations of its series fields. */
function seriesCount(spec: ChartSpec, rows: readonly Record<string, string>[]): number {
  const encoding = (spec.encoding ?? {}) as Record<string, unknown>;
  const fields = SERIES_CHANNELS.flatMap((channel) => {
    const def = Object.hasOwn(encoding, channel) ? encoding[channel] : undefined;
    const field = def && typeof def === 'object' && 'field' in def ? def.field : undefined;
    return typeof field === 'string' ? [field] : [];
  });
  if (fields.length === 0) return 1;
  return new Set(rows.map((r) => JSON.stringify(fields.map((f) => (Object.hasOwn(r, f) ? r[f] : ''))))).size;
}

/** What every drawing depends on besides its own spec and rows, read once. */
let drawingKey: string | null = null;
function commonKey(): string {
  if (!drawingKey) {
    const ext = path.extname(fileURLToPath(import.meta.url));
    const read = (url: URL) => readFileSync(fileURLToPath(url), 'utf8');
    let code: string[];
    try {
      code = ['./render', './metrics', './spec', '../fonts'].map((m) => read(new URL(`${m}${ext}`, import.meta.url)));
    } catch {
      // Bundled: this module's own file holds the chart code.
      code = [read(new URL(import.meta.url))];
    }
    const versions = ['vega', 'vega-lite', 'vega-interpreter'].map(packageVersion);
    const hash = createHash('sha256');
    for (const part of [...versions, ...code, fontBytes('normal'), fontBytes('bold')]) hash.update(part).update('\0');
    drawingKey = hash.digest('hex');
  }
  return drawingKey;
}

/**
 * Drawings this process has made or read, by their cache key: a resident process (watch, a batch
 * worker) that builds again after an edit elsewhere neither draws nor reads them again.
 */
const drawnHere = new Map<string, Promise<Buffer>>();
const MAX_DRAWN = 500;

function drawing(key: readonly string[], draw: () => Promise<Buffer>): Promise<Buffer> {
  const id = createHash('sha256').update(key.join('\0')).digest('hex');
  let svg = drawnHere.get(id);
  if (!svg) {
    svg = cached('svg', key, draw);
    // A failed drawing is not kept: the next build tries again and reports the problem itself.
    svg.catch(() => drawnHere.delete(id));
    if (drawnHere.size >= MAX_DRAWN) drawnHere.clear();
    drawnHere.set(id, svg);
  }
  return svg;
}

/** Specs read once per run and SVG rendered once per chart, however many documents show it. */
export class ChartCache {
  private readonly specs = new Map<string, Promise<ChartSpec>>();
  private readonly svgs = new Map<string, Promise<string>>();

  constructor(
    private readonly chartsDir: string,
    private readonly budget: Budget = DEFAULT_BUDGET,
  ) {}

  spec(name: string): Promise<ChartSpec> {
    let spec = this.specs.get(name);
    if (!spec) {
      spec = loadChartSpec(this.chartsDir, name);
      this.specs.set(name, spec);
    }
    return spec;
  }

  svg(report: ValidReport, figureId: string, width: ChartWidth): Promise<string> {
    const key = `${report.id}/${figureId}/${width}`;
    let svg = this.svgs.get(key);
    if (!svg) {
      svg = this.render(report, figureId, width);
      this.svgs.set(key, svg);
    }
    return svg;
  }

  /** The chart's figures as a table, from the rows it draws. */
  async data(report: ValidReport, figureId: string): Promise<FigureData | null> {
    const chart = own(report.data.charts, figureId);
    if (!chart) return null;
    return chartTable(await this.spec(chart.spec), rowsOf(report, figureId));
  }

  private async render(report: ValidReport, figureId: string, width: ChartWidth): Promise<string> {
    const chart = own(report.data.charts, figureId);
    if (!chart) throw new Error(`no chart "${figureId}" in the report`);
    const spec = await this.spec(chart.spec);
    const { csv, chosen } = chosenRows(report, figureId);
    const cells = cellProblems(spec, csv, chosen);
    if (cells.length) throw new ReportError(cells);
    // With each row's series role, so colour and order never follow the CSV's row order.
    const rows = chartRows(
      chart,
      chosen.map((i) => csv.rows[i]!),
    );
    const series = seriesCount(spec, rows);
    if (series > this.budget.chartSeries) {
      const text = message.tooManySeries(series, this.budget.chartSeries);
      throw new ReportError([problemAt(report.source, ['charts', figureId, 'filter'], 'budget/chart-series', text)]);
    }
    try {
      // The width drawn at, not only its name: a drawing cached at another width is not this one.
      const key = [commonKey(), JSON.stringify(spec), JSON.stringify(rows), figureId, `${width}@${CHART_WIDTH[width]}`];
      const svg = await drawing(key, async () => {
        const { renderChart } = await import('./render.js');
        return Buffer.from(
          await renderChart(spec, rows, width === 'print' ? figureId : `${figureId}-${width}`, CHART_WIDTH[width]),
        );
      });
      return svg.toString('utf8');
    } catch (error) {
      if (error instanceof ReportError) throw error;
      const text = (error as Error).message;
      const { ChartDataError } = await import('./render.js');
      if (error instanceof ChartDataError) {
        // The data chosen for the chart is at fault: point at the chart's filter in report.yaml.
        const problem = problemAt(report.source, ['charts', figureId, 'filter'], 'chart/no-values', text);
        throw new ReportError([problem], { cause: error });
      }
      const file = displayPath(path.join(this.chartsDir, `${chart.spec}.vl.json`));
      throw new ReportError([placelessProblem(file, `drawing the chart "${figureId}"`, 'chart/render', text)], {
        cause: error,
      });
    }
  }
}

/** The CSV rows a chart draws, those its filter matches, by index into its file's rows. */
function chosenRows(report: ValidReport, figureId: string): { csv: CsvFile; chosen: number[] } {
  const chart = own(report.data.charts, figureId);
  const csv = chart && report.csv.get(chart.data);
  if (!chart || !csv) throw new Error(`no chart "${figureId}" with its data in the report`);
  return { csv, chosen: csv.rows.flatMap((r, i) => (matchesFilter(chart.filter, r) ? [i] : [])) };
}

function rowsOf(report: ValidReport, figureId: string): Record<string, string>[] {
  const { csv, chosen } = chosenRows(report, figureId);
  // With each row's series role, so colour and order never follow the CSV's row order.
  return chartRows(
    own(report.data.charts, figureId)!,
    chosen.map((i) => csv.rows[i]!),
  );
}

export async function renderCharts(
  model: DocumentModel,
  report: ValidReport,
  cache: ChartCache,
): Promise<DocumentModel> {
  const fill = async (blocks: readonly Block[]): Promise<Block[]> =>
    Promise.all(
      blocks.map(async (b): Promise<Block> => {
        if (b.type === 'figure') {
          const [svg, wide, narrow] = await Promise.all(
            (['print', 'wide', 'narrow'] as const).map((w) => cache.svg(report, b.chart, w)),
          );
          return { ...b, svg: svg!, screen: { wide: wide!, narrow: narrow! }, data: await cache.data(report, b.chart) };
        }
        if (b.type === 'section') return { ...b, children: await fill(b.children) };
        return b;
      }),
    );
  return { ...model, blocks: await fill(model.blocks) };
}
