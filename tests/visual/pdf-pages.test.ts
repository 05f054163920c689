/**
 * Every page of the Kent report and of each handout, rasterised by poppler at 40 dpi in greyscale and
 * compared with the goldens under tests/golden/pages/kent-2014/<document>/page-NN.png.
 * `npm run test:update` rewrites them; review the new pages before committing.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { built } from '../helpers/build.js';
import { documents } from '../helpers/documents.js';
import { comparePages, explain, rasterisePdf, staleGoldens } from '../helpers/images.js';
import { GOLDEN } from '../helpers/paths.js';

const REPORT = 'kent-2014';
const goldenRoot = path.join(GOLDEN, 'pages', REPORT);
const pdfs = documents(await built(REPORT), REPORT, 'pdf');

describe(`${REPORT} PDF pages`, () => {
  for (const { name, file } of pdfs) {
    it(`${name}.pdf matches its golden pages`, () => {
      const pages = rasterisePdf(file);
      expect(pages.length, `${name}.pdf has no pages`).toBeGreaterThan(0);
      const differences = comparePages(path.join(goldenRoot, name), pages);
      expect(differences.length, explain(differences)).toBe(0);
    });
  }

  it('has no goldens for a document the build no longer writes', () => {
    const stale = staleGoldens(
      goldenRoot,
      pdfs.map((d) => d.name),
    );
    expect(stale, 'golden pages of documents no longer built (npm run test:update removes them)').toEqual([]);
  });
});
