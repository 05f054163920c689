/**
 * A markdown-it inline rule for footnote references `[^label]`. Definitions live in the report
 * data, not in the prose, so numbering is done once for the whole document by the model builder.
 */
import type { MarkdownIt, StateInline } from 'markdown-it';

const REF = /^\[\^([^\]\s]+)\]/;

function footnoteRef(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x5b || state.src.charCodeAt(state.pos + 1) !== 0x5e) return false;
  const m = REF.exec(state.src.slice(state.pos));
  if (!m) return false;
  if (!silent) {
    const token = state.push('footnote_ref', '', 0);
    token.meta = { label: m[1] };
  }
  state.pos += m[0].length;
  return true;
}

export function footnotesPlugin(md: MarkdownIt): void {
  md.inline.ruler.after('image', 'footnote_ref', footnoteRef);
}
