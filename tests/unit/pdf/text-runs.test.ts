/**
 * The words of a line written as one text object (src/pdf/text-runs.ts): every document is drawn
 * twice, once with the runs and once word by word with pdfkit's own text, and the two must place the
 * same words at the same positions, in the same marked content, with far fewer text objects.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
// First, as in the command line: pdfkit must load the shared fontkit, whose fonts every document shares.
import { renderPdf } from '../../../src/pdf/render.js';
import pdfmake from 'pdfmake';
import { drawnWordByWord } from '../../../src/pdf/text-runs.js';
import type { Block, DocumentModel, Inline, Mark } from '../../../src/model/types.js';
import { testMeta } from '../../helpers/meta.js';
import { FONT_FAMILY } from '../../../src/fonts.js';

const dir = mkdtempSync(path.join(tmpdir(), 'report-press-runs-'));
let files = 0;

/** Every page's content, decompressed, in page order (pdfkit writes each page's stream as it ends). */
function contents(pdf: Buffer): string {
  const text = pdf.toString('latin1');
  const out: string[] = [];
  for (const m of text.matchAll(/\/Length (\d+)[^>]*\/Filter \/FlateDecode[^>]*>>\nstream\n/g)) {
    const start = m.index + m[0].length;
    const body = inflateSync(pdf.subarray(start, start + Number(m[1]))).toString('latin1');
    if (/\bBT\b/.test(body) || /\bBDC\b/.test(body)) out.push(body);
  }
  return out.join('\n');
}

const count = (content: string, operator: string) =>
  content.split('\n').filter((line) => line === operator || line.endsWith(` ${operator}`)).length;

/**
 * What is drawn, in order, as far as the runs may not change it: marked-content boundaries and the
 * glyphs between them (the TJ arrays' hex, without the adjustments).
 */
function marked(content: string): string[] {
  const out: string[] = [''];
  for (const line of content.split('\n')) {
    if (/ BDC$| BMC$|^EMC$/.test(line)) out.push(line, '');
    else if (line.endsWith(' TJ'))
      out[out.length - 1] += [...line.matchAll(/<([0-9a-f]*)>/g)].map((m) => m[1]).join('');
  }
  return out.filter(Boolean);
}

/**
 * Each word with its box, from poppler, to a hundred-thousandth of a point: a TJ adjustment is
 * rounded to a millionth of a thousandth of the size where pdfkit rounds each word's own position.
 */
function words(pdf: Buffer): string[] {
  const file = path.join(dir, `${files++}.pdf`);
  writeFileSync(file, pdf);
  const xml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  return [...xml.matchAll(/<(word|page) ([^>]*)>([^<]*)/g)].map(([, tag, attributes, word]) => {
    const box = [...attributes!.matchAll(/(\w+)="([\d.]+)"/g)].map(([, k, v]) => `${k}=${Number(v).toFixed(5)}`);
    return `${tag} ${box.join(' ')} ${word}`;
  });
}

async function compare(draw: () => Promise<Buffer>) {
  const merged = await draw();
  const own = await drawnWordByWord(draw);
  expect(merged.equals(await draw()), 'the same document twice gives the same bytes').toBe(true);
  const [a, b] = [contents(merged), contents(own)];
  expect(words(merged), 'every word where pdfkit puts it').toEqual(words(own));
  expect(marked(a), 'the same glyphs in the same marked content').toEqual(marked(b));
  return { merged: a, own: b };
}

const text = (t: string, marks: Mark[] = []): Inline => ({ type: 'text', text: t, marks });

const PROSE =
  'The force has a clear understanding of the threats it faces, and works well with partners to reduce crime and ' +
  'anti-social behaviour. Neighbourhood teams know their communities, and the victims of crime are kept informed. ';

function model(blocks: Block[]): DocumentModel {
  return {
    meta: testMeta(),
    cover: false,
    contents: false,
    blocks,
    footnotes: [{ id: 'a', number: 1, content: [text('A footnote at the foot of the page.')] }],
  };
}

describe('text runs', () => {
  it('draw a tagged document’s lines as one text object each, every glyph where it was', async () => {
    const blocks: Block[] = [
      { type: 'paragraph', content: [text(PROSE.repeat(3))] },
      {
        type: 'paragraph',
        content: [
          text('Words in '),
          text('bold', ['strong']),
          text(' and '),
          text('italic', ['em']),
          text(', a '),
          { type: 'link', href: 'https://example.org/a', children: [text('link that runs on over several words')] },
          text(' and a footnote'),
          { type: 'footnoteRef', id: 'a', number: 1, citation: 1 },
          text(' mid-line. '),
          text(PROSE),
        ],
      },
    ];
    const { merged, own } = await compare(() => renderPdf(model(blocks)));
    const [runs, wordsDrawn] = [count(merged, 'BT'), count(own, 'BT')];
    expect(wordsDrawn, 'pdfkit draws each word on its own').toBeGreaterThan(150);
    // Each line is a few runs at most (bold, italic, the link's colour, the raised marker).
    expect(runs, 'text objects with runs').toBeLessThan(wordsDrawn / 4);
    expect(merged.length, 'content bytes').toBeLessThan(own.length / 2);
  });

  it('keep justified gaps, colour, opacity and sizes, and leave special text to pdfkit', async () => {
    const definition = () => ({
      content: [
        { text: PROSE.repeat(2), alignment: 'justify' as const },
        {
          text: [
            'Plain words, then ',
            { text: 'red words', color: '#c00000' },
            ' and ',
            { text: 'faint words', opacity: 0.5 },
            ' and ',
            { text: 'large words', fontSize: 16 },
            ', then ',
            { text: 'spaced letters', characterSpacing: 2 },
            ', ',
            { text: 'figures 0123', fontFeatures: ['tnum'] },
            ', a mark: cafe\u0301 and re\u0301sume\u0301, ',
            { text: 'a raised word', sup: true },
            ' and the end of the line.',
          ],
        },
      ],
      defaultStyle: { font: FONT_FAMILY },
      // pdfkit dates the document now unless told; a fixed date keeps it byte for byte.
      info: { creationDate: new Date(Date.UTC(2015, 4, 4)) },
    });
    const draw = () => pdfmake.createPdf(definition() as never).getBuffer();
    const { merged, own } = await compare(draw);
    expect(count(merged, 'BT')).toBeLessThan(count(own, 'BT') / 3);
    // pdfkit's own path still draws what the runs leave alone: character spacing, and the gap in
    // a justified line as a TJ adjustment.
    expect(merged).toContain('2 Tc');
    expect(merged).toMatch(/> -\d+(\.\d+)? </);
  });

  it('number a word shaped for one document in the glyphs of the next', async () => {
    // The second document uses the same words in another order: its subset numbers their glyphs
    // otherwise, and each word must be written in its own document's numbers. (Letters that the
    // page's header and footer do not use, so that they are numbered where the words first use them.)
    const first = [text('QXJ ZVW FYK QXJ')];
    const second = [text('ZVW FYK QXJ ZVW')];
    await renderPdf(model([{ type: 'paragraph', content: first }]));
    await compare(() => renderPdf(model([{ type: 'paragraph', content: second }])));
  });
});
