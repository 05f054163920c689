/**
 * Which outputs of a report differ between two builds, how their page counts moved, and for a
 * PDF, which pages look different: both versions drawn small with pdftoppm (when installed) and
 * the pages whose images differ kept as before/after PNG files for the reviewer.
 */
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MANIFEST_FILE } from '../output/manifest.js';

export interface PageChange {
  page: number;
  /** The PNG files written, relative to the images folder; missing where the page is new or gone. */
  before?: string;
  after?: string;
}

export interface OutputChange {
  /** Relative to the report's output folder: `report.pdf`, `handouts/summary.html`. */
  name: string;
  status: 'added' | 'removed' | 'changed';
  pagesBefore?: number;
  pagesAfter?: number;
  /** Undefined when the pages could not be drawn (no pdftoppm). */
  pages?: PageChange[];
}

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && e.name !== MANIFEST_FILE)
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

/** Page objects in a PDF as pdfmake writes it (uncompressed object dictionaries). */
export function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}

export function canDrawPages(): boolean {
  return spawnSync('pdftoppm', ['-v'], { stdio: 'ignore' }).status === 0;
}

/** Each page of `pdf` drawn small, in page order. */
async function drawPages(pdf: string, into: string): Promise<string[]> {
  await mkdir(into, { recursive: true });
  const run = spawnSync('pdftoppm', ['-png', '-r', '30', pdf, path.join(into, 'page')], { stdio: 'ignore' });
  if (run.status !== 0) return [];
  return (await readdir(into))
    .filter((n) => n.endsWith('.png'))
    .sort((a, b) => Number(/(\d+)\.png$/.exec(a)![1]) - Number(/(\d+)\.png$/.exec(b)![1]))
    .map((n) => path.join(into, n));
}

async function changedPages(before: string, after: string, images: string, prefix: string): Promise<PageChange[]> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'report-press-pages-'));
  try {
    const [b, a] = await Promise.all([
      drawPages(before, path.join(scratch, 'b')),
      drawPages(after, path.join(scratch, 'a')),
    ]);
    const changes: PageChange[] = [];
    for (let k = 0; k < Math.max(a.length, b.length); k++) {
      const [pb, pa] = [b[k], a[k]];
      if (pb && pa && (await readFile(pb)).equals(await readFile(pa))) continue;
      const change: PageChange = { page: k + 1 };
      const page = String(k + 1).padStart(2, '0');
      await mkdir(path.dirname(path.join(images, prefix)), { recursive: true });
      if (pb) {
        change.before = `${prefix}-page-${page}-before.png`;
        await copyFile(pb, path.join(images, change.before));
      }
      if (pa) {
        change.after = `${prefix}-page-${page}-after.png`;
        await copyFile(pa, path.join(images, change.after));
      }
      changes.push(change);
    }
    return changes;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Compares the outputs of one report in `beforeDir` and `afterDir`. Page images go under
 * `images/<id>/` when `images` is given and pdftoppm is installed.
 */
export async function outputChanges(
  id: string,
  beforeDir: string,
  afterDir: string,
  images: string | undefined,
): Promise<OutputChange[]> {
  const [b, a] = await Promise.all([files(beforeDir), files(afterDir)]);
  const changes: OutputChange[] = [];
  for (const name of [...new Set([...a, ...b])].sort()) {
    const [before, after] = await Promise.all([
      b.includes(name) ? readFile(path.join(beforeDir, name)) : undefined,
      a.includes(name) ? readFile(path.join(afterDir, name)) : undefined,
    ]);
    if (before && after && before.equals(after)) continue;
    const status = !before ? 'added' : !after ? 'removed' : 'changed';
    const change: OutputChange = { name, status };
    if (name.endsWith('.pdf')) {
      if (before) change.pagesBefore = pageCount(before);
      if (after) change.pagesAfter = pageCount(after);
      if (images && before && after) {
        const prefix = `${id}/${name.replace(/\.pdf$/, '').replace(/\//g, '-')}`;
        change.pages = await changedPages(path.join(beforeDir, name), path.join(afterDir, name), images, prefix);
      }
    }
    changes.push(change);
  }
  return changes;
}
