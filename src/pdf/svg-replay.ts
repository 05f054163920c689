/**
 * Drawing a chart's SVG (svg-to-pdfkit, inside pdfmake) took more time than anything else pdfmake
 * draws: about 10 ms of a warm build and 50 ms of a cold one, nearly all of it svg-to-pdfkit building
 * and styling its element tree, for the same chart at the same place in build after build. What it
 * does to the document is a short list of pdfkit calls, recorded here the first time as a tape and
 * replayed after that, in memory and from the cache folder (cache.ts).
 *
 * A tape holds only what is the same in every document: pdfkit's drawing calls with their numbers,
 * and the text it set, by font and text rather than by what depends on the document (the font's id
 * there, and the subset's glyph numbers, which depend on what the document set before): replaying
 * sets the text again, through pdfkit, and writes the new numbers. svg-to-pdfkit reads the document
 * while drawing; a tape is kept only when every read was one this file knows to be the same in
 * every document. A drawing that reads or calls anything else (a gradient, a mask, a link, an image)
 * is drawn by svg-to-pdfkit every time, as before. One read depends on the document: the characters
 * the subset has for a glyph, as pdfkit keeps those of its first use, and svg-to-pdfkit counts them to
 * place the next glyph. A tape keeps each glyph's own count, and is replayed only into a document
 * whose earlier text gives the same counts (fits); else the chart is drawn. A replay writes what the
 * drawing would have written, byte for byte.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dependencyVersion, packageVersion, readSync, writeSync } from '../cache.js';
import { FONT_FILES, fontBytes, type FontStyle } from '../fonts.js';
import { PDFMAKE_VERSION } from './pdfmake-internals.js';

const require = createRequire(import.meta.url);

/** Changes when the stored form, or what a tape may hold, changes. */
const FORMAT = 'svg-tape 3';
/** Tapes kept in memory before they start afresh: a few charts' worth. */
const MAX_KEPT = 32;

/** pdfkit's drawing calls a tape may hold: each returns the document and takes only numbers and names (see `isArgument`). */
const CALLS = new Set([
  'save', 'restore', 'transform', 'translate', 'scale', 'rotate',
  'moveTo', 'lineTo', 'bezierCurveTo', 'quadraticCurveTo', 'closePath', 'rect', 'circle', 'ellipse',
  'fill', 'stroke', 'fillAndStroke', 'clip',
  'fillColor', 'strokeColor', 'fillOpacity', 'strokeOpacity', 'opacity',
  'lineWidth', 'lineCap', 'lineJoin', 'miterLimit', 'dash', 'undash',
]); // prettier-ignore
/** The embedded font's constants that svg-to-pdfkit reads to set text (and `unicode`, read per glyph set). */
const FONT_READS = new Set(['bbox', 'scale', 'ascender', 'descender', 'unicode', 'id']);

type Plain = number | string | boolean | null | Plain[] | { [key: string]: Plain };
type Argument = number | string | boolean | (number | string)[] | Record<string, number | boolean>;

/** One step of a tape. Fonts are named by their id in the recorded document. */
export type Op =
  | ['call', string, Argument[]]
  | ['font', string, boolean, boolean, string, string] // family, bold, italic; recorded id; the callback's font
  // font, text; per glyph: its number in the recorded document, its id in the font, its characters' count
  | ['encode', string, string, string[], number[], number[]]
  | ['pageFont', string] // the font in the page's resources
  | ['Tf', string, string] // font, size
  | ['TJ', string, string] // font, the glyph run with the recorded document's numbers
  | ['content', string] // BT, ET, Tm, Tr: nothing the document numbers
  | ['saveFill']
  | ['restoreFill'];

interface EmbeddedFont {
  id: string;
  encode(text: string): [string[], unknown[]];
  layout(text: string): { glyphs: { codePoints: number[] }[] };
  ref(): unknown;
  /** The subset: font glyph ids by number, numbers by font glyph id. */
  subset: { glyphs: number[]; mapping: Record<number, number | undefined> };
  /** The characters of each glyph number, from the glyph's first use in the document. */
  unicode: (number[] | undefined)[];
}

export interface Doc {
  _font: EmbeddedFont;
  /** pdfkit's fonts opened in the document, by the name it was given (the font callback's file). */
  _fontFamilies?: Record<string, EmbeddedFont | undefined>;
  _fillColor: unknown;
  page: { fonts: Record<string, unknown> };
  font(src: unknown): Doc;
  addContent(data: string): Doc;
  [method: string]: unknown;
}

type FontCallback = (family: string, bold: boolean, italic: boolean, options: object) => unknown;
export interface SvgOptions {
  fontCallback?: FontCallback;
  [option: string]: unknown;
}
export type SvgToPdf = (doc: Doc, svg: unknown, x: number, y: number, options: SvgOptions) => void;

const NAME = /^[#\w-]+$/;
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && !Object.is(v, -0);
/** An argument of a drawing call: a number, a name (a colour, a line cap) or a list or record of them. */
const isArgument = (v: unknown): v is Argument =>
  finite(v) ||
  typeof v === 'boolean' ||
  (typeof v === 'string' && NAME.test(v)) ||
  (Array.isArray(v) && v.every((e) => finite(e) || (typeof e === 'string' && NAME.test(e)))) ||
  (typeof v === 'object' &&
    v !== null &&
    Object.getPrototypeOf(v) === Object.prototype &&
    Object.values(v).every((e) => finite(e) || typeof e === 'boolean'));

const isPlain = (v: unknown): v is Plain =>
  v === null ||
  typeof v === 'string' ||
  typeof v === 'boolean' ||
  finite(v) ||
  (Array.isArray(v) && v.every(isPlain)) ||
  (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype && Object.values(v).every(isPlain));

const NUMBER = '-?\\d+(?:\\.\\d+)?(?:e[+-]?\\d+)?';
const GLYPHS = /<([0-9a-f]*)>/g;
const TF = new RegExp(`^/(\\S+) (${NUMBER}) Tf$`);
const TJ = new RegExp(`^\\[<(?:[0-9a-f]{4})+> ${NUMBER}(?: <(?:[0-9a-f]{4})+> ${NUMBER})*\\] TJ$`);
const CONTENT = new RegExp(`^(?:BT|ET|(?:${NUMBER} ){6}Tm|[0-3] Tr)$`);

/**
 * Draws through a recording stand-in for the document: every call and read passes to the real
 * document, so the drawing is svg-to-pdfkit's own, and what it did is written down as it goes.
 */
export function record(draw: SvgToPdf, doc: Doc, svg: string, x: number, y: number, options: SvgOptions): Op[] | null {
  const ops: Op[] = [];
  let failure: string | null = null;
  const fail = (why: string) => {
    failure ??= why;
  };
  // The fonts it chose, both ways: a font's id in this document, and the font of an id.
  const ids = new Map<EmbeddedFont, string>();
  const byId = new Map<string, EmbeddedFont>();
  const encoded = new Map<string, Set<string>>();
  let chosen: { value: unknown; args: [string, boolean, boolean] } | null = null;
  let fill: unknown;
  const fontProxies = new Map<EmbeddedFont, EmbeddedFont>();
  const fontProxy = (font: EmbeddedFont): EmbeddedFont => {
    const id = ids.get(font);
    if (id === undefined) {
      fail('a font it did not choose');
      return font;
    }
    let proxy = fontProxies.get(font);
    if (!proxy) {
      proxy = new Proxy(font, {
        get(target, key) {
          if (key === 'encode')
            return (text: unknown) => {
              const out = target.encode(text as string);
              if (typeof text !== 'string') fail('encode of a non-string');
              else {
                const numbers = out[0].map((h) => parseInt(h, 16));
                // The count svg-to-pdfkit reads is the glyph's first use's; kept only where it is this text's own.
                const own = target.layout(text).glyphs.map((g) => g.codePoints.length);
                const seen = numbers.map((n) => target.unicode[n]?.length);
                if (own.length !== seen.length || own.some((n, i) => n !== seen[i]))
                  fail('a glyph used for other text');
                ops.push(['encode', id, text, [...out[0]], numbers.map((n) => target.subset.glyphs[n]!), own]);
              }
              for (const h of out[0]) encoded.get(id)!.add(h);
              return out;
            };
          // `ref` is allowed for the page's resources only: the page fonts' stand-in checks that.
          if (key === 'ref') return () => target.ref();
          if (typeof key !== 'string' || !FONT_READS.has(key)) fail(`font.${String(key)}`);
          return Reflect.get(target, key, target) as unknown;
        },
        set: (target, key, value) => (fail(`font.${String(key)} written`), Reflect.set(target, key, value, target)),
      });
      fontProxies.set(font, proxy);
    }
    return proxy;
  };
  const pageFonts = (fonts: Record<string, unknown>) =>
    new Proxy(fonts, {
      get(target, key) {
        const font = typeof key === 'string' ? byId.get(key) : undefined;
        if (!font) fail(`page font ${String(key)}`);
        else ops.push(['pageFont', key as string]);
        return Reflect.get(target, key, target) as unknown;
      },
      set(target, key, value) {
        const font = typeof key === 'string' ? byId.get(key) : undefined;
        if (!font || value !== font.ref()) fail(`page font ${String(key)} set`);
        return Reflect.set(target, key, value, target);
      },
      ownKeys: (target) => (fail('page fonts listed'), Reflect.ownKeys(target)),
    });
  const page = (real: Doc['page']) =>
    new Proxy(real, {
      get(target, key) {
        if (key === 'fonts') return pageFonts(target.fonts);
        fail(`page.${String(key)}`);
        return Reflect.get(target, key, target) as unknown;
      },
      set: (target, key, value) => (fail(`page.${String(key)} written`), Reflect.set(target, key, value, target)),
    });
  let textFont: string | null = null;
  const addContent = (data: unknown) => {
    const text = String(data);
    const tf = TF.exec(text);
    if (tf && byId.has(tf[1]!)) {
      textFont = tf[1]!;
      ops.push(['Tf', tf[1]!, tf[2]!]);
    } else if (TJ.test(text) && textFont) {
      const known = encoded.get(textFont)!;
      for (const [, run] of text.matchAll(GLYPHS))
        for (let i = 0; i < run!.length; i += 4)
          if (!known.has(run!.slice(i, i + 4))) fail('a glyph it did not encode');
      ops.push(['TJ', textFont, text]);
    } else if (CONTENT.test(text)) ops.push(['content', text]);
    else fail(`content ${text.slice(0, 20)}`);
    doc.addContent(text);
    return proxy;
  };
  const proxy: Doc = new Proxy(doc, {
    get(target, key) {
      if (key === 'addContent') return addContent;
      if (key === 'font')
        return (src: unknown) => {
          if (!chosen || chosen.value !== src || typeof src !== 'string') fail('a font not named by the font callback');
          target.font(src);
          const id = target._font.id;
          ids.set(target._font, id);
          byId.set(id, target._font);
          if (!encoded.has(id)) encoded.set(id, new Set());
          if (chosen) ops.push(['font', ...chosen.args, id, String(src)]);
          chosen = null;
          return proxy;
        };
      if (key === '_font') return fontProxy(target._font);
      if (key === 'page') return page(target.page);
      if (key === '_fillColor') {
        fill = target._fillColor;
        ops.push(['saveFill']);
        return fill;
      }
      const value = Reflect.get(target, key, target) as unknown;
      if (typeof value !== 'function') {
        fail(`doc.${String(key)}`);
        return value;
      }
      return (...args: unknown[]) => {
        const out = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (typeof key !== 'string' || !CALLS.has(key) || out !== target) fail(`doc.${String(key)}()`);
        else if (!args.every(isArgument)) fail(`doc.${key}() with arguments a tape cannot hold`);
        else ops.push(['call', key, args]);
        return out === target ? proxy : out;
      };
    },
    set(target, key, value) {
      if (key === '_fillColor' && value === fill) ops.push(['restoreFill']);
      else fail(`doc.${String(key)} written`);
      return Reflect.set(target, key, value, target);
    },
  });
  const fontCallback: FontCallback = (family, bold, italic, fontOptions) => {
    const value = options.fontCallback!(family, bold, italic, fontOptions);
    if (typeof family !== 'string' || typeof bold !== 'boolean' || typeof italic !== 'boolean') fail('font callback');
    // A faux bold or italic is the callback's answer too, which `fits` does not ask again.
    const faux = fontOptions as { fauxBold?: boolean; fauxItalic?: boolean };
    if (faux.fauxBold || faux.fauxItalic) fail('a faux font');
    chosen = { value, args: [family, bold, italic] };
    return value;
  };
  // svg-to-pdfkit's own default for a warning, which a tape would not repeat: such a drawing is not kept.
  const warningCallback = (text: string) => {
    fail('a warning');
    console.warn(text);
  };
  draw(proxy, svg, x, y, { ...options, ...(options.fontCallback ? { fontCallback } : {}), warningCallback });
  return failure === null ? ops : null;
}

/**
 * Whether the tape replays into `doc` as svg-to-pdfkit would draw there: the document's font
 * callback names the fonts the tape was recorded with (other fonts would set the text elsewhere),
 * and each glyph the document has already used stands for as many characters as in the tape.
 */
export function fits(ops: readonly Op[], doc: Doc, options: SvgOptions): boolean {
  const open = new Map<string, EmbeddedFont | undefined>();
  const counts = new Map<string, Map<number, number>>();
  for (const op of ops) {
    if (op[0] === 'font') {
      const [, family, bold, italic, id, file] = op;
      if (options.fontCallback?.(family, bold, italic, { fauxItalic: false, fauxBold: false }) !== file) return false;
      open.set(id, doc._fontFamilies?.[file]);
      if (!counts.has(id)) counts.set(id, new Map());
    } else if (op[0] === 'encode') {
      const [, id, , , glyphs, own] = op;
      const font = open.get(id);
      const known = counts.get(id)!;
      for (const [i, glyph] of glyphs.entries()) {
        const number = font?.subset.mapping[glyph];
        const count = known.get(glyph) ?? (number === undefined ? undefined : font!.unicode[number]?.length);
        if (count !== undefined && count !== own[i]) return false;
        known.set(glyph, own[i]!);
      }
    }
  }
  return true;
}

/** Does again to `doc` what the tape recorded, with the document's own font ids and glyph numbers. */
export function replay(ops: readonly Op[], doc: Doc): void {
  const fonts = new Map<string, EmbeddedFont>();
  const glyphs = new Map<string, Map<string, string>>();
  let fill: unknown;
  for (const op of ops) {
    switch (op[0]) {
      case 'call': {
        const [, method, args] = op;
        (doc[method] as (...a: unknown[]) => unknown).apply(doc, args);
        break;
      }
      case 'font': {
        const [, , , , id, file] = op;
        doc.font(file);
        fonts.set(id, doc._font);
        if (!glyphs.has(id)) glyphs.set(id, new Map());
        break;
      }
      case 'encode': {
        const [, id, text, recorded] = op;
        const [now] = fonts.get(id)!.encode(text);
        const map = glyphs.get(id)!;
        recorded.forEach((was, i) => map.set(was, now[i]!));
        break;
      }
      case 'pageFont': {
        const font = fonts.get(op[1])!;
        if (!doc.page.fonts[font.id]) doc.page.fonts[font.id] = font.ref();
        break;
      }
      case 'Tf':
        doc.addContent(`/${fonts.get(op[1])!.id} ${op[2]} Tf`);
        break;
      case 'TJ': {
        const map = glyphs.get(op[1])!;
        doc.addContent(op[2].replace(GLYPHS, (_, run: string) => `<${run.replace(/.{4}/g, (h) => map.get(h)!)}>`));
        break;
      }
      case 'content':
        doc.addContent(op[1]);
        break;
      case 'saveFill':
        fill = doc._fillColor;
        break;
      case 'restoreFill':
        doc._fillColor = fill;
        break;
    }
  }
}

const str = (v: unknown): v is string => typeof v === 'string';
const bool = (v: unknown): v is boolean => typeof v === 'boolean';
const counts = (v: unknown, min: number): v is number[] =>
  Array.isArray(v) && v.every((n) => Number.isSafeInteger(n) && (n as number) >= min);
const SIZE = new RegExp(`^${NUMBER}$`);

/**
 * A tape as read from the cache folder, checked step by step against what `record` writes: calls
 * only of the drawing methods above with numbers and names, text content only in the forms
 * svg-to-pdfkit writes, each font named before its use and each glyph run only of glyphs its text
 * was given. Anything else is no tape. This guards against a damaged entry; the cache folder is the
 * project's own (its `ajv` entries are code that runs).
 */
export function parseTape(data: Buffer | null): Op[] | null {
  if (!data) return null;
  let ops: unknown;
  try {
    ops = JSON.parse(data.toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(ops)) return null;
  // The glyph numbers each font's text was given, which its glyph runs may use.
  const fonts = new Map<string, Set<string>>();
  const known = (id: unknown): id is string => str(id) && fonts.has(id);
  let savedFill = false;
  const step = (op: unknown[]): boolean => {
    const [kind, a, b, c, d, e] = op;
    switch (kind) {
      case 'call':
        return op.length === 3 && str(a) && CALLS.has(a) && Array.isArray(b) && b.every(isArgument);
      case 'font':
        if (!(op.length === 6 && str(a) && bool(b) && bool(c) && str(d) && str(e))) return false;
        if (!fonts.has(d)) fonts.set(d, new Set());
        return true;
      case 'encode': {
        const ok =
          op.length === 6 &&
          known(a) &&
          str(b) &&
          Array.isArray(c) &&
          c.every((g) => str(g) && /^[0-9a-f]{4}$/.test(g)) &&
          counts(d, 0) &&
          counts(e, 1) &&
          d.length === c.length &&
          e.length === c.length;
        if (ok) for (const g of c as string[]) fonts.get(a)!.add(g);
        return ok;
      }
      case 'pageFont':
        return op.length === 2 && known(a);
      case 'Tf':
        return op.length === 3 && known(a) && str(b) && SIZE.test(b);
      case 'TJ':
        return (
          op.length === 3 &&
          known(a) &&
          str(b) &&
          TJ.test(b) &&
          [...b.matchAll(GLYPHS)].every(([, run]) => (run!.match(/.{4}/g) ?? []).every((h) => fonts.get(a)!.has(h)))
        );
      case 'content':
        return op.length === 2 && str(a) && CONTENT.test(a);
      case 'saveFill':
        savedFill = true;
        return op.length === 1;
      case 'restoreFill':
        return op.length === 1 && savedFill;
      default:
        return false;
    }
  };
  return (ops as unknown[]).every((op) => Array.isArray(op) && step(op)) ? (ops as Op[]) : null;
}

/**
 * What a tape depends on besides the SVG, its place and options: svg-to-pdfkit's code (pdfmake's
 * version), pdfkit and fontkit beneath it, and the font files, whose metrics placed the text (one
 * digest of them, taken once). Null when the font files cannot be read: tapes are then kept in
 * memory only.
 */
let sources: string[] | null | undefined;
function tapeSources(): string[] | null {
  if (sources === undefined) {
    try {
      const fonts = createHash('sha256');
      for (const style of Object.keys(FONT_FILES)) fonts.update(fontBytes(style as FontStyle));
      sources = [
        FORMAT,
        PDFMAKE_VERSION,
        dependencyVersion('pdfkit', require.resolve('pdfmake')).version,
        packageVersion('fontkit'),
        fonts.digest('hex'),
      ];
    } catch {
      sources = null;
    }
  }
  return sources;
}

/**
 * svg-to-pdfkit's `draw`, recording each drawing it can and replaying it after that: from memory,
 * else from the cache folder, else recorded as svg-to-pdfkit draws it.
 */
export function replaying(draw: SvgToPdf): SvgToPdf {
  const tapes = new Map<string, Op[] | null>();
  return (doc, svg, x, y, options) => {
    const rest = Object.fromEntries(Object.entries(options).filter(([k]) => k !== 'fontCallback'));
    // Only what a tape's key can name is recorded: SVG text, a place, plain options, pdfmake's font callback.
    if (typeof svg !== 'string' || !options.fontCallback || !isPlain(rest) || !isPlain([x, y]))
      return draw(doc, svg, x, y, options);
    const place = JSON.stringify([x, y, rest]);
    const key = `${place}\u0000${svg}`;
    const kept = tapes.get(key);
    if (kept === null) return draw(doc, svg, x, y, options); // not recordable
    const where = tapeSources();
    const stored = kept ?? (where && parseTape(readSync('svg-tape', [...where, place, svg])));
    let tape: Op[] | null;
    if (stored && fits(stored, doc, options)) replay((tape = stored), doc);
    else {
      const made = record(draw, doc, svg, x, y, options);
      if (made && where) writeSync('svg-tape', [...where, place, svg], Buffer.from(JSON.stringify(made)));
      // A tape that did not fit this document may fit the next: kept unless this one recorded anew.
      tape = made ?? stored ?? null;
    }
    if (tapes.size >= MAX_KEPT && !tapes.has(key)) tapes.clear();
    tapes.set(key, tape);
  };
}

let installed = false;

/** Replaces svg-to-pdfkit, as pdfmake's renderer calls it, with the replaying one. */
export function installSvgReplay(): void {
  if (installed) return;
  installed = true;
  // pdfmake's Renderer reads this module's `default` each time it draws an SVG.
  const module = require('pdfmake/js/3rd-party/svg-to-pdfkit.js') as { default: SvgToPdf };
  module.default = replaying(module.default);
}
