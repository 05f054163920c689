/**
 * Charts: a Vega-Lite spec bound to the report's rows, compiled and rendered to SVG in Node
 * without a browser. Text is measured from the embedded font, expressions are interpreted
 * (no `Function()`), the loader refuses all file and network access, and ids are stable.
 */
import type * as Vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { importEsm } from '../import-esm.js';
import { FONT_FAMILY } from '../fonts.js';
import { isBold, textWidth } from './metrics.js';
import { DATASET, type ChartSpec } from './spec.js';
import { withPeriodAxis } from './periods.js';

type Row = Record<string, string | number | null>;

// A spec's local time scales follow the process time zone: pin it, so a chart drawn anywhere is the
// same. (The project's own specs use UTC scales and do not depend on it.)
process.env.TZ = 'UTC';

/**
 * Vega, Vega-Lite and Vega's expression interpreter, loaded when a chart is first drawn (a build whose
 * charts are all in the cache never loads them). They are ES modules, Vega with top-level await, so
 * the compiled CommonJS engine imports them (import-esm.ts) rather than requiring them. Vega's text
 * is measured with the embedded font, and its loader refuses everything: a chart's data is always
 * bound, never fetched.
 */
let loaded: ReturnType<typeof loadVega> | undefined;
const vegaModules = () => (loaded ??= loadVega());

async function loadVega() {
  const [vega, { compile }, { expressionInterpreter }] = await Promise.all([
    importEsm<typeof Vega>('vega'),
    importEsm<typeof import('vega-lite')>('vega-lite'),
    importEsm<typeof import('vega-interpreter')>('vega-interpreter'),
  ]);
  (vega as unknown as { textMetrics: { width: unknown } }).textMetrics.width = (
    item: { fontSize?: number; fontWeight?: unknown; text?: string | number | readonly string[] },
    text?: string,
  ) => {
    const value = text ?? item.text;
    const size = item.fontSize ?? 11;
    return textWidth(String(value ?? '').trim(), size, isBold(item.fontWeight) ? 'bold' : 'normal');
  };
  const refusingLoader = vega.loader();
  const refuse = (uri: string) =>
    Promise.reject(new Error(`chart tried to load "${uri}"; charts may not read files or the network`));
  refusingLoader.load = refuse;
  refusingLoader.sanitize = refuse;
  refusingLoader.file = refuse;
  refusingLoader.http = refuse;
  return { vega, compile, expressionInterpreter, refusingLoader };
}

const BASE_CONFIG = {
  font: FONT_FAMILY,
  background: null,
  view: { stroke: null },
  axis: {
    labelFontSize: 9,
    titleFontSize: 9,
    titleFontWeight: 'normal',
    labelColor: '#333',
    titleColor: '#333',
    domainColor: '#888',
    tickColor: '#888',
    gridColor: '#e3e3e3',
  },
  legend: { labelFontSize: 9, symbolStrokeWidth: 2, labelColor: '#333' },
};

/** CSV cells are text: columns whose every cell is a number become numbers, empty cells null. */
export function typeRows(rows: readonly Record<string, string>[]): Row[] {
  const columns = Object.keys(rows[0] ?? {});
  const numeric = new Set(
    columns.filter((c) => rows.every((r) => r[c] === '' || (r[c] !== undefined && Number.isFinite(Number(r[c]))))),
  );
  return rows.map((r) =>
    Object.fromEntries(columns.map((c) => [c, numeric.has(c) ? (r[c] === '' ? null : Number(r[c])) : r[c]!])),
  );
}

/** Gives every id in an SVG a prefix, so two charts inline in one HTML page never share `clip1`. */
function prefixIds(svg: string, prefix: string): string {
  return svg.replace(/\bid="([^"]+)"/g, `id="${prefix}-$1"`).replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`);
}

/** The rows give a chart nothing to draw: a problem with the data, not with the spec. */
export class ChartDataError extends Error {}

/**
 * Every quantitative column the spec encodes must have at least one number among the rows. (A
 * field the spec derives itself, with a transform, is not a column and is not checked.)
 */
function checkValues(spec: ChartSpec, rows: readonly Row[]): void {
  const encoding = (spec.encoding ?? {}) as Record<string, { field?: unknown; type?: unknown }>;
  const columns = new Set(Object.keys(rows[0] ?? {}));
  for (const channel of Object.values(encoding)) {
    if (channel?.type !== 'quantitative' || typeof channel.field !== 'string') continue;
    const field = channel.field;
    if (!columns.has(field)) continue;
    if (!rows.some((r) => typeof r[field] === 'number')) {
      throw new ChartDataError(`no row has a number in "${field}", so the chart has nothing to draw`);
    }
  }
}

/** True when the spec's height is a step per band, not a fixed size: such a chart cannot fit a height. */
function stepHeight(spec: ChartSpec): boolean {
  const height = (spec as { height?: unknown }).height;
  return typeof height === 'object' && height !== null && 'step' in height;
}
export async function renderChart(
  spec: ChartSpec,
  rows: readonly Record<string, string>[],
  idPrefix: string,
  width?: number,
): Promise<string> {
  const typed = typeRows(rows);
  checkValues(spec, typed);
  const bound = {
    ...spec,
    data: { name: DATASET },
    datasets: { [DATASET]: typed },
    config: { ...BASE_CONFIG, ...((spec.config as object | undefined) ?? {}) },
    // Drawn at the width it is shown, axes and legend included, so its text is set at its own size.
    // A chart whose height grows by step with its rows (a bar per area) keeps its own width: Vega-Lite
    // cannot fit it (it drops "fit-y" with a warning even for "fit-x"); it is scaled where it is placed.
    ...(width && !stepHeight(spec) ? { width, autosize: { type: 'fit', contains: 'padding' } } : {}),
    ...withPeriodAxis(spec, typed),
  } as unknown as TopLevelSpec;
  const { vega, compile, expressionInterpreter, refusingLoader } = await vegaModules();
  const logger = collectingLogger();
  const vgSpec = compile(bound, { logger: logger as never }).spec;
  const runtime = vega.parse(vgSpec, undefined, { ast: true });
  const view = new vega.View(runtime, {
    renderer: 'none',
    loader: refusingLoader,
    expr: expressionInterpreter,
    logger,
  } as unknown as Vega.ViewOptions);
  try {
    vega.resetSVGDefIds();
    await view.runAsync();
    const svg = await view.toSVG();
    // A warning means Vega-Lite dropped or guessed something: the chart would be silently wrong.
    if (logger.warnings.length) throw new Error(logger.warnings.join('; '));
    return prefixIds(svg, idPrefix);
  } finally {
    view.finalize();
  }
}

/** A Vega and Vega-Lite logger that keeps warnings and errors instead of printing them. */
function collectingLogger() {
  const warnings: string[] = [];
  const keep = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
    return logger;
  };
  const logger = {
    warnings,
    level(this: unknown) {
      return this;
    },
    error: keep,
    warn: keep,
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}
