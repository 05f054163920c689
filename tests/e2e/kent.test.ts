/**
 * The Kent report end to end: golden files of the document model, the HTML edition and the PDF's
 * text layer; byte-identical rebuilds; and the PDF's contents, footnote and document facts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBuilder, type Rendered } from '../../src/pipeline.js';
import type { Inline, Section } from '../../src/model/types.js';
import { plainText } from '../../src/model/text.js';
import { built } from '../helpers/build.js';
import { MANIFEST_FILE } from '../../src/output/manifest.js';
import { GOLDEN, REPORTS, ROOT, testPaths } from '../helpers/paths.js';
import { htmlGolden, modelJson } from '../helpers/golden.js';
import { pdfInfo, pdfText } from '../helpers/poppler.js';
import { normalise } from '../helpers/text.js';

let report: Rendered;
let out: string;

beforeAll(async () => {
  const builder = await createBuilder(testPaths());
  report = (await builder.render('kent-2014')).find((r) => r.name === 'report')!;
  out = (await built('kent-2014')).out;
});

const golden = (name: string) => path.join(GOLDEN, 'kent-2014', name);

describe('golden files', () => {
  it('document model', async () => {
    await expect(modelJson(report.model)).toMatchFileSnapshot(golden('report.model.json'));
  });

  it('HTML edition', async () => {
    await expect(htmlGolden(report.html)).toMatchFileSnapshot(golden('report.html'));
  });

  it('PDF text layer', async () => {
    await expect(pdfText(path.join(out, 'kent-2014/report.pdf'))).toMatchFileSnapshot(golden('report.pdf.txt'));
  });
});

describe('determinism', () => {
  it('two builds give byte-identical files, in another process and time zone too', async () => {
    const first = await built('kent-2014');
    const dir = await mkdtemp(path.join(tmpdir(), 'report-press-'));
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'kent-2014', '--quiet', '--data', REPORTS, '--out', dir], {
      cwd: ROOT,
      env: { ...process.env, TZ: 'America/New_York', LANG: 'fr_FR.UTF-8' },
      encoding: 'utf8',
    });
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    const written = (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
      .sort();
    // The outputs, and the manifest of what was built from what (tested in tests/cli/build.test.ts).
    const manifest = path.join('kent-2014', MANIFEST_FILE);
    expect(written).toEqual([manifest, ...first.outputs.map((o) => path.relative(first.out, o.file))].sort());
    for (const rel of written) {
      const [a, b] = await Promise.all([readFile(path.join(first.out, rel)), readFile(path.join(dir, rel))]);
      expect(a.equals(b), `${rel} differs between builds`).toBe(true);
    }
  });
});

describe('the PDF edition', () => {
  const file = () => path.join(out, 'kent-2014/report.pdf');
  const pages = () => pdfText(file()).split('\f').map(normalise);

  it('is A4 with its document information set', () => {
    const info = pdfInfo(file());
    expect(info['Page size']).toBe('595.28 x 841.89 pts (A4)');
    expect(info.Title).toBe('Kent Police — Crime inspection 2014');
    expect(info.Author).toBe('Her Majesty’s Inspectorate of Constabulary');
    expect(info.Subject).toBe('Kent Police: How effective is the force at cutting crime?');
  });

  it('declares its language', async () => {
    expect((await readFile(file())).toString('latin1')).toContain('/Lang (en-GB)');
  });

  it('prints a page number on every page but the cover, and the running title', () => {
    const all = pages();
    expect(all[0]).not.toMatch(/Page \d+ of/);
    all.slice(1, -1).forEach((text, i) => {
      expect(text).toContain(`Page ${i + 2} of ${all.length - 1}`);
      expect(text).toContain('Kent Police — Crime inspection 2014');
    });
  });

  it('lists every chapter in the contents with the page it starts on', () => {
    const all = pages();
    const chapters = report.model.blocks.filter((b): b is Section => b.type === 'section' && b.level === 1);
    const contents = all[1]!;
    for (const chapter of chapters) {
      const title = normalise(plainText(chapter.title));
      const m = new RegExp(`${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} (\\d+)`).exec(contents);
      expect(m, `contents lists "${title}"`).not.toBeNull();
      const page = Number(m![1]);
      // The page's running title and chapter title come first on a chapter's opening page.
      expect(all[page - 1]!.indexOf(title), `"${title}" starts page ${page}`).toBeLessThan(120);
    }
  });

  it('prints each footnote at the foot of the page that cites it', () => {
    const cited = wordsBeforeReferences(report.model.blocks);
    expect(cited.size, 'every footnote is cited').toBe(report.model.footnotes.length);
    for (const note of report.model.footnotes) {
      const start = normalise(plainText(note.content)).slice(0, 40);
      const citing = pages().filter((p) => p.includes(`${note.number} ${start}`));
      expect(citing, `footnote ${note.number} is printed once`).toHaveLength(1);
      const text = citing[0]!;
      // The note comes after the body text and before the page number.
      expect(text.indexOf(`${note.number} ${start}`)).toBeGreaterThan(text.length / 2);
      // The page also carries the reference itself: its number right after the word it follows.
      const word = cited.get(note.number)!;
      expect(text.indexOf(`${word}${note.number}`), `reference ${note.number} after "${word}"`).toBeGreaterThanOrEqual(0);
    }
  });
});

/** The word before the first reference to each footnote, by footnote number, read from the model. */
function wordsBeforeReferences(blocks: readonly unknown[]): Map<number, string> {
  const words = new Map<number, string>();
  const visit = (value: unknown): void => {
    if (!value || typeof value !== 'object') return;
    if (!Array.isArray(value)) return Object.values(value).forEach(visit);
    value.forEach((node: unknown, i) => {
      const ref = node as Inline;
      if (ref?.type !== 'footnoteRef' || words.has(ref.number)) return visit(node);
      const before = normalise(plainText(value.slice(0, i) as Inline[])).trimEnd();
      words.set(ref.number, /\S*$/.exec(before)![0]);
    });
  };
  visit(blocks);
  return words;
}

describe('the HTML edition', () => {
  it('is one self-contained file: no external references, no scripts', () => {
    const html = report.html;
    expect(html).toMatch(/^<!doctype html>\n<html lang="en-GB">/);
    expect(html).not.toMatch(/<script|<link |<img |@import|src="http|url\((?!data:|#)/i);
    expect(html).toContain('Content-Security-Policy');
  });

  it('is semantic: landmarks, contents anchors, captioned figure and tables with header cells', () => {
    const html = report.html;
    for (const tag of [
      '<header',
      '<nav',
      '<main',
      '<section',
      '<figure',
      '<figcaption',
      '<th scope="col"',
      '<th scope="row"',
    ]) {
      expect(html).toContain(tag);
    }
    const anchors = [...html.matchAll(/<nav[\s\S]*?<\/nav>/g)][0]![0].match(/href="#([^"]+)"/g)!;
    expect(anchors.length).toBe(7);
    for (const a of anchors) expect(html).toContain(`id="${a.slice(7, -1)}"`);
  });
});
