/**
 * Data sheets for every force area: built once through the real pipeline into a temporary folder,
 * then checked cheaply — every file and link for all 43, page counts and HTML text for all, and the
 * PDF text of Kent, a Welsh area and City of London against figures worked out here from the raw CSV.
 */
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBuilder, listDatasheets, type Builder } from '../../src/pipeline.js';
import { FIXTURES, testPaths } from '../helpers/paths.js';
import { pdfInfo, pdfText } from '../helpers/poppler.js';
import { MANIFEST_FILE, readManifest } from '../../src/output/manifest.js';
import { htmlText, joinLines, normalise } from '../helpers/text.js';

const CSV = readFileSync(path.join(FIXTURES, 'national/recorded-crime-2010-2014.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(','));
const AREAS = [...new Set(CSV.map((l) => l[1]!))].filter((a) => a !== 'England and Wales');
const count = (area: string, measure: string) =>
  Number(CSV.find((l) => l[0] === '2014-06-30' && l[1] === area && l[2] === measure)![3]).toLocaleString('en-GB');

let dir: string;
let summary: string[];
let builder: Builder;
const pdf = (id: string) => normalise(joinLines(pdfText(path.join(dir, `${id}.pdf`))));

beforeAll(async () => {
  const out = await mkdtemp(path.join(tmpdir(), 'datasheets-'));
  builder = await createBuilder(testPaths({ data: FIXTURES, out }));
  ({ summary } = await builder.buildDatasheets('national'));
  dir = path.join(out, 'datasheets');
}, 300_000);

describe('data sheets', () => {
  it('are defined once, in a national folder (a frozen copy of data/national)', async () => {
    expect(await listDatasheets(FIXTURES)).toEqual(['national']);
  });

  it('exist for every area of the dataset, as PDF and HTML, linked from the index', async () => {
    const ids = AREAS.map((a) => a.toLowerCase().replace(/[^a-z0-9]+/g, '-'));
    expect(ids).toHaveLength(43);
    const files = await readdir(dir);
    const listed = [...ids.flatMap((id) => [`${id}.html`, `${id}.pdf`]), 'index.html'].sort();
    expect(files.sort()).toEqual([MANIFEST_FILE, ...listed].sort());
    expect(Object.keys((await readManifest(dir)).outputs).sort()).toEqual(listed);
    const index = await readFile(path.join(dir, 'index.html'), 'utf8');
    for (const [i, id] of ids.entries()) {
      expect(index).toContain(`<a href="${id}.html">${AREAS[i]}</a>`);
      expect(index).toContain(`<a href="${id}.pdf">`);
    }
  });

  it('fill one or two A4 pages each and never print NaN, undefined or Infinity', async () => {
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.pdf'))) {
      const info = pdfInfo(path.join(dir, file));
      expect(Number(info.Pages), file).toBeGreaterThanOrEqual(1);
      expect(Number(info.Pages), file).toBeLessThanOrEqual(2);
      expect(info['Page size'], file).toMatch(/^595\.\d* x 841\.\d* pts \(A4\)/);
      const text = htmlText(await readFile(path.join(dir, file.replace(/\.pdf$/, '.html')), 'utf8'));
      expect(text, file).not.toMatch(/NaN|undefined|Infinity|null/);
    }
    for (const id of ['kent', 'dyfed-powys', 'city-of-london']) expect(pdf(id)).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('give Kent its printed rates beside England and Wales, its ranks, changes and both charts', async () => {
    const text = pdf('kent');
    expect(text).toMatch(/Crime excluding fraud 111,970 63\.5 60\.8 \d+/);
    expect(text).toMatch(/Victim-based crime [\d,]+ 58\.5 54\.0 \d+/);
    expect(text).toMatch(/Sexual offences [\d,]+ 1\.4 1\.2 \d+/);
    expect(text).toMatch(/Violence with injury [\d,]+ 7\.2 5\.9 \d+/);
    expect(text).toContain(`Crime excluding fraud ${count('Kent', 'Crime excluding fraud')}`);
    expect(text).toContain('Crime excluding fraud 11.1 −0.5 6.6 −16.3');
    expect(text).toContain('Rank of 38 (1 = lowest rate)');
    const html = await readFile(path.join(dir, 'kent.html'), 'utf8');
    expect(html.match(/<figure /g)).toHaveLength(2);
    expect(htmlText(html)).toContain('Source: Office for National Statistics');
    expect(htmlText(html)).toContain('Open Government Licence v3.0');
  });

  it('draw every bar of the national chart with its series role, the force marked as the force', async () => {
    const html = await readFile(path.join(dir, 'kent.html'), 'utf8');
    // The HTML edition carries the chart drawn for a wide screen and for a phone: check each drawing.
    const drawings = [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)]
      .map((m) => m[0])
      .filter((svg) => svg.includes('aria-roledescription="bar"'));
    expect(drawings.length).toBeGreaterThan(0);
    for (const svg of drawings) {
      const bars = [...svg.matchAll(/aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="bar"/g)].map(
        (m) => m[1]!,
      );
      expect(bars.length).toBeGreaterThan(30);
      expect(bars.filter((label) => !/role: (force|comparator|other)$/.test(label))).toEqual([]);
      expect(bars.filter((label) => label.endsWith('role: force'))).toEqual([
        expect.stringContaining('area: Kent;') as string,
      ]);
    }
  });

  it('say why a Welsh area has no rates, ranks or rate charts, and still show its counts', () => {
    const text = pdf('dyfed-powys');
    expect(text).toContain(
      `Crime excluding fraud ${count('Dyfed-Powys', 'Crime excluding fraud')} not available 60.8 not available`,
    );
    expect(text).toContain('The source has no population estimate for Dyfed-Powys');
    expect(text).toContain('The trend chart is not available: the source has no population estimate');
    expect(text).toContain('Dyfed-Powys is not in the national comparison');
    expect(text).toContain('Dyfed-Powys is not ranked');
  });

  it('flag City of London and leave it out of the rankings, saying why', () => {
    const text = pdf('city-of-london');
    expect(text).toContain('City of London is not ranked: City of London has a very small resident population');
    expect(text).toContain('City of London is not in the national comparison');
    expect(pdf('kent')).not.toContain('City of London');
  });

  it('list every such case in the build summary', () => {
    expect(summary.map((l) => l.split(':')[0])).toEqual([
      'City of London',
      'Dyfed-Powys',
      'Gwent',
      'North Wales',
      'South Wales',
    ]);
  });

  it('are left as they are when nothing they are built from changed, and all rebuilt when a sheet was edited', async () => {
    const mtimes = async () =>
      Promise.all((await readdir(dir)).sort().map(async (f) => [f, (await stat(path.join(dir, f))).mtimeMs] as const));
    const [before, kent] = [await mtimes(), await readFile(path.join(dir, 'kent.pdf'))];
    const again = await builder.buildDatasheets('national');
    expect(again.outputs.filter((o) => o.written)).toEqual([]);
    expect(again.outputs).toHaveLength(AREAS.length * 2 + 1);
    expect(again.summary).toEqual(summary);
    expect(await mtimes()).toEqual(before);

    await writeFile(path.join(dir, 'kent.pdf'), 'edited by hand');
    const rebuilt = await builder.buildDatasheets('national');
    expect(rebuilt.outputs.filter((o) => o.written)).toHaveLength(AREAS.length * 2 + 1);
    expect((await readFile(path.join(dir, 'kent.pdf'))).equals(kent)).toBe(true);
  }, 300_000);
});
