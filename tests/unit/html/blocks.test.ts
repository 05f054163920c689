import { describe, expect, it } from 'vitest';
import { blocksHtml } from '../../../src/html/blocks.js';
import { htmlInlines } from '../../../src/html/inlines.js';
import type { Block } from '../../../src/model/types.js';

const hostile = '<script>alert(1)</script><img src=x onerror=alert(1)> "quoted" & {{7*7}}';
const text = (t: string) => [{ type: 'text' as const, text: t, marks: [] as const }];

describe('the HTML writer', () => {
  it('escapes text in every component', () => {
    const blocks: Block[] = [
      {
        type: 'section',
        id: 's',
        level: 1,
        title: text(hostile),
        children: [{ type: 'paragraph', content: text(hostile) }],
      },
      {
        type: 'table',
        id: 't',
        caption: hostile,
        stub: hostile,
        columns: [hostile],
        rows: [{ label: hostile, cells: [hostile], values: [1] }],
        notes: [],
      },
      {
        type: 'figure',
        id: 'f',
        chart: 'c',
        caption: hostile,
        alt: hostile,
        source: hostile,
        svg: null,
        screen: null,
        data: null,
      },
      {
        type: 'figure',
        id: 'g',
        chart: 'c',
        caption: 'Chart',
        alt: 'Alt',
        source: 'Source',
        svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
        data: { caption: hostile, stub: hostile, columns: [hostile], rows: [{ label: hostile, cells: [hostile] }] },
      },
      {
        type: 'recommendations',
        id: 'r',
        items: [{ number: 1, timeframe: hostile, content: [{ type: 'paragraph', content: text(hostile) }] }],
      },
      {
        type: 'summaryGrid',
        questions: [
          {
            id: 'q',
            title: hostile,
            href: '#q',
            judgment: { type: 'judgment', grade: 'good', label: 'Good' },
            summary: [],
          },
        ],
      },
    ];
    const html = blocksHtml(blocks);
    expect(html).not.toMatch(/<script|<img/);
    // The chart's figures table: its caption, stub, column head, row head and cell, each escaped.
    const chart = blocksHtml(blocks.filter((b) => b.type === 'figure' && b.id === 'g'));
    expect(chart).not.toMatch(/<script|<img/);
    expect(chart.split('&lt;script&gt;').length - 1).toBe(5);
    expect(html).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; &amp; {{7*7}}',
    );
  });

  it('writes only safe links', () => {
    const link = (href: string) => htmlInlines([{ type: 'link', href, children: text('x') }]);
    expect(link('https://example.org/?a=1&b="2"')).toBe('<a href="https://example.org/?a=1&amp;b=&quot;2&quot;">x</a>');
    expect(link('javascript:alert(1)')).toBe('x');
    expect(link(' JavaScript:alert(1)')).toBe('x');
    expect(link('data:text/html,hi')).toBe('x');
  });

  it('gives tables header cells with scope, and numbers not available a class', () => {
    const html = blocksHtml([
      {
        type: 'table',
        id: 't',
        caption: 'C',
        stub: 'S',
        columns: ['A'],
        rows: [{ label: 'L', cells: ['not available'], values: [null] }],
        notes: [],
      },
    ]);
    expect(html).toContain('<th scope="col">S</th><th scope="col">A</th>');
    expect(html).toContain('<tr><th scope="row">L</th><td class="na">not available</td></tr>');
  });

  it('nests headings one level below the page title, never skipping', () => {
    const html = blocksHtml([
      {
        type: 'section',
        id: 'a',
        level: 1,
        title: text('A'),
        children: [{ type: 'section', id: 'b', level: 2, title: text('B'), children: [] }],
      },
    ]);
    expect(html).toMatch(/<h2 id="a-title">A<\/h2>[\s\S]*<h3 id="b-title">B<\/h3>/);
  });
});

describe('the page shell', () => {
  it('reports a syntax error at its file, line and column', async () => {
    const { cp, mkdtemp, readFile, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { htmlWriter } = await import('../../../src/html/document.js');
    const { ROOT } = await import('../../helpers/paths.js');
    const dir = await mkdtemp(path.join(tmpdir(), 'shell-'));
    await cp(path.join(ROOT, 'templates'), dir, { recursive: true });
    const file = path.join(dir, 'page.html.hbs');
    const text = (await readFile(file, 'utf8')).replace('{{meta.date}}', '{{meta.date}');
    await writeFile(file, text);
    const line = text.split('\n').findIndex((l) => l.includes('{{meta.date}')) + 1;
    await expect(htmlWriter(dir)).rejects.toThrow(
      new RegExp(`page\\.html\\.hbs:${line}:\\d+ \\(template\\): template syntax error: unexpected "}"`),
    );
  });
});
