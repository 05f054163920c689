import { testMeta } from '../../helpers/meta.js';
import { describe, expect, it } from 'vitest';
import { pdfDocument } from '../../../src/pdf/document.js';
import { plainSharedGlyphs } from '../../../src/pdf/glyphs.js';
import type { DocumentModel } from '../../../src/model/types.js';

const text = (t: string) => [{ type: 'text' as const, text: t, marks: [] }];

const model: DocumentModel = {
  meta: testMeta(),
  cover: true,
  contents: true,
  blocks: [
    {
      type: 'section',
      id: 'one',
      level: 1,
      title: text('One'),
      children: [{ type: 'section', id: 'one-a', level: 2, title: text('One A'), children: [] }],
    },
    {
      type: 'section',
      id: 'two',
      level: 1,
      title: text('Two'),
      children: [{ type: 'paragraph', content: text('Body.') }],
    },
  ],
  footnotes: [],
};

const noFootnotes = { footnotesFor: () => null };

describe('pdfDocument', () => {
  const doc = pdfDocument(model, noFootnotes);
  const json = JSON.stringify(doc.content);

  it('sets the document information from the model, dated from the data for byte-identical output', () => {
    expect(doc.info).toMatchObject({ title: model.meta.title, author: 'An author', subject: 'A subject' });
    expect(doc.info?.creationDate?.toISOString()).toBe('2015-05-01T00:00:00.000Z');
    expect(doc.language).toBe('cy-GB');
    expect(doc.pageSize).toBe('A4');
  });

  it('links every chapter from the contents, with its page number', () => {
    for (const id of ['one', 'two']) {
      expect(json).toContain(`"pageReference":"${id}"`);
      expect(json).toContain(`"linkToDestination":"${id}"`);
    }
    expect(json).not.toContain('"pageReference":"one-a"');
  });

  it('bookmarks every section, subsections under their chapter', () => {
    expect(json).toContain('"id":"one","headlineLevel":1,"outline":true,"outlineText":"One"');
    expect(json).toContain(
      '"id":"one-a","headlineLevel":2,"outline":true,"outlineText":"One A","outlineParentId":"one"',
    );
  });

  it('prints no header or page number on the cover', () => {
    const header = doc.header as (page: number, pages: number) => unknown;
    const footer = doc.footer as (page: number, pages: number) => unknown;
    expect(header(1, 5)).toBeNull();
    expect(footer(1, 5)).toBeNull();
    expect(JSON.stringify(footer(2, 5))).toContain('Page 2 of 5');
    expect(JSON.stringify(header(2, 5))).toContain('Example Constabulary — Test inspection');
  });
});

describe('plainSharedGlyphs', () => {
  it('writes non-breaking hyphens and spaces as plain ones, keeping the word whole', () => {
    const content = { stack: [{ text: 'tackling anti\u2011social behaviour' }, 'a\u00a0b c'] };
    plainSharedGlyphs(content);
    expect(content.stack).toEqual([
      { text: ['tackling ', { text: 'anti-social', noWrap: true }, ' behaviour'] },
      { text: [{ text: 'a b', noWrap: true }, ' c'] },
    ]);
  });

  it('leaves SVG alone', () => {
    const content = { svg: '<svg><text>anti\u2011social</text></svg>' };
    plainSharedGlyphs(content);
    expect(content.svg).toContain('\u2011');
  });
});

describe('renderPdf', () => {
  it('draws a heading with no text without a bookmark instead of failing', async () => {
    const { renderPdf } = await import('../../../src/pdf/render.js');
    const blank: DocumentModel = {
      ...model,
      blocks: [
        {
          type: 'section',
          id: 'blank',
          level: 1,
          title: [],
          children: [{ type: 'paragraph', content: text('Body.') }],
        },
      ],
    };
    const pdf = await renderPdf(blank);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('pdfmake', () => {
  it('may not read files outside the font folder, nor fetch URLs', async () => {
    await import('../../../src/pdf/render.js');
    const { default: pdfmake } = await import('pdfmake');
    const { FONT_DIR } = await import('../../../src/fonts.js');
    const { copyFile, mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const inside = path.join(FONT_DIR, '400Regular', 'SourceSans3_400Regular.ttf.png');
    const dir = await mkdtemp(path.join(tmpdir(), 'policy-'));
    const outside = path.join(dir, 'same.png');
    try {
      await copyFile(inside, outside);
      // The policies act on the `images` dictionary; an inline path is only ever read as a file.
      const render = (source: string) =>
        pdfmake
          .createPdf({
            content: [{ image: 'picture', width: 10 }],
            images: { picture: source },
            defaultStyle: { font: 'SourceSans3' },
          })
          .getBuffer();
      // The same image is drawn from the font folder and refused from anywhere else.
      await expect(render(inside)).resolves.toBeInstanceOf(Buffer);
      await expect(render(outside)).rejects.toThrow(
        `Access to local file denied by resource access policy: ${outside}`,
      );
      await expect(render('https://example.org/x.png')).rejects.toThrow(
        'Access to URL denied by resource access policy: https://example.org/x.png',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
