import { randomBytes } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { originalMethod } from '../../../src/pdf/pdfmake-internals.js';
import {
  deflateCount,
  installStreamPatch,
  keptCompressed,
  MAX_KEPT_BYTES,
  pdfReferencePrototype,
  type PdfReference,
} from '../../../src/pdf/streams.js';

installStreamPatch();
const prototype = pdfReferencePrototype();

/** A stand-in for pdfkit's document, keeping what a stream writes; `compress` as the document's option. */
function document(compress = true) {
  const written: (string | Buffer)[] = [];
  const doc = {
    compress,
    _offsets: [] as unknown[],
    _waiting: 0,
    _offset: 0,
    _write: (data: string | Buffer) => void written.push(Buffer.isBuffer(data) ? Buffer.from(data) : data),
    _refEnd: () => {},
  };
  return { doc, written };
}

/** A stream written with these chunks through `write` and `finalize` (the wrapped ones, or pdfkit's own). */
function stream(chunks: (string | Buffer)[], own = false, compress = true): (string | Buffer)[] {
  const { doc, written } = document(compress);
  const Reference = prototype.constructor as new (document: object, id: number, data?: object) => PdfReference;
  const ref = new Reference(doc, 1, {});
  const write = own ? (originalMethod(prototype, 'write') as PdfReference['write']) : ref.write;
  const finalize = own ? (originalMethod(prototype, 'finalize') as PdfReference['finalize']) : ref.finalize;
  for (const chunk of chunks) write.call(ref, chunk);
  finalize.call(ref);
  return written;
}

const page = (n: number) => [`BT /F1 10 Tf 72 ${700 - n} Td`, `[<0041> 20 <0042>] TJ`, Buffer.from('% bytes\n'), 'ET'];

describe('a stream’s compression', () => {
  it('writes the bytes pdfkit writes', () => {
    for (const chunks of [page(1), ['q'], [Buffer.alloc(0)]]) {
      expect(stream(chunks)).toEqual(stream(chunks, true));
      expect(stream(chunks, false, false)).toEqual(stream(chunks, true, false));
    }
    const [, dictionary, , body] = stream(page(2));
    expect(inflateSync(body as Buffer).toString('latin1')).toBe(
      'BT /F1 10 Tf 72 698 Td\n[<0041> 20 <0042>] TJ\n% bytes\nET\n',
    );
    expect(dictionary).toContain(`/Length ${(body as Buffer).length}`);
    expect(dictionary).toContain('/Filter /FlateDecode');
  });

  it('compresses the same bytes once, and other bytes afresh', () => {
    const before = deflateCount();
    const first = stream(page(3));
    expect(deflateCount()).toBe(before + 1);
    expect(stream(page(3))).toEqual(first);
    expect(deflateCount()).toBe(before + 1);
    stream(page(4));
    expect(deflateCount()).toBe(before + 2);
  });

  it('holds what it counts, and lets the oldest go past its bound', () => {
    stream(['q']);
    // A short stream's compressed bytes are not a view of a larger buffer.
    expect(keptCompressed().held).toBe(keptCompressed().bytes);
    // Random bytes do not compress: three of these are past the bound together.
    const size = Math.ceil(MAX_KEPT_BYTES / 2.5);
    const [first, second, third] = [randomBytes(size), randomBytes(size), randomBytes(size)];
    for (const bytes of [first, second, third]) stream([bytes]);
    expect(keptCompressed().bytes).toBeLessThanOrEqual(MAX_KEPT_BYTES);
    expect(keptCompressed().held).toBe(keptCompressed().bytes);
    const before = deflateCount();
    stream([third]);
    expect(deflateCount(), 'the newest is kept').toBe(before);
    stream([first]);
    expect(deflateCount(), 'the oldest was let go').toBe(before + 1);
  });
});
