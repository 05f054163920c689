/**
 * pdfkit writes each drawing operator of a page as a Buffer of its own (thousands a page), and joins
 * them when the page's stream ends. Here the text written to a stream is gathered as a string and
 * turned into bytes once, when bytes are next written or the stream ends: the same bytes in the same
 * order, with far less allocation. The methods are fingerprinted in tests/unit/pdf/pdfmake-internals.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { Bounded } from '../bounded.js';
import { pdfkitDocumentPrototype, wrapMethod } from './pdfmake-internals.js';

const PENDING = Symbol('pending text');

/** pdfkit's PDFReference (an indirect object with a stream), as far as this needs it. */
export interface PdfReference {
  buffer: Uint8Array[];
  document: { _security?: unknown };
  data: { Length?: number; Filter?: string };
  compress: boolean;
  uncompressedLength: number;
  write: (this: PdfReference, chunk: unknown) => void;
  finalize: (this: PdfReference) => void;
}

type Gathering = PdfReference & { [PENDING]?: string };

/** PDFReference's prototype: pdfkit does not export the class, but any document's `ref()` makes one. */
export function pdfReferencePrototype(): PdfReference {
  const ref = pdfkitDocumentPrototype().ref as (this: object) => object;
  // A stand-in document: making a reference only numbers it.
  return Object.getPrototypeOf(ref.call({ _offsets: [], _waiting: 0 })) as PdfReference;
}

function flush(ref: Gathering): void {
  const text = ref[PENDING];
  if (text) {
    ref[PENDING] = undefined;
    ref.buffer.push(Buffer.from(text, 'binary'));
  }
}

/** Compressed streams kept, by their bytes' digest, up to this many compressed bytes in all. */
export const MAX_KEPT_BYTES = 16 * 1024 * 1024;
const kept = new Bounded<Buffer>(MAX_KEPT_BYTES, (data) => data.length);
let deflations = 0;

/**
 * zlib's deflate of a stream's bytes, as pdfkit calls it. Most of a document's streams (its pages'
 * drawing, its font subsets) come out the same in the next build of a resident process, and in the
 * other documents that share them: each is compressed once. The oldest are let go past the bound.
 */
function compressed(bytes: Buffer): Buffer {
  const key = createHash('sha256').update(bytes).digest('base64');
  const hit = kept.get(key);
  if (hit) return hit;
  // zlib hands back a short stream as a slice of a larger buffer: keep a copy of its own size, so
  // that the bound counts what is held.
  const deflated = deflateSync(bytes);
  let made = deflated;
  if (deflated.length !== deflated.buffer.byteLength) {
    made = Buffer.allocUnsafeSlow(deflated.length);
    deflated.copy(made);
  }
  deflations++;
  kept.set(key, made);
  return made;
}

/** Streams compressed so far in this thread, and the memory their kept results hold (for tests). */
export const deflateCount = (): number => deflations;

export function keptCompressed(): { bytes: number; held: number } {
  let held = 0;
  for (const data of kept.values()) held += data.buffer.byteLength;
  return { bytes: kept.size.total, held };
}

let installed = false;

export function installStreamPatch(): void {
  if (installed) return;
  installed = true;
  const prototype = pdfReferencePrototype();
  wrapMethod(
    prototype,
    'write',
    (write) =>
      function (this: Gathering, chunk: unknown) {
        if (chunk instanceof Uint8Array) {
          flush(this);
          write.call(this, chunk);
          return;
        }
        // As pdfkit counts it: a 'binary' string is one byte a character, and a line ends each chunk.
        const text = (chunk as string) + '\n';
        this[PENDING] = (this[PENDING] ?? '') + text;
        this.uncompressedLength += text.length;
        this.data.Length = (this.data.Length ?? 0) + text.length;
        if (this.compress) this.data.Filter = 'FlateDecode';
      },
  );
  wrapMethod(
    prototype,
    'finalize',
    (finalize) =>
      function (this: Gathering) {
        flush(this);
        if (!this.compress || this.buffer.length === 0 || this.document._security) {
          finalize.call(this);
          return;
        }
        // Compressed here, as pdfkit would, or taken from an earlier stream of the same bytes; pdfkit
        // then writes it as it is, its Filter already set.
        this.buffer = [compressed(Buffer.concat(this.buffer))];
        this.compress = false;
        try {
          finalize.call(this);
        } finally {
          this.compress = true;
        }
      },
  );
}
