import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Paths } from '../../src/pipeline.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
export const GOLDEN = path.join(ROOT, 'tests', 'golden');
/**
 * The frozen report folders the engine's tests build: a copy of Kent as published and a second,
 * invented report. Tests never read the live data/, which the CLI checks and builds in CI.
 */
export const REPORTS = path.join(FIXTURES, 'reports');

/** The project's templates and charts, with report data from the frozen fixtures (no pipeline import). */
export function testPaths(overrides: Partial<Paths> = {}): Paths {
  return {
    data: REPORTS,
    templates: path.join(ROOT, 'templates'),
    charts: path.join(ROOT, 'charts'),
    out: path.join(ROOT, 'out'),
    ...overrides,
  };
}
