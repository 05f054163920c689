import { describe, expect, it } from 'vitest';
import type { DocumentModel } from '../../../src/model/types.js';
import { keptPdf } from '../../../src/pdf/kept.js';

/** A stand-in renderer that counts its calls and writes what it was given, so each result is its model's. */
function counting() {
  let calls = 0;
  const render = (model: DocumentModel) => {
    calls++;
    return Promise.resolve(Buffer.from(`pdf of ${JSON.stringify(model)} #${calls}`));
  };
  return { render, calls: () => calls };
}

/** A model of its own for each test: the kept PDFs are the process's. */
let serial = 0;
const model = (extra: object = {}) =>
  ({
    meta: { title: `test ${++serial}` },
    blocks: [{ type: 'paragraph', text: 'x' }],
    ...extra,
  }) as unknown as DocumentModel;
/** An equal model built afresh, as the pipeline builds one for every build. */
const copy = (m: DocumentModel) => JSON.parse(JSON.stringify(m)) as DocumentModel;

describe('PDFs kept by their model', () => {
  it('renders a model once, and gives the same bytes for an equal model after', async () => {
    const r = counting();
    const m = model();
    const first = await keptPdf(m, r.render);
    const again = await keptPdf(copy(m), r.render);
    expect(r.calls()).toBe(1);
    expect(again.equals(first)).toBe(true);
  });

  it('renders again for any change deep in the model', async () => {
    const r = counting();
    const m = model();
    await keptPdf(m, r.render);
    const changed = copy(m) as unknown as { blocks: { text: string }[] };
    changed.blocks[0]!.text = 'y';
    await keptPdf(changed as unknown as DocumentModel, r.render);
    expect(r.calls()).toBe(2);
  });

  it('tells apart what JSON would merge: undefined and missing, -0 and 0, NaN and null', async () => {
    for (const [a, b] of [
      [{ note: undefined }, {}],
      [{ x: -0 }, { x: 0 }],
      [{ x: NaN }, { x: null }],
    ] as const) {
      const r = counting();
      const base = model();
      await keptPdf({ ...base, ...a }, r.render);
      await keptPdf({ ...base, ...b }, r.render);
      expect(r.calls(), JSON.stringify(b)).toBe(2);
    }
  });

  it('renders every time a model it cannot serialize', async () => {
    const r = counting();
    const m = model({ draw: () => 'x' });
    await keptPdf(m, r.render);
    await keptPdf(m, r.render);
    expect(r.calls()).toBe(2);
  });

  it('is not changed by a caller that writes into the bytes it was given', async () => {
    const r = counting();
    const m = model();
    const first = await keptPdf(m, r.render);
    const text = first.toString();
    first.fill(0);
    expect((await keptPdf(copy(m), r.render)).toString()).toBe(text);
    (await keptPdf(copy(m), r.render)).fill(1);
    expect((await keptPdf(copy(m), r.render)).toString()).toBe(text);
    expect(r.calls()).toBe(1);
  });
});
