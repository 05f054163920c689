/** Golden files: readable forms of the outputs, checked in under tests/golden/ and reviewed as diffs. */
import { createHash } from 'node:crypto';
import type { DocumentModel } from '../../src/model/types.js';

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** The document model as JSON, with chart SVG replaced by its size and digest (the SVG is checked elsewhere). */
export function modelJson(model: DocumentModel): string {
  return `${JSON.stringify(model, (key, value: unknown) => (key === 'svg' && typeof value === 'string' ? `<svg ${value.length} chars, sha256 ${digest(value)}>` : value), 2)}\n`;
}

/**
 * The HTML edition with its stylesheet (the embedded fonts and templates/edition.css, which is
 * reviewed as its own file) replaced by its size and digest, so the golden shows the page itself.
 */
export function htmlGolden(html: string): string {
  return html.replace(
    /<style>\n([\s\S]*?)\n<\/style>/,
    (_, css: string) =>
      `<style>\n/* fonts and templates/edition.css: ${css.length} chars, sha256 ${digest(css)} */\n</style>`,
  );
}
