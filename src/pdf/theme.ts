/** Page geometry, colours and type sizes of the PDF edition. */
import type { Grade } from '../schema/report.js';

export const PAGE = { width: 595.28, height: 841.89 };
export const MARGIN = { left: 62, top: 70, right: 62, bottom: 62 };
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

/** Badge colours; text colour chosen for a contrast of at least 4.5:1 on the fill. */
export const GRADE_COLOUR: Record<Grade, { fill: string; text: string }> = {
  outstanding: { fill: '#1b5e20', text: '#ffffff' },
  good: { fill: '#2e7d32', text: '#ffffff' },
  'requires-improvement': { fill: '#f9a825', text: '#1a1a1a' },
  inadequate: { fill: '#b71c1c', text: '#ffffff' },
};

export const SIZE = { body: 10.5, small: 8.5, footnote: 8.5, h1: 20, h2: 13.5, h3: 11.5, lineHeight: 1.3 };
