import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBatch } from '../../src/batch.js';
import { ReportError } from '../../src/problems.js';
import { build } from '../helpers/build.js';
import { REPORTS, testPaths } from '../helpers/paths.js';

const data = REPORTS;

describe('a batch over worker threads', () => {
  it('builds each report as a single process would, and reports a failing one without stopping', async () => {
    const single = await build('dyfed-powys-2014', { data });
    const out = await mkdtemp(path.join(tmpdir(), 'batch-'));
    const results = await buildBatch(testPaths({ data, out }), ['no-such-report', 'dyfed-powys-2014'], {
      workers: 2,
    });
    expect(results.map((r) => r.id)).toEqual(['no-such-report', 'dyfed-powys-2014']);
    const [failed, done] = results;
    expect(failed && 'error' in failed && failed.error).toBeInstanceOf(ReportError);
    expect(done && 'outputs' in done ? done.outputs.map((o) => path.relative(out, o.file)) : []).toEqual(
      single.outputs.map((o) => path.relative(single.out, o.file)),
    );
    for (const o of single.outputs) {
      const again = path.join(out, path.relative(single.out, o.file));
      expect((await readFile(again)).equals(await readFile(o.file))).toBe(true);
    }
  });
});
