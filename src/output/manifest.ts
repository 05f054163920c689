/**
 * The manifest beside a report's outputs, out/<id>/.report-press.json: for every file the build
 * wrote there, the hash of what it was built from and the hash of the file as written. It lets a
 * build skip outputs that are current, and remove only files it wrote itself when they are no
 * longer built (a handout of a question the report dropped), never a reader's own files.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256 } from './fingerprint.js';

export const MANIFEST_FILE = '.report-press.json';

export interface ManifestEntry {
  /** The hash of everything the output was built from. */
  inputs: string;
  /** The hash of the file as written. */
  sha256: string;
}

export interface Manifest {
  /** By path relative to the report's output folder, `/`-separated: `handouts/summary.pdf`. */
  outputs: Record<string, ManifestEntry>;
}

function isEntry(value: unknown): value is ManifestEntry {
  return (
    !!value &&
    typeof value === 'object' &&
    typeof (value as ManifestEntry).inputs === 'string' &&
    typeof (value as ManifestEntry).sha256 === 'string'
  );
}

/** The manifest in `dir`; none, or one that cannot be read, is an empty one (everything is rebuilt). */
export async function readManifest(dir: string): Promise<Manifest> {
  const outputs: Record<string, ManifestEntry> = {};
  try {
    const parsed: unknown = JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), 'utf8'));
    const listed = (parsed as Partial<Manifest> | null)?.outputs;
    if (listed && typeof listed === 'object') {
      for (const [name, entry] of Object.entries(listed)) if (isEntry(entry)) outputs[name] = entry;
    }
  } catch {
    // No manifest yet, or a damaged one: nothing is known to be current.
  }
  return { outputs };
}

/** The manifest as written: keys sorted, so the same outputs give the same bytes. */
export function manifestText(manifest: Manifest): string {
  const outputs = Object.fromEntries(Object.entries(manifest.outputs).sort(([a], [b]) => (a < b ? -1 : 1)));
  return `${JSON.stringify({ outputs }, null, 2)}\n`;
}

/** Whether `name` in `dir` was built from `inputs` and is still the file that was written. */
export async function isCurrent(dir: string, name: string, inputs: string, manifest: Manifest): Promise<boolean> {
  const entry = Object.hasOwn(manifest.outputs, name) ? manifest.outputs[name] : undefined;
  if (entry?.inputs !== inputs) return false;
  const data = await readFile(path.join(dir, ...name.split('/'))).catch(() => null);
  return data !== null && sha256(data) === entry.sha256;
}
