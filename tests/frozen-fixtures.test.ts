/**
 * The engine's tests read report data only from the frozen fixtures under tests/fixtures/reports,
 * never from the live data/: a data correction must pass `npm test`. This reads every test source
 * for the ways a test could reach data/ (the project root joined with "data", or the pipeline's
 * default paths, whose data folder is data/).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/paths.js';

const LIVE_DATA = [/\bROOT\b[^;\n]*['"`]data\b/, /\bdefaultPaths\(/, /['"`]data\/kent-2014/];
/** The generated JSON Schema lives in data/ for editors; the schema test checks it is current. */
const ALLOWED = /report\.schema\.json/;
/** The benchmark measures the build a user runs, on the live data; it is not part of `npm test`. */
const SKIPPED = ['tests/bench/', 'tests/bad-input/cases/', 'tests/bad-input/valid/', 'tests/frozen-fixtures.test.ts'];

function liveDataReads(source: string): number[] {
  return source
    .split('\n')
    .flatMap((line, i) => (LIVE_DATA.some((re) => re.test(line)) && !ALLOWED.test(line) ? [i + 1] : []));
}

function testSources(): string[] {
  return readdirSync(path.join(ROOT, 'tests'), { recursive: true, encoding: 'utf8' })
    .map((f) => path.posix.join('tests', f.split(path.sep).join('/')))
    .filter((f) => f.endsWith('.ts') && !SKIPPED.some((s) => f.startsWith(s)));
}

describe('frozen fixtures', () => {
  it('recognises each way of reaching the live data', () => {
    expect(liveDataReads("loadReport(path.join(ROOT, 'data'), 'kent-2014')")).toEqual([1]);
    expect(liveDataReads('x;\ncreateBuilder(defaultPaths(ROOT))')).toEqual([2]);
    expect(liveDataReads("readFileSync('data/kent-2014/report.yaml')")).toEqual([1]);
    expect(liveDataReads("readFile(path.join(ROOT, 'data', 'report.schema.json'))")).toEqual([]);
  });

  it('no test reads the live data/ folder', () => {
    const sources = testSources();
    expect(sources.length).toBeGreaterThan(20);
    const found = sources.flatMap((f) =>
      liveDataReads(readFileSync(path.join(ROOT, f), 'utf8')).map((line) => `${f}:${line}`),
    );
    expect(found).toEqual([]);
  });
});
