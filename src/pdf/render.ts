/**
 * Write PDF, part two: pdfmake turns the document definition into bytes, in one layout pass (see
 * layout.ts). Fonts come only from the project's font folder; pdfmake may not fetch URLs or read any
 * other file.
 */
// First: pdfkit must find the shared fontkit when pdfmake loads it.
import { FONT_DIR } from '../fonts.js';
import path from 'node:path';
import pdfmake from 'pdfmake';
import type { DocumentModel } from '../model/types.js';
import { sharedFonts } from './fonts.js';
import { keepWithNext, pdfDocument } from './document.js';
import { FootnoteLayout } from './footnotes.js';
import { plainSharedGlyphs } from './glyphs.js';
import { withFlow, type PageFlow } from './layout.js';
import { installOutlinePatch } from './outline.js';
import { tagDefinition } from './tagging/index.js';
import { installContinuedPatch } from './continued.js';
import { installParagraphPatch } from './paragraphs.js';
import { installLinePatch } from './lines.js';
import { installFloatPatch } from './floats.js';
import { installStylePatch } from './styles.js';
import { installStreamPatch } from './streams.js';
import { installSvgPatch } from './svg.js';
import { installSvgReplay } from './svg-replay.js';
import { installTextRunPatch } from './text-runs.js';
import { installColourPatch } from './colours.js';
import { installMeasurePatch } from './measure.js';
import { installMeasuredTextCache } from './measured-text.js';

pdfmake.setFonts(sharedFonts());
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((file) => path.resolve(file).startsWith(FONT_DIR + path.sep));
installOutlinePatch();
installContinuedPatch();
installParagraphPatch();
installLinePatch();
installFloatPatch();
installStylePatch();
installStreamPatch();
installSvgPatch();
installSvgReplay();
installTextRunPatch();
installColourPatch();
installMeasurePatch();
installMeasuredTextCache();

/** The page flow of a document: headings kept with what follows, footnotes at the foot of their page. */
function documentFlow(footnotes: FootnoteLayout): PageFlow {
  return {
    beginPass: () => footnotes.beginPass(),
    keepWithNext,
    reserve: (page) => footnotes.reserve(page),
    placedLine: (page, inlines, room) => footnotes.placedLine(page, inlines, room),
    snapshot: () => footnotes.snapshot(),
    pagesLaidOut: (pages) => footnotes.pagesLaidOut(pages),
    settled: (pass) => footnotes.settled(pass),
  };
}

export async function renderPdf(model: DocumentModel): Promise<Buffer> {
  const footnotes = new FootnoteLayout(model.footnotes);
  // pdfmake mutates the definition it is given: build a fresh one for every document.
  const definition = pdfDocument(model, footnotes);
  definition.pageMargins = withFlow(definition.pageMargins as number[], documentFlow(footnotes)) as never;
  plainSharedGlyphs(definition.content);
  for (const key of ['header', 'footer'] as const) {
    const draw = definition[key];
    if (typeof draw === 'function') {
      definition[key] = (...args: Parameters<typeof draw>) => {
        const content = draw(...args);
        plainSharedGlyphs([content]);
        return content;
      };
    }
  }
  tagDefinition(definition, model);
  return await pdfmake.createPdf(definition).getBuffer();
}
