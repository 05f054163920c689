/**
 * Reads a tagged PDF the way assistive technology does: the structure tree from the objects
 * (qpdf --json), the text of each piece of marked content (pdfjs-dist), and the page content
 * streams, to find text drawn outside any marked content and marked content with no owner.
 */
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { type Json, pdfString } from './qpdf.js';

type Dict = { [key: string]: Json };
const isDict = (v: Json | undefined): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);
const isRef = (v: Json | undefined): v is string => typeof v === 'string' && /^\d+ \d+ R$/.test(v);

export interface Element {
  role: string;
  /** The element's /ID, if any. */
  id?: string;
  alt?: string;
  actualText?: string;
  /** The /Scope of a table header cell: `Row` or `Column`. */
  scope?: string;
  /** Marked content owned directly: 1-based page and MCID. */
  content: { page: number; mcid: number }[];
  /** Link annotations owned (OBJR), as their dictionaries. */
  annotations: Dict[];
  kids: Element[];
  /** All text of the element and its descendants, in tree order, whitespace collapsed. */
  text: string;
}

export interface PageContent {
  /** Text-showing operators (Tj, TJ, ', ") drawn outside any marked-content sequence. */
  looseText: number;
  /** Text-showing operators inside an Artifact sequence, and inside a Pagination artifact. */
  artifactText: number;
  paginationText: number;
  /** MCIDs drawn on the page, and those the ParentTree maps to no structure element. */
  mcids: number[];
  orphans: number[];
}

export interface TaggedPdf {
  catalog: Dict;
  root: Element;
  pages: PageContent[];
  /** Every link annotation of every page, with its 1-based page. */
  linkAnnotations: { page: number; annotation: Dict }[];
  /** The XMP metadata packet. */
  xmp: string;
  /** Each page's /Tabs entry. */
  tabs: Json[];
  /** Resolves an indirect reference, and passes anything else through. */
  resolve(value: Json | undefined): Json | undefined;
  /** Elements in tree order. */
  all(role?: string): Element[];
}

interface QpdfJson {
  pages: { object: string }[];
  qpdf: [unknown, Record<string, { value?: Json; stream?: { dict: Dict; data?: string } }>];
}

/** The text of each MCID on each page (1-based), from pdfjs-dist. */
async function markedText(file: string): Promise<Map<string, string>> {
  const data = new Uint8Array(await readFile(file));
  const doc = await getDocument({ data, isEvalSupported: false, useSystemFonts: false }).promise;
  const texts = new Map<string, string>();
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent({ includeMarkedContent: true });
      const open: (string | null)[] = [];
      for (const item of content.items) {
        if ('type' in item) {
          if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') {
            const mcid = typeof item.id === 'string' ? /_mc(\d+)$/.exec(item.id)?.[1] : undefined;
            open.push(mcid === undefined ? null : `${p}:${mcid}`);
          } else if (item.type === 'endMarkedContent') open.pop();
          continue;
        }
        const key = open.findLast((k) => k !== null);
        if (key) texts.set(key, (texts.get(key) ?? '') + item.str + (item.hasEOL ? ' ' : ''));
      }
    }
  } finally {
    await doc.destroy();
  }
  return texts;
}

/** Splits a content stream into operators, skipping strings, names, numbers and dictionaries. */
function operators(stream: string): string[] {
  const ops: string[] = [];
  let i = 0;
  while (i < stream.length) {
    const c = stream[i]!;
    if (c === '(') {
      let depth = 0;
      for (; i < stream.length; i++) {
        if (stream[i] === '\\') i++;
        else if (stream[i] === '(') depth++;
        else if (stream[i] === ')' && --depth === 0) break;
      }
      i++;
    } else if (c === '<' && stream[i + 1] !== '<') {
      i = stream.indexOf('>', i) + 1;
    } else if (c === '%') {
      i = stream.indexOf('\n', i) + 1 || stream.length;
    } else if (/[A-Za-z'"*]/.test(c)) {
      const m = /^[A-Za-z'"*0-9]+/.exec(stream.slice(i, i + 16))!;
      ops.push(m[0]);
      i += m[0].length;
    } else if (c === '/') {
      i += /^\/[^\s/<>[\]()]*/.exec(stream.slice(i))![0].length;
    } else i++;
  }
  return ops;
}

function scanPage(stream: string, parents: (Json | undefined)[]): PageContent {
  const stack: string[] = [];
  const page: PageContent = { looseText: 0, artifactText: 0, paginationText: 0, mcids: [], orphans: [] };
  const tokens = operators(stream);
  // The operand of BDC/BMC we need: the tag, and an MCID if any; read both from the raw text.
  const marks = [...stream.matchAll(/\/(\w+)\s*(<<[^>]*>>|\/\w+)?\s*(BDC|BMC)/g)];
  const opened = tokens.filter((op) => op === 'BDC' || op === 'BMC').length;
  if (opened !== marks.length) throw new Error(`read ${marks.length} of ${opened} marked-content operators`);
  let markIndex = 0;
  for (const op of tokens) {
    if (op === 'BDC' || op === 'BMC') {
      const m = marks[markIndex++]!;
      stack.push(/\/Type\s*\/Pagination/.test(m[2] ?? '') ? 'Pagination' : m[1]!);
      const mcid = /\/MCID\s+(\d+)/.exec(m[2] ?? '')?.[1];
      if (mcid !== undefined) {
        page.mcids.push(Number(mcid));
        if (!isRef(parents[Number(mcid)])) page.orphans.push(Number(mcid));
      }
    } else if (op === 'EMC') stack.pop();
    else if (op === 'Tj' || op === 'TJ' || op === "'" || op === '"') {
      if (stack.length === 0) page.looseText++;
      else if (stack.includes('Pagination')) page.paginationText++;
      else if (stack.includes('Artifact')) page.artifactText++;
    }
  }
  return page;
}

export async function readTagged(file: string): Promise<TaggedPdf> {
  const result = spawnSync(
    'qpdf',
    [
      '--json=2',
      '--json-key=pages',
      '--json-key=qpdf',
      '--json-stream-data=inline',
      '--decode-level=generalized',
      file,
    ],
    { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 },
  );
  if (result.status !== 0) throw new Error(`qpdf --json failed on ${file}: ${result.stderr}`);
  const json = JSON.parse(result.stdout) as QpdfJson;
  const objects = json.qpdf[1];
  const resolve = (v: Json | undefined): Json | undefined => {
    if (!isRef(v)) return v;
    const o = objects[`obj:${v}`];
    return o?.value ?? o?.stream?.dict;
  };
  const streamText = (ref: Json | undefined): string => {
    const refs = Array.isArray(resolve(ref)) ? (resolve(ref) as Json[]) : [ref];
    return refs
      .map((r) => objects[`obj:${r as string}`]?.stream?.data ?? '')
      .map((b64) => Buffer.from(b64, 'base64').toString('latin1'))
      .join('\n');
  };
  const pageIndex = new Map(json.pages.map((p, i) => [p.object, i + 1]));
  const catalog = resolve((objects.trailer!.value as Dict)['/Root']) as Dict;
  const texts = await markedText(file);

  const treeRoot = resolve(catalog['/StructTreeRoot']);
  const parentTree = new Map<number, Json>();
  const readNumberTree = (node: Json | undefined) => {
    const n = resolve(node);
    if (!isDict(n)) return;
    const nums = resolve(n['/Nums']);
    if (Array.isArray(nums))
      for (let i = 0; i + 1 < nums.length; i += 2) parentTree.set(nums[i] as number, nums[i + 1]!);
    const kids = resolve(n['/Kids']);
    if (Array.isArray(kids)) kids.forEach(readNumberTree);
  };
  if (isDict(treeRoot)) readNumberTree(treeRoot['/ParentTree']);

  const element = (ref: Json | undefined): Element | null => {
    const e = resolve(ref);
    if (!isDict(e) || typeof e['/S'] !== 'string') return null;
    const attributes = resolve(e['/A']);
    const out: Element = {
      role: e['/S'].slice(1),
      id: pdfString(resolve(e['/ID'])),
      alt: pdfString(resolve(e['/Alt'])),
      actualText: pdfString(resolve(e['/ActualText'])),
      scope: isDict(attributes) && typeof attributes['/Scope'] === 'string' ? attributes['/Scope'].slice(1) : undefined,
      content: [],
      annotations: [],
      kids: [],
      text: '',
    };
    const k = resolve(e['/K']);
    const parts: string[] = [];
    for (const kid of Array.isArray(k) ? k : k === undefined ? [] : [k]) {
      const d = resolve(kid);
      if (typeof d === 'number') {
        const page = pageIndex.get(e['/Pg'] as string)!;
        out.content.push({ page, mcid: d });
        parts.push(texts.get(`${page}:${d}`) ?? '');
      } else if (isDict(d) && d['/Type'] === '/MCR') {
        const page = pageIndex.get(d['/Pg'] as string)!;
        out.content.push({ page, mcid: d['/MCID'] as number });
        parts.push(texts.get(`${page}:${d['/MCID'] as number}`) ?? '');
      } else if (isDict(d) && d['/Type'] === '/OBJR') {
        out.annotations.push(resolve(d['/Obj']) as Dict);
      } else {
        const child = element(kid);
        if (child) {
          out.kids.push(child);
          parts.push(child.actualText ?? child.text);
        }
      }
    }
    out.text = parts.join(' ').replace(/\s+/g, ' ').trim();
    return out;
  };
  const rootKids = isDict(treeRoot) ? resolve(treeRoot['/K']) : undefined;
  const first = Array.isArray(rootKids) ? rootKids[0] : rootKids;
  const root = element(first) ?? { role: 'none', content: [], annotations: [], kids: [], text: '' };

  const pages: PageContent[] = [];
  const linkAnnotations: TaggedPdf['linkAnnotations'] = [];
  const tabs: Json[] = [];
  json.pages.forEach(({ object }, i) => {
    const page = resolve(object) as Dict;
    tabs.push(page['/Tabs'] ?? null);
    const key = page['/StructParents'];
    const parents = typeof key === 'number' ? resolve(parentTree.get(key)) : undefined;
    pages.push(scanPage(streamText(page['/Contents']), Array.isArray(parents) ? parents : []));
    const annots = resolve(page['/Annots']);
    for (const a of Array.isArray(annots) ? annots : []) {
      const annotation = resolve(a);
      if (isDict(annotation) && annotation['/Subtype'] === '/Link') linkAnnotations.push({ page: i + 1, annotation });
    }
  });

  const metadata = catalog['/Metadata'];
  const xmp = isRef(metadata)
    ? Buffer.from(objects[`obj:${metadata}`]?.stream?.data ?? '', 'base64').toString('utf8')
    : '';
  const all = (role?: string): Element[] => {
    const list: Element[] = [];
    const visit = (e: Element) => {
      if (!role || e.role === role) list.push(e);
      e.kids.forEach(visit);
    };
    visit(root);
    return list;
  };
  return { catalog, root, pages, linkAnnotations, xmp, tabs, resolve, all };
}

/** An element and everything under it, in tree order. */
export const descendants = (e: Element): Element[] => [e, ...e.kids.flatMap(descendants)];
