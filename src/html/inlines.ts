/** Inline content of the document model as HTML. */
import type { Inline } from '../model/types.js';
import { isSafeLink } from '../model/markdown.js';
import { escapeHtml } from './escape.js';

const TAGS = { strong: 'strong', em: 'em', code: 'code', strike: 's' } as const;

export function htmlInlines(inlines: readonly Inline[]): string {
  return inlines
    .map((n) => {
      switch (n.type) {
        case 'text':
          return n.marks.reduce((html, mark) => `<${TAGS[mark]}>${html}</${TAGS[mark]}>`, escapeHtml(n.text));
        case 'link':
          // The parser only lets safe links through; checked again here because this is the last gate.
          return isSafeLink(n.href)
            ? `<a href="${escapeHtml(n.href)}">${htmlInlines(n.children)}</a>`
            : htmlInlines(n.children);
        case 'footnoteRef':
          return `<sup class="footnote-ref"><a href="#fn-${n.id}" id="fnref-${n.id}-${n.citation}" aria-describedby="footnotes-title">${n.number}</a></sup>`;
        case 'break':
          return '<br>';
      }
    })
    .join('');
}
