/**
 * The stored form of V8's compiled code (src/code-cache.ts): an index and the data, read back as
 * written, and a stored form cut short is refused rather than read past its end. What is kept and
 * when it is compiled afresh is tested through the command line (tests/cli/cache.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { decode, encode } from '../../src/code-cache.js';

describe('the stored compiled code', () => {
  const entries = new Map([
    ['/p/node_modules/a/index.js', { digest: 'da', data: Buffer.from([1, 2, 3]) }],
    ['/p/dist/engine.cjs', { digest: 'de', data: Buffer.alloc(1000, 7) }],
    ['/p/node_modules/é/empty.js', { digest: 'dé', data: Buffer.alloc(0) }],
  ]);

  it('reads back what was written, file by file', () => {
    const read = decode(encode({ work: ['html', 'pdf'], entries }));
    expect(read.work).toEqual(['html', 'pdf']);
    expect([...read.entries.keys()]).toEqual([...entries.keys()]);
    for (const [file, e] of entries) {
      expect(read.entries.get(file)?.digest).toBe(e.digest);
      expect(read.entries.get(file)?.data.equals(e.data)).toBe(true);
    }
  });

  it('refuses a stored form cut short', () => {
    const whole = encode({ work: ['pdf'], entries });
    expect(() => decode(whole.subarray(0, whole.length - 1))).toThrow(/past the end/);
    expect(() => decode(Buffer.from('xx'))).toThrow();
  });
});
