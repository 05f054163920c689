/**
 * At render time: wraps pdfmake's drawing of each laid-out line, vector and chart in marked
 * content. What carries a structure element (stamped before layout, see stamp.ts) is marked as
 * its content; everything else — running header and footer, page numbers, rules, boxes, fills —
 * is an artifact. Links are drawn without pdfkit's annotation per word; one annotation per link
 * and line is written when its page is done, with /Contents and a /StructParent (see links.ts).
 *
 * The wrapped internals are pinned with pdfmake (see internals.ts). Documents that carry no
 * structure elements render exactly as before.
 */
import { type Inline, internals, missingInternals, type PdfKitDocument, type LaidOutPage } from './internals.js';
import { pdfkitDocumentPrototype, wrapMethod } from '../pdfmake-internals.js';
import { installTextRunPatch } from '../text-runs.js';
import { LABEL, PAGINATION, TAG } from './stamp.js';
import { StructElement, type TagTree } from './tree.js';
import { LinkWriter } from './links.js';
import { finishDocument } from './write.js';

/** The marking state of the document being rendered; rendering is synchronous, so one at a time. */
class Marker {
  page = -1;
  readonly pageRefs: unknown[] = [];
  readonly links: LinkWriter;
  private open: StructElement | string | null = null;

  constructor(
    readonly doc: PdfKitDocument,
    readonly tree: TagTree,
  ) {
    this.links = new LinkWriter(doc, tree, this.pageRefs);
  }

  /** Starts the marked content of `element`, or of an artifact; continues it if already open. */
  begin(element: StructElement | null, pagination = false): StructElement | null {
    const claimed = element && this.tree.claims(element, this.page) ? element : null;
    const key = claimed ?? (pagination ? 'Pagination' : 'artifact');
    if (this.open === key) return claimed;
    this.end();
    if (claimed) {
      const { mcid } = this.doc.markStructureContent(claimed.role).refs[0]!;
      this.tree.record(claimed, { page: this.page, mcid });
    } else {
      this.doc.markContent('Artifact', pagination ? { type: 'Pagination' } : null);
    }
    this.open = key;
    return claimed;
  }

  end(): void {
    if (this.open === null) return;
    this.doc.endMarkedContent();
    this.open = null;
  }

  /** Called before a page is added: its links are written while it is the current page. */
  endPage(): void {
    this.links.flush(this.page);
  }

  newPage(): void {
    this.page++;
    this.pageRefs.push(this.doc.page.dictionary);
  }
}

let marker: Marker | null = null;
/** The line being drawn and how many of its words have been; a word's text finds its inline here. */
let drawing: { line: { inlines: Inline[] }; index: number } | null = null;
let installed = false;

const tagOf = (item: Record<string, unknown> | undefined): StructElement | null => {
  const tag = item?.[TAG];
  return tag instanceof StructElement ? tag : null;
};

/** The tree of a laid-out document: found through any element stamped on its pages. */
function treeOf(pages: LaidOutPage[]): TagTree | null {
  for (const page of pages) {
    for (const { type, item } of page.items) {
      const found = type === 'line' ? (item.inlines as Inline[]).map(tagOf).find(Boolean) : tagOf(item);
      if (found) return rootTree(found);
    }
  }
  return null;
}

const trees = new WeakMap<StructElement, TagTree>();
/** Registers a tree so the renderer can find it from its document element. */
export function registerTree(tree: TagTree): void {
  trees.set(tree.root, tree);
}
function rootTree(element: StructElement): TagTree | null {
  let root = element;
  while (root.parent) root = root.parent;
  return trees.get(root) ?? null;
}

export function installTagging(): void {
  if (installed) return;
  const missing = missingInternals();
  if (missing.length) {
    throw new Error(`The tagged-PDF layer needs pdfmake internals that have changed: ${missing.join('; ')}`);
  }
  installed = true;
  // Words are marked before they join a run: the runs' text must be the inner one, wrapped first.
  installTextRunPatch();
  const { Renderer, TextDecorator, DocMeasure } = internals();
  const { renderPages, renderLine, renderVector, renderSVG, renderImage } = Renderer;

  wrapMethod(
    Renderer,
    'renderPages',
    () =>
      function (pages) {
        const tree = treeOf(pages);
        if (!tree) return renderPages.call(this, pages);
        const doc = this.pdfDocument;
        const m = new Marker(doc, tree);
        marker = m;
        try {
          renderPages.call(this, pages);
          m.endPage();
        } finally {
          marker = null;
        }
        finishDocument(doc, tree, m.pageRefs);
      },
  );

  // Wrapped on pdfkit's prototype, once: they act only while the marker's document is drawn.
  const pdfkit = pdfkitDocumentPrototype() as unknown as PdfKitDocument;
  const { addPage, text } = pdfkit;
  wrapMethod(
    pdfkit,
    'addPage',
    () =>
      function (this: PdfKitDocument, ...args: unknown[]) {
        const m = marker;
        if (!m || m.doc !== this) return addPage.apply(this, args);
        m.endPage();
        const result = addPage.apply(this, args);
        m.newPage();
        return result;
      },
  );
  wrapMethod(
    pdfkit,
    'text',
    () =>
      function (this: PdfKitDocument, str, tx, ty, options) {
        const m = marker;
        const current = drawing;
        if (!m || !current || m.doc !== this) return text.call(this, str, tx, ty, options);
        const inline = current.line.inlines[current.index++]!;
        const element = m.begin(tagOf(inline), inline[PAGINATION] === true);
        if (element?.role === 'Link' || options.link || options.goTo) {
          // The link is annotated once per line by LinkWriter, not once per word by pdfkit.
          delete options.link;
          delete options.goTo;
          if (element?.role === 'Link')
            m.links.add(element, m.page, { x: tx, y: ty, w: inline.width, h: inline.height, text: str });
        }
        if (element && !element.position) element.position = { page: m.page, x: tx, y: ty };
        return text.call(this, str, tx, ty, options);
      },
  );

  wrapMethod(
    Renderer,
    'renderLine',
    () =>
      function (line, x, y, ...rest) {
        const m = marker;
        if (!m) return renderLine.call(this, line, x, y, ...rest);
        drawing = { line, index: 0 };
        try {
          renderLine.call(this, line, x, y, ...rest);
        } finally {
          drawing = null;
          m.end();
        }
      },
  );

  const wrap = <T>(
    draw: (this: T, item: never) => void,
    element: (item: Record<string, unknown>) => StructElement | null,
  ) =>
    function (this: T, item: Record<string, unknown>) {
      const m = marker;
      if (!m) return draw.call(this, item as never);
      m.begin(element(item), item[PAGINATION] === true);
      try {
        draw.call(this, item as never);
      } finally {
        m.end();
      }
    };
  wrapMethod(Renderer, 'renderVector', () => wrap(renderVector, tagOf));
  wrapMethod(Renderer, 'renderImage', () => wrap(renderImage, () => null));
  wrapMethod(Renderer, 'renderSVG', () =>
    wrap(renderSVG, (svg) => {
      const figure = tagOf(svg);
      if (figure && marker && !figure.box) {
        const [x, y, w, h] = [svg.x, svg.y, svg._width, svg._height] as number[];
        figure.box = { page: marker.page, x: x!, y: y!, w: w!, h: h! };
      }
      return figure;
    }),
  );

  // Underlines and backgrounds are drawn around a line's text: artifacts, not part of a word.
  const { drawBackground, drawDecorations } = TextDecorator;
  wrapMethod(
    TextDecorator,
    'drawBackground',
    () =>
      function (line, x, y) {
        if (marker && line.inlines.some((i) => i.background)) marker.begin(null);
        drawBackground.call(this, line, x, y);
      },
  );
  wrapMethod(
    TextDecorator,
    'drawDecorations',
    () =>
      function (line, x, y) {
        if (marker && line.inlines.some((i) => i.decoration)) marker.begin(null);
        drawDecorations.call(this, line, x, y);
      },
  );

  // A page reference's text is made while measuring: its words take the tag of their node.
  const { measureLeaf, measureUnorderedList, measureOrderedList } = DocMeasure;
  wrapMethod(
    DocMeasure,
    'measureLeaf',
    () =>
      function (node) {
        const measured = measureLeaf.call(this, node);
        const tag = tagOf(measured);
        if (tag) for (const inline of measured._inlines ?? []) inline[TAG] ??= tag;
        if (measured[PAGINATION] === true) for (const inline of measured._inlines ?? []) inline[PAGINATION] = true;
        return measured;
      },
  );
  // A list marker is made by pdfmake while measuring: stamp it with its item's Lbl element.
  const stampMarkers = (node: ReturnType<typeof measureOrderedList>) => {
    for (const item of node.ul ?? node.ol ?? []) {
      const label = item[LABEL];
      const marker = item.listMarker;
      if (!(label instanceof StructElement) || !marker) continue;
      for (const drawn of [...(marker.canvas ?? []), ...(marker._inlines ?? [])]) drawn[TAG] = label;
    }
    return node;
  };
  wrapMethod(
    DocMeasure,
    'measureUnorderedList',
    () =>
      function (node) {
        return stampMarkers(measureUnorderedList.call(this, node));
      },
  );
  wrapMethod(
    DocMeasure,
    'measureOrderedList',
    () =>
      function (node) {
        return stampMarkers(measureOrderedList.call(this, node));
      },
  );
}
