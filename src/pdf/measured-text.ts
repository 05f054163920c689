/**
 * Measured text, kept for the life of the process. pdfmake cuts every text of every document into
 * words, resolves each word's style and measures it (TextInlines.buildInlines): a fifth of a report's
 * PDF, done again for every paragraph at every build of a resident process and in every handout
 * that repeats the report's words. A text's words depend only on its runs, the style in force where
 * it stands and the font files its fonts name, so they are kept under a key made of the first two,
 * and handed out as fresh copies, each with the font of the document asking, as long as that font
 * is the same file.
 *
 * A text is kept only when its key says all there is: runs of plain values (no `_` references to
 * other nodes, as page references and contents entries carry), and a style in force whose values
 * are plain too. Anything else is measured as pdfmake measures it.
 */
import { Bounded } from '../bounded.js';
import { fontArguments, parsedFontNumber } from './fonts.js';
import { keyOf, plainValue } from './measured-text-key.js';
import { pdfmakeInternals, wrapMethod, type StyleContextStack } from './pdfmake-internals.js';

type Word = Record<string, unknown> & { font: unknown };

interface Measured {
  items: Word[];
  minWidth: number;
  maxWidth: number;
}

/** A word's property that holds the reference found at `ref` among its text's runs. */
interface Place {
  word: number;
  property: string;
  ref: number;
}

type Copier = (word: Word) => Word;

interface Kept {
  /** The words, each without its font. */
  words: Word[];
  /** The function that copies each word (one per set of properties). */
  copiers: Copier[];
  /** provideFont's arguments for each font, in the order the words first use them. */
  fonts: unknown[][];
  /** The number of each font's file (its parsed font): another document may map the arguments to another. */
  files: number[];
  /** The index into `fonts` of each word's font. */
  fontOf: Uint8Array;
  /** Where the words carry one of their runs' references. */
  places: Place[];
  minWidth: number;
  maxWidth: number;
}

interface MeasuringDocument {
  provideFont(...args: unknown[]): unknown;
}

interface TextInlines {
  pdfDocument: MeasuringDocument;
  buildInlines(this: TextInlines, text: unknown, stack: StyleContextStack): Measured;
}

/**
 * Words kept in all before the oldest texts are let go: about 20 MB (a kept word takes some 400
 * bytes), where a 19-page report and its handouts keep 5,800.
 */
export const MAX_KEPT_WORDS = 50_000;

const kept = new Bounded<Kept>(MAX_KEPT_WORDS, (text) => text.words.length);
let asked = 0;
let found = 0;

/** Texts asked for and found kept since the process started, and what is kept: for tests and the bench. */
export const measuredTextStats = () => ({ asked, found, texts: kept.size.count, words: kept.size.total });

/** The words kept (without fonts or references): for tests. */
export function* keptWords(): Generator<Readonly<Record<string, unknown>>> {
  for (const text of kept.values()) yield* text.words;
}

const copiers = new Map<string, Copier>();
/** Past this many sets of properties (words carry a handful), words are copied by a spread. */
const MAX_COPIERS = 256;
const spread: Copier = (word) => ({ ...word });

/**
 * A function that copies words with the properties of `word`, in its order, written as one object
 * literal. Words come in a handful of sets of properties; a spread copying all of them at one place
 * in the code costs V8 a call into its runtime for every word (a fifth of a build's measuring), a
 * literal a few stores into an object allocated whole. The names are written as JSON strings, which
 * are JavaScript string literals, so no name can be read as code.
 */
function copierOf(word: Word): Copier {
  const keys = Object.keys(word);
  const id = JSON.stringify(keys);
  let copier = copiers.get(id);
  if (!copier) {
    // In a literal, `__proto__` would set the copy's prototype; computed names, which would not,
    // make V8 build each copy a property at a time (four times the memory of a literal's).
    if (copiers.size >= MAX_COPIERS || keys.includes('__proto__')) return spread;
    const fields = keys.map((key) => `${JSON.stringify(key)}: word[${JSON.stringify(key)}]`);
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- names only, each a JSON string literal (above)
    copier = new Function('word', `return { ${fields.join(', ')} };`) as Copier;
    copiers.set(id, copier);
  }
  return copier;
}

/** The number of the parsed font (the file) a document's font measures with. */
function fileOf(font: unknown): number | null {
  const file = (font as { font?: unknown } | null)?.font;
  return typeof file === 'object' && file !== null ? parsedFontNumber(file) : null;
}

function keep(key: string, measured: Measured, refs: readonly object[]): void {
  const fonts: unknown[] = [];
  const args: unknown[][] = [];
  const fileList: number[] = [];
  const fontOf = new Uint8Array(measured.items.length);
  const words = new Array<Word>(measured.items.length);
  const places: Place[] = [];
  const wordCopiers = new Array<Copier>(measured.items.length);
  for (let i = 0; i < measured.items.length; i++) {
    const word = measured.items[i]!;
    // Properties under symbols would be copied without a key to tell them by.
    if (Object.getOwnPropertySymbols(word).length) return;
    let index = fonts.indexOf(word.font);
    if (index < 0) {
      const provided = fontArguments(word.font);
      const file = fileOf(word.font);
      // A font not provided through provideFont, or more fonts than a text can be told by: not kept.
      if (!provided || file === null || fonts.length === 255) return;
      index = fonts.push(word.font) - 1;
      args.push(provided);
      fileList.push(file);
    }
    fontOf[i] = index;
    // Without the font, which belongs to the document (and its subset), nor the runs' references:
    // what a build made must not be kept alive by the next.
    const copy: Word = { ...word, font: null };
    for (const property in copy) {
      const value = copy[property];
      if (property === 'font' || plainValue(value)) continue;
      const ref = refs.indexOf(value as object);
      if (ref < 0) return;
      places.push({ word: i, property, ref });
      copy[property] = null;
    }
    wordCopiers[i] = copierOf(copy);
    // Kept as the copier makes words: its loads then meet one shape.
    words[i] = wordCopiers[i]!(copy);
  }
  kept.set(key, {
    words,
    copiers: wordCopiers,
    fonts: args,
    files: fileList,
    fontOf,
    places,
    minWidth: measured.minWidth,
    maxWidth: measured.maxWidth,
  });
}

/**
 * Fresh copies of kept words, with the asking document's fonts, provided in the order measuring
 * would provide them (a document numbers its fonts as they are first asked for), and the asking
 * text's references. Null when the document's fonts are other files than the words were measured
 * with: the text is then measured afresh.
 */
function copies(entry: Kept, doc: MeasuringDocument, refs: readonly object[]): Measured | null {
  const fonts = entry.fonts.map((args) => doc.provideFont(...args));
  for (let i = 0; i < fonts.length; i++) if (fileOf(fonts[i]) !== entry.files[i]) return null;
  const items = new Array<Word>(entry.words.length);
  for (let i = 0; i < items.length; i++) {
    const word = entry.copiers[i]!(entry.words[i]!);
    word.font = fonts[entry.fontOf[i]!];
    items[i] = word;
  }
  for (const { word, property, ref } of entry.places) items[word]![property] = refs[ref];
  return { items, minWidth: entry.minWidth, maxWidth: entry.maxWidth };
}

let installed = false;

export function installMeasuredTextCache(): void {
  if (installed) return;
  installed = true;
  const TextInlinesClass = pdfmakeInternals.textInlines();
  wrapMethod(
    TextInlinesClass.prototype as unknown as TextInlines,
    'buildInlines',
    (original) =>
      function (this: TextInlines, text, stack) {
        asked++;
        const refs: object[] = [];
        const key = keyOf(text, stack, refs);
        if (key === null) return original.call(this, text, stack);
        const entry = kept.get(key);
        const copied = entry ? copies(entry, this.pdfDocument, refs) : null;
        if (copied) {
          found++;
          return copied;
        }
        const measured = original.call(this, text, stack);
        keep(key, measured, refs);
        return measured;
      },
  );
}
