/**
 * A long-lived process building a report again (watch, a data correction): the PDF of a document
 * whose model has not changed comes from memory (src/pdf/kept.ts), and the files are still the
 * ones a build renders.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBuilder, type Output } from '../../src/pipeline.js';
import { keptPdfCounts } from '../../src/pdf/kept.js';
import { renderPdf } from '../../src/pdf/render.js';
import { REPORTS, testPaths } from '../helpers/paths.js';

const ID = 'northmoor-2015';
let ws: string;
let first: Map<string, Buffer>;

const pdfs = async (outputs: Output[]) =>
  new Map(
    await Promise.all(
      outputs.filter((o) => o.file.endsWith('.pdf')).map(async (o) => [o.file, await readFile(o.file)] as const),
    ),
  );
const rebuild = async (force = false) => {
  const paths = testPaths({ data: path.join(ws, 'data'), out: path.join(ws, 'out') });
  const before = { ...keptPdfCounts };
  const builder = await createBuilder(paths);
  const outputs = await builder.build(ID, { force });
  const counts = { rendered: keptPdfCounts.rendered - before.rendered, reused: keptPdfCounts.reused - before.reused };
  // Each PDF written is the one its model renders to now, kept or not.
  for (const doc of await builder.render(ID)) {
    const written = await readFile(path.join(paths.out, ID, `${doc.name}.pdf`));
    expect(written.equals(await renderPdf(doc.model)), `${doc.name}.pdf as rendered afresh`).toBe(true);
  }
  return { ...counts, pdfs: await pdfs(outputs) };
};

beforeAll(async () => {
  ws = await mkdtemp(path.join(tmpdir(), 'report-press-rebuild-'));
  await cp(path.join(REPORTS, ID), path.join(ws, 'data', ID), { recursive: true });
  first = (await rebuild()).pdfs;
});

afterAll(() => rm(ws, { recursive: true, force: true }));

describe('building a report again in the same process', () => {
  it('renders no PDF again when nothing has changed, and writes the same bytes', async () => {
    const again = await rebuild(true);
    expect(again.rendered).toBe(0);
    expect(again.reused).toBe(first.size);
    for (const [file, bytes] of first) expect(again.pdfs.get(file)!.equals(bytes), file).toBe(true);
  });

  it('renders again the documents a data correction changes, and only those', async () => {
    const file = path.join(ws, 'data', ID, 'report.yaml');
    const text = await readFile(file, 'utf8');
    const edited = text.replace(/\bvalue: (\d+)\n/, (_, n: string) => `value: ${Number(n) + 1}\n`);
    expect(edited).not.toBe(text);
    await writeFile(file, edited);
    const after = await rebuild();
    const changed = [...first].filter(([name, bytes]) => !after.pdfs.get(name)!.equals(bytes)).length;
    expect(changed).toBeGreaterThan(0);
    expect(after.rendered).toBe(changed);
    expect(after.reused).toBe(first.size - changed);
  });
});
