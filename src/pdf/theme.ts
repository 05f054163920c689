/** Page geometry, colours and type sizes of the PDF edition. */
import type { Grade } from '../schema/report.js';
import { lineHeight } from '../charts/metrics.js';

export const PAGE = { width: 595.28, height: 841.89 };
/**
 * The side margins set the measure: 11 pt body type on a 445 pt line holds about 85 characters, inside
 * the 65–90 a reader takes in comfortably.
 */
export const MARGIN = { left: 75, top: 70, right: 75, bottom: 62 };
/** A handout's shorter head and foot: its masthead replaces the running header on page 1. */
export const HANDOUT_MARGIN = { top: 54, bottom: 48 };
export const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

export const COLOUR = {
  text: '#1a1a1a',
  muted: '#555555',
  accent: '#1d4f91',
  accentDark: '#123566',
  rule: '#b8c4d6',
  tint: '#eef2f8',
  zebra: '#f5f7fa',
};

/**
 * Grade colours of both editions (the HTML edition writes its badge rules from these). The text on
 * each fill contrasts at least 4.5:1 with it, and the four fills lie at least 20 apart in lightness
 * (CIE L*: about 22, 44, 67 and 90), so no two grades look alike printed in greyscale or to a reader
 * who cannot tell green from red; the grade's name and its rank on the four-step scale are drawn too
 * (see judgment.ts).
 */
export const GRADE_COLOUR: Record<Grade, { fill: string; text: string }> = {
  outstanding: { fill: '#0b3d16', text: '#ffffff' },
  good: { fill: '#5fb46f', text: '#1a1a1a' },
  'requires-improvement': { fill: '#fde28a', text: '#1a1a1a' },
  inadequate: { fill: '#c62828', text: '#ffffff' },
};

export const SIZE = { body: 11, handoutBody: 10.5, small: 8.5, footnote: 8.5, table: 9.5, h1: 20, h2: 14, h3: 12 };

/**
 * pdfmake multiplies a font's own line height (ascent to descent, 1.42 em for Source Sans) by
 * `lineHeight`. This turns the leading a designer specifies — baseline to baseline as a multiple of the
 * type size — into that factor.
 */
export const leading = (ratio: number): number => ratio / lineHeight(1);

/** Leading as a multiple of the type size: open for reading, tighter where text is dense or large. */
export const LEADING = { body: 1.4, handout: 1.35, table: 1.2, heading: 1.15, note: 1.25 };
