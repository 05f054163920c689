/** poppler-utils, which .ci/run installs: pdftotext for the text layer, pdfinfo for the document's facts. */
import { execFileSync } from 'node:child_process';

function run(tool: string, args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${tool} is not installed; install poppler-utils (apt-get install poppler-utils)`);
    }
    throw error;
  }
}

/** The PDF's text in content order (`-raw`), pages separated by form feeds. */
export function pdfText(file: string): string {
  return run('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']);
}

export function pdfInfo(file: string): Record<string, string> {
  const info: Record<string, string> = {};
  for (const line of run('pdfinfo', [file]).split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) info[m[1]!.trim()] = m[2]!.trim();
  }
  return info;
}

export function pdfFonts(file: string): string {
  return run('pdffonts', [file]);
}
