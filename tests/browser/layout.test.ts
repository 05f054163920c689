/**
 * The HTML edition's layout in a real browser, at a phone's width, the narrowest that shows the wide
 * chart, and a desktop's, and printed: charts (in the report and its handouts) fill the
 * column with text at 7 pt (9.33 CSS px) or more, the grid's badges line up, tables keep their labels readable.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { built } from '../helpers/build.js';
import { launchChromium } from '../helpers/chromium.js';

let browser: Browser;
let report: string;
/** The report and every handout: the pages whose charts are checked. */
let pages: string[];

beforeAll(async () => {
  browser = await launchChromium();
  const out = path.join((await built('kent-2014')).out, 'kent-2014');
  report = pathToFileURL(path.join(out, 'report.html')).href;
  const handouts = (await readdir(path.join(out, 'handouts'))).filter((f) => f.endsWith('.html'));
  pages = [report, ...handouts.map((f) => pathToFileURL(path.join(out, 'handouts', f)).href)];
});

afterAll(async () => {
  await browser?.close();
});

async function at<T>(width: number, look: (page: Page) => Promise<T>, url = report): Promise<T> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  try {
    await page.goto(url);
    return await look(page);
  } finally {
    await page.close();
  }
}

/** Each chart shown on every page: how much of its column it fills, and its smallest text in CSS px. */
async function charts(width: number, print = false) {
  const shown = [];
  for (const url of pages) {
    shown.push(
      ...(await at(
        width,
        async (page) => {
          if (print) await page.emulateMedia({ media: 'print' });
          return chartsOn(page);
        },
        url,
      )),
    );
  }
  return shown;
}

const chartsOn = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('.chart svg'))
      .filter((svg) => svg.getBoundingClientRect().width > 0)
      .map((svg) => {
        const shown = svg.getBoundingClientRect().width;
        const scale = shown / Number(svg.getAttribute('width'));
        const column = svg.closest('figure')!.getBoundingClientRect().width;
        const sizes = Array.from(svg.querySelectorAll('text')).map(
          (t) => parseFloat(t.getAttribute('font-size')!) * scale,
        );
        return { fill: shown / column, smallest: Math.min(...sizes) };
      }),
  );

/** The characters on each full line (all but the last) of the report's running paragraphs. */
const lineLengths = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('main section > p')).flatMap((p) => {
      const node = p.firstChild;
      if (node?.nodeType !== Node.TEXT_NODE) return [];
      const range = document.createRange();
      const lines = new Map<number, number>();
      for (let i = 0; i < node.textContent!.length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const top = Math.round(range.getBoundingClientRect().top);
        lines.set(top, (lines.get(top) ?? 0) + 1);
      }
      return [...lines.values()].slice(0, -1);
    }),
  );

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('running text', () => {
  // A phone's column is narrower than the measure: its lines are shorter, as they must be.
  it.each([577, 800, 1280, 1600, 'print'] as const)('sets 65 to 90 characters a line at %s', async (width) => {
    const lengths = await at(width === 'print' ? 673 : width, async (page) => {
      if (width === 'print') await page.emulateMedia({ media: 'print' });
      return lineLengths(page);
    });
    expect(lengths.length).toBeGreaterThan(50);
    expect(median(lengths)).toBeGreaterThanOrEqual(65);
    expect(median(lengths)).toBeLessThanOrEqual(90);
  });
});

/** 7 pt, as in the PDF: a CSS point is 4/3 of a CSS pixel. */
const SEVEN_POINTS = (7 * 4) / 3 - 0.01;

describe("printed (A4, the print stylesheet's 16 mm side margins)", () => {
  it('sets each chart across its column, its smallest text at 7 pt or more', async () => {
    const printed = await charts(Math.floor((210 - 2 * 16) * (96 / 25.4)), true);
    // The report's chart and the same chart in its question's handout.
    expect(printed.length).toBeGreaterThanOrEqual(2);
    for (const chart of printed) {
      expect(chart.fill).toBeGreaterThan(0.99);
      expect(chart.smallest).toBeGreaterThanOrEqual(SEVEN_POINTS);
    }
  });
});

describe.each([390, 577, 1280])('at %i px wide', (width) => {
  it('shows each chart across its column, its smallest text at 7 pt or more', async () => {
    const shown = await charts(width);
    expect(shown.length).toBeGreaterThanOrEqual(2);
    for (const chart of shown) {
      expect(chart.fill).toBeGreaterThan(0.99);
      expect(chart.smallest).toBeGreaterThanOrEqual(SEVEN_POINTS);
    }
  });

  it("lines up the grid's badges however the question titles wrap", async () => {
    const badges = await at(width, (page) =>
      page.evaluate(() =>
        Array.from(document.querySelectorAll('.grid-judgment')).map((b) => ({
          top: b.getBoundingClientRect().top,
          row: b.closest('.grid-question')!.getBoundingClientRect().top,
        })),
      ),
    );
    expect(badges.length).toBe(3);
    // The questions side by side in a row of the grid (two or three of them, or one when stacked)
    // have their badges at one height.
    for (const b of badges) {
      for (const other of badges.filter((o) => Math.abs(o.row - b.row) < 1)) expect(other.top).toBeCloseTo(b.top, 0);
    }
    expect(new Set(badges.map((b) => Math.round(b.row))).size).toBe(width >= 1280 ? 1 : width >= 577 ? 2 : 3);
  });

  it("aligns each table column's head with its cells, and keeps row labels to two lines", async () => {
    const table = await at(width, (page) =>
      page.evaluate(() => {
        const t = document.querySelector('.rate-table')!;
        const heads = Array.from(t.querySelectorAll('thead th')).map((th) => getComputedStyle(th).textAlign);
        const labels = Array.from(t.querySelectorAll('tbody th')).map((th) => {
          const lineHeight = parseFloat(getComputedStyle(th).lineHeight);
          const padding = parseFloat(getComputedStyle(th).paddingTop) + parseFloat(getComputedStyle(th).paddingBottom);
          return Math.round((th.getBoundingClientRect().height - padding) / lineHeight);
        });
        return { heads, lines: Math.max(...labels) };
      }),
    );
    expect(table.heads[0]).toBe('left');
    expect(new Set(table.heads.slice(1))).toEqual(new Set(['right']));
    expect(table.lines).toBeLessThanOrEqual(2);
  });
});
