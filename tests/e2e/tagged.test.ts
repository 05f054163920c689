/**
 * Every PDF of the Kent report, read as assistive technology reads it: the structure tree against
 * the document model (headings, lists, tables, figures, footnotes, the summary grid's reading
 * order), every piece of text tagged or an artifact, links annotated once with a Link element,
 * and the document facts a PDF/UA claim rests on.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBuilder, type Rendered } from '../../src/pipeline.js';
import type { Block, DocumentModel, Figure, Section, SummaryGrid, Table } from '../../src/model/types.js';
import { plainText } from '../../src/model/text.js';
import { REPORTS as FIXTURE_REPORTS, testPaths } from '../helpers/paths.js';
import { pdfInfo } from '../helpers/poppler.js';
import { readTagged, type TaggedPdf } from '../helpers/tagged.js';

interface Document {
  report: string;
  name: string;
  model: DocumentModel;
  file: string;
  pdf: TaggedPdf;
}
const docs: Document[] = [];

/** The frozen copy of the published Kent report, and the second test report (other content, other footnotes). */
const REPORTS = [
  { id: 'kent-2014', data: FIXTURE_REPORTS },
  { id: 'dyfed-powys-2014', data: FIXTURE_REPORTS },
];

beforeAll(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'report-press-tagged-'));
  for (const { id, data } of REPORTS) {
    const rendered: Rendered[] = await (await createBuilder(testPaths({ data }))).render(id);
    for (const r of rendered) {
      const file = path.join(dir, `${id}-${r.name.replace('/', '-')}.pdf`);
      await writeFile(file, r.pdf);
      docs.push({ report: id, name: `${id}/${r.name}`, model: r.model, file, pdf: await readTagged(file) });
    }
  }
}, 300_000);

/** Every block of the model in document order, however deeply nested. */
function blocks(list: readonly Block[]): Block[] {
  return list.flatMap((b): Block[] => {
    switch (b.type) {
      case 'section':
        return [b, ...blocks(b.children)];
      case 'list':
        return [b, ...b.items.flatMap(blocks)];
      case 'summaryGrid':
        return [b, ...b.questions.flatMap((q) => blocks(q.summary))];
      case 'table':
        return [b, ...blocks(b.notes)];
      case 'recommendations':
        return [b, ...b.items.flatMap((i) => blocks(i.content))];
      default:
        return [b];
    }
  });
}

/** Text as the PDF carries it: the PDF edition draws non-breaking hyphens and spaces as plain ones (glyphs.ts). */
const squash = (text: string) =>
  text
    .replace(/\u2011/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
const each = (test: (doc: Document) => void) => () => {
  expect(docs.length).toBeGreaterThan(8);
  for (const doc of docs) test(doc);
};

describe('the tagged PDFs of two reports', () => {
  it(
    'are tagged PDF 1.7 with language, title shown, marked, tab order by structure',
    each(({ file, model, pdf }) => {
      const info = pdfInfo(file);
      expect(info.Tagged, file).toBe('yes');
      expect(info['PDF version'], file).toBe('1.7');
      expect(pdf.catalog['/Lang']).toBe(`u:${model.meta.language}`);
      expect(pdf.resolve(pdf.catalog['/MarkInfo'])).toEqual({ '/Marked': true });
      expect(pdf.resolve(pdf.catalog['/ViewerPreferences'])).toEqual({ '/DisplayDocTitle': true });
      expect(pdf.tabs.every((t) => t === '/S')).toBe(true);
      expect(pdf.root.role).toBe('Document');
    }),
  );

  it(
    'draw no text outside marked content, and every marked piece belongs to one element',
    each(({ name, pdf }) => {
      const owned = pdf.all().flatMap((e) => e.content.map((c) => `${c.page}:${c.mcid}`));
      const drawn = pdf.pages.flatMap((p, i) => p.mcids.map((m) => `${i + 1}:${m}`));
      expect(new Set(owned).size, `${name}: a piece owned twice`).toBe(owned.length);
      expect([...owned].sort(), name).toEqual([...drawn].sort());
      pdf.pages.forEach((page, i) => {
        expect(page.looseText, `${name} page ${i + 1}: text outside marked content`).toBe(0);
        expect(page.orphans, `${name} page ${i + 1}: MCIDs without a ParentTree entry`).toEqual([]);
      });
    }),
  );

  it(
    'have the headings of the model, in order and at their levels',
    each(({ name, model, pdf }) => {
      const expected = [
        ...(model.contents ? [['H1', 'Contents']] : []),
        ...blocks(model.blocks).flatMap((b) =>
          b.type === 'section' ? [[`H${b.level}`, squash(plainText(b.title))]] : [],
        ),
      ];
      const headings = pdf.all().filter((e) => /^H[1-6]$/.test(e.role));
      expect(
        headings.map((h) => [h.role, h.text]),
        name,
      ).toEqual(expected);
    }),
  );

  it(
    'give every list item a label and a body, with the marker as its text',
    each(({ name, model, pdf }) => {
      const items = blocks(model.blocks).flatMap((b) => (b.type === 'list' ? b.items.map(() => b.ordered) : []));
      const lis = pdf.all('LI');
      expect(lis.length, name).toBe(items.length);
      lis.forEach((li, i) => {
        expect(
          li.kids.map((k) => k.role),
          name,
        ).toEqual(['Lbl', 'LBody']);
        const label = li.kids[0]!;
        if (items[i]) expect(label.text).toMatch(/^\d+\.$/);
        else expect(label.actualText).toBe('•');
        expect(li.kids[1]!.text.length).toBeGreaterThan(0);
      });
      expect(pdf.all('L').every((l) => l.kids.every((k) => k.role === 'LI'))).toBe(true);
    }),
  );

  it(
    'mark up each data table with header cells that have a scope',
    each(({ name, model, pdf }) => {
      const tables = blocks(model.blocks).filter((b): b is Table => b.type === 'table');
      const tagged = pdf.all('Table');
      expect(tagged.length, name).toBe(tables.length);
      tagged.forEach((table, i) => {
        const t = tables[i]!;
        const [head, body] = table.kids;
        expect(head?.role).toBe('THead');
        expect(body?.role).toBe('TBody');
        const headers = head!.kids[0]!.kids;
        expect(headers.map((c) => [c.role, c.scope, c.text])).toEqual(
          [t.stub, ...t.columns].map((text) => ['TH', 'Column', squash(text)]),
        );
        expect(body!.kids.length).toBe(t.rows.length);
        body!.kids.forEach((tr, r) => {
          expect(tr.kids.map((c) => c.role)).toEqual(['TH', ...t.columns.map(() => 'TD')]);
          expect(tr.kids[0]!.scope).toBe('Row');
          expect(tr.kids.map((c) => c.actualText ?? c.text)).toEqual(
            [t.rows[r]!.label, ...t.rows[r]!.cells].map(squash),
          );
        });
      });
    }),
  );

  it(
    'make every chart a Figure whose /Alt is the model’s text alternative',
    each(({ name, model, pdf }) => {
      const figures = blocks(model.blocks).filter((b): b is Figure => b.type === 'figure');
      expect(
        pdf.all('Figure').map((f) => f.alt),
        name,
      ).toEqual(figures.map((f) => f.alt));
      for (const f of figures) expect(f.alt.trim().length).toBeGreaterThan(0);
    }),
  );

  it(
    'read the summary grid question by question: title, judgment, summary',
    each(({ name, model, pdf }) => {
      const grid = blocks(model.blocks).find((b): b is SummaryGrid => b.type === 'summaryGrid');
      if (!grid) return;
      const text = pdf.root.text;
      let from = 0;
      for (const q of grid.questions) {
        const title = text.indexOf(squash(q.title), from);
        const judgment = text.indexOf(q.judgment.label, title);
        const summary = text.indexOf(squash(plainText(firstParagraph(q.summary))).slice(0, 40), title);
        expect(title, `${name}: ${q.title}`).toBeGreaterThanOrEqual(from);
        expect(judgment, `${name}: judgment of ${q.title}`).toBeGreaterThan(title);
        expect(summary, `${name}: summary of ${q.title}`).toBeGreaterThan(judgment);
        from = summary;
      }
    }),
  );

  it(
    'keep running headers, footers and page numbers out of the tree',
    each(({ name, model, pdf }) => {
      expect(pdf.root.text, name).not.toMatch(/Page \d+ of \d+/);
      const header = squash(model.meta.runningTitle);
      const occurrences = pdf.root.text.split(header).length - 1;
      // The running title is drawn on nearly every page; as body text it appears at most once.
      expect(occurrences, name).toBeLessThanOrEqual(1);
      // Header, footer and page number are page furniture: a Pagination artifact on every page but the cover.
      const furnished = pdf.pages.filter((p) => p.paginationText > 0).length;
      expect(furnished, name).toBe(pdf.pages.length - (model.cover ? 1 : 0));
    }),
  );

  it(
    'annotate each link once, with /Contents, owned by a Link element',
    each(({ name, pdf }) => {
      const links = pdf.all('Link');
      const owned = links.flatMap((l) => l.annotations);
      expect(owned.length, name).toBe(pdf.linkAnnotations.length);
      for (const { annotation } of pdf.linkAnnotations) {
        expect(owned).toContainEqual(annotation);
        expect(typeof annotation['/StructParent']).toBe('number');
        expect(annotation['/Contents']).toMatch(/^u:\S/);
      }
      for (const link of links) expect(link.annotations.length, `${name}: ${link.text}`).toBeGreaterThan(0);
    }),
  );

  it('list the contents as TOC entries, each one link', () => {
    const report = docs.find((d) => d.name === 'kent-2014/report')!;
    const chapters = report.model.blocks.filter((b): b is Section => b.type === 'section' && b.level === 1);
    const [toc] = report.pdf.all('TOC');
    expect(toc!.kids.map((k) => k.role)).toEqual(chapters.map(() => 'TOCI'));
    toc!.kids.forEach((entry, i) => {
      const chapter = chapters[i]!;
      expect(entry.kids.map((k) => k.role)).toEqual(['Link']);
      expect(entry.kids[0]!.annotations).toHaveLength(1);
      expect(entry.text).toMatch(new RegExp(`^${escapeRegExp(squash(plainText(chapter.title)))} \\d+$`));
    });
  });

  it('link each footnote reference to a Note with the footnote’s text', () => {
    const report = docs.find((d) => d.name === 'kent-2014/report')!;
    const notes = report.pdf.all('Note');
    const ids = notes.map((n) => n.id);
    expect(new Set(ids).size).toBe(notes.length);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(notes.map((n) => n.text)).toEqual(
      report.model.footnotes.map((f) => squash(`${f.number} ${plainText(f.content)}`)),
    );
    for (const note of notes) {
      const parent = report.pdf.all().find((e) => e.kids.includes(note))!;
      const link = parent.kids[parent.kids.indexOf(note) - 1]!;
      expect(link.role).toBe('Link');
      expect(link.annotations[0]!['/Dest']).toBeDefined();
      expect(link.annotations[0]!['/Contents']).toMatch(/^u:Footnote \d+$/);
    }
  });

  it(
    'carry XMP metadata, dated from the data, and claim PDF/UA',
    each(({ name, model, pdf }) => {
      expect(pdf.xmp, name).toContain(`<rdf:li xml:lang="x-default">${model.meta.title}</rdf:li>`);
      expect(pdf.xmp).toContain(
        `<dc:language><rdf:Bag><rdf:li>${model.meta.language}</rdf:li></rdf:Bag></dc:language>`,
      );
      const day = model.meta.published.length === 7 ? `${model.meta.published}-01` : model.meta.published;
      expect(pdf.xmp).toContain(`<xmp:CreateDate>${day}T00:00:00Z</xmp:CreateDate>`);
      expect(pdf.xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
    }),
  );
});

function firstParagraph(list: readonly Block[]) {
  const p = blocks(list).find((b) => b.type === 'paragraph');
  return p && p.type === 'paragraph' ? p.content : [];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
