/**
 * The one font both editions and the charts use: Source Sans 3 (SIL Open Font Licence), installed
 * from npm as TTF files. TTF rather than WOFF2: pdfkit's subsetting breaks composite glyphs in WOFF2.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
export const FONT_DIR = path.dirname(require.resolve('@expo-google-fonts/source-sans-3/package.json'));

/** The family name used in pdfmake, in chart SVG and in the HTML edition's @font-face. */
export const FONT_FAMILY = 'SourceSans3';

export type FontStyle = 'normal' | 'bold' | 'italics' | 'bolditalics';

export const FONT_FILES: Record<FontStyle, string> = {
  normal: path.join(FONT_DIR, '400Regular', 'SourceSans3_400Regular.ttf'),
  bold: path.join(FONT_DIR, '600SemiBold', 'SourceSans3_600SemiBold.ttf'),
  italics: path.join(FONT_DIR, '400Regular_Italic', 'SourceSans3_400Regular_Italic.ttf'),
  bolditalics: path.join(FONT_DIR, '600SemiBold_Italic', 'SourceSans3_600SemiBold_Italic.ttf'),
};

/** CSS weights of the files above, for @font-face. */
export const FONT_WEIGHTS: Record<FontStyle, { weight: number; style: 'normal' | 'italic' }> = {
  normal: { weight: 400, style: 'normal' },
  bold: { weight: 600, style: 'normal' },
  italics: { weight: 400, style: 'italic' },
  bolditalics: { weight: 600, style: 'italic' },
};
