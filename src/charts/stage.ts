/** Charts stage: fills every figure of a document model with its SVG. Returns a new model. */
import type { Block, DocumentModel } from '../model/types.js';
import type { ValidReport } from '../validate/index.js';
import { ReportError } from '../problems.js';
import { loadChartSpec, type ChartSpec } from './spec.js';
import { renderChart } from './render.js';

/** Specs read once per run and SVG rendered once per chart, however many documents show it. */
export class ChartCache {
  private readonly specs = new Map<string, Promise<ChartSpec>>();
  private readonly svgs = new Map<string, Promise<string>>();

  constructor(private readonly chartsDir: string) {}

  spec(name: string): Promise<ChartSpec> {
    let spec = this.specs.get(name);
    if (!spec) {
      spec = loadChartSpec(this.chartsDir, name);
      this.specs.set(name, spec);
    }
    return spec;
  }

  svg(report: ValidReport, figureId: string): Promise<string> {
    const key = `${report.id}/${figureId}`;
    let svg = this.svgs.get(key);
    if (!svg) {
      svg = this.render(report, figureId);
      this.svgs.set(key, svg);
    }
    return svg;
  }

  private async render(report: ValidReport, figureId: string): Promise<string> {
    const chart = report.data.charts[figureId]!;
    const spec = await this.spec(chart.spec);
    const rows = report.csv
      .get(chart.data)!
      .rows.filter((r) => Object.entries(chart.filter).every(([k, v]) => r[k] === v));
    try {
      return await renderChart(spec, rows, figureId);
    } catch (error) {
      if (error instanceof ReportError) throw error;
      throw new ReportError(
        [
          {
            file: `charts/${chart.spec}.vl.json`,
            line: 1,
            column: 1,
            path: `(chart ${figureId})`,
            message: `the chart cannot be drawn: ${(error as Error).message}`,
            rule: 'chart/render',
          },
        ],
        { cause: error },
      );
    }
  }
}

export async function renderCharts(
  model: DocumentModel,
  report: ValidReport,
  cache: ChartCache,
): Promise<DocumentModel> {
  const fill = async (blocks: readonly Block[]): Promise<Block[]> =>
    Promise.all(
      blocks.map(async (b): Promise<Block> => {
        if (b.type === 'figure') return { ...b, svg: await cache.svg(report, b.chart) };
        if (b.type === 'section') return { ...b, children: await fill(b.children) };
        return b;
      }),
    );
  return { ...model, blocks: await fill(model.blocks) };
}
