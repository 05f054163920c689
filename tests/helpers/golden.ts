/** Golden files: readable forms of the outputs, checked in under tests/golden/ and reviewed as diffs. */
import { createHash } from 'node:crypto';
import type { DocumentModel } from '../../src/model/types.js';

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** The document model as JSON, with chart SVG replaced by its size and digest (the SVG is checked elsewhere). */
export function modelJson(model: DocumentModel): string {
  return `${JSON.stringify(model, (key, value) => (key === 'svg' && typeof value === 'string' ? `<svg ${value.length} chars, sha256 ${digest(value)}>` : value), 2)}\n`;
}

/** The HTML edition with the embedded font data replaced by its size, so the golden stays readable. */
export function htmlGolden(html: string): string {
  return html.replace(
    /url\(data:font\/woff2;base64,([A-Za-z0-9+/=]+)\)/g,
    (_, data: string) => `url(data:font/woff2;base64,<${data.length} chars, sha256 ${digest(data)}>)`,
  );
}
