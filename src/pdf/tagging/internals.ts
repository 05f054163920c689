/**
 * The pdfmake and pdfkit internals the tagging layer wraps, typed, beside those footnotes and
 * bookmarks wrap (../pdfmake-internals.ts, whose pinned version this shares). They are not public
 * API: `missingInternals()` (run before patching) names any that is missing, and
 * tests/unit/pdf/tagging.test.ts fails, naming it, when the source of any of them changes.
 */
import { createRequire } from 'node:module';
import { PDFMAKE_VERSION } from '../pdfmake-internals.js';

const require = createRequire(import.meta.url);

/** An indirect object of pdfkit (PDFReference). */
export interface PdfRef {
  data: Record<string, unknown>;
  end(): void;
}

export interface PdfKitPage {
  dictionary: PdfRef;
  annotations: PdfRef[];
  height: number;
}

/** The parts of pdfkit's PDFDocument the layer uses. */
export interface PdfKitDocument {
  page: PdfKitPage;
  info: Record<string, unknown>;
  options: { lang?: string };
  text: (this: PdfKitDocument, text: string, x: number, y: number, options: Record<string, unknown>) => unknown;
  addPage: (this: PdfKitDocument, ...args: unknown[]) => unknown;
  markStructureContent: (this: PdfKitDocument, tag: string) => { refs: { mcid: number }[] };
  markContent: (this: PdfKitDocument, tag: string, options?: Record<string, unknown> | null) => unknown;
  endMarkedContent: (this: PdfKitDocument) => unknown;
  annotate: (
    this: PdfKitDocument,
    x: number,
    y: number,
    w: number,
    h: number,
    options: Record<string, unknown>,
  ) => unknown;
  ref: (this: PdfKitDocument, data: Record<string, unknown>) => PdfRef;
  createStructParentTreeNextKey: (this: PdfKitDocument) => number;
  getStructTreeRoot: (this: PdfKitDocument) => PdfRef;
  getStructParentTree(): { get(key: number): unknown[] | undefined; add(key: number, value: unknown): void };
  appendXML: (this: PdfKitDocument, xml: string, newline?: boolean) => void;
  _addInfo: (this: PdfKitDocument) => void;
}

/** A laid-out text run of pdfmake (one word, usually). */
export interface Inline {
  text: string;
  x: number;
  width: number;
  height: number;
  [key: string]: unknown;
}

export interface Line {
  inlines: Inline[];
}

export interface Vector {
  [key: string]: unknown;
}

export interface SvgItem {
  x: number;
  y: number;
  _width: number;
  _height: number;
  [key: string]: unknown;
}

export interface LaidOutPage {
  items: { type: string; item: Record<string, unknown> }[];
}

export interface RendererPrototype {
  renderPages: (this: Renderer, pages: LaidOutPage[]) => void;
  renderLine: (this: Renderer, line: Line, x: number, y: number, ...rest: unknown[]) => void;
  renderVector: (this: Renderer, vector: Vector) => void;
  renderSVG: (this: Renderer, svg: SvgItem) => void;
  renderImage: (this: Renderer, image: Record<string, unknown>) => void;
}

export interface Renderer extends RendererPrototype {
  pdfDocument: PdfKitDocument;
}

export interface TextDecoratorPrototype {
  drawBackground: (this: unknown, line: Line, x: number, y: number) => void;
  drawDecorations: (this: unknown, line: Line, x: number, y: number) => void;
}

export interface ListNode {
  ul?: ListItem[];
  ol?: ListItem[];
}
export interface ListItem {
  listMarker?: { canvas?: Vector[]; _inlines?: Inline[] };
  [key: string]: unknown;
}

export interface TextNode {
  _inlines?: Inline[];
  [key: string]: unknown;
}

export interface DocMeasurePrototype {
  measureLeaf: (this: unknown, node: TextNode) => TextNode;
  measureUnorderedList: (this: unknown, node: ListNode) => ListNode;
  measureOrderedList: (this: unknown, node: ListNode) => ListNode;
}

interface Internals {
  Renderer: RendererPrototype;
  TextDecorator: TextDecoratorPrototype;
  DocMeasure: DocMeasurePrototype;
}

export const TAGGING_WRAPPED: { [K in keyof Internals]: (keyof Internals[K])[] } = {
  Renderer: ['renderPages', 'renderLine', 'renderVector', 'renderSVG', 'renderImage'],
  TextDecorator: ['drawBackground', 'drawDecorations'],
  DocMeasure: ['measureLeaf', 'measureUnorderedList', 'measureOrderedList'],
};

const PDFKIT_METHODS = [
  'markStructureContent',
  'markContent',
  'endMarkedContent',
  'annotate',
  'createStructParentTreeNextKey',
  'getStructTreeRoot',
  'getStructParentTree',
  'appendXML',
  '_addInfo',
];

export const prototypeOf = (module: string): Record<string, unknown> | undefined =>
  (require(`pdfmake/js/${module}.js`) as { default?: { prototype?: Record<string, unknown> } }).default?.prototype;

export function internals(): Internals {
  return {
    Renderer: prototypeOf('Renderer') as unknown as RendererPrototype,
    TextDecorator: prototypeOf('TextDecorator') as unknown as TextDecoratorPrototype,
    DocMeasure: prototypeOf('DocMeasure') as unknown as DocMeasurePrototype,
  };
}

/** Every internal the layer relies on that the installed pdfmake lacks, by name; empty when all is well. */
export function missingInternals(): string[] {
  const missing: string[] = [];
  const version = (require('pdfmake/package.json') as { version: string }).version;
  if (version !== PDFMAKE_VERSION) missing.push(`pdfmake ${PDFMAKE_VERSION} (installed: ${version})`);
  for (const [module, methods] of Object.entries(TAGGING_WRAPPED) as [keyof Internals, string[]][]) {
    const prototype = prototypeOf(module);
    for (const method of methods) {
      if (typeof prototype?.[method] !== 'function')
        missing.push(`pdfmake/js/${module}.js ${module}.prototype.${method}`);
    }
  }
  const pdfkit = (require('pdfkit') as { prototype?: Record<string, unknown> }).prototype;
  for (const method of PDFKIT_METHODS) {
    if (typeof pdfkit?.[method] !== 'function') missing.push(`pdfkit PDFDocument.prototype.${method}`);
  }
  return missing;
}
