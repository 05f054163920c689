/** Reports rendered and read back: each PDF's text layer and its lines with their positions. */
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBuilder, type Rendered } from '../../src/pipeline.js';
import { HANDOUT_MARGIN, MARGIN, PAGE } from '../../src/pdf/theme.js';
import { testPaths } from './paths.js';
import { pdfText } from './poppler.js';
import { placedLines, type PlacedLine } from './pages.js';

export interface Laid {
  name: string;
  doc: Rendered;
  text: string;
  lines: PlacedLine[][];
}

/** Every document of report `id` in the data folder `data`, laid out and read back. */
export async function layOut(id: string, data: string): Promise<Laid[]> {
  const builder = await createBuilder(testPaths({ data }));
  const dir = await mkdtemp(path.join(tmpdir(), 'typeset-'));
  const laid: Laid[] = [];
  for (const doc of await builder.render(id)) {
    const file = path.join(dir, `${doc.name.replace('/', '-')}.pdf`);
    await writeFile(file, doc.pdf);
    const bbox = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    laid.push({ name: `${id} ${doc.name}`, doc, text: pdfText(file), lines: placedLines(bbox) });
  }
  return laid;
}

/** The text area of a document's pages, in points from the top. */
export const area = (doc: Rendered) =>
  doc.model.meta.kind === 'handout'
    ? { top: HANDOUT_MARGIN.top, bottom: PAGE.height - HANDOUT_MARGIN.bottom }
    : { top: MARGIN.top, bottom: PAGE.height - MARGIN.bottom };
