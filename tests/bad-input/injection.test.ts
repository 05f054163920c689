/**
 * Hostile text in the data is shown as text in the HTML edition: it never becomes an element, an
 * event handler, a script link or a template expression, wherever it is written (prose, titles,
 * table labels, chart captions and text alternatives, footnotes, CSV cells that a chart prints).
 * That no script actually runs in a browser is the browser tests' job.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ReportData } from '../../src/schema/report.js';
import { htmlText, normalise } from '../helpers/text.js';
import { buildCase, removeWorkspaces, snapshot, workspace, type Workspace } from './run-case.js';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '<a href="javascript:alert(1)">click</a>',
  '<div onclick="alert(1)">raw <b>HTML</b></div>',
  '<svg onload=alert(1)>',
  '" onmouseover="alert(1)',
  "' onfocus='alert(1)",
  '{{7*7}} and {{#each questions}}x{{/each}} and {{> partials/body}}',
  '<!-- comment -->',
];

const ALL = PAYLOADS.join(' ');
/** For fields with a length limit: the shortest payloads that still open a tag, a handler and a link. */
const SHORT = '<script>alert(1)</script> <svg onload=alert(1)> {{7*7}}';

/** Where the payloads are written: the prefix names the place, so each place is found on its own. */
interface Place {
  prefix: string;
  text: string;
  set(data: ReportData, text: string): void;
}

const PLACES: Place[] = [
  { prefix: 'Prose:', text: ALL, set: (d, t) => d.introduction.body.push(t) },
  { prefix: 'Title', text: SHORT, set: (d, t) => (d.meta.title = t) },
  { prefix: 'Question', text: ALL, set: (d, t) => (d.questions[0]!.title = t) },
  { prefix: 'Section', text: ALL, set: (d, t) => (d.questions[0]!.sections[0]!.title = t) },
  { prefix: 'Caption', text: ALL, set: (d, t) => (d.tables.rates!.caption = t) },
  { prefix: 'Row', text: ALL, set: (d, t) => (d.tables.rates!.rows[0]!.label = t) },
  { prefix: 'Column', text: ALL, set: (d, t) => (d.tables.rates!.columns[0] = t) },
  { prefix: 'Chart', text: ALL, set: (d, t) => (d.charts.trend!.title = t) },
  { prefix: 'Alt', text: ALL, set: (d, t) => (d.charts.trend!.alt = t) },
  { prefix: 'When', text: SHORT, set: (d, t) => (d.questions[0]!.recommendations![0]!.timeframe = t) },
  { prefix: 'Footnote', text: ALL, set: (d, t) => (d.footnotes.source = t) },
];

/**
 * Every tag in a page, with its quoted attribute values blanked: escaped text (`&lt;script&gt;`) is
 * not a tag, and text inside a value (`aria-label="… onerror=…"`) is not an attribute.
 */
const tags = (html: string) => (html.match(/<[a-zA-Z][^>]*>/g) ?? []).map((t) => t.replace(/"[^"]*"/g, '""'));

/** The page shell escapes as Handlebars does (`=` as `&#x3D;`); the text helper decodes only named entities. */
const decodeNumeric = (html: string) =>
  html.replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));

let ws: Workspace;
let pages: Map<string, string>;

beforeAll(async () => {
  ws = await workspace();
  const file = path.join(ws.paths.data, ws.id, 'report.yaml');
  const data = parse(await readFile(file, 'utf8')) as ReportData;
  for (const place of PLACES) place.set(data, `${place.prefix} ${place.text}`);
  // A chart prints its CSV's categories (the legend): a hostile area name must stay text in the SVG.
  const hostileArea = 'Testshire <script>alert(1)</script> <svg onload=alert(1)>';
  data.charts.trend!.series.force = hostileArea;
  await writeFile(file, stringify(data));
  const csv = path.join(ws.paths.data, ws.id, 'recorded-crime.csv');
  const rows = await readFile(csv, 'utf8');
  await writeFile(csv, rows.split('Testshire').join(`"${hostileArea}"`));
  const outcome = await buildCase(ws);
  if (!outcome.ok) throw outcome.error;
  pages = new Map(
    [...(await snapshot(ws.paths.out))]
      .filter(([name]) => name.endsWith('.html'))
      .map(([name, bytes]) => [name, bytes.toString()]),
  );
});

test('every edition and handout was written', () => {
  expect([...pages.keys()].sort()).toEqual(
    ['handouts/keeping-safe.html', 'handouts/preventing-crime.html', 'handouts/summary.html', 'report.html'].map((f) =>
      path.join(ws.id, f),
    ),
  );
});

/** What in a page could run or load something the data put there; empty for a safe page. */
function unsafeParts(html: string): string[] {
  const found: string[] = [];
  if (/<script/i.test(html)) found.push('a <script> element');
  for (const tag of tags(html)) if (/\son\w+\s*=/i.test(tag)) found.push(`an event handler in ${tag}`);
  for (const m of html.matchAll(/\b(?:href|src|xlink:href|action|formaction)\s*=\s*["']?\s*javascript:/gi))
    found.push(`a script link: ${m[0]}`);
  for (const raw of ['<img src=x', '<svg onload', '<div onclick', '<b>HTML</b>', '<!-- comment -->'])
    if (html.includes(raw)) found.push(`markup from the data: ${raw}`);
  return found;
}

test('the checks catch a page that did not escape', () => {
  const unescaped = `<p>${PAYLOADS.join(' ')}</p><figure aria-label="" onmouseover="alert(1)"></figure>`;
  expect(unsafeParts(unescaped)).toEqual(
    expect.arrayContaining([
      'a <script> element',
      'a script link: href="javascript:',
      'markup from the data: <img src=x',
      expect.stringMatching(/^an event handler in <figure/),
    ]),
  );
});

describe('no page gains an element, a handler or a script link', () => {
  test.each(['report.html', 'handouts/preventing-crime.html', 'handouts/keeping-safe.html', 'handouts/summary.html'])(
    '%s',
    (name) => {
      expect(unsafeParts(pages.get(path.join(ws.id, name))!)).toEqual([]);
    },
  );
});

describe('the hostile text is shown as text, where it was written', () => {
  const text = () => normalise(htmlText(decodeNumeric(pages.get(path.join(ws.id, 'report.html'))!)));
  // The text alternative is an attribute, not text; it is checked below.
  test.each(PLACES.filter((p) => p.prefix !== 'Alt'))('$prefix', ({ prefix, text: payload }) => {
    expect(text()).toContain(normalise(`${prefix} ${payload}`));
  });

  test('template syntax in the data stays literal', () => {
    expect(text()).toContain('{{7*7}}');
    expect(text()).not.toMatch(/\b49 and\b/);
    expect(text()).toContain('{{#each questions}}x{{/each}}');
  });

  test('the text alternative keeps the payload inside its attribute', () => {
    const html = pages.get(path.join(ws.id, 'report.html'))!;
    const alt = [...html.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]).find((a) => a?.startsWith('Alt '));
    expect(alt).toBeDefined();
    expect(alt).toContain('&lt;script&gt;');
    expect(alt).toContain('&quot; onmouseover=&quot;alert(1)');
  });

  test('the chart legend prints the CSV category as text', () => {
    const html = pages.get(path.join(ws.id, 'report.html'))!;
    const svg = /<svg[\s\S]*?<\/svg>/.exec(html.slice(html.indexOf('Alt ')))?.[0] ?? '';
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).not.toMatch(/<script/i);
  });
});

afterAll(removeWorkspaces);
