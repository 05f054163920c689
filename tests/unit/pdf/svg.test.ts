import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { originalMethod, pdfmakeInternals, type SvgMeasure } from '../../../src/pdf/pdfmake-internals.js';
import { keptSvgAnswers, parserVersions } from '../../../src/pdf/svg.js';
import { ROOT } from '../../helpers/paths.js';
import { cacheSetting } from '../../helpers/cache.js';

const cache = cacheSetting();

const { prototype } = pdfmakeInternals.svgMeasure();
const measureSVG = originalMethod(prototype, 'measureSVG') as SvgMeasure['measureSVG'];
const writeDimensions = originalMethod(prototype, 'writeDimensions') as SvgMeasure['writeDimensions'];

/** pdfmake's own methods, counting their calls. */
function counted() {
  const calls = { measure: 0, write: 0 };
  const answers = keptSvgAnswers(
    (svg) => (calls.measure++, measureSVG.call(prototype, svg)),
    (svg, size) => (calls.write++, writeDimensions.call(prototype, svg, size)),
  );
  return { calls, answers };
}

const chart = (id: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80" id="${id}"><rect width="10" height="5"/></svg>`;

describe('the kept SVG answers', () => {
  it('give pdfmake’s own answers, parsing each SVG once across processes', async () => {
    const dir = await cache.fresh('svg-cache-');
    const svg = chart('a');
    const size = { width: 60, height: 40 };
    const expected = { measured: measureSVG.call(prototype, svg), written: writeDimensions.call(prototype, svg, size) };
    expect(expected.measured).toEqual({ width: 120, height: 80 });

    const first = counted();
    expect(first.answers.measure(svg)).toEqual(expected.measured);
    expect(first.answers.write(svg, size)).toBe(expected.written);
    expect(first.answers.measure(svg)).toEqual(expected.measured);
    expect(first.calls).toEqual({ measure: 1, write: 1 });
    expect((await readdir(path.join(dir, 'svg-measure'))).length).toBe(1);

    // A new process's memory is empty: the disk answers, the same.
    const second = counted();
    expect(second.answers.measure(svg)).toEqual(expected.measured);
    expect(second.answers.write(svg, size)).toBe(expected.written);
    expect(second.calls).toEqual({ measure: 0, write: 0 });

    // Another size or another text is parsed afresh.
    expect(second.answers.write(svg, { width: 30, height: 20 })).toContain('width="30"');
    expect(second.answers.measure(chart('b'))).toEqual(expected.measured);
    expect(second.calls).toEqual({ measure: 1, write: 1 });
  });

  it('hand out a copy, so a caller that adds to one does not change the next', () => {
    cache.off();
    const { answers } = counted();
    const one = answers.measure(chart('c')) as Record<string, unknown>;
    one.width = 1;
    expect(answers.measure(chart('c'))).toEqual({ width: 120, height: 80 });
  });

  it('keep each side exactly as pdfmake gave it, one it could not read undefined', async () => {
    await cache.fresh('svg-cache-');
    for (const [width, height] of [
      ['50', undefined],
      ['Infinity', '-0'],
      ['0.1', '12.345678901234567'],
    ]) {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}"${height ? ` height="${height}"` : ''}/>`;
      const expected = measureSVG.call(prototype, svg);
      expect(counted().answers.measure(svg)).toStrictEqual(expected);
      const again = counted();
      expect(again.answers.measure(svg)).toStrictEqual(expected);
      expect(again.calls.measure).toBe(0);
    }
  });

  it('store nothing for an SVG pdfmake cannot read: it fails each time', async () => {
    const dir = await cache.fresh('svg-cache-');
    const { answers } = counted();
    expect(() => answers.measure('<svg')).toThrow(/Invalid svg/);
    expect(() => answers.measure('<svg')).toThrow(/Invalid svg/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('are kept under the versions of pdfmake, xmldoc and the sax parser beneath it', async () => {
    const version = async (name: string) =>
      (JSON.parse(await readFile(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
        .version;
    expect(parserVersions().split('\u0000').slice(1)).toEqual([
      await version('pdfmake'),
      await version('xmldoc'),
      await version('sax'),
    ]);
  });
});
