/**
 * pdfmake draws a line of text word by word, and pdfkit writes each word as a text object of its
 * own: opacity, fill colour, a no-op fill, a saved state, a flipped matrix, BT, a text matrix, the
 * font, one TJ, ET and a restore — about twelve operators and 170 bytes for every word of the
 * report. Here the words of one line that share font, size, baseline, colour and opacity are
 * written as one text object: one TJ, the gap before each word a TJ adjustment. The glyphs land
 * where pdfkit would put them (to a few millionths of a point), and the content stream is a third of the
 * size, with far less for pdfkit to build and for zlib to compress.
 *
 * Only the plain words pdfmake's Renderer.renderLine draws are merged; anything else pdfkit's text
 * does (links, destinations, font features, character spacing, glyph offsets) takes pdfkit's own
 * path. A run is written before anything else is added to the page, and at the end of each line,
 * so the order of the content stream is kept. The wrapped pdfkit methods are fingerprinted in
 * tests/unit/pdf/pdfmake-internals.
 */
import { internalPrototype, pdfkitDocumentPrototype, wrapMethod } from './pdfmake-internals.js';

/** pdfkit's embedded font, as far as a run needs it. */
interface RunFont {
  id: string;
  ascender: number;
  ref(): unknown;
  encode(text: string): [string[], { xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number }[]];
}

/** pdfkit's PDFDocument, as far as the runs need it. */
export interface TextDocument {
  page: { height: number; fonts: Record<string, unknown> };
  x: number;
  y: number;
  _font: RunFont;
  _fontSize: number;
  _textOptions: unknown;
  _wrapper: unknown;
  addContent(this: TextDocument, data: string): TextDocument;
  text(this: TextDocument, text: unknown, x?: unknown, y?: unknown, options?: unknown): TextDocument;
  opacity(this: TextDocument, opacity: unknown, rule?: unknown): TextDocument;
  fill(this: TextDocument, color?: unknown, rule?: unknown): TextDocument;
  fillColor(this: TextDocument, color: unknown): TextDocument;
  save(this: TextDocument): TextDocument;
  restore(this: TextDocument): TextDocument;
  transform(this: TextDocument, ...matrix: number[]): TextDocument;
}

/** The words of a line gathered into one TJ, not yet written. */
interface Run {
  font: RunFont;
  size: number;
  /** The text matrix's origin, in PDF space (y up). */
  x: number;
  y: number;
  /** Where the pen stands after the last glyph, in pdfkit's space (y down). */
  end: number;
  /** Finished segments of the TJ array: `<glyphs> adjustment`. */
  done: string[];
  /** Glyphs of the segment being gathered. */
  hex: string;
  /** The adjustment due after `hex`, in thousandths of the size (TJ's unit). */
  due: number;
}

/** The line being drawn: the fill colour and opacity it last set, and its open run. */
interface LineState {
  opacity: unknown;
  color: unknown;
  run: Run | null;
}

/** The line being drawn, and its document; rendering is synchronous, so one at a time. */
let drawing: { doc: TextDocument; state: LineState } | null = null;
const lineOf = (doc: TextDocument): LineState | undefined =>
  drawing !== null && drawing.doc === doc ? drawing.state : undefined;

/** pdfkit's number format in content streams (PDFObject.number). */
const number = (n: number): number => Math.round(n * 1e6) / 1e6;

/** The options pdfmake's renderLine gives a plain word; anything more goes pdfkit's own way. */
const PLAIN_OPTIONS = new Set(['lineBreak', 'textWidth', 'characterSpacing', 'wordCount', 'link']);

function plain(doc: TextDocument, text: unknown, options: unknown): options is Record<string, unknown> {
  if (typeof text !== 'string' || text.length === 0 || text.includes('\n')) return false;
  if (doc._textOptions || doc._wrapper || !options || typeof options !== 'object') return false;
  const o = options as Record<string, unknown>;
  for (const key in o) if (!PLAIN_OPTIONS.has(key)) return false;
  return o.lineBreak === false && o.link == null && !o.characterSpacing;
}

/** Writes the run as pdfkit writes a word: its own state, text object and font. */
function writeRun(doc: TextDocument, state: LineState): void {
  const run = state.run!;
  state.run = null;
  const items = run.done.length ? `${run.done.join(' ')} <${run.hex}>` : `<${run.hex}>`;
  doc.save();
  doc.transform(1, 0, 0, -1, 0, doc.page.height);
  doc.addContent('BT');
  doc.addContent(`1 0 0 1 ${number(run.x)} ${number(run.y)} Tm`);
  doc.addContent(`/${run.font.id} ${number(run.size)} Tf`);
  doc.addContent(`[${items}] TJ`);
  doc.addContent('ET');
  doc.restore();
}

/**
 * A word as it goes into a TJ: its glyph ids, in parts split where the font kerns inside it, and the
 * adjustment (in TJ's thousandths of the size) between each part and the next.
 */
interface Word {
  parts: string[];
  adjusts: number[];
  /** The adjustment due after the last glyph, before whatever follows. */
  tail: number;
  /** The pen's advance over the word, in thousandths of the size. */
  advance: number;
}

/** A fontkit glyph, as far as pdfkit's encode reads it. */
interface Glyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

/**
 * A word as the font shapes it, the same in every document: its glyphs, where its parts start,
 * and its adjustments. Null when it has glyphs pdfkit places one by one (marks with offsets).
 */
interface Shape {
  glyphs: Glyph[];
  /** The index of the first glyph of each part after the first. */
  starts: number[];
  adjusts: number[];
  tail: number;
  advance: number;
}

/** pdfkit's embedded font, as far as encoding a word goes (see its EmbeddedFont.encode). */
type WordFont = RunFont & {
  font: object;
  scale: number;
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
  layout(text: string): {
    glyphs: Glyph[];
    positions: { xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number }[];
  };
  [WORDS]?: Map<string, Word | null>;
};
const WORDS = Symbol('encoded words');

/** Words shaped, by the parsed font (shared by every document) and their text. */
const shapes = new WeakMap<object, Map<string, Shape | null>>();
/** Words shaped per font before the cache starts afresh, so a resident process stays bounded. */
const MAX_SHAPES = 100_000;

function shapeOf(font: WordFont, text: string): Shape | null {
  let known = shapes.get(font.font);
  if (!known || known.size >= MAX_SHAPES) shapes.set(font.font, (known = new Map<string, Shape | null>()));
  const shape = known.get(text);
  if (shape !== undefined) return shape;
  const { glyphs, positions } = font.layout(text);
  const made: Shape = { glyphs, starts: [], adjusts: [], tail: 0, advance: 0 };
  for (let i = 0; i < glyphs.length; i++) {
    const p = positions[i]!;
    if (p.xOffset || p.yOffset) {
      known.set(text, null);
      return null;
    }
    const due = number(made.tail);
    if (i > 0 && due !== 0) {
      made.starts.push(i);
      made.adjusts.push(due);
    }
    made.tail = -(p.xAdvance - p.advanceWidth);
    made.advance += p.xAdvance;
  }
  known.set(text, made);
  return made;
}

/**
 * The word as pdfkit's _fragment would encode it; null when it has glyphs pdfkit places one by one.
 * Its shape is the font's, kept for every document; its glyph ids are the document's own subset's,
 * so each word is encoded once a document, numbering its glyphs in the subset, and noting their widths
 * and characters, as pdfkit's EmbeddedFont.encode does.
 */
function encodeWord(font: WordFont, text: string): Word | null {
  let words = font[WORDS];
  if (!words) font[WORDS] = words = new Map();
  const word = words.get(text);
  if (word !== undefined) return word;
  if (!font.subset || typeof font.layout !== 'function') {
    // Not a font embedded from a file (one of pdfkit's standard fonts): pdfkit draws its words.
    words.set(text, null);
    return null;
  }
  const shape = shapeOf(font, text);
  if (!shape) {
    // pdfkit draws it; its glyphs join the subset now, as when the word was first encoded.
    font.encode(text);
    words.set(text, null);
    return null;
  }
  const made: Word = { parts: [], adjusts: shape.adjusts, tail: shape.tail, advance: shape.advance };
  let part = '';
  let next = 0;
  for (let i = 0; i < shape.glyphs.length; i++) {
    const glyph = shape.glyphs[i]!;
    if (i === shape.starts[next]) {
      made.parts.push(part);
      part = '';
      next++;
    }
    const gid = font.subset.includeGlyph(glyph.id);
    part += HEX[gid] ?? `0000${gid.toString(16)}`.slice(-4);
    if (font.widths[gid] == null) font.widths[gid] = glyph.advanceWidth * font.scale;
    if (font.unicode[gid] == null) font.unicode[gid] = glyph.codePoints;
  }
  made.parts.push(part);
  words.set(text, made);
  return made;
}

/** Four hex digits of the first subset ids, as pdfkit writes a glyph id. */
const HEX = Array.from({ length: 4096 }, (_, gid) => `0000${gid.toString(16)}`.slice(-4));

/**
 * Adds a plain word to the line's run, starting a new one where font, size or baseline change.
 * False when pdfkit must draw the word itself.
 */
function addWord(doc: TextDocument, state: LineState, text: string, x: number, y: number): boolean {
  const font = doc._font;
  const size = doc._fontSize;
  const word = encodeWord(font as WordFont, text);
  if (!word) return false;
  const baseline = doc.page.height - y - (font.ascender / 1000) * size;
  let run = state.run;
  if (run && (run.font !== font || run.size !== size || run.y !== baseline)) {
    writeRun(doc, state);
    run = null;
  }
  if (!run) {
    if (doc.page.fonts[font.id] == null) doc.page.fonts[font.id] = font.ref();
    run = { font, size, x, y: baseline, end: x, done: [], hex: '', due: 0 };
    state.run = run;
  } else {
    // The gap between where the last word left the pen and where pdfmake puts this one.
    run.due -= ((x - run.end) * 1000) / size;
    run.end = x;
  }
  const due = number(run.due);
  if (due !== 0 && run.hex) {
    run.done.push(`<${run.hex}> ${due}`);
    run.hex = '';
  }
  run.hex += word.parts[0];
  for (let i = 1; i < word.parts.length; i++) {
    run.done.push(`<${run.hex}> ${word.adjusts[i - 1]}`);
    run.hex = word.parts[i]!;
  }
  run.due = word.tail;
  run.end += (word.advance * size) / 1000;
  doc.x = run.end;
  doc.y = y;
  return true;
}

let merging = true;

/**
 * Draws with pdfkit's own text, one text object a word, for as long as `draw` runs: the reference
 * the runs are compared with in tests.
 */
export async function drawnWordByWord<T>(draw: () => Promise<T>): Promise<T> {
  merging = false;
  try {
    return await draw();
  } finally {
    merging = true;
  }
}

let installed = false;

/** What pdfkit's fill takes as a colour, not as the winding rule it also accepts first. */
const isColour = (value: unknown) =>
  value != null && !(typeof value === 'string' && /(even-?odd)|(non-?zero)/.test(value));

export function installTextRunPatch(): void {
  if (installed) return;
  installed = true;
  const prototype = pdfkitDocumentPrototype() as unknown as TextDocument;
  wrapMethod(
    prototype,
    'addContent',
    (addContent) =>
      function (this: TextDocument, data) {
        const state = lineOf(this);
        if (state?.run) writeRun(this, state);
        return addContent.call(this, data);
      },
  );
  wrapMethod(
    prototype,
    'text',
    (text) =>
      function (this: TextDocument, str, x, y, options) {
        const state = lineOf(this);
        if (state && typeof x === 'number' && typeof y === 'number' && plain(this, str, options)) {
          if (addWord(this, state, str as string, x, y)) return this;
        }
        if (state?.run) writeRun(this, state);
        return text.call(this, str, x, y, options);
      },
  );
  // While a run is open nothing else has been drawn since its words: the opacity and colour they
  // were set with still hold, and setting them again is skipped. pdfmake sets a word's colour with
  // `fill(colour)`, which also paints the current path: there is none (a decoration's rectangle is
  // painted before), so pdfkit writes an `f` with no path, which ISO 32000 does not allow outside a
  // path object. Inside a line, a colour given to `fill` is set with `fillColor`, and nothing painted.
  for (const [method, field] of [
    ['opacity', 'opacity'],
    ['fill', 'color'],
  ] as const) {
    wrapMethod(
      prototype,
      method,
      (set) =>
        function (this: TextDocument, value: unknown, rule?: unknown) {
          const state = lineOf(this);
          if (!state) return set.call(this, value, rule);
          if (state.run && rule === undefined && typeof value !== 'object' && state[field] === value) return this;
          if (state.run) writeRun(this, state);
          state[field] = value;
          if (method === 'fill' && isColour(value) && rule === undefined) return this.fillColor(value);
          return set.call(this, value, rule);
        },
    );
  }

  const renderer = internalPrototype('Renderer') as {
    renderLine: (this: { pdfDocument: TextDocument }, ...args: unknown[]) => unknown;
  };
  wrapMethod(
    renderer,
    'renderLine',
    (renderLine) =>
      function (this: { pdfDocument: TextDocument }, ...args: unknown[]) {
        if (!merging) return renderLine.apply(this, args);
        const doc = this.pdfDocument;
        const state: LineState = { opacity: undefined, color: undefined, run: null };
        const outer = drawing;
        drawing = { doc, state };
        try {
          return renderLine.apply(this, args);
        } finally {
          if (state.run) writeRun(doc, state);
          drawing = outer;
        }
      },
  );
}
