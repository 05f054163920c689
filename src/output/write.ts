/**
 * Output: files are written to a temporary name beside their target and renamed into place, so a
 * reader (or a build killed at any moment) sees either the previous file or the complete new one.
 */
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temp, file);
}

/** Refuses an output path that would land outside the output folder. */
export function outputPath(outDir: string, ...parts: string[]): string {
  const root = path.resolve(outDir);
  const file = path.resolve(root, ...parts);
  if (!file.startsWith(root + path.sep)) throw new Error(`output path escapes ${outDir}: ${parts.join('/')}`);
  return file;
}
