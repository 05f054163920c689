/**
 * The pdfmake internals this project wraps, typed, in one place. pdfmake has no per-page margins,
 * writes bookmarks without a position, never splits a paragraph by its own rule, cannot float a
 * figure and has no "(continued)" head, so footnotes.ts, outline.ts, paragraphs.ts, floats.ts and
 * continued.ts wrap a few of its classes' methods; for speed, styles.ts replaces its style lookup,
 * measure.ts its measuring of words, measured-text.ts keeps measured texts, lines.ts its line building (which asks
 * Line.hasEnoughSpaceForInline with fewer words), svg-replay.ts its SVG drawing, text-runs.ts
 * wraps renderLine, and colours.ts keeps what PDFDocument.resolveColor makes of a colour. They are
 * not public API: package.json pins pdfmake exactly, each internal is
 * checked here when loaded (a missing one fails naming itself), and tests/unit/pdf/pdfmake-internals
 * .test.ts fails, naming the internal, when an upgrade changes the source of any of them.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The version these internals were read from; package.json must pin the same. */
export const PDFMAKE_VERSION = '0.3.11';

/** A page as laid out, before headers and footers: its lines, whose inlines keep our own properties. */
export interface LaidOutPage {
  items: { type: string; item: { inlines?: Record<string | symbol, unknown>[] } }[];
}

/** `pdfmake/js/DocumentContext.js`: tracks the page being filled. */
export interface DocumentContext {
  /** The document's pageMargins object, as given in the definition. */
  pageMargins?: object;
  /** 0-based index of the page being filled. */
  page: number;
  availableHeight: number;
  initializePage: (this: DocumentContext) => void;
}

/** `pdfmake/js/LayoutBuilder.js`: lays out the document; adds headers and footers last. */
export interface LayoutBuilder {
  pageMargins?: object;
  writer: { context(): { pages: LaidOutPage[] } };
  addHeadersAndFooters: (this: LayoutBuilder, ...args: unknown[]) => unknown;
}

/** An item of pdfkit's outline (bookmarks), which pdfmake's renderer creates. */
export interface OutlineItem {
  outlineData: { Dest?: [{ data: { MediaBox: number[] } }, string, ...unknown[]] };
}

export interface Outline {
  addItem: (this: Outline, title: string, options?: object) => OutlineItem;
}

/** `pdfmake/js/Renderer.js`: draws laid-out lines into the pdfkit document. */
export interface Renderer {
  pdfDocument: { outline: Outline };
  renderLine: (this: Renderer, line: { _outline?: unknown }, x: number, y: number, ...rest: unknown[]) => unknown;
}

/** `pdfmake/js/StyleContextStack.js`: the styles in force where a node is measured (see styles.ts). */
export interface StyleContextStack {
  styleDictionary: Record<string, (Record<string, unknown> & { extends?: string | string[] }) | undefined>;
  defaultStyle?: Record<string, unknown>;
  styleOverrides?: (string | Record<string, unknown>)[];
  autopush(item: object): number;
  push: (this: StyleContextStack, item: string | Record<string, unknown>) => void;
  pop: (this: StyleContextStack, howMany?: number) => void;
  getProperty: (this: StyleContextStack, property: string) => unknown;
}

/** The class, with the static lookup pdfmake's measuring calls for every property of every run. */
export interface StyleContextStackClass extends Patchable<StyleContextStack> {
  getStyleProperty: (
    item: Record<string, unknown>,
    stack: StyleContextStack | undefined,
    property: string,
    defaultValue: unknown,
  ) => unknown;
}

/** `pdfmake/js/SVGMeasure.js`: reads an SVG's size, and writes the size it is laid out at into it. */
export interface SvgMeasure {
  measureSVG: (this: SvgMeasure, svg: unknown) => { width?: number; height?: number };
  writeDimensions: (this: SvgMeasure, svg: unknown, size: { width: number; height: number }) => unknown;
}

/** A class as far as a wrapper needs it: its prototype, whose methods may be replaced. */
export interface Patchable<T> {
  prototype: T;
}

/** The internals and the methods wrapped on each (or relied on as they are), for the loader's check and the guard test. */
export const WRAPPED = {
  DocumentContext: ['initializePage'],
  LayoutBuilder: ['addHeadersAndFooters', 'buildNextLine', 'processLeaf', 'processNode'],
  // Not wrapped: lines.ts calls it with only the words it reads.
  Line: ['hasEnoughSpaceForInline'],
  PageElementWriter: ['commitUnbreakableBlock', 'moveToNextPage'],
  Renderer: ['renderLine', 'renderPages'],
  StyleContextStack: ['getProperty', 'pop', 'push'],
  SVGMeasure: ['measureSVG', 'writeDimensions'],
  TextInlines: ['buildInlines', 'measure'],
} as const;

/** Static methods wrapped, by internal. */
export const WRAPPED_STATIC = { StyleContextStack: ['getStyleProperty'] } as const;

function load<T>(name: keyof typeof WRAPPED): Patchable<T> {
  const module = require(`pdfmake/js/${name}.js`) as { default?: { prototype?: Record<string, unknown> } };
  const prototype = module.default?.prototype;
  const statics: readonly string[] = name in WRAPPED_STATIC ? WRAPPED_STATIC[name as keyof typeof WRAPPED_STATIC] : [];
  for (const method of [...WRAPPED[name], ...statics]) {
    const owner = statics.includes(method) ? (module.default as Record<string, unknown> | undefined) : prototype;
    if (typeof owner?.[method] !== 'function') {
      throw new Error(
        `pdfmake internal ${name}.prototype.${method} is missing; src/pdf/pdfmake-internals.ts was written for pdfmake ${PDFMAKE_VERSION}`,
      );
    }
  }
  return module.default as Patchable<T>;
}

export const pdfmakeInternals = {
  documentContext: () => load<DocumentContext>('DocumentContext'),
  layoutBuilder: () => load<LayoutBuilder>('LayoutBuilder'),
  line: () => load<Record<string, unknown>>('Line'),
  renderer: () => load<Renderer>('Renderer'),
  pageElementWriter: () => load<Record<string, unknown>>('PageElementWriter'),
  styleContextStack: () => load<StyleContextStack>('StyleContextStack') as StyleContextStackClass,
  svgMeasure: () => load<SvgMeasure>('SVGMeasure'),
  textInlines: () => load<Record<string, unknown>>('TextInlines'),
};

/**
 * pdfkit's PDFDocument prototype (pdfmake's PDFDocument extends it), whose drawing methods text-runs
 * and the tagging layer wrap. Each is wrapped once, on the prototype: a method given to a document
 * and deleted again, with another property added in between, leaves V8 holding that document in its
 * slow dictionary mode for the rest of its drawing.
 */
export function pdfkitDocumentPrototype(): Record<string, unknown> {
  const PDFDocument = require(require.resolve('pdfkit', { paths: [require.resolve('pdfmake')] })) as {
    prototype: Record<string, unknown>;
  };
  return PDFDocument.prototype;
}

const ORIGINAL = Symbol('pdfmake original');

/**
 * Replaces a method on an internal's prototype with `wrap(original)`, keeping the original on the
 * replacement, so the guard test can still read pdfmake's own code after the wrappers are installed.
 */
export function wrapMethod<T extends object, K extends keyof T>(
  prototype: T,
  key: K,
  wrap: (original: T[K]) => T[K],
): void {
  const original = prototype[key];
  prototype[key] = Object.assign(wrap(original) as object, { [ORIGINAL]: original }) as T[K];
}

/** The method as pdfmake (or pdfkit) defines it, whether or not it has been wrapped. */
export function originalMethod(prototype: object, key: string): unknown {
  // Wrappers may be wrapped again (bookmarks and tagging both wrap Renderer.renderLine).
  let method = (prototype as Record<string, unknown>)[key];
  while ((method as { [ORIGINAL]?: unknown } | undefined)?.[ORIGINAL])
    method = (method as { [ORIGINAL]: unknown })[ORIGINAL];
  return method;
}

/**
 * The prototype of a pdfmake internal that the typesetting wrappers (paragraphs.ts, floats.ts,
 * continued.ts) extend, its wrapped methods checked as for the others. Each wrapper declares the
 * shape it relies on where it uses it.
 */
export function internalPrototype(name: 'LayoutBuilder' | 'PageElementWriter' | 'Renderer'): Record<string, unknown> {
  return load<Record<string, unknown>>(name).prototype;
}
