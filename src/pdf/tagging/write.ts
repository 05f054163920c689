/**
 * After the last page: writes the structure tree and its ParentTree into the PDF, and the XMP
 * metadata — with the PDF/UA identification only when the document's own checks hold.
 */
import type { PdfKitDocument, PdfRef } from './internals.js';
import { isPiece, StructElement, type TagTree } from './tree.js';

export function finishDocument(doc: PdfKitDocument, tree: TagTree, pageRefs: readonly unknown[]): void {
  const pages = pageRefs as PdfRef[];
  const parentTree = doc.getStructParentTree();
  const height = doc.page.height;

  const write = (element: StructElement, parent: PdfRef): PdfRef => {
    const ref = doc.ref({ Type: 'StructElem', S: element.role, P: parent });
    const data = ref.data;
    const kids: unknown[] = [];
    for (const kid of element.kids) {
      if (kid instanceof StructElement) {
        if (kid.attached && kid.drawn) kids.push(write(kid, ref));
      } else if (isPiece(kid)) {
        const page = pages[kid.page]!;
        data.Pg ??= page;
        kids.push(data.Pg === page ? kid.mcid : { Type: 'MCR', Pg: page, MCID: kid.mcid });
        const onPage = parentTree.get(page.data.StructParents as number);
        if (onPage) onPage[kid.mcid] = ref;
      } else {
        kids.push({ Type: 'OBJR', Obj: kid.annotation, Pg: pages[kid.page] });
        parentTree.add(kid.structParent, ref);
      }
    }
    data.K = kids;
    const { id, alt, actualText, scope } = element.options;
    if (id) data.ID = new String(id);
    if (element.role === 'Figure') data.Alt = new String(alt ?? '');
    if (actualText) data.ActualText = new String(actualText);
    if (scope) data.A = { O: 'Table', Scope: scope };
    if (element.box) {
      const { x, y, w, h } = element.box;
      data.A = { O: 'Layout', Placement: 'Block', BBox: [x, height - y - h, x + w, height - y] };
    }
    ref.end();
    return ref;
  };

  const root = doc.getStructTreeRoot();
  root.data.K = [write(tree.root, root)];
  const problems = conformanceProblems(doc, tree);
  doc._addInfo = () => doc.appendXML(xmp(doc, problems.length === 0));
}

/**
 * What would make a PDF/UA claim false, as far as this document can tell: the claim is written
 * only when this is empty. (That all content is tagged or an artifact holds by construction.)
 */
export function conformanceProblems(doc: PdfKitDocument, tree: TagTree): string[] {
  const problems: string[] = [];
  if (!doc.info.Title) problems.push('the document has no title');
  if (!doc.options.lang) problems.push('the document has no language');
  if (!tree.root.drawn) problems.push('the document has no tagged content');
  const visit = (element: StructElement): void => {
    if (!element.attached || !element.drawn) return;
    if (element.role === 'Figure' && !element.options.alt?.trim()) problems.push('a figure has no text alternative');
    if (element.role === 'Link' && !element.kids.some((k) => !(k instanceof StructElement) && !isPiece(k))) {
      problems.push(`the link "${element.text.trim()}" has no annotation`);
    }
    if (element.role === 'Table' && !hasDescendant(element, (e) => e.role === 'TH' && !!e.options.scope)) {
      problems.push('a table has no header cells');
    }
    for (const kid of element.kids) if (kid instanceof StructElement) visit(kid);
  };
  visit(tree.root);
  return problems;
}

const hasDescendant = (element: StructElement, test: (e: StructElement) => boolean): boolean =>
  element.kids.some((k) => k instanceof StructElement && (test(k) || hasDescendant(k, test)));

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** XMP packet contents: pdfkit's own leaves text unescaped and has no language or dates. */
function xmp(doc: PdfKitDocument, claimUniversalAccess: boolean): string {
  const info = doc.info;
  const text = (key: string) => escapeXml(typeof info[key] === 'string' ? info[key] : '');
  const date = (key: string) => {
    const value = info[key];
    return value instanceof Date ? value.toISOString().replace(/\.\d{3}Z$/, 'Z') : '';
  };
  const alt = (value: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${value}</rdf:li></rdf:Alt>`;
  return [
    '<rdf:Description rdf:about=""',
    '  xmlns:dc="http://purl.org/dc/elements/1.1/"',
    '  xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    '  xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    ...(claimUniversalAccess ? ['  xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"'] : []),
    '>',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${alt(text('Title'))}</dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${text('Author')}</rdf:li></rdf:Seq></dc:creator>`,
    `<dc:description>${alt(text('Subject'))}</dc:description>`,
    `<dc:language><rdf:Bag><rdf:li>${escapeXml(doc.options.lang ?? '')}</rdf:li></rdf:Bag></dc:language>`,
    `<xmp:CreateDate>${date('CreationDate')}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date('ModDate')}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date('ModDate')}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${text('Creator')}</xmp:CreatorTool>`,
    `<pdf:Producer>${text('Producer')}</pdf:Producer>`,
    `<pdf:Keywords>${text('Keywords')}</pdf:Keywords>`,
    ...(claimUniversalAccess ? ['<pdfuaid:part>1</pdfuaid:part>'] : []),
    '</rdf:Description>',
  ].join('\n');
}
