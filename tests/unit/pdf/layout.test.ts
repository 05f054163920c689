import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testMeta } from '../../helpers/meta.js';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../../src/pdf/render.js';
import { lastLayoutWork } from '../../../src/pdf/layout.js';
import { FONT_FILES, font, fontCopies, fontParses } from '../../../src/fonts.js';
import { embeddedFontPrototype, type EmbeddedFont } from '../../../src/pdf/fonts.js';
import { originalMethod, pdfkitDocumentPrototype } from '../../../src/pdf/pdfmake-internals.js';
import { textWidth } from '../../../src/charts/metrics.js';
import type { Block, DocumentModel, Paragraph } from '../../../src/model/types.js';
import { pdfText } from '../../helpers/poppler.js';

const require = createRequire(import.meta.url);
const text = (t: string) => [{ type: 'text' as const, text: t, marks: [] }];

const words = 'the force works with partners to keep people safe and to prevent crime'.split(' ');
/** A paragraph whose length varies with `i`, so headings fall at every height of a page. */
const paragraph = (i: number): Block => ({
  type: 'paragraph',
  content: text(
    `Para ${i}: ${Array.from({ length: 20 + ((i * 37) % 90) }, (_, w) => words[w % words.length]).join(' ')}.`,
  ),
});

function model(sections: number, body = 'Sample text.'): DocumentModel {
  return {
    meta: testMeta({ title: 'Example', language: 'en-GB', runningTitle: 'Example' }),
    cover: false,
    contents: false,
    blocks: [
      { type: 'paragraph', content: text(body) },
      ...Array.from({ length: sections }, (_, i): Block => ({
        type: 'section',
        id: `s${i}`,
        level: 2,
        title: text(`Heading ${i}`),
        children: [paragraph(i), paragraph(i + 1)],
      })),
    ],
    footnotes: [],
  };
}

async function pages(pdf: Buffer): Promise<string[]> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'layout-')), 'doc.pdf');
  await writeFile(file, pdf);
  return pdfText(file).split('\f');
}

describe('the page flow', () => {
  it('keeps every heading with what follows it, laying the document out once', async () => {
    const pdf = await renderPdf(model(40));
    const work = lastLayoutWork();
    expect(work.passes).toBe(1);
    expect(work.headingsMoved).toBeGreaterThan(0);
    for (const page of await pages(pdf)) {
      const lines = page.split('\n');
      const last = lines.findLastIndex((l) => /^Heading \d+$/.test(l));
      if (last >= 0) expect(lines.slice(last + 1).some((l) => l.startsWith('Para '))).toBe(true);
    }
  });

  it('costs work linear in the length: only a moved heading and the block after it are laid out again', async () => {
    for (const sections of [10, 40, 160]) {
      await renderPdf(model(sections));
      const work = lastLayoutWork();
      expect(work.passes).toBe(1);
      expect(work.blocksLaidOut - work.blocks).toBeLessThanOrEqual(2 * work.headingsMoved);
    }
  });
});

/** The model with a footnote cited at the end of a long paragraph after heading `at`. */
function withFootnote(sections: number, at: number): DocumentModel {
  const m = model(sections);
  const blocks = m.blocks.map((b) => {
    if (b.type !== 'section' || b.id !== `s${at}`) return b;
    const ref = { type: 'footnoteRef' as const, id: 'note', number: 1, citation: 1 };
    const long = (paragraph(at) as Paragraph).content;
    return { ...b, children: [{ type: 'paragraph' as const, content: [...long, ...text(' Citedhere.'), ref] }] };
  });
  const note = 'A note at the foot of the page that cites it, long enough to take several lines. '.repeat(6);
  return { ...m, blocks, footnotes: [{ id: 'note', number: 1, content: text(note) }] };
}

describe('footnotes', () => {
  it('are set at the foot of the page that cites them, in the one layout pass where there is room', async () => {
    const passes = new Set<number>();
    for (const at of [3, 9, 14]) {
      const all = await pages(await renderPdf(withFootnote(16, at)));
      passes.add(lastLayoutWork().passes);
      const page = all.find((p) => p.includes('Citedhere'))!;
      expect(page).toContain('A note at the foot of the page');
      expect(all.filter((p) => p.includes('A note at the foot of the page'))).toHaveLength(1);
    }
    expect(passes.has(1)).toBe(true);
  });

  it('take one more pass only when the page was already filled past the reserve', async () => {
    // Cite the note at every heading of a document long enough that, at this leading, some citing
    // lines fall where the page is already filled past the note's reserve; most do not.
    const passes: number[] = [];
    for (let at = 0; at < 24; at++) {
      const all = await pages(await renderPdf(withFootnote(24, at)));
      passes.push(lastLayoutWork().passes);
      expect(all.find((p) => p.includes('Citedhere'))).toContain('A note at the foot of the page');
    }
    expect(passes).toContain(2);
    expect(passes.filter((p) => p === 1).length).toBeGreaterThan(passes.length / 2);
    expect(Math.max(...passes)).toBe(2);
  });
});

describe('font work', () => {
  it('parses each font file once per process, whatever the number of documents', async () => {
    await renderPdf(model(2));
    const parses = fontParses();
    await renderPdf(model(3));
    expect(fontParses()).toBe(parses);
    // pdfkit, reading the file afresh for a document, is given the font the chart metrics use.
    const pdfkitFontkit = createRequire(require.resolve('pdfkit'))('fontkit') as typeof Fontkit;
    expect(pdfkitFontkit.create(readFileSync(FONT_FILES.bold))).toBe(font('bold'));
  });

  it('reads each font file once per process: a later document, its text and its chart’s, reads none', async () => {
    const chart: Block = {
      type: 'figure',
      id: 'figure-1',
      chart: 'chart',
      caption: 'A chart',
      alt: 'A chart',
      source: 'Source: somewhere',
      svg: '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><text x="5" y="20" font-family="SourceSans3" font-weight="bold">Kent</text></svg>',
      data: null,
    };
    const withChart = () => ({ ...model(2), blocks: [...model(2).blocks, chart] });
    await renderPdf(withChart());
    const copies = fontCopies();
    const [first] = await pages(await renderPdf(withChart()));
    expect(first, 'the chart’s text is drawn').toContain('Kent');
    expect(fontCopies(), 'fonts given to pdfkit as bytes read again').toBe(copies);
  });

  it('gives the width pdfkit gives, for words already shaped and for text to split', async () => {
    await renderPdf(model(1));
    const prototype = embeddedFontPrototype()!;
    const PDFDocument = pdfkitDocumentPrototype().constructor as new () => {
      font(src: string): { _font: EmbeddedFont };
    };
    const embedded = new PDFDocument().font(FONT_FILES.normal)._font;
    const own = originalMethod(prototype, 'layout') as EmbeddedFont['layout'];
    for (const text of ['Kent ', 'Kent', 'crime and disorder', 'tab\tseparated ', 'Kent ', '']) {
      const width = embedded.layout(text, undefined, true).advanceWidth;
      expect(width, text).toBe(own.call(embedded, text, undefined, true).advanceWidth);
      expect(width, text).toBe(embedded.layout(text).advanceWidth);
    }
  });

  it('keeps one document’s characters out of another’s text layer through the shared fonts', async () => {
    // The chart metrics shape a non-breaking hyphen with the same font first; the hyphen glyph is shared.
    textWidth('anti\u2011social', 10);
    const [first] = await pages(await renderPdf(model(0, 'Tackling anti-social behaviour.')));
    expect(first).toContain('anti-social');
  });
});
