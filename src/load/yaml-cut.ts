/**
 * Cutting a YAML file into pieces that parse alone as they do in the file (see yaml.ts): its
 * top-level sections, and a section whose value is a block of keys or list items into its entries.
 * Only the text is read here, line by line; whether a piece really stands alone is for its parse to
 * show, and a piece that does not sends yaml.ts back to a larger one.
 */

/**
 * A top-level section of a file: one key at the start of a line and every line up to the next
 * such key (values indented, comments and blank lines), as the text it is and where it starts.
 */
export interface Section {
  text: string;
  /** Where the section starts in the file: its offset, and its line from 1. */
  start: number;
  line: number;
}

/** A key that begins a top-level section: plain, a letter or `_` first, at the start of a line. */
const SECTION_KEY = /^[A-Za-z_][\w-]*:(?=[ \t\r\n]|$)/;

/**
 * The file cut into its top-level sections, or null when it cannot be cut so that each reads alone
 * as it does in the file: a line at the start that is neither a section key, a comment nor blank
 * (a document marker, a directive, a tab, a sequence, a quoted or complex key) leaves it whole.
 * Lines indented under a key belong to it: YAML ends a block value only at a line indented as the
 * key, so a value cannot run on into the next section's key, and a quoted or flow value that would
 * (a quote left open) fails to parse in its section, which then reads the file whole too.
 */
export function sectionsOf(body: string): Section[] | null {
  const sections: Section[] = [];
  let start = 0;
  let startLine = 1;
  let keyed = false;
  for (let at = 0, line = 1; at < body.length; line++) {
    const end = body.indexOf('\n', at);
    const next = end < 0 ? body.length : end + 1;
    const first = body[at];
    if (first !== ' ' && first !== '\n' && first !== '\r' && first !== '#') {
      if (!SECTION_KEY.test(body.slice(at, next))) return null;
      // Comments and blank lines before the first key go with it.
      if (keyed) {
        sections.push({ text: body.slice(start, at), start, line: startLine });
        start = at;
        startLine = line;
      }
      keyed = true;
    }
    at = next;
  }
  if (keyed) sections.push({ text: body.slice(start), start, line: startLine });
  return keyed ? sections : null;
}

/**
 * Entries a section is cut into at most. Each parsed alone costs its own document (some 2 KB besides
 * its text) and its own call into the parser: a long list of short items reads faster whole.
 */
const MAX_ENTRIES = 256;

/** A section's key alone on its line: its value is the block indented under it. */
const BARE_KEY = /^[A-Za-z_][\w-]*:[ \t]*\r?\n?$/;
/** An entry of that block: a plain key, or an item of a list, after the indentation. */
const ENTRY = { map: /^[A-Za-z_][\w-]*:(?=[ \t\r\n]|$)/, seq: /^-(?=[ \t\r\n]|$)/ } as const;

/** A section whose value is a block of entries: its key line (with the comments after it) and each entry. */
export interface Entries {
  kind: keyof typeof ENTRY;
  head: Section;
  entries: Section[];
}

/**
 * A section cut into its key and the entries of its value, each to be parsed alone, or null when
 * its value is not a block mapping or list indented under a bare key (a value on the key's line,
 * a flow collection, a line indented less than the first entry, entries of both kinds), has more
 * entries than MAX_ENTRIES, or ends in indented comments. An entry
 * runs from its line at the block's indentation to the next; comments and blank lines go with the
 * entry before them. As with sections, a construct that would run on into the next entry fails to
 * parse alone, and the section is then read whole.
 */
export function entriesOf(section: Section): Entries | null {
  const { text } = section;
  let kind: Entries['kind'] | null = null;
  let indent = 0;
  let head: Section | null = null;
  const entries: Section[] = [];
  let start = 0;
  let startLine = section.line;
  let keyed = false;
  let trailingComment = false;
  for (let at = 0, line = section.line; at < text.length; line++) {
    const end = text.indexOf('\n', at);
    const next = end < 0 ? text.length : end + 1;
    const content = text.slice(at, next);
    const spaces = content.length - content.trimStart().length;
    const rest = content.slice(spaces);
    if (rest === '' || rest === '\r' || rest === '\r\n' || rest === '\n' || rest[0] === '#') {
      // A blank line or a comment goes with what is before it.
      if (rest[0] === '#' && spaces > 0) trailingComment = true;
    } else if (!keyed) {
      if (spaces > 0 || !BARE_KEY.test(content)) return null;
      keyed = true;
    } else {
      trailingComment = false;
      if (kind === null) {
        if (content[0] !== ' ') return null;
        indent = content.search(/[^ ]/);
        kind = ENTRY.map.test(content.slice(indent)) ? 'map' : ENTRY.seq.test(content.slice(indent)) ? 'seq' : null;
        if (kind === null) return null;
      }
      const shift = content.search(/[^ ]/);
      if (shift < indent) return null;
      if (shift === indent) {
        if (!ENTRY[kind].test(content.slice(indent))) return null;
        const piece = { text: text.slice(start, at), start: section.start + start, line: startLine };
        if (head) entries.push(piece);
        else head = piece;
        start = at;
        startLine = line;
      }
    }
    at = next;
  }
  // Indented comments after the last entry's value: at the end of the file, the whole file's parse
  // counts them into the block, which an entry parsed alone cannot show. Such a section is read whole.
  if (!head || kind === null || trailingComment || entries.length + 1 > MAX_ENTRIES) return null;
  entries.push({ text: text.slice(start), start: section.start + start, line: startLine });
  return { kind, head, entries };
}
