/**
 * One cold job for the benchmark: the report's PDF alone, from its data, in a fresh process —
 * load, validate, template, parse, charts, PDF, write. Usage: report-pdf.ts <data> <id> <file.pdf>
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { defaultPaths } from '../../src/pipeline.js';
import { loadReport } from '../../src/load/report.js';
import { validateReport } from '../../src/validate/index.js';
import { loadTemplates } from '../../src/template/engine.js';
import { buildDocument } from '../../src/model/document.js';
import { ChartCache, renderCharts } from '../../src/charts/stage.js';
import { renderPdf } from '../../src/pdf/render.js';

const [data, id, file] = process.argv.slice(2) as [string, string, string];
const paths = defaultPaths(path.resolve(import.meta.dirname, '../..'));
const report = validateReport(await loadReport(data, id));
const templates = await loadTemplates(paths.templates);
const model = buildDocument(templates.render('report', report.data), report.data, { kind: 'report' });
await writeFile(file, await renderPdf(await renderCharts(model, report, new ChartCache(paths.charts))));
