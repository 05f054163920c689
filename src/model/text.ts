/** Plain text from inline content: for titles, bookmarks, anchors and measuring. */
import type { Inline } from './types.js';

export function plainText(inlines: readonly Inline[]): string {
  return inlines
    .map((n) =>
      n.type === 'text' ? n.text : n.type === 'link' ? plainText(n.children) : n.type === 'break' ? ' ' : '',
    )
    .join('');
}

export function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 64) || 'section'
  );
}

/** Joins adjacent text runs with the same marks, as markdown-it splits them at every delimiter. */
export function mergeText(nodes: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const n of nodes) {
    const last = out.at(-1);
    if (n.type === 'text' && last?.type === 'text' && last.marks.join() === n.marks.join()) {
      out[out.length - 1] = { ...last, text: last.text + n.text };
    } else out.push(n);
  }
  return out;
}
