/**
 * What changed in a report's data between two versions: every value that differs, with its data
 * path and the titles of the chapter, question and section it sits in. Lists of items with an `id`
 * (questions, sections) are matched by id and other lists by content, so a paragraph inserted in a
 * body is one insertion rather than every later paragraph changed.
 */
import { sequenceDiff } from './words.js';

export interface Change {
  /** `questions[reducing-crime].sections[hotspots].body[2]`. */
  path: string;
  /** The titles around the change: `Reducing crime › Hot spots`. */
  where: string;
  /** Undefined when the value was added. */
  before?: unknown;
  /** Undefined when the value was removed. */
  after?: unknown;
  /** Prose (a paragraph of a body, an intro, a summary) or a value (a figure, judgment, cell, title…). */
  kind: 'text' | 'value';
}

const PROSE: ReadonlySet<string> = new Set(['body', 'intro', 'summary', 'gridSummary', 'text']);

type Plain = Record<string, unknown>;
const isObject = (v: unknown): v is Plain => !!v && typeof v === 'object' && !Array.isArray(v);
const idOf = (v: unknown) => (isObject(v) && typeof v.id === 'string' ? v.id : undefined);

export function dataChanges(before: unknown, after: unknown): Change[] {
  const changes: Change[] = [];
  const leaf = (path: string, trail: readonly string[], b: unknown, a: unknown, prose: boolean) => {
    const kind =
      prose && (typeof b === 'string' || typeof a === 'string') && !path.includes('recommendations') ? 'text' : 'value';
    changes.push({
      path,
      where: trail.join(' › '),
      ...(b === undefined ? {} : { before: b }),
      ...(a === undefined ? {} : { after: a }),
      kind,
    });
  };

  const walk = (path: string, trail: readonly string[], b: unknown, a: unknown, prose: boolean): void => {
    if (JSON.stringify(b) === JSON.stringify(a)) return;
    if (Array.isArray(b) && Array.isArray(a)) return list(path, trail, b, a, prose);
    if (isObject(b) && isObject(a)) {
      // What a reader calls the thing: a chapter's or question's title, a table's caption, a row's label.
      const name = (o: Plain) => [o.title, o.caption, o.label].find((t): t is string => typeof t === 'string');
      const title = name(a) ?? name(b);
      const inner = title ? [...trail, title] : trail;
      for (const key of new Set([...Object.keys(b), ...Object.keys(a)]))
        walk(path ? `${path}.${key}` : key, inner, b[key], a[key], prose || PROSE.has(key));
      return;
    }
    leaf(path, trail, b, a, prose);
  };

  const list = (path: string, trail: readonly string[], b: unknown[], a: unknown[], prose: boolean): void => {
    if ([...b, ...a].every((x) => idOf(x) !== undefined)) {
      const before = new Map(b.map((x) => [idOf(x)!, x]));
      const after = new Map(a.map((x) => [idOf(x)!, x]));
      for (const id of new Set([...after.keys(), ...before.keys()]))
        walk(`${path}[${id}]`, trail, before.get(id), after.get(id), prose);
      return;
    }
    // Unmatched runs are paired up in order: an edited paragraph is compared with what it was.
    const parts = sequenceDiff(
      b.map((x) => JSON.stringify(x)),
      a.map((x) => JSON.stringify(x)),
    );
    let i = 0;
    let j = 0;
    for (let k = 0; k < parts.length; k++) {
      const part = parts[k]!;
      const next = parts[k + 1];
      if (part.kind === 'same') {
        i += part.words.length;
        j += part.words.length;
      } else if (next && next.kind !== 'same' && next.kind !== part.kind) {
        const [gone, come] = part.kind === 'deleted' ? [part, next] : [next, part];
        const n = Math.max(gone.words.length, come.words.length);
        for (let m = 0; m < n; m++) {
          const from = m < gone.words.length ? i + m : undefined;
          const to = m < come.words.length ? j + m : undefined;
          walk(
            `${path}[${to ?? from}]`,
            trail,
            from === undefined ? undefined : b[from],
            to === undefined ? undefined : a[to],
            prose,
          );
        }
        i += gone.words.length;
        j += come.words.length;
        k++;
      } else if (part.kind === 'deleted') {
        for (let m = 0; m < part.words.length; m++, i++) walk(`${path}[${i}]`, trail, b[i], undefined, prose);
      } else {
        for (let m = 0; m < part.words.length; m++, j++) walk(`${path}[${j}]`, trail, undefined, a[j], prose);
      }
    }
  };

  walk('', [], before, after, false);
  return changes;
}
