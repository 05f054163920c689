/**
 * Drawing charts is the slow part of the charts stage: a build in a resident process (watch, a batch
 * worker) draws a chart again only when what it is drawn from changed. Counted in drawings (each
 * one made is stored in the cache folder, which starts empty), not time.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChartCache, renderCharts } from '../../../src/charts/stage.js';
import { buildDocument } from '../../../src/model/document.js';
import { loadReport } from '../../../src/load/report.js';
import { validateReport } from '../../../src/validate/index.js';
import { loadTemplates } from '../../../src/template/engine.js';
import { REPORTS, ROOT } from '../../helpers/paths.js';
import { cacheSetting } from '../../helpers/cache.js';

const cache = cacheSetting();

describe('the charts stage in a resident process', () => {
  it('draws a chart again only when its spec or rows changed', async () => {
    const folder = await cache.fresh('stage-cache-');
    const drawings = async () => (await readdir(path.join(folder, 'svg')).catch(() => [])).length;
    const data = await mkdtemp(path.join(tmpdir(), 'stage-'));
    await cp(path.join(REPORTS, 'kent-2014'), path.join(data, 'kent-2014'), { recursive: true });
    const templates = await loadTemplates(path.join(ROOT, 'templates'));
    const build = async () => {
      const report = validateReport(await loadReport(data, 'kent-2014'));
      const model = buildDocument(templates.render('report', report.data), report.data, { kind: 'report' });
      const before = await drawings();
      await renderCharts(model, report, new ChartCache(path.join(ROOT, 'charts')));
      return (await drawings()) - before;
    };
    const edit = async (file: string, from: RegExp, to: (m: string) => string) => {
      const text = await readFile(path.join(data, 'kent-2014', file), 'utf8');
      const edited = text.replace(from, to);
      expect(edited).not.toBe(text);
      await writeFile(path.join(data, 'kent-2014', file), edited);
    };
    // Each drawing: the PDF's, and the HTML edition's wide and phone ones.
    expect(await build()).toBe(3);
    // A figure's value in the text: the chart is as it was, and this process still has its drawings
    // (the cache folder emptied: it does not read them again either).
    await rm(path.join(folder, 'svg'), { recursive: true });
    await edit('report.yaml', /\bvalue: (\d+)\n/, (m) => m.replace(/\d+/, (n) => String(Number(n) + 1)));
    expect(await build()).toBe(0);
    // A value the chart draws.
    await edit('recorded-crime.csv', /,61\.28\n/, () => ',61.29\n');
    expect(await build()).toBe(3);
  });
});
