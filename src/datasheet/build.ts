/**
 * Data sheets: one definition (data/<folder>/datasheet.yaml) and its national dataset make a sheet
 * for every area, through the same stages as a report — template, parse, charts, PDF and HTML
 * writers — plus an index page linking them all. Nothing is written unless every sheet rendered.
 *
 *   datasheet.yaml + dataset ──load──▶ figures per area ──sheet──▶ report data
 *        ──template──▶ Markdown ──parse──▶ model ──charts──▶ PDF + HTML ──output──▶ out/datasheets/
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { TemplateSet } from '../template/engine.js';
import type { HtmlWriter } from '../html/document.js';
import { buildDocument } from '../model/document.js';
import { ChartCache, renderCharts } from '../charts/stage.js';
import { renderPdf } from '../pdf/render.js';
import type { ValidReport } from '../validate/index.js';
import { asInputProblem } from '../input-problems.js';
import { outputPath, recoverOutputs, writeFilesAtomic } from '../output/write.js';
import { MANIFEST_FILE, manifestText, readManifest, type Manifest } from '../output/manifest.js';
import { sha256 } from '../output/fingerprint.js';
import { areaSheets, type AreaSheet } from './figures.js';
import { loadDatasheet, type LoadedDatasheet } from './load.js';
import { sheetData } from './sheet.js';

export const DATASHEET_OUT = 'datasheets';

export interface RenderedSheet {
  sheet: AreaSheet;
  pdf: Buffer;
  html: string;
}

export interface DatasheetBuild {
  sheets: RenderedSheet[];
  index: string;
  /** One line per area whose figures are not available or not compared, with the reason. */
  summary: string[];
}

export interface DatasheetTools {
  templates: TemplateSet;
  html: HtmlWriter;
  templatesDir: string;
  chartsDir: string;
}

/** The build summary: every area whose sheet says "not available" or leaves it out, and why. */
export function summarise(sheets: readonly AreaSheet[]): string[] {
  return sheets.filter((s) => s.reason).map((s) => `${s.area}: ${s.reason}.`);
}

async function renderSheet(
  sheet: AreaSheet,
  sheets: readonly AreaSheet[],
  loaded: LoadedDatasheet,
  tools: DatasheetTools,
  charts: ChartCache,
): Promise<RenderedSheet> {
  const { data, context } = sheetData(sheet, sheets, loaded);
  const report: ValidReport = {
    id: sheet.id,
    dir: loaded.dir,
    data,
    csv: new Map([[loaded.definition.data, loaded.csv]]),
    source: loaded.source,
  };
  try {
    const markdown = tools.templates.render('datasheet', context);
    const kind = { kind: 'datasheet', source: `${loaded.definition.source} ${loaded.definition.licence}` } as const;
    const model = await renderCharts(buildDocument(markdown, data, kind), report, charts);
    // Every sheet shares one font subset (subsetting is the slow part of the HTML writer): the
    // characters of every area's name and of the definition, with the minus sign numbers print.
    const [pdf, html] = await Promise.all([renderPdf(model), tools.html(model, fontText(loaded, sheets))]);
    return { sheet, pdf, html };
  } catch (error) {
    throw asInputProblem(error, report, 'datasheet');
  }
}

const fontText = (loaded: LoadedDatasheet, sheets: readonly AreaSheet[]) =>
  `${JSON.stringify(loaded.definition)}${sheets.map((s) => s.area).join('')}\u2212`;

async function indexPage(templatesDir: string, loaded: LoadedDatasheet, sheets: readonly AreaSheet[]) {
  const text = await readFile(path.join(templatesDir, 'datasheet-index.html.hbs'), 'utf8');
  const page = Handlebars.create().compile(text, { strict: true });
  const def = loaded.definition;
  return page({
    language: def.language,
    title: def.title,
    periodLabel: def.periodLabel,
    comparator: def.comparator,
    source: def.source,
    licence: def.licence,
    sheets: sheets.map((s) => ({
      id: s.id,
      area: s.area,
      flag: s.status === 'ok' ? '' : s.status === 'flagged' ? 'not ranked' : 'rates not available',
    })),
    cases: summarise(sheets),
  });
}

/** The files a build of the data sheets in `dir` writes under out/datasheets/, and its summary, without rendering. */
export async function datasheetPlan(dir: string): Promise<{ names: string[]; summary: string[] }> {
  const loaded = await loadDatasheet(dir);
  const sheets = areaSheets(loaded.csv, loaded.definition);
  return {
    names: [...sheets.flatMap((s) => [`${s.id}.pdf`, `${s.id}.html`]), 'index.html'],
    summary: summarise(sheets),
  };
}

/** Renders every area's sheet and the index, in memory. */
export async function renderDatasheets(dir: string, tools: DatasheetTools): Promise<DatasheetBuild> {
  const loaded = await loadDatasheet(dir);
  const sheets = areaSheets(loaded.csv, loaded.definition);
  const charts = new ChartCache(tools.chartsDir);
  const rendered: RenderedSheet[] = [];
  for (const sheet of sheets) rendered.push(await renderSheet(sheet, sheets, loaded, tools, charts));
  return { sheets: rendered, index: await indexPage(tools.templatesDir, loaded, sheets), summary: summarise(sheets) };
}

/**
 * Writes out/datasheets/<area>.pdf and .html for every area, index.html and the manifest, as one set;
 * removes the sheets the previous manifest lists that are no longer built (never a reader's own files).
 * `inputs` is the hash of everything the sheets were built from.
 */
export async function writeDatasheets(
  outDir: string,
  build: DatasheetBuild,
  inputs: string,
): Promise<{ file: string; bytes: number }[]> {
  const dir = outputPath(outDir, DATASHEET_OUT);
  const named = [
    ...build.sheets.flatMap(({ sheet, pdf, html }) => [
      { name: `${sheet.id}.pdf`, data: pdf },
      { name: `${sheet.id}.html`, data: html },
    ]),
    { name: 'index.html', data: build.index },
  ];
  await recoverOutputs(dir);
  const previous = await readManifest(dir);
  const manifest: Manifest = { outputs: {} };
  for (const { name, data } of named) manifest.outputs[name] = { inputs, sha256: sha256(data) };
  const dropped = Object.keys(previous.outputs).filter((name) => !Object.hasOwn(manifest.outputs, name));
  const files = named.map(({ name, data }) => ({ file: outputPath(dir, name), data }));
  await writeFilesAtomic([...files, { file: outputPath(dir, MANIFEST_FILE), data: manifestText(manifest) }], {
    root: dir,
    remove: dropped.map((name) => outputPath(dir, ...name.split('/'))),
  });
  return files.map(({ file, data }) => ({ file, bytes: Buffer.byteLength(data) }));
}
