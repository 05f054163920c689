/**
 * qpdf, which .ci/run installs: `--check` for the file's structure, and `--json=2` for its objects —
 * the catalog, the outline (bookmarks), named destinations and link annotations.
 */
import { spawnSync } from 'node:child_process';

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('qpdf', args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const error: NodeJS.ErrnoException | undefined = result.error;
  if (error?.code === 'ENOENT') {
    throw new Error('qpdf is not installed; install it (apt-get install qpdf)');
  }
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `qpdf --check`: exit status 0 is clean, 2 errors, 3 warnings. */
export function qpdfCheck(file: string) {
  return run(['--check', file]);
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Dict = { [key: string]: Json };

const isDict = (v: Json | undefined): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);
const isRef = (v: Json | undefined): boolean => typeof v === 'string' && /^\d+ \d+ R$/.test(v);

/**
 * A PDF string as qpdf's JSON v2 writes it: `u:` and UTF-8 text, or `b:` and hex bytes (UTF-16BE
 * with a byte-order mark, else PDFDocEncoding, read here as Latin-1).
 */
export function pdfString(value: Json | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.startsWith('u:')) return value.slice(2);
  if (!value.startsWith('b:')) return undefined;
  const bytes = Buffer.from(value.slice(2), 'hex');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le');
  return bytes.toString('latin1');
}

export interface OutlineItem {
  title: string;
  /** 1-based page the bookmark opens, or null if its destination is not a page of this document. */
  page: number | null;
  /** How the page is shown: the destination after its page, e.g. `['/XYZ', left, top, zoom]` or `['/Fit']`. */
  view: Json[];
  kids: OutlineItem[];
}

export interface LinkAnnotation {
  /** 1-based page the link is on. */
  page: number;
  /** A named destination, an explicit page (1-based, null if not a page of this document), or a URI. */
  target: { name: string } | { page: number | null } | { uri: string } | { other: string };
}

export interface PdfStructure {
  catalog: Dict;
  pageCount: number;
  outline: OutlineItem[];
  /** Named destinations (both the /Names tree and the old /Dests dictionary) → 1-based page, or null. */
  destinations: Map<string, number | null>;
  links: LinkAnnotation[];
  /** Resolves an indirect reference, and passes anything else through. */
  resolve(value: Json | undefined): Json | undefined;
}

interface QpdfJson {
  pages: { object: string; pageposfrom1: number }[];
  outlines: QpdfOutline[];
  qpdf: [unknown, Record<string, { value?: Json; stream?: { dict: Dict } }>];
}
interface QpdfOutline {
  title: string;
  dest: Json;
  destpageposfrom1: number | null;
  kids: QpdfOutline[];
}

export function readPdf(file: string): PdfStructure {
  const { status, stdout, stderr } = run([
    '--json=2',
    '--json-key=pages',
    '--json-key=outlines',
    '--json-key=qpdf',
    file,
  ]);
  if (status !== 0) throw new Error(`qpdf --json failed on ${file}: ${stderr}`);
  const json = JSON.parse(stdout) as QpdfJson;
  const objects = json.qpdf[1];
  const resolve = (value: Json | undefined): Json | undefined => {
    if (!isRef(value)) return value;
    const object = objects[`obj:${value as string}`];
    return object?.value ?? object?.stream?.dict;
  };
  const pageOf = new Map(json.pages.map((p) => [p.object, p.pageposfrom1]));
  /** The page of an explicit destination: `[page /XYZ …]` or `<< /D [page …] >>`. */
  const destPage = (dest: Json | undefined): number | null => {
    const d = resolve(dest);
    const array = Array.isArray(d) ? d : isDict(d) ? resolve(d['/D']) : undefined;
    return Array.isArray(array) && isRef(array[0]) ? (pageOf.get(array[0] as string) ?? null) : null;
  };

  const catalog = resolve(objects.trailer?.value && (objects.trailer.value as Dict)['/Root']);
  if (!isDict(catalog)) throw new Error(`${file} has no catalog`);

  const destinations = new Map<string, number | null>();
  const walkNameTree = (node: Json | undefined, seen = new Set<Json>()) => {
    const n = resolve(node);
    if (!isDict(n) || seen.has(n)) return;
    seen.add(n);
    const names = resolve(n['/Names']);
    if (Array.isArray(names)) {
      for (let i = 0; i + 1 < names.length; i += 2) {
        const name = pdfString(names[i]);
        if (name !== undefined) destinations.set(name, destPage(names[i + 1]));
      }
    }
    const kids = resolve(n['/Kids']);
    if (Array.isArray(kids)) for (const kid of kids) walkNameTree(kid, seen);
  };
  const namesDict = resolve(catalog['/Names']);
  if (isDict(namesDict)) walkNameTree(namesDict['/Dests']);
  const oldDests = resolve(catalog['/Dests']);
  if (isDict(oldDests))
    for (const [key, dest] of Object.entries(oldDests)) destinations.set(key.slice(1), destPage(dest));

  const links: LinkAnnotation[] = [];
  for (const { object, pageposfrom1: page } of json.pages) {
    const pageDict = resolve(object);
    const annots = isDict(pageDict) ? resolve(pageDict['/Annots']) : undefined;
    for (const ref of Array.isArray(annots) ? annots : []) {
      const annot = resolve(ref);
      if (!isDict(annot) || annot['/Subtype'] !== '/Link') continue;
      const action = resolve(annot['/A']);
      const dest = isDict(action) && action['/S'] === '/GoTo' ? resolve(action['/D']) : resolve(annot['/Dest']);
      if (isDict(action) && action['/S'] === '/URI') {
        links.push({ page, target: { uri: pdfString(resolve(action['/URI'])) ?? '' } });
      } else if (typeof dest === 'string' && !isRef(dest)) {
        // A named destination is a string; an old-style one is a name (`/id`).
        links.push({ page, target: { name: pdfString(dest) ?? dest.replace(/^\//, '') } });
      } else if (dest !== undefined) {
        links.push({ page, target: { page: destPage(dest) } });
      } else {
        links.push({ page, target: { other: JSON.stringify(action ?? annot) } });
      }
    }
  }

  const outline = (items: QpdfOutline[]): OutlineItem[] =>
    items.map((o) => {
      const dest = resolve(o.dest);
      const array = isDict(dest) ? resolve(dest['/D']) : dest;
      return {
        title: o.title,
        page: o.destpageposfrom1,
        view: Array.isArray(array) ? array.slice(1) : [],
        kids: outline(o.kids),
      };
    });

  return {
    catalog,
    pageCount: json.pages.length,
    outline: outline(json.outlines),
    destinations,
    links,
    resolve,
  };
}

/** Each page's content stream, uncompressed (qpdf's QDF form marks each with `%% Contents for page N`). */
export function contentStreams(file: string): string[] {
  const { status, stdout, stderr } = run(['--qdf', '--object-streams=disable', file, '-']);
  if (status !== 0 && status !== 3) throw new Error(`qpdf --qdf failed on ${file}: ${stderr}`);
  return [
    ...stdout.matchAll(/%% Contents for page \d+\n(?:%%[^\n]*\n)*\d+ 0 obj\n[\s\S]*?\nstream\n([\s\S]*?)\nendstream/g),
  ].map((m) => m[1]!);
}

/** Operators of a content stream, with their operands dropped (strings, names, numbers, arrays, dictionaries). */
export function contentOperators(stream: string): string[] {
  const token =
    /<<|>>|\[|\]|<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\)|\/[^\s/[\]()<>{}%]*|[+-]?(?:\d+\.?\d*|\.\d+)|[A-Za-z'"*]+|%[^\n]*/g;
  return (stream.match(token) ?? []).filter((t) => /^[A-Za-z'"*]/.test(t));
}

/**
 * Path-painting operators (`f`, `S`, `n`, …) given where no path is being built: ISO 32000 allows
 * them only to end a path object that `m` or `re` began. Returns the operator and its place.
 */
export function paintingWithoutPath(operators: readonly string[]): { operator: string; index: number }[] {
  const begins = new Set(['m', 're']);
  const paints = new Set(['f', 'F', 'f*', 'S', 's', 'B', 'B*', 'b', 'b*', 'n']);
  const found: { operator: string; index: number }[] = [];
  let inPath = false;
  for (const [index, operator] of operators.entries()) {
    if (begins.has(operator)) inPath = true;
    else if (paints.has(operator)) {
      if (!inPath) found.push({ operator, index });
      inPath = false;
    }
  }
  return found;
}
