/**
 * The HTML edition's layout in a real browser, at a phone's width and a desktop's: charts fill the
 * column with text at 7 px or more, the grid's badges line up, tables keep their labels readable.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { built } from '../helpers/build.js';
import { launchChromium } from '../helpers/chromium.js';

let browser: Browser;
let report: string;

beforeAll(async () => {
  browser = await launchChromium();
  report = pathToFileURL(path.join((await built('kent-2014')).out, 'kent-2014', 'report.html')).href;
});

afterAll(async () => {
  await browser?.close();
});

async function at<T>(width: number, look: (page: Page) => Promise<T>): Promise<T> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  try {
    await page.goto(report);
    return await look(page);
  } finally {
    await page.close();
  }
}

describe.each([390, 1280])('at %i px wide', (width) => {
  it('shows each chart across its column, its smallest text at 7 px or more', async () => {
    const charts = await at(width, (page) =>
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
      ),
    );
    expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts) {
      expect(chart.fill).toBeGreaterThan(0.99);
      expect(chart.smallest).toBeGreaterThanOrEqual(7);
    }
  });

  it("lines up the grid's badges however the question titles wrap", async () => {
    const tops = await at(width, (page) =>
      page.evaluate(() =>
        Array.from(document.querySelectorAll('.grid-judgment')).map((b) => b.getBoundingClientRect()),
      ),
    );
    expect(tops.length).toBe(3);
    // Side by side, the badges share a top; stacked, each is below the last.
    const rows = new Map<number, number>();
    for (const t of tops) rows.set(Math.round(t.left), (rows.get(Math.round(t.left)) ?? 0) + 1);
    if (rows.size > 1) for (const t of tops) expect(t.top).toBeCloseTo(tops[0]!.top, 0);
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
