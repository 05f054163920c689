/** Variants of the second test report: its folder copied under a new id, with report.yaml edited. */
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import type { ReportData } from '../../src/schema/report.js';
import { FIXTURES } from './paths.js';

const SOURCE = path.join(FIXTURES, 'reports', 'dyfed-powys-2014');

/** The second test report's data, parsed, to edit into a variant. */
export async function baseReport(): Promise<ReportData> {
  return YAML.parse(await readFile(path.join(SOURCE, 'report.yaml'), 'utf8')) as ReportData;
}

/**
 * Writes a report folder `<data>/<id>/` with the second test report's CSV and the given report
 * (an object, written as YAML, or YAML text). Returns the data folder; pass one to add beside others.
 */
export async function writeVariant(id: string, report: object | string, data?: string): Promise<string> {
  const root = data ?? (await mkdtemp(path.join(tmpdir(), 'variant-')));
  const dir = path.join(root, id);
  await mkdir(dir, { recursive: true });
  await copyFile(path.join(SOURCE, 'recorded-crime.csv'), path.join(dir, 'recorded-crime.csv'));
  await writeFile(path.join(dir, 'report.yaml'), typeof report === 'string' ? report : YAML.stringify(report));
  return root;
}

/** The second test report's YAML text, to edit as text. */
export function baseText(): Promise<string> {
  return readFile(path.join(SOURCE, 'report.yaml'), 'utf8');
}
