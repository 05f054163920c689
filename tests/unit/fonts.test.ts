import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';
import subsetFont from 'subset-font';
import { describe, expect, it } from 'vitest';
import { font, fontBytes } from '../../src/fonts.js';
import { ROOT } from '../helpers/paths.js';

describe('loading the fonts', () => {
  it('leaves the Brotli decoder unloaded until a WOFF2 font needs it', async () => {
    // A fresh process: which modules loading the fonts brings in.
    const script = `
      import { createRequire } from 'node:module';
      const { font } = await import('./src/fonts.ts');
      font('normal').layout('Kent');
      const loaded = Object.keys(createRequire(import.meta.url).cache);
      console.log(JSON.stringify({ fontkit: loaded.some((f) => f.includes('/fontkit/')), brotli: loaded.some((f) => f.includes('/brotli/dec/')) }));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual({ fontkit: true, brotli: false });

    // A WOFF2 font still opens, with the glyphs of the TTF it was cut from.
    const fontkit = createRequire(import.meta.url)('fontkit') as typeof Fontkit;
    const woff2 = fontkit.create(
      await subsetFont(fontBytes('normal'), 'Kent', { targetFormat: 'woff2' }),
    ) as Fontkit.Font;
    expect(woff2.layout('Kent').advanceWidth).toBe(font('normal').layout('Kent').advanceWidth);
  });
});
