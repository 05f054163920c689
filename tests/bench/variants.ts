/**
 * Report folders the benchmark builds: the Kent report as published, and generated variants of it
 * whose questions repeat their sections, to measure how cost grows with length.
 */
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import YAML from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The frozen copy of the Kent data when the tests have one, else the live folder. */
export const KENT_DATA = existsSync(path.join(ROOT, 'tests/fixtures/reports/kent-2014/report.yaml'))
  ? path.join(ROOT, 'tests/fixtures/reports')
  : path.join(ROOT, 'data');

interface Section {
  id: string;
  title: string;
  [key: string]: unknown;
}
interface Report {
  questions: { sections?: Section[] }[];
  footnotes?: Record<string, string>;
}

/** A copy of a section under a new id, without the figures and tables a report may place only once. */
function repeatOf(section: Section, copy: number): Section {
  const body = Array.isArray(section.body) ? (section.body as unknown[]) : [];
  const placed = (b: unknown) => typeof b === 'object' && b !== null && ('figure' in b || 'table' in b);
  return { ...section, id: `${section.id}-${copy}`, title: `${section.title} (${copy})`, body: body.filter((b) => !placed(b)) };
}

/** Copies the Kent report to `<data>/<id>` with every question's sections repeated `times` times. */
export async function repeatedVariant(times: number, data?: string): Promise<{ data: string; id: string }> {
  const root = data ?? (await mkdtemp(path.join(tmpdir(), 'bench-variant-')));
  const id = `kent-2014-x${times}`;
  await cp(path.join(KENT_DATA, 'kent-2014'), path.join(root, id), { recursive: true });
  const file = path.join(root, id, 'report.yaml');
  const report = YAML.parse(await readFile(file, 'utf8')) as Report;
  for (const question of report.questions) {
    const sections = question.sections ?? [];
    question.sections = Array.from({ length: times }, (_, copy) =>
      sections.map((s) => (copy === 0 ? s : repeatOf(s, copy + 1))),
    ).flat();
  }
  await writeFile(file, YAML.stringify(report));
  return { data: root, id };
}

/**
 * A copy of the Kent report as another area: its area's name changed everywhere in its data, so
 * every prose text, every word shaped with the name and every chart differ from the original's, as
 * another report's would. For batches: copies that were the same report would share that work.
 */
export async function renamedCopy(data: string, id: string, suffix: string): Promise<void> {
  const dir = path.join(data, id);
  await cp(path.join(KENT_DATA, 'kent-2014'), dir, { recursive: true });
  const file = path.join(dir, 'report.yaml');
  const text = await readFile(file, 'utf8');
  const area = (YAML.parse(text) as { meta: { area: string } }).meta.area;
  for (const name of await readdir(dir)) {
    if (!/\.(yaml|csv)$/.test(name)) continue;
    const source = path.join(dir, name);
    await writeFile(source, (await readFile(source, 'utf8')).replaceAll(area, `${area}${suffix}`));
  }
}
