/**
 * The structure of every PDF the Kent build writes: a clean file (qpdf), embedded subset fonts,
 * document facts a viewer shows (title, author, language), A4 pages, a bookmark for every section
 * and internal links that land.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FONT_FAMILY } from '../../src/fonts.js';
import { built } from '../helpers/build.js';
import { documents } from '../helpers/documents.js';
import { pdfFonts, pdfInfo } from '../helpers/poppler.js';
import {
  contentOperators,
  contentStreams,
  paintingWithoutPath,
  pdfString,
  qpdfCheck,
  readPdf,
  type OutlineItem,
} from '../helpers/qpdf.js';
import { htmlText, normalise } from '../helpers/text.js';

const REPORT = 'kent-2014';
const build = await built(REPORT);
const pdfs = documents(build, REPORT, 'pdf');
const htmlOf = (name: string) =>
  readFileSync(documents(build, REPORT, 'html').find((d) => d.name === name)!.file, 'utf8');

/** A relative link's file, beside the PDF; the fragment, if any, is not checked. */
const relativeTo = (file: string, uri: string) => path.resolve(path.dirname(file), decodeURI(uri.replace(/#.*$/, '')));

const A4 = '595.28 x 841.89 pts (A4)';

/** Each page's size as pdfinfo reports it (`Page    3 size: 595.28 x 841.89 pts (A4)`). */
function pageSizes(file: string, pages: number): string[] {
  const out = execFileSync('pdfinfo', ['-f', '1', '-l', String(pages), file], { encoding: 'utf8' });
  return [...out.matchAll(/^Page\s+\d+ size:\s*(.*)$/gm)].map((m) => m[1]!.trim());
}

interface Heading {
  level: 2 | 3;
  /** The section's id (the heading's id without `-title`): the PDF's named destination for it. */
  section: string;
  /** The titles from the top: `[h2]` or `[h2, h3]`. */
  path: string[];
}

/**
 * The h2 and h3 headings of the HTML edition, which the PDF writer renders from the same model.
 * The notes section is left out: the PDF sets notes at the foot of their pages, not as a section.
 */
function htmlHeadings(html: string): Heading[] {
  const headings: Heading[] = [];
  let h2 = '';
  for (const m of html.matchAll(/<h([23]) id="([^"]+)">([\s\S]*?)<\/h\1>/g)) {
    const [, level, id, inner] = m;
    if (id === 'footnotes-title') continue;
    const title = normalise(htmlText(inner!));
    if (level === '2') h2 = title;
    headings.push({
      level: level === '2' ? 2 : 3,
      section: id!.replace(/-title$/, ''),
      path: level === '2' ? [title] : [h2, title],
    });
  }
  return headings;
}

/** Every bookmark with its path of titles from the top. */
function flatten(items: OutlineItem[], parents: string[] = []): (OutlineItem & { path: string[] })[] {
  return items.flatMap((item) => {
    const path = [...parents, normalise(item.title)];
    return [{ ...item, path }, ...flatten(item.kids, path)];
  });
}

describe.each(pdfs.map((d) => [d.name, d.file] as const))('%s.pdf', (name, file) => {
  const structure = readPdf(file);
  const html = htmlOf(name);

  it('passes qpdf --check with no errors or warnings', () => {
    const { status, stdout, stderr } = qpdfCheck(file);
    expect(stderr.trim(), 'qpdf warnings').toBe('');
    expect(stdout).toContain('No syntax or stream encoding errors found');
    expect(status).toBe(0);
  });

  it('paints no path it has not built: every page is valid content', () => {
    const streams = contentStreams(file);
    expect(streams.length).toBe(structure.pageCount);
    for (const [i, stream] of streams.entries()) {
      const operators = contentOperators(stream);
      expect(operators, `page ${i + 1} has text`).toContain('TJ');
      expect(paintingWithoutPath(operators), `page ${i + 1}`).toEqual([]);
    }
  });

  it('embeds a subset of every font, with a Unicode map', () => {
    const rows = pdfFonts(file)
      .split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '');
    expect(rows.length, 'pdffonts lists no fonts').toBeGreaterThan(0);
    for (const row of rows) {
      // name, type (may contain spaces), encoding, then emb sub uni and the object id.
      const m = /^(\S+)\s.*\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/.exec(row);
      expect(m, `unexpected pdffonts row: ${row}`).not.toBeNull();
      const [, font, emb, sub, uni] = m!;
      expect(emb, `${font} is embedded`).toBe('yes');
      expect(sub, `${font} is a subset`).toBe('yes');
      // uni: a ToUnicode map, so text can be read aloud, searched and copied.
      expect(uni, `${font} has a Unicode map`).toBe('yes');
      // A subset's name is a six-letter tag and the name of one of the report's own fonts.
      expect(font).toMatch(new RegExp(`^[A-Z]{6}\\+${FONT_FAMILY}-`));
    }
  });

  it('sets title and author, and the viewer shows the title', () => {
    const info = pdfInfo(file);
    const title = /<title>([\s\S]*?)<\/title>/.exec(html)?.[1];
    expect(info.Title).toBeTruthy();
    expect(info.Author).toBeTruthy();
    expect(normalise(info.Title!), 'the same title as the HTML edition').toBe(normalise(htmlText(title ?? '')));
    const prefs = structure.resolve(structure.catalog['/ViewerPreferences']);
    expect(prefs, '/ViewerPreferences').toMatchObject({ '/DisplayDocTitle': true });
  });

  it('declares the language of the HTML edition', () => {
    const lang = /<html lang="([^"]+)"/.exec(html)?.[1];
    expect(lang).toBeTruthy();
    expect(pdfString(structure.catalog['/Lang']), '/Lang in the catalog').toBe(lang);
  });

  it('has A4 pages only', () => {
    const sizes = pageSizes(file, structure.pageCount);
    expect(sizes).toHaveLength(structure.pageCount);
    expect(
      sizes.filter((s) => s !== A4),
      'pages that are not A4',
    ).toEqual([]);
  });

  it('has a bookmark for every section, opening the page the section starts on', () => {
    const headings = htmlHeadings(html);
    expect(headings.length).toBeGreaterThan(0);
    const bookmarks = flatten(structure.outline);
    const key = (path: string[]) => path.join(' › ');
    const pageOf = new Map(bookmarks.map((b) => [key(b.path), b.page]));
    const missing = headings.filter((h) => !pageOf.has(key(h.path))).map((h) => key(h.path));
    expect(
      missing,
      `sections with no bookmark; the bookmarks are:\n${bookmarks.map((b) => key(b.path)).join('\n')}`,
    ).toEqual([]);
    // In the same order as the sections.
    const wanted = new Set(headings.map((h) => key(h.path)));
    expect(bookmarks.map((b) => key(b.path)).filter((k) => wanted.has(k))).toEqual(headings.map((h) => key(h.path)));
    for (const h of headings) {
      const page = pageOf.get(key(h.path));
      expect(page, `bookmark “${key(h.path)}” opens no page of this document`).not.toBeNull();
      if (structure.destinations.has(h.section)) {
        expect(page, `bookmark “${key(h.path)}” and destination #${h.section}`).toBe(
          structure.destinations.get(h.section),
        );
      }
    }
  });

  it('opens bookmarks with the page’s left edge in view', () => {
    const A4_WIDTH = 595.28;
    const offside = flatten(structure.outline).filter(
      ({ view: [fit, left] }) => fit === '/XYZ' && typeof left === 'number' && left > A4_WIDTH / 2,
    );
    expect(
      offside.map((b) => `${b.path.join(' › ')}: ${JSON.stringify(b.view)}`),
      'bookmarks whose /XYZ left is past the middle of the page',
    ).toEqual([]);
  });

  it('has internal links that all land on a page of the document', () => {
    if (name === 'report') {
      expect(
        structure.links.filter((l) => 'name' in l.target).length,
        'the report’s contents links to its sections',
      ).toBeGreaterThan(0);
    }
    for (const [dest, page] of structure.destinations) {
      expect(page, `named destination ${dest} points at no page of this document`).not.toBeNull();
    }
    const broken = structure.links.flatMap(({ page, target }) => {
      if ('name' in target && !structure.destinations.has(target.name)) return [`page ${page}: #${target.name}`];
      if ('page' in target && target.page === null) return [`page ${page}: a destination outside the document`];
      if ('other' in target) return [`page ${page}: link with no destination or URI ${target.other}`];
      if ('uri' in target && !/^(https?:|mailto:)/.test(target.uri) && !existsSync(relativeTo(file, target.uri))) {
        return [`page ${page}: ${target.uri} (no such file)`];
      }
      return [];
    });
    expect(broken, 'links that go nowhere').toEqual([]);
  });
});
