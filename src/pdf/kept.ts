/**
 * A long-lived process (`watch`, a build after a data correction) renders the same document model
 * again and again: a correction to one figure changes the report and one handout, and leaves the
 * other handouts as they were. The PDF is made from the model alone (fonts and layout are the
 * engine's), so a model this process has rendered before is served from memory: the bytes are the
 * ones rendering it again would give. The key is V8's serialization of the model, which tells apart
 * what JSON would merge (undefined and a missing property, -0, NaN, dates). It also tells apart how
 * V8 holds equal values (a sparse array and a dense one): a model built another way is rendered
 * again, never confused with another. The pipeline builds each model the same way every time.
 */
import { createHash } from 'node:crypto';
import { serialize } from 'node:v8';
import { Bounded } from '../bounded.js';
import type { DocumentModel } from '../model/types.js';

/** About forty reports' PDFs (a report with three questions makes five PDFs, some 220 KB): enough for any one watch. */
const MAX_KEPT_BYTES = 8 * 1024 * 1024;

/** The PDFs each renderer made, apart (a test may render with a stand-in). */
const keptBy = new WeakMap<object, Bounded<Buffer>>();

/** PDFs this process has rendered and served from memory (for tests and measurements). */
export const keptPdfCounts = { rendered: 0, reused: 0 };

function keyOf(model: DocumentModel): string | null {
  try {
    return createHash('sha256').update(serialize(model)).digest('hex');
  } catch {
    return null; // something V8 cannot serialize: rendered each time, never confused with another
  }
}

/** The model's PDF: rendered by `render`, or, for a model rendered before, a copy of those bytes. */
export async function keptPdf(
  model: DocumentModel,
  render: (model: DocumentModel) => Promise<Buffer>,
): Promise<Buffer> {
  let kept = keptBy.get(render);
  if (!kept) {
    kept = new Bounded<Buffer>(MAX_KEPT_BYTES, (pdf) => pdf.length);
    keptBy.set(render, kept);
  }
  const key = keyOf(model);
  const known = key === null ? undefined : kept.get(key);
  if (known) {
    keptPdfCounts.reused++;
    return Buffer.from(known);
  }
  keptPdfCounts.rendered++;
  const pdf = await render(model);
  if (key !== null) kept.set(key, Buffer.from(pdf));
  return pdf;
}
