/**
 * Link annotations, one per link and line rather than pdfkit's one per word: each says in
 * /Contents what it leads to, and is tied to its Link element by /StructParent and an OBJR.
 */
import type { PdfKitDocument, PdfRef } from './internals.js';
import type { StructElement, TagTree } from './tree.js';

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export class LinkWriter {
  /** Links drawn on the current page, in drawing order, with the boxes of their words. */
  private pending = new Map<StructElement, Box[]>();

  constructor(
    private readonly doc: PdfKitDocument,
    private readonly tree: TagTree,
    private readonly pageRefs: readonly unknown[],
  ) {}

  add(link: StructElement, _page: number, word: Box & { text: string }): void {
    const boxes = this.pending.get(link) ?? [];
    const last = boxes.at(-1);
    // Words of one run follow on without a gap; a gap (another column, another line) is a space.
    if (last && Math.abs(last.x + last.w - word.x) > 0.5) link.text += ' ';
    boxes.push(word);
    this.pending.set(link, boxes);
    link.text += word.text;
  }

  /** Writes the annotations of the page that is still current. */
  flush(page: number): void {
    for (const [link, boxes] of this.pending) {
      const action = this.action(link);
      if (!action) continue;
      // One annotation per link on a page: its rectangle spans the link's lines, and QuadPoints
      // give each line, so a viewer that honours them is not clickable between the lines.
      const rows = lines(boxes);
      const all = union(rows);
      const height = this.doc.page.height;
      const structParent = this.doc.createStructParentTreeNextKey();
      this.doc.annotate(all.x, all.y, all.w, all.h, {
        Subtype: 'Link',
        ...action,
        Contents: new String(contents(link)),
        QuadPoints: rows.flatMap((r) => [
          r.x,
          height - r.y,
          r.x + r.w,
          height - r.y,
          r.x,
          height - r.y - r.h,
          r.x + r.w,
          height - r.y - r.h,
        ]),
        StructParent: structParent,
      });
      const annotation = this.doc.page.annotations.at(-1)!;
      link.kids.push({ page, annotation, structParent });
    }
    this.pending = new Map();
  }

  private action(link: StructElement): Record<string, unknown> | null {
    const target = link.options.link;
    if (!target) return null;
    if ('uri' in target) return { A: this.ended({ S: 'URI', URI: new String(target.uri) }) };
    if ('dest' in target) return { A: this.ended({ S: 'GoTo', D: new String(target.dest) }) };
    // Point at where the footnote's text starts, at the foot of its page.
    const at = this.tree.notes.get(target.note)?.position;
    if (!at) return null;
    return { Dest: [this.pageRefs[at.page], 'XYZ', at.x, this.doc.page.height - at.y, null] };
  }

  private ended(data: Record<string, unknown>): PdfRef {
    const ref = this.doc.ref(data);
    ref.end();
    return ref;
  }
}

function contents(link: StructElement): string {
  const text = link.text.replace(/\s+/g, ' ').trim();
  return link.options.link && 'note' in link.options.link ? `Footnote ${text}` : text;
}

function union(boxes: readonly Box[]): Box {
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.w));
  const bottom = Math.max(...boxes.map((b) => b.y + b.h));
  return { x, y, w: right - x, h: bottom - y };
}

/** The words' boxes joined line by line: words whose boxes overlap vertically share a line. */
function lines(boxes: readonly Box[]): Box[] {
  const joined: Box[] = [];
  for (const b of boxes) {
    const i = joined.findIndex((j) => b.y < j.y + j.h && j.y < b.y + b.h);
    if (i < 0) joined.push({ ...b });
    else joined[i] = union([joined[i]!, b]);
  }
  return joined;
}
