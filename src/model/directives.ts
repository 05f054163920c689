/**
 * A markdown-it block rule for components: a line `::name{key="value" key2=value2}` on its own
 * becomes a `directive` token that the document model builder turns into a component.
 */
import type { MarkdownIt, StateBlock } from 'markdown-it';

export const COMPONENTS: readonly string[] = ['summary-grid', 'judgment', 'recommendations', 'rate-table', 'figure'];

const LINE = /^::([A-Za-z][\w-]*)(?:\{([^}]*)\})?\s*$/;
const ATTR = /([A-Za-z][\w-]*)=(?:"([^"]*)"|([^\s"]+))/g;

export function parseDirective(line: string): { name: string; attrs: Record<string, string> } | null {
  const m = LINE.exec(line.trim());
  if (!m) return null;
  const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const a of (m[2] ?? '').matchAll(ATTR)) attrs[a[1]!] = a[2] ?? a[3]!;
  return { name: m[1]!, attrs };
}

function directive(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  const max = state.eMarks[startLine]!;
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  if (state.src.charCodeAt(start) !== 0x3a || state.src.charCodeAt(start + 1) !== 0x3a) return false;
  const parsed = parseDirective(state.src.slice(start, max));
  if (!parsed) return false;
  if (silent) return true;
  const token = state.push('directive', '', 0);
  token.info = parsed.name;
  token.meta = parsed.attrs;
  token.map = [startLine, startLine + 1];
  state.line = startLine + 1;
  return true;
}

export function directivesPlugin(md: MarkdownIt): void {
  md.block.ruler.before('paragraph', 'directive', directive, { alt: ['paragraph'] });
}
