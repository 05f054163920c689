/**
 * A paragraph that opens with a letter or numeral in brackets — "(a) there is clarity…" — is an item of
 * a lettered list written as prose (as inspection reports set their recommendations' parts). Both
 * editions set such an item with a hanging indent, its marker standing out to the left.
 */
import type { Inline } from './types.js';

const MARKER = /^\(([a-z]|[ivx]{1,4}|\d{1,2})\)\s+/;

export function letteredItem(content: readonly Inline[]): { marker: string; rest: Inline[] } | null {
  const [first, ...others] = content;
  if (first?.type !== 'text') return null;
  const match = MARKER.exec(first.text);
  if (!match) return null;
  const text = first.text.slice(match[0].length);
  return { marker: `(${match[1]})`, rest: text ? [{ ...first, text }, ...others] : others };
}
