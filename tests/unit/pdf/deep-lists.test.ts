import { afterEach, describe, expect, it } from 'vitest';
import { CEILING, DEFAULT_BUDGET, parseLimit } from '../../../src/budget.js';
import { renderPdf } from '../../../src/pdf/render.js';
import type { Block, DocumentMeta } from '../../../src/model/types.js';

const meta = {
  kind: 'report',
  title: 't',
  force: 'f',
  reportTitle: 't',
  heading: 'h',
  date: 'd',
  published: '2014-12-03',
  publisher: 'p',
  author: 'a',
  subject: 's',
  language: 'en-GB',
  licence: 'l',
  runningTitle: 'r',
  source: null,
  fullReportHref: null,
} satisfies DocumentMeta;

function nested(depth: number): Block {
  let block: Block = { type: 'paragraph', content: [{ type: 'text', text: 'deepest', marks: [] }] };
  for (let i = depth; i > 0; i--) {
    const item: Block[] = [{ type: 'paragraph', content: [{ type: 'text', text: `level ${i}`, marks: [] }] }, block];
    block = { type: 'list', ordered: false, start: 1, items: [item] };
  }
  return block;
}

const warnings: string[] = [];
const onWarning = (w: Error) => warnings.push(w.name);
afterEach(() => {
  process.off('warning', onWarning);
  warnings.length = 0;
});

describe('lists nested as deep as the budget allows', () => {
  it('print no MaxListenersExceededWarning, up to the ceiling of the limit', async () => {
    process.on('warning', onWarning);
    const depth = CEILING.listDepth!;
    expect(depth).toBeGreaterThanOrEqual(DEFAULT_BUDGET.listDepth);
    await renderPdf({ meta, cover: false, contents: false, blocks: [nested(depth)], footnotes: [] });
    await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
    expect(warnings).toEqual([]);
    expect(parseLimit(`list-depth=${depth + 1}`)).toHaveProperty('error');
  });
});
