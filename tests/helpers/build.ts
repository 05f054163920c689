/** Builds reports into a temporary folder through the real pipeline, once per test file. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBuilder, type BuildOptions, type Output } from '../../src/pipeline.js';
import { testPaths } from './paths.js';

export interface Built {
  out: string;
  outputs: Output[];
}

export async function build(id: string, options: BuildOptions & { data?: string; out?: string } = {}): Promise<Built> {
  const out = options.out ?? (await mkdtemp(path.join(tmpdir(), 'report-press-')));
  const paths = testPaths({ out, ...(options.data ? { data: options.data } : {}) });
  const builder = await createBuilder(paths);
  const outputs = await builder.build(id, options.handout ? { handout: options.handout } : {});
  return { out, outputs };
}

const memo = new Map<string, Promise<Built>>();

/** The frozen Kent report (or another fixture, or a report under `data`), built once per test file. */
export function built(id = 'kent-2014', data?: string): Promise<Built> {
  const key = `${data ?? ''}/${id}`;
  let result = memo.get(key);
  if (!result) {
    result = build(id, data ? { data } : {});
    memo.set(key, result);
  }
  return result;
}
