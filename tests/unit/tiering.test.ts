import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { INTERRUPT_BUDGET, TUNED_V8 } from '../../src/tiering.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TIERING = pathToFileURL(path.join(ROOT, 'src', 'tiering.ts')).href;

/**
 * Whether V8 has optimised a small function after `calls` calls, in a fresh process that first
 * imports tiering.ts (or not). Optimising on the calling thread makes the answer a count, not a race.
 */
function optimisedAfter(calls: number, tiering: boolean): boolean {
  const script = `
    ${tiering ? `await import(${JSON.stringify(TIERING)});` : ''}
    function add(a, b) { return a + b; }
    function drive(n) { let total = 0; for (let i = 0; i < n; i++) total = add(total, i) % 1000; return total; }
    // The loop stays in the interpreter, so add is optimised on its own, not inlined into it.
    %NeverOptimizeFunction(drive);
    drive(${calls});
    // V8's optimisation status: bit 4 is set when the function runs optimised code.
    console.log((%GetOptimizationStatus(add) & 16) !== 0);`;
  const args = ['--allow-natives-syntax', '--no-concurrent-recompilation', '--import', 'tsx', '--input-type=module'];
  const out = execFileSync(process.execPath, [...args, '-e', script], { cwd: ROOT, encoding: 'utf8' });
  return out.trim() === 'true';
}

// The setting is made only on the V8 it was measured on (Node 20's), the one this project runs on.
describe.runIf(TUNED_V8.test(process.versions.v8))('V8 tiering for a build', () => {
  it('takes effect when set while the process runs: a warm function waits longer to be optimised', () => {
    // The control: with V8's own threshold, 20 000 calls optimise it.
    expect(optimisedAfter(20_000, false)).toBe(true);
    expect(optimisedAfter(20_000, true)).toBe(false);
    // Hot code is still optimised, only later.
    expect(optimisedAfter(1_000_000, true)).toBe(true);
  });

  it('is set by the command line and a batch worker before anything else they import', () => {
    const firstImport = (...file: string[]) =>
      /^import\s+(?:.*from\s+)?'([^']+)'/m.exec(readFileSync(path.join(ROOT, 'src', ...file), 'utf8'))?.[1];
    expect(firstImport('cli.ts')).toBe('./startup.js');
    expect(firstImport('batch-worker.ts')).toBe('./startup.js');
    expect(firstImport('startup.ts')).toBe('./tiering.js');
    // The compiled launchers (scripts/compile.js) load startup before the engine.
    for (const launcher of ['cli.js', 'batch-worker.js']) {
      const loads = [...readFileSync(path.join(ROOT, 'dist', launcher), 'utf8').matchAll(/require\('([^']+)'\)/g)];
      expect(loads.map((m) => m[1])).toEqual(['./startup.cjs', './engine.cjs']);
    }
    expect(INTERRUPT_BUDGET).toBeGreaterThan(67_584);
  });
});
