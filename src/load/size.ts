/**
 * How much a parsed data file asks of a build once YAML aliases are expanded: its characters and its
 * depth. An alias is the same object wherever it is used, so sizes are counted once per object and
 * the count stays linear in what was parsed, however many times a large anchor is repeated.
 */
import type { Path } from '../problems.js';

interface Size {
  chars: number;
  depth: number;
}

export function measure(value: unknown, memo = new Map<object, Size>()): Size {
  if (typeof value === 'string') return { chars: value.length, depth: 0 };
  if (!value || typeof value !== 'object') return { chars: String(value).length, depth: 0 };
  const known = memo.get(value);
  if (known) return known;
  const size: Size = { chars: 0, depth: 1 };
  memo.set(value, size); // a cycle (an alias to its own ancestor) counts as nothing more
  for (const [key, child] of Object.entries(value)) {
    const inner = measure(child, memo);
    size.chars += key.length + inner.chars;
    size.depth = Math.max(size.depth, inner.depth + 1);
  }
  return size;
}

/** The path down to the part that holds most of the text: where to point when there is too much. */
export function heaviestPath(value: unknown): Path {
  const memo = new Map<object, Size>();
  const total = measure(value, memo).chars;
  const path: (string | number)[] = [];
  let node = value;
  while (node && typeof node === 'object') {
    const entries = Object.entries(node);
    let best: [string, unknown] | undefined;
    let bestChars = 0;
    for (const [key, child] of entries) {
      const chars = measure(child, memo).chars;
      if (chars > bestChars) [best, bestChars] = [[key, child], chars];
    }
    // Stop where no single part holds most of it: this is the part to shorten.
    if (!best || bestChars * 2 < total) break;
    path.push(Array.isArray(node) ? Number(best[0]) : best[0]);
    node = best[1];
  }
  return path;
}

/** The path down to the most deeply nested value. */
export function deepestPath(value: unknown): Path {
  const memo = new Map<object, Size>();
  const path: (string | number)[] = [];
  let node = value;
  while (node && typeof node === 'object' && measure(node, memo).depth > 1) {
    const [key, child] = Object.entries(node as Record<string, unknown>).reduce((a, b) =>
      measure(b[1], memo).depth > measure(a[1], memo).depth ? b : a,
    );
    path.push(Array.isArray(node) ? Number(key) : key);
    node = child;
  }
  return path;
}

/**
 * The first flow collection (`[` or `{`) opened deeper than `limit`, as an offset into the text, or
 * -1. Checked before parsing: the YAML parser recurses once per level and runs out of stack long
 * before any sensible limit. Quoted text and comments are skipped; a bracket outside a flow
 * collection counts only where a value can start.
 */
export function flowTooDeep(text: string, limit: number): number {
  let depth = 0;
  let quote = '';
  let valueCanStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote && !(quote === '"' && text[i - 1] === '\\')) quote = '';
      else if (c === '\n' && depth === 0) quote = '';
      continue;
    }
    if (c === '\n') {
      valueCanStart = true;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i < text.length && text[i] !== '\n') i++;
      i--;
      continue;
    }
    if ((c === '"' || c === "'") && (depth > 0 || valueCanStart)) {
      quote = c;
      continue;
    }
    if ((c === '[' || c === '{') && (depth > 0 || valueCanStart)) {
      if (++depth > limit) return i;
      continue;
    }
    if ((c === ']' || c === '}') && depth > 0) depth--;
    if (c === ' ' || c === '\t') continue;
    // After ": " or "- " a value can start; after any other character, text has begun.
    valueCanStart = depth > 0 || ((c === ':' || c === '-' || c === ',') && /[\s]/.test(text[i + 1] ?? ' '));
  }
  return -1;
}
