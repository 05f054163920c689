/**
 * A tagged PDF from a pdfmake document definition: a structure tree in reading order over
 * marked content, artifacts for everything else, links annotated once per line, XMP metadata,
 * PDF 1.7. The layer has three parts: stamp.ts (before layout: what each run, list marker and
 * chart is), renderer.ts (while drawing: marked content, annotations) and write.ts (after the
 * last page: the tree, its ParentTree, XMP).
 */
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { Block, DocumentModel } from '../../model/types.js';
import { installTagging, registerTree } from './renderer.js';
import { Stamper } from './stamp.js';
import { TagTree } from './tree.js';

export { footnoteContent, tableRole } from './stamp.js';

/** Anchor id → text alternative of every figure in the blocks, however deeply nested. */
function figureAlts(blocks: readonly Block[], alts = new Map<string, string>()): Map<string, string> {
  for (const b of blocks) {
    switch (b.type) {
      case 'figure':
        alts.set(b.id, b.alt);
        break;
      case 'section':
        figureAlts(b.children, alts);
        break;
      case 'list':
        b.items.forEach((item) => figureAlts(item, alts));
        break;
      case 'summaryGrid':
        b.questions.forEach((q) => figureAlts(q.summary, alts));
        break;
      case 'table':
        figureAlts(b.notes, alts);
        break;
      case 'recommendations':
        b.items.forEach((item) => figureAlts(item.content, alts));
        break;
      default:
        break;
    }
  }
  return alts;
}

/**
 * Makes a definition render as a tagged PDF. Call it last, on the finished definition: it stamps
 * the content in place and wraps the header and footer (page furniture, and the footnotes).
 */
export function tagDefinition(definition: TDocumentDefinitions, model: DocumentModel): void {
  installTagging();
  const tree = new TagTree();
  registerTree(tree);
  const stamper = new Stamper(tree, figureAlts(model.blocks));
  const tagged = definition as TDocumentDefinitions & { tagged?: boolean };
  tagged.tagged = true;
  tagged.version = '1.7';
  stamper.content(Array.isArray(definition.content) ? definition.content : [definition.content]);
  for (const key of ['header', 'footer'] as const) {
    const draw = definition[key];
    if (typeof draw === 'function') {
      definition[key] = (...args: Parameters<typeof draw>) =>
        stamper.furniture(draw(...args)) as ReturnType<typeof draw>;
    }
  }
}
