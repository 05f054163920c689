import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadChartSpec } from '../../../src/charts/spec.js';
import { renderChart, typeRows } from '../../../src/charts/render.js';
import { textWidth } from '../../../src/charts/metrics.js';
import { formatProblem, ReportError } from '../../../src/problems.js';
import { message } from '../../../src/messages.js';

const rows = [
  { when: '2010-06-30', area: 'Here', rate: '61.28' },
  { when: '2011-06-30', area: 'Here', rate: '58.1' },
  { when: '2010-06-30', area: 'There', rate: '74.27' },
  { when: '2011-06-30', area: 'There', rate: '' },
];
const spec = {
  data: { name: 'table' },
  mark: 'line',
  encoding: {
    x: { field: 'when', type: 'temporal', title: 'Year ending' },
    y: { field: 'rate', type: 'quantitative', title: 'Rate per 1,000' },
    color: { field: 'area', type: 'nominal' },
  },
};

async function specProblems(json: string): Promise<string[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'charts-'));
  await writeFile(path.join(dir, 'bad.vl.json'), json);
  try {
    await loadChartSpec(dir, 'bad');
  } catch (error) {
    if (error instanceof ReportError)
      return error.problems.map((p) => formatProblem({ ...p, file: path.basename(p.file) }));
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return [];
}

describe('charts', () => {
  it('render to SVG whose text is real text in the report font', async () => {
    const svg = await renderChart(spec, rows, 'fig');
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain('font-family="SourceSans3"');
    expect(svg).toContain('>Rate per 1,000</text>');
    expect(svg).toContain('>Here</text>');
  });

  it('render the same bytes every time, with ids that carry the figure prefix', async () => {
    const clipped = { ...spec, mark: { type: 'line', clip: true } };
    const a = await renderChart(clipped, rows, 'fig');
    const b = await renderChart(clipped, rows, 'fig');
    expect(a).toBe(b);
    const ids = [...a.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/^fig-/);
  });

  it('type CSV columns: numbers become numbers, empty cells null', () => {
    expect(typeRows(rows)[3]).toEqual({ when: '2011-06-30', area: 'There', rate: null });
    expect(typeRows(rows)[0]!.rate).toBe(61.28);
  });

  it('measure text with the font, not a rough estimate', () => {
    expect(textWidth('iiii', 10)).toBeLessThan(textWidth('MMMM', 10) / 2);
  });

  it('refuse specs that read URLs or files, or name other datasets', async () => {
    expect(await specProblems('{\n  "data": {"url": "https://example.org/x.csv"},\n  "mark": "bar"\n}')).toEqual([
      'bad.vl.json:2:12 data.url: charts may not load data from a URL or a file; the report binds its data as "table"',
    ]);
    expect(await specProblems('{\n  "data": {"name": "other"},\n  "mark": "bar"\n}')).toEqual([
      'bad.vl.json:2:20 data.name: unknown dataset "other"; the report binds its data as "table"',
    ]);
  });

  it('read a spec again as a copy of its own, and anew once its text changes', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'charts-'));
    const file = path.join(dir, 'kept.vl.json');
    try {
      await writeFile(file, JSON.stringify(spec));
      const first = await loadChartSpec(dir, 'kept');
      (first.encoding as Record<string, { title?: string }>).y!.title = 'changed by a caller';
      const second = await loadChartSpec(dir, 'kept');
      expect(second).toEqual(spec);
      expect(second).not.toBe(first);
      // The kept spec is never the one handed out: a change to a copy is not in the next.
      second.mark = 'changed by another caller';
      expect(await loadChartSpec(dir, 'kept')).toEqual(spec);
      // A spec once read, then broken: its problems are reported, not the spec it was.
      await writeFile(file, JSON.stringify({ ...spec, mark: 'bars' }));
      await expect(loadChartSpec(dir, 'kept')).rejects.toThrow(ReportError);
      await writeFile(file, JSON.stringify({ ...spec, mark: 'bar' }));
      expect((await loadChartSpec(dir, 'kept')).mark).toBe('bar');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('place a bad escape in a string, and name a spec that cannot be read rather than call it missing', async () => {
    expect(await specProblems('{\n  "descr\\iption": "x",\n  "mark": "bar"\n}')).toEqual([
      `bad.vl.json:2:9 (root): JSON syntax error: ${message.jsonBadEscape('\\i')}`,
    ]);
    const dir = await mkdtemp(path.join(tmpdir(), 'charts-'));
    try {
      await mkdir(path.join(dir, 'folder.vl.json'));
      const error = await loadChartSpec(dir, 'folder').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReportError);
      expect((error as ReportError).problems.map((p) => [p.rule, p.message])).toEqual([
        ['chart/unreadable', message.chartUnreadable('it is a folder')],
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('cannot load anything even if a spec slips a URL past the checks', async () => {
    // Data a transform looks up from a URL goes through the loader, which refuses it.
    const lookup = {
      ...spec,
      transform: [
        {
          lookup: 'area',
          from: { data: { url: 'file:///etc/passwd', format: { type: 'csv' } }, key: 'root', fields: ['x'] },
        },
      ],
    };
    await expect(renderChart(lookup, rows, 'fig')).rejects.toThrow(
      'chart tried to load "file:///etc/passwd"; charts may not read files or the network',
    );
    // An image mark's URL is sanitized by the same loader: the refusal leaves the image empty.
    const image = {
      ...spec,
      layer: undefined,
      mark: { type: 'image' },
      encoding: { ...spec.encoding, url: { value: 'file:///etc/passwd' } },
    };
    const svg = await renderChart(image, rows, 'fig');
    expect(svg).toContain('<image ');
    expect(svg).not.toContain('passwd');
  });
});

describe('chart warnings', () => {
  it('stop the build instead of printing to the console and drawing a wrong chart', async () => {
    // A line has no angle: Vega-Lite would drop the channel with a console warning.
    const dropped = { ...spec, encoding: { ...spec.encoding, theta: { field: 'rate', type: 'quantitative' } } };
    await expect(renderChart(dropped, rows, 'fig')).rejects.toThrow('theta dropped as it is incompatible with "line"');
    await expect(renderChart(spec, rows, 'fig')).resolves.toMatch(/^<svg /);
  });
});

describe('expressions', () => {
  it('are evaluated without Function(), so a strict content security policy would allow them', async () => {
    const withExpression = {
      ...spec,
      transform: [{ calculate: 'datum.rate * 2', as: 'double' }, { filter: 'datum.double > 0' }],
      encoding: { ...spec.encoding, y: { field: 'double', type: 'quantitative' } },
    };
    const original = globalThis.Function;
    const refuse = () => {
      throw new Error('Function() was called');
    };
    globalThis.Function = new Proxy(original, { apply: refuse, construct: refuse });
    try {
      expect(() => Reflect.apply(globalThis.Function, undefined, ['return 1'])).toThrow('Function() was called');
      await expect(renderChart(withExpression, rows, 'fig')).resolves.toMatch(/^<svg /);
    } finally {
      globalThis.Function = original;
    }
  });
});
