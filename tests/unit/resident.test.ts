import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { RESIDENT_LIMITS, residentBuilder } from '../../src/resident.js';
import { ReportError } from '../../src/problems.js';
import { build } from '../helpers/build.js';
import { REPORTS, testPaths } from '../helpers/paths.js';

// The threads the resident builder starts, to see how they were set up.
const started = vi.hoisted(() => [] as Worker[]);
vi.mock('../../src/batch.js', async (original) => {
  const batch = await original<typeof import('../../src/batch.js')>();
  return {
    ...batch,
    startWorker: (...args: Parameters<typeof batch.startWorker>) => {
      const worker = batch.startWorker(...args);
      started.push(worker);
      return worker;
    },
  };
});

const data = REPORTS;
const out = await mkdtemp(path.join(tmpdir(), 'resident-'));
const resident = residentBuilder(testPaths({ data, out }));
afterAll(() => resident.close());

describe('a resident builder', () => {
  it('builds in one thread with a larger young generation, as a single process would, and goes on after a failure', async () => {
    const single = await build('dyfed-powys-2014', { data });
    await expect(resident.build('no-such-report')).rejects.toBeInstanceOf(ReportError);
    const outputs = await resident.build('dyfed-powys-2014');
    expect(outputs.map((o) => path.relative(out, o.file))).toEqual(
      single.outputs.map((o) => path.relative(single.out, o.file)),
    );
    for (const o of single.outputs) {
      const again = path.join(out, path.relative(single.out, o.file));
      expect((await readFile(again)).equals(await readFile(o.file))).toBe(true);
    }
    // Again, with the builder set up afresh: the outputs are current, so none is written.
    expect((await resident.build('dyfed-powys-2014')).some((o) => o.written)).toBe(false);
    expect(started).toHaveLength(1);
    expect(started[0]!.resourceLimits?.maxYoungGenerationSizeMb).toBe(RESIDENT_LIMITS.maxYoungGenerationSizeMb);
  });

  it('builds one report at a time', async () => {
    const first = resident.build('dyfed-powys-2014');
    await expect(resident.build('dyfed-powys-2014')).rejects.toThrow(/one report at a time/);
    await first;
  });
});
