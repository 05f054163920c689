/**
 * pdfmake reads a chart's SVG three times each time it lays it out: once to measure it, once to write
 * its size into it (parsing it and printing it again), once to draw it. The first two depend only on
 * the SVG text (and the size written), and a chart is laid out again in every document that shows it,
 * in every build of a resident process and in every run: their answers are kept in memory by that
 * text, and on disk (cache.ts) so a fresh process does not parse the chart again either. Fingerprinted
 * with the other internals (pdfmake-internals.ts).
 */
import { createRequire } from 'node:module';
import { cachedSync, dependencyVersion } from '../cache.js';
import { PDFMAKE_VERSION, pdfmakeInternals, wrapMethod, type SvgMeasure } from './pdfmake-internals.js';

/** Answers kept per method before they start afresh: a few charts' worth. */
const MAX_KEPT = 32;
/** Changes when the stored form changes. */
const FORMAT = 'svg 2';

type Size = { width: number; height: number };

function remembered<A extends unknown[], R>(key: (...args: A) => string, answer: (...args: A) => R): (...args: A) => R {
  const kept = new Map<string, R>();
  return (...args: A) => {
    const k = key(...args);
    if (!kept.has(k)) {
      if (kept.size >= MAX_KEPT) kept.clear();
      kept.set(k, answer(...args));
    }
    return kept.get(k)!;
  };
}

/**
 * What the parsing depends on besides the text: pdfmake's code, the xmldoc it loads and the sax
 * parser beneath that, each the copy actually loaded.
 */
let versions: string | undefined;
export function parserVersions(): string {
  if (versions === undefined) {
    const svgMeasure = createRequire(import.meta.url).resolve('pdfmake/js/SVGMeasure.js');
    const xmldoc = dependencyVersion('xmldoc', svgMeasure);
    const sax = dependencyVersion('sax', xmldoc.file);
    versions = [FORMAT, PDFMAKE_VERSION, xmldoc.version, sax.version].join('\u0000');
  }
  return versions;
}

/**
 * A measured size as stored: both sides as the doubles pdfmake gave, exactly; NaN stands for a side it
 * could not read (undefined), which it never gives as NaN.
 */
function encodeMeasure(m: { width?: number; height?: number }): Buffer {
  const data = Buffer.alloc(16);
  data.writeDoubleLE(m.width ?? NaN, 0);
  data.writeDoubleLE(m.height ?? NaN, 8);
  return data;
}
function decodeMeasure(data: Buffer): { width?: number; height?: number } {
  const [width, height] = [data.readDoubleLE(0), data.readDoubleLE(8)];
  return { width: Number.isNaN(width) ? undefined : width, height: Number.isNaN(height) ? undefined : height };
}

type Measure = (svg: string) => { width?: number; height?: number };
type Write = (svg: string, size: Size) => unknown;

/**
 * pdfmake's answers for SVG text, kept in memory and on disk: `measure` and `write` are its own
 * methods, called only for text (and size) neither store has seen.
 */
export function keptSvgAnswers(measure: Measure, write: Write) {
  const measured = remembered(
    (svg: string) => svg,
    (svg: string) =>
      decodeMeasure(cachedSync('svg-measure', [parserVersions(), svg], () => encodeMeasure(measure(svg)))),
  );
  const sizeKey = (size: Size) => `${size.width}\u0000${size.height}`;
  const written = remembered(
    (svg: string, size: Size) => `${sizeKey(size)}\u0000${svg}`,
    (svg: string, size: Size) =>
      cachedSync('svg-size', [parserVersions(), sizeKey(size), svg], () => {
        const out = write(svg, size);
        if (typeof out !== 'string') throw new Error('pdfmake SVGMeasure.writeDimensions returned no text');
        return Buffer.from(out, 'utf8');
      }).toString('utf8'),
  );
  // A copy each time: the caller may add to what it is given.
  return { measure: (svg: string) => ({ ...measured(svg) }), write: written };
}

let installed = false;

export function installSvgPatch(): void {
  if (installed) return;
  installed = true;
  const { prototype } = pdfmakeInternals.svgMeasure();
  const { measureSVG, writeDimensions } = prototype;
  const kept = keptSvgAnswers(
    (svg) => measureSVG.call(prototype, svg),
    (svg, size) => writeDimensions.call(prototype, svg, size),
  );
  wrapMethod(
    prototype,
    'measureSVG',
    () =>
      function (this: SvgMeasure, svg: unknown) {
        return typeof svg === 'string' ? kept.measure(svg) : measureSVG.call(this, svg);
      },
  );
  wrapMethod(
    prototype,
    'writeDimensions',
    () =>
      function (this: SvgMeasure, svg: unknown, size: Size) {
        return typeof svg === 'string' ? kept.write(svg, size) : writeDimensions.call(this, svg, size);
      },
  );
}
