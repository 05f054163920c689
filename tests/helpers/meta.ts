/** A document's metadata for unit tests of the writers: an invented force, overridden per test. */
import type { DocumentMeta, DocumentModel } from '../../src/model/types.js';

export function testMeta(overrides: Partial<DocumentMeta> = {}): DocumentMeta {
  return {
    kind: 'report',
    title: 'Example Constabulary — Test inspection',
    force: 'Example Constabulary',
    reportTitle: 'Test inspection',
    heading: 'Test inspection',
    date: 'May 2015',
    published: '2015-05',
    publisher: 'Inspectorate',
    author: 'An author',
    subject: 'A subject',
    language: 'cy-GB',
    licence: 'Licence',
    runningTitle: 'Example Constabulary — Test inspection',
    source: null,
    fullReportHref: null,
    ...overrides,
  };
}

/** The smallest document: one line of text, no cover, no contents (for tests that only need pdfmake to run). */
export function oneLineDocument(): DocumentModel {
  return {
    meta: testMeta(),
    cover: false,
    contents: false,
    blocks: [{ type: 'paragraph', content: [{ type: 'text', text: 'A line of text.', marks: [] }] }],
    footnotes: [],
  };
}
