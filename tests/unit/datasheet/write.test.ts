import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeDatasheets, type DatasheetBuild } from '../../../src/datasheet/build.js';
import type { AreaSheet } from '../../../src/datasheet/figures.js';
import { MANIFEST_FILE, readManifest } from '../../../src/output/manifest.js';

let out: string;
const dir = () => path.join(out, 'datasheets');

beforeEach(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'datasheet-write-'));
});
afterEach(() => rm(out, { recursive: true, force: true }));

/** A build of sheets for `ids`, with invented contents: only the names matter here. */
function built(ids: readonly string[]): DatasheetBuild {
  const sheet = (id: string): AreaSheet => ({ id, area: id, status: 'ok', reason: null, measures: [] });
  return {
    sheets: ids.map((id) => ({ sheet: sheet(id), pdf: Buffer.from(`%PDF ${id}`), html: `<p>${id}</p>` })),
    index: `<ul>${ids.join()}</ul>`,
    summary: [],
  };
}

describe('writing data sheets', () => {
  it('lists every file written in the manifest', async () => {
    await writeDatasheets(out, built(['kent', 'surrey']), 'inputs-1');
    const manifest = await readManifest(dir());
    expect(Object.keys(manifest.outputs).sort()).toEqual([
      'index.html',
      'kent.html',
      'kent.pdf',
      'surrey.html',
      'surrey.pdf',
    ]);
    expect((await readdir(dir())).sort()).toEqual([
      MANIFEST_FILE,
      'index.html',
      'kent.html',
      'kent.pdf',
      'surrey.html',
      'surrey.pdf',
    ]);
  });

  it('removes the sheets of an area no longer built, and never a reader’s own files', async () => {
    await writeDatasheets(out, built(['kent', 'surrey']), 'inputs-1');
    await writeFile(path.join(dir(), 'my-notes.pdf'), 'a reader’s own file');
    await writeFile(path.join(dir(), 'compare.html'), 'another');
    await writeDatasheets(out, built(['kent']), 'inputs-2');
    expect((await readdir(dir())).sort()).toEqual([
      MANIFEST_FILE,
      'compare.html',
      'index.html',
      'kent.html',
      'kent.pdf',
      'my-notes.pdf',
    ]);
    expect(await readFile(path.join(dir(), 'my-notes.pdf'), 'utf8')).toBe('a reader’s own file');
    expect(Object.keys((await readManifest(dir())).outputs)).not.toContain('surrey.pdf');
  });
});
