/**
 * The on-disk cache (src/cache.ts) as a test sets it: a fresh folder of the test's own, or off. The
 * setting the test file found is put back after each test.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

export function cacheSetting(): { fresh: (prefix?: string) => Promise<string>; off: () => void } {
  const saved = process.env.REPORT_PRESS_CACHE;
  afterEach(() => {
    if (saved === undefined) delete process.env.REPORT_PRESS_CACHE;
    else process.env.REPORT_PRESS_CACHE = saved;
  });
  return {
    async fresh(prefix = 'cache-') {
      const dir = await mkdtemp(path.join(tmpdir(), prefix));
      process.env.REPORT_PRESS_CACHE = dir;
      return dir;
    },
    off() {
      process.env.REPORT_PRESS_CACHE = 'off';
    },
  };
}
