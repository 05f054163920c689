/**
 * The two markdown-it set-ups. Raw HTML is off (it shows as text), links are limited to http, https,
 * mailto and in-document anchors, and footnote references `[^id]` are read in both.
 *
 * - `template`: the Markdown the templates write, which also has components (`::name{…}`) and
 *   `{#id}` on headings. Only templates and escaped data values ever reach it.
 * - `prose`: one prose text from the data, parsed on its own: no components and no heading ids, so
 *   a paragraph can never place a figure, take an anchor or reach the text around it.
 */
import MarkdownIt from 'markdown-it';
import type { MarkdownIt as Markdown } from 'markdown-it';
import type { StateCore } from 'markdown-it';
import { directivesPlugin } from './directives.js';
import { footnotesPlugin } from './footnotes.js';

const SAFE_LINK = /^(?:https?:\/\/|mailto:|#)/i;
const HEADING_ID = /\s*\{#([a-z0-9]+(?:-[a-z0-9]+)*)\}\s*$/;

export function isSafeLink(url: string): boolean {
  return SAFE_LINK.test(url.trim());
}

function headingIds(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.type !== 'heading_open') continue;
    const inline = tokens[i + 1]!;
    const last = inline.children?.at(-1);
    const m = last?.type === 'text' ? HEADING_ID.exec(last.content) : null;
    if (!m || !last) continue;
    last.content = last.content.slice(0, m.index);
    inline.content = inline.content.replace(HEADING_ID, '');
    tokens[i]!.attrSet('id', m[1]!);
  }
}

export type MarkdownKind = 'template' | 'prose';

export function createMarkdown(kind: MarkdownKind = 'template'): Markdown {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
  md.validateLink = isSafeLink;
  // Reports print addresses without their scheme ("www.example.gov.uk/…"): both editions make them
  // links, as they do addresses with one. Bare e-mail addresses stay text.
  md.linkify.set({ fuzzyLink: true, fuzzyEmail: false });
  md.use(footnotesPlugin);
  if (kind === 'template') {
    md.use(directivesPlugin);
    md.core.ruler.push('heading_ids', headingIds);
  }
  return md;
}
