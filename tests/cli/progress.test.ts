import { describe, expect, it } from 'vitest';
import { createProgress, showsBar } from '../../src/cli/progress.js';

function terminal() {
  const written: string[] = [];
  return { isTTY: true, columns: 100, written, write: (t: string) => written.push(t) };
}

describe('progress', () => {
  it('draws a bar over reports and documents on a terminal, and clears it', () => {
    const stream = terminal();
    const progress = createProgress(stream, true);
    const report = progress.report('beta', 1, 2);
    report.total(4);
    report.rendered('report');
    report.rendered('handouts/one');
    expect(stream.written.at(-1)).toBe(`\r\x1b[2K${'█'.repeat(18)}${'░'.repeat(6)} 2/2 beta 2/4 handouts/one`);
    progress.clear();
    expect(stream.written.at(-1)).toBe('\r\x1b[2K');
  });

  it('shows no bar when piped, in CI, or when asked to be quiet', () => {
    expect(showsBar({ isTTY: true, write() {} }, {}, false)).toBe(true);
    expect(showsBar({ isTTY: false, write() {} }, {}, false)).toBe(false);
    expect(showsBar({ isTTY: true, write() {} }, { CI: 'true' }, false)).toBe(false);
    expect(showsBar({ isTTY: true, write() {} }, {}, true)).toBe(false);
    const stream = terminal();
    const progress = createProgress(stream, false);
    progress.report('beta', 0, 1).rendered('report');
    progress.clear();
    expect(stream.written).toEqual([]);
  });
});
