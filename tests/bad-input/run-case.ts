/**
 * Runs one case folder of the bad-input corpus through the real pipeline, in a temporary folder laid
 * out the way the CLI expects it (data/, templates/, charts/, out/), and reports what a user would see.
 *
 * A case folder holds any of:
 *   data/<id>/…      a report folder (without one, the base report is used as data/test-report/)
 *   templates/…      files laid over a copy of the real templates/
 *   charts/…         files laid over a copy of the real charts/
 *   case.json        { "id": build this id, "handout": …, "pad": { "file": …, "bytes": … } }
 *   expected.txt     the problem lines, paths relative to the case folder
 */
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBuilder, type Paths } from '../../src/pipeline.js';
import { formatProblem, ReportError } from '../../src/problems.js';
import { ROOT } from '../helpers/paths.js';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const CASES = path.join(HERE, 'cases');
export const VALID = path.join(HERE, 'valid');
export const BASE = path.join(HERE, 'base');
export const BASE_ID = 'test-report';

export interface CaseConfig {
  id?: string;
  handout?: string;
  /** Pads a data file with YAML comment lines to `bytes`, at run time, so no huge file is committed. */
  pad?: { file: string; bytes: number };
}

export async function caseNames(dir: string): Promise<string[]> {
  return (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

export async function readConfig(caseDir: string): Promise<CaseConfig> {
  const file = path.join(caseDir, 'case.json');
  return existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as CaseConfig) : {};
}

/** A temporary workspace mirroring the case: data/, templates/, charts/ and an empty out/. */
export interface Workspace {
  root: string;
  paths: Paths;
  id: string;
  config: CaseConfig;
}

const roots: string[] = [];

/** Removes the workspaces this test file made; for afterAll. */
export async function removeWorkspaces(): Promise<void> {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
}

/** A workspace for a case folder; without one, for the base report as it is. */
export async function workspace(caseDir?: string): Promise<Workspace> {
  const root = await mkdtemp(path.join(tmpdir(), 'bad-input-'));
  roots.push(root);
  const config = caseDir ? await readConfig(caseDir) : {};
  const data = path.join(root, 'data');
  if (caseDir && existsSync(path.join(caseDir, 'data')))
    await cp(path.join(caseDir, 'data'), data, { recursive: true });
  else await cp(BASE, path.join(data, BASE_ID), { recursive: true });
  for (const dir of ['templates', 'charts']) {
    await cp(path.join(ROOT, dir), path.join(root, dir), { recursive: true });
    if (caseDir && existsSync(path.join(caseDir, dir)))
      await cp(path.join(caseDir, dir), path.join(root, dir), { recursive: true, force: true });
  }
  if (config.pad) await pad(path.join(root, config.pad.file), config.pad.bytes);
  const ids = (await readdir(data, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  const id = config.id ?? ids[0] ?? BASE_ID;
  const paths = {
    data,
    templates: path.join(root, 'templates'),
    charts: path.join(root, 'charts'),
    out: path.join(root, 'out'),
  };
  await mkdir(paths.out);
  return { root, paths, id, config };
}

async function pad(file: string, bytes: number): Promise<void> {
  const line = `# ${'padding '.repeat(15)}\n`;
  const { size } = await stat(file);
  const count = Math.ceil((bytes - size) / line.length);
  await appendFile(file, line.repeat(count));
}

/** Paths inside the workspace are shown relative to it, as a CLI run from the case folder shows them. */
export function relativise(text: string, root: string): string {
  return text.split(`${root}${path.sep}`).join('').split(root).join('.');
}

export type Outcome = { ok: true; files: string[] } | { ok: false; lines: string[]; error: unknown };

/** Builds the workspace's report in-process, as the CLI does; a ReportError becomes its problem lines. */
export async function buildCase(ws: Workspace): Promise<Outcome> {
  try {
    const builder = await createBuilder(ws.paths);
    const outputs = await builder.build(ws.id, ws.config.handout ? { handout: ws.config.handout } : {});
    return { ok: true, files: outputs.map((o) => path.relative(ws.paths.out, o.file)) };
  } catch (error) {
    if (!(error instanceof ReportError)) return { ok: false, lines: [], error };
    return { ok: false, lines: error.problems.map((p) => relativise(formatProblem(p), ws.root)), error };
  }
}

/** Every file under `dir` with its bytes, by path relative to `dir`. */
export async function snapshot(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  if (!existsSync(dir)) return files;
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const file = path.join(e.parentPath, e.name);
    files.set(path.relative(dir, file), await readFile(file));
  }
  return files;
}

export async function writeSnapshot(dir: string, files: ReadonlyMap<string, Buffer>): Promise<void> {
  for (const [name, bytes] of files) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), bytes);
  }
}
