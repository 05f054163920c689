/**
 * A word diff for the change summary: the words two texts share, in order (a longest common
 * subsequence), and the runs deleted or inserted between them, shown in Markdown as ~~old~~ and
 * **new** with long unchanged stretches shortened to their ends.
 */
export type Part = { kind: 'same' | 'deleted' | 'inserted'; words: string[] };

/** Beyond this many word pairs the texts are shown as replaced outright: the table is quadratic. */
const MAX_CELLS = 4_000_000;

export function wordDiff(before: string, after: string): Part[] {
  return sequenceDiff(before.split(/\s+/).filter(Boolean), after.split(/\s+/).filter(Boolean));
}

/** The same for any two sequences of strings: words, or list items as JSON. */
export function sequenceDiff(a: readonly string[], b: readonly string[]): Part[] {
  if (a.length * b.length > MAX_CELLS)
    return merge([
      { kind: 'deleted', words: [...a] },
      { kind: 'inserted', words: [...b] },
    ]);
  // lcs[i][j]: the length of the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const parts: Part[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      parts.push({ kind: 'same', words: [a[i]!] });
      i++;
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!))
      parts.push({ kind: 'deleted', words: [a[i++]!] });
    else parts.push({ kind: 'inserted', words: [b[j++]!] });
  }
  return merge(parts);
}

function merge(parts: readonly Part[]): Part[] {
  const merged: Part[] = [];
  for (const p of parts) {
    if (p.words.length === 0) continue;
    const last = merged.at(-1);
    if (last?.kind === p.kind) last.words.push(...p.words);
    else merged.push({ kind: p.kind, words: [...p.words] });
  }
  return merged;
}

/** Markdown characters that would change how a word reads in the summary. */
function escape(text: string): string {
  return text.replace(/([\\`*_~[\]<>|#])/g, '\\$1');
}

/** `… the rate was ~~25~~ **24** per cent …`, keeping `context` words either side of each change. */
export function wordDiffMarkdown(parts: readonly Part[], context = 8): string {
  return parts
    .map((p, k) => {
      const text = escape(p.words.join(' '));
      if (p.kind === 'deleted') return `~~${text}~~`;
      if (p.kind === 'inserted') return `**${text}**`;
      const { words } = p;
      const head = k > 0 ? words.slice(0, context) : [];
      const tail = k < parts.length - 1 ? words.slice(-context) : [];
      if (head.length + tail.length >= words.length) return text;
      return [escape(head.join(' ')), '…', escape(tail.join(' '))].filter(Boolean).join(' ');
    })
    .join(' ');
}
