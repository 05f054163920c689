/**
 * The HTML edition of the Kent report and of each handout in Debian's Chromium: it loads cleanly and
 * offline, passes axe-core's WCAG 2.1 A/AA rules, has a sound structure, looks as the goldens under
 * tests/golden/screens/ do at a phone and a desktop width, and prints cleanly.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type Axe from 'axe-core';
import type { AxeResults } from 'axe-core';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { built } from '../helpers/build.js';
import { launchChromium } from '../helpers/chromium.js';
import { documents } from '../helpers/documents.js';
import {
  compareWithGolden,
  decodePng,
  encodeGrey,
  explain,
  shrinkToGrey,
  staleGoldens,
  type Difference,
} from '../helpers/images.js';
import { GOLDEN } from '../helpers/paths.js';
import { pdfInfo, pdfText } from '../helpers/poppler.js';
import { normalise } from '../helpers/text.js';

const REPORT = 'kent-2014';
const build = await built(REPORT);
const pages = documents(build, REPORT, 'html');
const pdfPageCount = (name: string) =>
  Number(pdfInfo(documents(build, REPORT, 'pdf').find((d) => d.name === name)!.file).Pages);

const screensRoot = path.join(GOLDEN, 'screens', REPORT);

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Screenshots are shrunk to a third and stored in grey: a 1280-pixel-wide page becomes 426 pixels,
 * which still shows every block, rule and line of text that moves, and keeps the goldens small.
 */
const SCREEN_SHRINK = 3;
const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 900 },
} as const;

let browser: Browser;
let scratch: string;
beforeAll(async () => {
  browser = await launchChromium();
  scratch = await mkdtemp(path.join(tmpdir(), 'report-press-print-'));
});
afterAll(async () => {
  await browser?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** A fresh page in its own context, loaded and with its web fonts ready. */
async function open(file: string, options: BrowserContextOptions = {}, onPage?: (page: Page) => void): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORTS.desktop, ...options });
  const page = await context.newPage();
  onPage?.(page);
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await page.locator('html').evaluate((root) => root.ownerDocument.fonts.ready.then(() => undefined));
  return page;
}

const close = (page: Page) => page.context().close();

/** axe-core's violations, one readable paragraph each: rule, impact, help, and the elements. */
function describeViolations(results: AxeResults): string {
  return results.violations
    .map((v) =>
      [
        `${v.id} (${v.impact ?? 'no impact'}): ${v.help} — ${v.helpUrl}`,
        ...v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n\s*/g, ' ') ?? ''}`),
      ].join('\n'),
    )
    .join('\n');
}

it('has no screenshot goldens for a document the build no longer writes', () => {
  const stale = staleGoldens(
    screensRoot,
    pages.map((d) => d.name),
  );
  expect(stale, 'screenshots of documents no longer built (npm run test:update removes them)').toEqual([]);
});

describe.each(pages.map((d) => [d.name, d.file] as const))('%s.html', (name, file) => {
  it('loads with no console errors and makes no network request', async () => {
    const errors: string[] = [];
    const requests: string[] = [];
    const page = await open(file, {}, (p) => {
      p.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      p.on('pageerror', (e) => errors.push(e.message));
      p.on('request', (r) => requests.push(r.url()));
    });
    await close(page);
    expect(errors, 'console errors').toEqual([]);
    expect(requests, 'requests other than the page itself').toEqual([pathToFileURL(file).href]);
  });

  it('has no WCAG 2.1 A or AA violations (axe-core), at either width', async () => {
    for (const viewport of Object.values(VIEWPORTS)) {
      // The page's CSP (default-src 'none') forbids the injected script; bypass it for this run only.
      const page = await open(file, { viewport, bypassCSP: true });
      await page.addScriptTag({ content: AXE_SOURCE });
      const results = await page.evaluate(
        (values) =>
          (globalThis as unknown as { axe: typeof Axe }).axe.run({
            runOnly: { type: 'tag', values },
            resultTypes: ['violations'],
          }),
        WCAG_21_AA,
      );
      await close(page);
      expect(results.passes.length, 'axe-core checked something').toBeGreaterThan(0);
      expect(results.violations, `at ${viewport.width} px:\n${describeViolations(results)}`).toEqual([]);
    }
  });

  it('gives every chart a text alternative', async () => {
    const page = await open(file);
    const charts = await page.locator('figure:has(svg)').evaluateAll((figures) =>
      figures.map((figure) => {
        const img = figure.querySelector('[role="img"]');
        return {
          id: figure.id,
          label: (img?.getAttribute('aria-label') ?? '').trim(),
          svgInsideImg: Boolean(img?.querySelector('svg')),
        };
      }),
    );
    await close(page);
    if (name === 'report') expect(charts.length, 'the report has charts').toBeGreaterThan(0);
    for (const chart of charts) {
      expect(chart.label, `figure #${chart.id}: role=img with an aria-label`).not.toBe('');
      expect(chart.svgInsideImg, `figure #${chart.id}: the chart is inside the role=img element`).toBe(true);
    }
  });

  it('speaks a chart’s description once, and offers its figures as a table', async () => {
    const page = await open(file);
    const charts = await page.locator('figure:has(svg)').evaluateAll((figures) =>
      figures.map((figure) => {
        const label = figure.querySelector('[role="img"]')?.getAttribute('aria-label') ?? '';
        const table = figure.querySelector('details > .table-wrap > table');
        // What a screen reader reads besides the label: the figure's text outside the chart itself.
        const rest = Array.from(figure.children)
          .filter((c) => c.getAttribute('role') !== 'img')
          .map((c) => c.textContent ?? '')
          .join(' ');
        return {
          id: figure.id,
          label,
          repeated: label !== '' && rest.replace(/\s+/g, ' ').includes(label.replace(/\s+/g, ' ')),
          summary: figure.querySelector('details > summary')?.textContent ?? '',
          columnHeads: table
            ? Array.from(table.querySelectorAll('thead th')).map((th) => th.getAttribute('scope'))
            : [],
          rowHeads: table
            ? Array.from(table.querySelectorAll('tbody tr')).map((tr) => tr.firstElementChild?.getAttribute('scope'))
            : [],
          cells: table ? Array.from(table.querySelectorAll('tbody td')).map((td) => td.textContent ?? '') : [],
        };
      }),
    );
    await close(page);
    if (name === 'report') expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts) {
      expect(chart.repeated, `figure #${chart.id}: the description is read twice`).toBe(false);
      expect(chart.summary, `figure #${chart.id}: a <details> with the figures`).not.toBe('');
      expect(chart.columnHeads.length).toBeGreaterThan(1);
      expect(chart.columnHeads.every((s) => s === 'col')).toBe(true);
      expect(chart.rowHeads.length).toBeGreaterThan(0);
      expect(chart.rowHeads.every((s) => s === 'row')).toBe(true);
      expect(chart.cells.every((c) => /^-?\d+(\.\d+)?$/.test(c))).toBe(true);
    }
  });

  it('has landmarks with unique names (axe-core landmark rules)', async () => {
    const page = await open(file, { bypassCSP: true });
    await page.addScriptTag({ content: AXE_SOURCE });
    const rules = [
      'landmark-unique',
      'landmark-one-main',
      'landmark-no-duplicate-banner',
      'landmark-no-duplicate-contentinfo',
      'landmark-no-duplicate-main',
      'landmark-main-is-top-level',
    ];
    const results = await page.evaluate(
      (values) => (globalThis as unknown as { axe: typeof Axe }).axe.run({ runOnly: { type: 'rule', values } }),
      rules,
    );
    const regions = await page.locator('section[aria-labelledby], section[aria-label], nav, main').count();
    await close(page);
    expect(results.violations, describeViolations(results)).toEqual([]);
    expect(results.passes.map((r) => r.id)).toContain('landmark-unique');
    // Chapters, contents, main and footnotes: a handful, not one per subsection.
    expect(regions).toBeLessThan(15);
  });

  it('draws a focus ring that contrasts at least 3:1 with the background of every link', async () => {
    const page = await open(file);
    const rings = await page.locator('a[href], summary').evaluateAll((elements) => {
      const rgb = (css: string) => (/rgba?\(([^)]+)\)/.exec(css)?.[1] ?? '0,0,0,0').split(',').map((v) => Number(v));
      const luminance = ([r, g, b]: number[]) => {
        const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
        return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
      };
      const contrast = (a: number[], b: number[]) => {
        const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m);
        return (x! + 0.05) / (y! + 0.05);
      };
      const background = (el: Element | null): number[] => {
        for (let e = el; e; e = e.parentElement) {
          const c = rgb(getComputedStyle(e).backgroundColor);
          if (c[3] === undefined || c[3] > 0) return c;
        }
        return [255, 255, 255];
      };
      return elements.map((el) => {
        (el as HTMLElement).focus();
        const style = getComputedStyle(el);
        const behind = background(el.parentElement);
        const colours = [
          style.outlineStyle === 'none' ? null : style.outlineColor,
          /rgba?\([^)]+\)/.exec(style.boxShadow)?.[0],
        ]
          .filter((c): c is string => !!c)
          .map(rgb);
        return {
          text: (el.textContent ?? '').trim().slice(0, 40),
          focused: el.matches(':focus-visible'),
          width: parseFloat(style.outlineWidth),
          best: Math.max(0, ...colours.map((c) => contrast(c, behind))),
        };
      });
    });
    await close(page);
    expect(rings.length).toBeGreaterThan(0);
    for (const ring of rings) {
      expect(ring.focused, `"${ring.text}" takes visible focus`).toBe(true);
      expect(ring.width, `"${ring.text}": outline width`).toBeGreaterThanOrEqual(2);
      expect(ring.best, `"${ring.text}": focus ring contrast`).toBeGreaterThanOrEqual(3);
    }
  });

  it('has one h1 and headings that never skip a level', async () => {
    const page = await open(file);
    const headings = await page
      .locator('h1, h2, h3, h4, h5, h6')
      .evaluateAll((els) => els.map((e) => ({ level: Number(e.tagName[1]), text: (e.textContent ?? '').trim() })));
    await close(page);
    expect(headings[0]?.level, 'the first heading is the h1').toBe(1);
    expect(headings.filter((h) => h.level === 1)).toHaveLength(1);
    const skips = headings.flatMap((h, i) =>
      i > 0 && h.level > headings[i - 1]!.level + 1 ? [`h${headings[i - 1]!.level} → h${h.level} “${h.text}”`] : [],
    );
    expect(skips, 'skipped heading levels').toEqual([]);
    expect(
      headings.filter((h) => h.text === ''),
      'empty headings',
    ).toEqual([]);
  });

  it('has unique ids', async () => {
    const page = await open(file);
    const ids = await page.locator('[id]').evaluateAll((els) => els.map((e) => e.id));
    await close(page);
    expect([...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))], 'ids used more than once').toEqual([]);
  });

  it('has links to places that exist', async () => {
    const page = await open(file);
    const links = await page.locator('a[href]').evaluateAll((els) =>
      els.map((a) => {
        const href = a.getAttribute('href') ?? '';
        // An in-page link's target is looked up here; any other link is checked outside the page.
        const target = href.startsWith('#')
          ? Boolean(a.ownerDocument.getElementById(decodeURIComponent(href.slice(1))))
          : null;
        return { href, target };
      }),
    );
    await close(page);
    const broken = links.flatMap(({ href, target }) => {
      if (target !== null) return target ? [] : [href];
      if (/^(https?:|mailto:)/.test(href)) return [];
      const local = fileURLToPath(new URL(href.replace(/#.*$/, ''), pathToFileURL(file)));
      return existsSync(local) ? [] : [href];
    });
    expect(broken, 'links to no element of the page or no file').toEqual([]);
  });

  it('has contents links that scroll their sections into view', async () => {
    const page = await open(file);
    const contents = page.locator('nav.contents a[href^="#"]');
    const hrefs = await contents.evaluateAll((els) => els.map((a) => a.getAttribute('href') ?? ''));
    if (name === 'report') expect(hrefs.length, 'the report has a contents list').toBeGreaterThan(0);
    for (const [i, href] of hrefs.entries()) {
      await page.locator('html').evaluate((root) => root.ownerDocument.defaultView?.scrollTo(0, 0));
      await contents.nth(i).click();
      const landed = await page.locator('html').evaluate((root, id) => {
        const doc = root.ownerDocument;
        const win = doc.defaultView;
        if (!win) throw new Error('the page has no window');
        const target = doc.getElementById(id);
        if (!target) return { found: false, hash: win.location.hash, top: NaN, height: win.innerHeight, atEnd: false };
        return {
          found: true,
          hash: win.location.hash,
          top: target.getBoundingClientRect().top,
          height: win.innerHeight,
          // A section near the end cannot reach the top of the window; it is in view if the page is scrolled to its end.
          atEnd: Math.ceil(win.scrollY + win.innerHeight) >= doc.documentElement.scrollHeight,
        };
      }, href.slice(1));
      expect(landed.found, `${href} names an element`).toBe(true);
      expect(landed.hash).toBe(href);
      expect(
        Math.abs(landed.top) <= 1 || (landed.atEnd && landed.top >= 0 && landed.top < landed.height),
        `${href} is at the top of the window (top ${landed.top})`,
      ).toBe(true);
    }
    await close(page);
  });

  it('gives every table header cells with a scope', async () => {
    const page = await open(file);
    const tables = await page.locator('table').evaluateAll((els) =>
      els.map((table) => ({
        caption: (table.querySelector('caption')?.textContent ?? '').trim(),
        headers: table.querySelectorAll('th').length,
        columnHeaders: table.querySelectorAll('thead th').length,
        unscoped: Array.from(table.querySelectorAll('th'))
          .filter((th) => !['col', 'row', 'colgroup', 'rowgroup'].includes(th.getAttribute('scope') ?? ''))
          .map((th) => (th.textContent ?? '').trim()),
      })),
    );
    await close(page);
    for (const t of tables) {
      expect(t.headers, `table “${t.caption}” has header cells`).toBeGreaterThan(0);
      expect(t.columnHeaders, `table “${t.caption}” has column headers in its thead`).toBeGreaterThan(0);
      expect(t.unscoped, `table “${t.caption}”: th with no scope`).toEqual([]);
    }
  });

  it('looks as its goldens do at phone and desktop widths', async () => {
    const differences: Difference[] = [];
    for (const [device, viewport] of Object.entries(VIEWPORTS)) {
      const page = await open(file, { viewport });
      const shot = await page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide' });
      await close(page);
      const png = encodeGrey(shrinkToGrey(decodePng(shot), SCREEN_SHRINK));
      const golden = path.join(screensRoot, name, `${device}-${viewport.width}.png`);
      const difference = compareWithGolden(golden, png);
      if (difference) differences.push(difference);
    }
    expect(differences.length, explain(differences)).toBe(0);
  });

  it('fits a phone’s width without scrolling sideways', async () => {
    const page = await open(file, { viewport: VIEWPORTS.phone });
    const overflow = await page.locator('html').evaluate((root) => ({
      scrollWidth: root.scrollWidth,
      clientWidth: root.clientWidth,
      // The first few elements that stick out, for the message.
      wide: Array.from(root.ownerDocument.querySelectorAll('body *'))
        .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 1)
        .slice(0, 5)
        .map((e) =>
          [e.tagName.toLowerCase(), ...(e.id ? [`#${e.id}`] : []), ...Array.from(e.classList, (c) => `.${c}`)].join(
            ' ',
          ),
        ),
    }));
    await close(page);
    expect(overflow.scrollWidth, `elements wider than the screen: ${overflow.wide.join(', ')}`).toBeLessThanOrEqual(
      overflow.clientWidth,
    );
  });

  it('prints a clean A4 document (print stylesheet)', async () => {
    const page = await open(file);
    await page.emulateMedia({ media: 'print' });
    const [firstChapter, masthead, colophon] = await Promise.all([
      page.locator('main h2').first().textContent(),
      page.locator('header.masthead').textContent(),
      page.locator('footer.colophon').textContent(),
    ]);
    const pdf = path.join(scratch, `${name.replace(/\//g, '-')}.pdf`);
    writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    await close(page);
    const printed = pdfText(pdf)
      .split('\f')
      .map(normalise)
      .filter((p, i, all) => p !== '' || i < all.length - 1);
    const text = printed.join(' ');
    expect(text, 'the first chapter title is printed').toContain(normalise(firstChapter ?? ''));
    expect(text, 'the skip link is not printed').not.toContain('Skip to content');
    expect(pdfInfo(pdf)['Page size'], 'the print stylesheet’s @page size').toMatch(/\(A4\)$/);
    const mastheadWords = new Set(normalise(masthead ?? '').split(' '));
    const bare = printed.flatMap((p, i) =>
      p.split(' ').every((word) => word === '' || mastheadWords.has(word)) ? [i + 1] : [],
    );
    expect(bare, `printed pages that are blank or hold only the masthead (of ${printed.length})`).toEqual([]);
    const colophonWords = new Set(normalise(colophon ?? '').split(' '));
    const stubs = printed.flatMap((p, i) => (p.split(' ').every((word) => colophonWords.has(word)) ? [i + 1] : []));
    expect(stubs, `printed pages that hold only the colophon (of ${printed.length})`).toEqual([]);
    const expected = pdfPageCount(name);
    // The print stylesheet sets type a little larger than the PDF, so allow up to twice its pages and one more.
    expect(printed.length, `a page count near the PDF edition’s ${expected}`).toBeLessThanOrEqual(expected * 2 + 1);
    expect(printed.length).toBeGreaterThanOrEqual(Math.ceil(expected / 2));
  });
});
