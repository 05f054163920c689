/**
 * The tagging layer on small documents: the pdfmake internals it wraps, a table header repeated on
 * a later page, a link that wraps, and the PDF/UA claim withheld when a figure has no alternative.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testMeta } from '../../helpers/meta.js';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../../src/pdf/render.js';
import { internals, missingInternals, prototypeOf, TAGGING_WRAPPED } from '../../../src/pdf/tagging/internals.js';
import { originalMethod } from '../../../src/pdf/pdfmake-internals.js';
import type { Block, DocumentModel, Inline } from '../../../src/model/types.js';
import { readTagged } from '../../helpers/tagged.js';

const text = (t: string): Inline[] => [{ type: 'text', text: t, marks: [] }];

function model(blocks: Block[]): DocumentModel {
  return {
    meta: testMeta({
      kind: 'handout',
      title: 'Example Constabulary — Test & check',
      published: '2015-05-04',
      source: 'Source: a report',
    }),
    cover: false,
    contents: false,
    blocks,
    footnotes: [],
  };
}

async function tagged(blocks: Block[]) {
  const dir = await mkdtemp(path.join(tmpdir(), 'report-press-tagging-'));
  const file = path.join(dir, 'doc.pdf');
  await writeFile(file, await renderPdf(model(blocks)));
  return readTagged(file);
}

const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><rect width="100" height="50" fill="#ccc"/></svg>';
const figure = (alt: string): Block => ({
  type: 'figure',
  id: 'figure-1',
  chart: 'chart',
  caption: 'A chart',
  alt,
  source: 'Source: somewhere',
  svg: SVG,
  data: null,
});

/** sha256 of each wrapped method's source, as read from the pinned pdfmake. */
const FINGERPRINTS: Record<string, string> = {
  'Renderer.prototype.renderPages': '429c66b67fe2b5a6',
  'Renderer.prototype.renderLine': 'b71f57566c6b6c5f',
  'Renderer.prototype.renderVector': '5d19ddae02ff9306',
  'Renderer.prototype.renderSVG': '117c94b48793ffb7',
  'Renderer.prototype.renderImage': '59da5a9700c20a2c',
  'TextDecorator.prototype.drawBackground': '2eb2cd6477e26899',
  'TextDecorator.prototype.drawDecorations': 'ae7a9756dd59823c',
  'DocMeasure.prototype.measureLeaf': 'f85585f0d251badf',
  'DocMeasure.prototype.measureUnorderedList': '8a7b5a75fc9cafc2',
  'DocMeasure.prototype.measureOrderedList': 'ad11bb122fa0fe85',
};

describe('the pdfmake internals the tagging layer wraps', () => {
  it('are all present', () => {
    expect(missingInternals()).toEqual([]);
  });

  for (const [name, methods] of Object.entries(TAGGING_WRAPPED)) {
    for (const method of methods) {
      const internal = `${name}.prototype.${method}`;
      it(`internal ${internal} is the code the tagging layer was written for`, async () => {
        // Rendering once installs the wrappers: the original must still be read through them.
        await tagged([{ type: 'paragraph', content: text('x') }]);
        const source = String(originalMethod(prototypeOf(name)!, method));
        const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
        expect(hash, `pdfmake internal ${internal} changed: read it, adapt the tagging layer`).toBe(
          FINGERPRINTS[internal],
        );
      });
    }
  }

  it('are named when one goes missing', () => {
    const { Renderer } = internals();
    const renderSVG = Renderer.renderSVG;
    try {
      delete (Renderer as Partial<typeof Renderer>).renderSVG;
      expect(missingInternals()).toEqual(['pdfmake/js/Renderer.js Renderer.prototype.renderSVG']);
    } finally {
      Renderer.renderSVG = renderSVG;
    }
  });
});

describe('tagging', () => {
  it('tags a table header once: where it repeats on a later page it is an artifact', async () => {
    const rows = Array.from({ length: 90 }, (_, i) => ({
      label: `Row ${i + 1}`,
      cells: [String(i)],
      values: [i],
    }));
    const pdf = await tagged([
      { type: 'table', id: 't', caption: 'Caption', stub: 'Area', columns: ['Value'], rows, notes: [] },
    ]);
    expect(pdf.pages.length).toBeGreaterThan(1);
    const [head, body] = pdf.all('Table')[0]!.kids;
    expect(head!.text).toBe('Area Value');
    expect(new Set(head!.kids[0]!.kids.flatMap((th) => th.content.map((c) => c.page)))).toEqual(new Set([1]));
    expect(body!.kids).toHaveLength(90);
    expect(pdf.pages[1]!.artifactText).toBeGreaterThan(0);
    expect(pdf.pages.every((p) => p.looseText === 0 && p.orphans.length === 0)).toBe(true);
  });

  it('gives a link that wraps one annotation, with a quadrilateral per line', async () => {
    const words = 'a link long enough to wrap across two lines of the page width and then some more words'.repeat(2);
    const pdf = await tagged([
      {
        type: 'paragraph',
        content: [...text('Before '), { type: 'link', href: 'https://example.org/', children: text(words) }],
      },
    ]);
    const [link] = pdf.all('Link');
    expect(pdf.linkAnnotations).toHaveLength(1);
    expect(link!.annotations).toHaveLength(1);
    const annotation = link!.annotations[0]!;
    expect(annotation['/Contents']).toBe(`u:${words}`);
    expect((annotation['/QuadPoints'] as number[]).length).toBe(16);
  });

  it('claims PDF/UA only when every figure has a text alternative', async () => {
    const withAlt = await tagged([figure('A rising line')]);
    expect(withAlt.all('Figure').map((f) => f.alt)).toEqual(['A rising line']);
    expect(withAlt.xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
    const without = await tagged([figure(' ')]);
    expect(without.xmp).not.toContain('pdfuaid');
    // The metadata is escaped XML: the title's "&" does not break the packet.
    expect(without.xmp).toContain('Example Constabulary — Test &amp; check');
    expect(without.xmp).toContain('<xmp:CreateDate>2015-05-04T00:00:00Z</xmp:CreateDate>');
  });
});
