/** Writes data/report.schema.json from the TypeBox definition, for editors' completion and checks. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ReportData } from './report.js';

export function jsonSchema(): string {
  return `${JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', ...ReportData }, null, 2)}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const target = path.resolve(process.argv[2] ?? 'data/report.schema.json');
  await writeFile(target, jsonSchema());
  process.stderr.write(`wrote ${target}\n`);
}
