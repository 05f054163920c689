/**
 * pdfmake reads a chart's SVG three times each time it lays it out: once to measure it, once to write
 * its size into it (parsing it and printing it again), once to draw it. The first two depend only on
 * the SVG text (and the size written), and a chart is laid out again in every document that shows it
 * and in every build of a resident process: their answers are kept, by that text. Fingerprinted with
 * the other internals (pdfmake-internals.ts).
 */
import { pdfmakeInternals, wrapMethod, type SvgMeasure } from './pdfmake-internals.js';

/** Answers kept per method before they start afresh: a few charts' worth. */
const MAX_KEPT = 32;

function remembered<A extends unknown[], R>(
  key: (...args: A) => string | null,
  answer: (...args: A) => R,
): (...args: A) => R {
  const kept = new Map<string, R>();
  return (...args: A) => {
    const k = key(...args);
    if (k === null) return answer(...args);
    if (!kept.has(k)) {
      if (kept.size >= MAX_KEPT) kept.clear();
      kept.set(k, answer(...args));
    }
    return kept.get(k)!;
  };
}

let installed = false;

export function installSvgPatch(): void {
  if (installed) return;
  installed = true;
  const { prototype } = pdfmakeInternals.svgMeasure();
  wrapMethod(prototype, 'measureSVG', (measure) => {
    const measured = remembered(
      (svg: unknown) => (typeof svg === 'string' ? svg : null),
      (svg: unknown) => measure.call(prototype, svg),
    );
    // A copy each time: the caller may add to what it is given.
    return function (this: SvgMeasure, svg: unknown) {
      return typeof svg === 'string' ? { ...measured(svg) } : measure.call(this, svg);
    };
  });
  wrapMethod(prototype, 'writeDimensions', (write) => {
    const written = remembered(
      (svg: unknown, size: { width: number; height: number }) =>
        typeof svg === 'string' ? `${size.width}\u0000${size.height}\u0000${svg}` : null,
      (svg: unknown, size: { width: number; height: number }) => write.call(prototype, svg, size),
    );
    return function (this: SvgMeasure, svg: unknown, size: { width: number; height: number }) {
      return typeof svg === 'string' ? written(svg, size) : write.call(this, svg, size);
    };
  });
}
