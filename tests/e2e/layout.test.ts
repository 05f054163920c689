/** Page layout rules that hold for every report: here the Kent report and the second test report. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBuilder } from '../../src/pipeline.js';
import type { Block, DocumentModel } from '../../src/model/types.js';
import { plainText } from '../../src/model/text.js';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { testPaths } from '../helpers/paths.js';
import { pdfText } from '../helpers/poppler.js';
import { normalise } from '../helpers/text.js';
import { baseReport, writeVariant } from '../helpers/variant.js';
import { REPORTS } from '../helpers/paths.js';
import { area, layOut } from '../helpers/laid.js';
import { headingsWithoutTwoLines } from '../helpers/pages.js';
import { KENT_DATA, repeatedVariant } from '../bench/variants.js';

/** Headings that end a page's body text (the running header follows the body in the text layer). */
function strandedHeadings(pdf: string, model: DocumentModel): string[] {
  const titles = new Set<string>();
  const prose = new Set<string>();
  const collect = (blocks: readonly Block[]) => {
    for (const b of blocks) {
      // An empty section's heading has nothing to be kept with.
      if (b.type === 'section' && b.children.length > 0) titles.add(normalise(plainText(b.title)));
      if (b.type === 'section') collect(b.children);
      if (b.type === 'paragraph') prose.add(normalise(plainText(b.content)));
      if (b.type === 'list') b.items.forEach(collect);
    }
  };
  collect(model.blocks);
  // A title that is also a line of prose (an introduction listing the questions) cannot be told apart.
  for (const p of prose) titles.delete(p);
  const stranded: string[] = [];
  pdf.split('\f').forEach((page, i) => {
    const lines = page.split('\n');
    const header = lines.lastIndexOf(model.meta.runningTitle);
    if (header < 0) return;
    const body = lines.slice(0, header).map(normalise).filter(Boolean);
    // A heading may wrap over two lines: check the last line and the last two joined.
    for (const tail of new Set([body.at(-1) ?? '', `${body.at(-2) ?? ''} ${body.at(-1) ?? ''}`.trim()])) {
      if (titles.has(tail)) stranded.push(`page ${i + 1}: ${tail}`);
    }
  });
  return stranded;
}

describe.each([['kent-2014'], ['dyfed-powys-2014']])('%s', (id) => {
  it('never leaves a heading at the foot of a page, in the report or a handout', async () => {
    const builder = await createBuilder(testPaths());
    const dir = await mkdtemp(path.join(tmpdir(), 'layout-'));
    for (const doc of await builder.render(id)) {
      const file = path.join(dir, `${doc.name.replace('/', '-')}.pdf`);
      await writeFile(file, doc.pdf);
      expect(strandedHeadings(pdfText(file), doc.model), doc.name).toEqual([]);
    }
  });
});

describe('a heading pushed towards the foot of a page', () => {
  it('is moved to the next page with what follows it, wherever the page breaks', async () => {
    const base = await baseReport();
    const filler =
      'This paragraph only moves the next heading down the page, a few lines at a time, so that it meets the foot of the page.';
    const data = await mkdtemp(path.join(tmpdir(), 'layout-data-'));
    const builder = await createBuilder(testPaths({ data }));
    const stranded: string[] = [];
    // Sixteen paragraphs of about three lines fill a page, so the heading meets every part of its foot.
    for (let k = 1; k <= 16; k++) {
      const kept = { id: 'kept', title: 'A heading kept with its text', body: Array(3).fill(`${filler} ${filler}`) };
      const question = { ...base.questions[0], intro: Array(k).fill(`${filler} ${filler}`), sections: [kept] };
      await writeVariant(`pushed-${k}`, { ...base, questions: [question, ...base.questions.slice(1)] }, data);
      const [report] = await builder.render(`pushed-${k}`);
      const file = path.join(data, `pushed-${k}`, 'report.pdf');
      await writeFile(file, report!.pdf);
      stranded.push(...strandedHeadings(pdfText(file), report!.model).map((s) => `${k} paragraphs: ${s}`));
    }
    expect(stranded).toEqual([]);
  });
});

describe('headings on the laid-out pages', () => {
  it.each([
    ['kent-2014', 1],
    ['dyfed-powys-2014', 1],
    ['northmoor-2015', 1],
    // The Kent report with every question's sections four times over: some forty pages whose
    // headings meet every part of a page.
    ['kent-2014', 4],
  ])('%s (sections repeated %i times) keeps each heading with two lines or more of what follows', async (id, times) => {
    expect(KENT_DATA).toBe(REPORTS);
    const { data, id: variant } = times === 1 ? { data: REPORTS, id } : await repeatedVariant(times);
    const laid = await layOut(variant, data);
    if (times > 1) expect(laid[0]!.lines.length).toBeGreaterThan(35);
    for (const d of laid) expect(headingsWithoutTwoLines(d.lines, d.doc.model, area(d.doc)), d.name).toEqual([]);
  });
});
