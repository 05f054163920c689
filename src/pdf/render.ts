/**
 * Write PDF, part two: pdfmake turns the document definition into bytes. Fonts come only from the
 * project's font folder; pdfmake may not fetch URLs or read any other file.
 */
import path from 'node:path';
import pdfmake from 'pdfmake';
import type { DocumentModel } from '../model/types.js';
import { FONT_DIR, FONT_FAMILY, FONT_FILES } from '../fonts.js';
import { pdfDocument } from './document.js';
import { FootnoteError, FootnoteLayout } from './footnotes.js';
import { plainSharedGlyphs } from './glyphs.js';
import { installOutlinePatch } from './outline.js';
import { message } from '../messages.js';
import { tagDefinition } from './tagging/index.js';

pdfmake.setFonts({ [FONT_FAMILY]: FONT_FILES });
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((file) => path.resolve(file).startsWith(FONT_DIR + path.sep));
installOutlinePatch();

/** Layout passes allowed for footnotes to settle; three were enough in every report tried. */
const MAX_PASSES = 6;

export async function renderPdf(model: DocumentModel): Promise<Buffer> {
  const footnotes = new FootnoteLayout(model.footnotes);
  for (let pass = 1; ; pass++) {
    // pdfmake mutates the definition it is given: build a fresh one for every pass.
    const definition = pdfDocument(model, footnotes);
    definition.pageMargins = footnotes.attach(definition.pageMargins as number[]) as never;
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
    const buffer = await pdfmake.createPdf(definition).getBuffer();
    if (!footnotes.active || footnotes.settle()) return buffer;
    if (pass === MAX_PASSES) {
      const last = model.footnotes.at(-1)!;
      throw new FootnoteError(last.id, message.footnotesUnsettled(MAX_PASSES));
    }
  }
}
