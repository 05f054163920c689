/**
 * A non-breaking hyphen or space shares its glyph with the plain one, and a PDF maps each glyph to
 * one character for copying and search: whichever pdfkit meets first wins, so one "anti‑social"
 * in a heading would make every hyphen in the document a U+2011 to a reader's search. The text
 * runs of a document definition are rewritten to use the plain character, with the word kept
 * whole by noWrap, which is what the special character was for.
 */
const SHARED_GLYPH = /[\u2011\u00a0]/;
/**
 * A word, for this purpose: a run of anything but breaking spaces (a no-break space is part of the
 * word). One character class repeated, so splitting is linear in the text's length; a pattern with a
 * leading `\S*` before the special character is tried again from every position of a long word.
 */
const WORD = /([\S\u00a0]+)/;

type Node = Record<string, unknown>;

export function runs(text: string): (string | Node)[] {
  const out: (string | Node)[] = [];
  for (const part of text.split(WORD)) {
    if (!part) continue;
    if (SHARED_GLYPH.test(part)) out.push({ text: part.replace(/\u2011/g, '-').replace(/\u00a0/g, ' '), noWrap: true });
    else {
      const last = out.at(-1);
      if (typeof last === 'string') out[out.length - 1] = last + part;
      else out.push(part);
    }
  }
  return out;
}

/** Rewrites, in place, every `text` in a definition that holds a non-breaking hyphen or space. */
export function plainSharedGlyphs(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach((child, i) => {
      if (typeof child === 'string' && SHARED_GLYPH.test(child)) node[i] = { text: runs(child) };
      else plainSharedGlyphs(child);
    });
    return;
  }
  if (!node || typeof node !== 'object') return;
  const obj = node as Node;
  for (const [key, value] of Object.entries(obj)) {
    if (key === 'text' && typeof value === 'string' && SHARED_GLYPH.test(value)) obj.text = runs(value);
    else if (key !== 'svg' && typeof value === 'object') plainSharedGlyphs(value);
  }
}
