/**
 * Judgments: a grade's label on its colour, with its rank on the four-step scale drawn beside it, so
 * the grades differ by shape and words as well as by colour (in greyscale, and for colour-blind readers).
 */
import type { Content, ContentCanvas } from 'pdfmake/interfaces.js';
import type { Judgment } from '../model/types.js';
import { GRADES, type Grade } from '../schema/report.js';
import { gradeRank } from '../model/rank.js';
import { COLOUR, GRADE_COLOUR } from './theme.js';

const noPadding = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  paddingLeft: () => 0,
  paddingRight: () => 0,
  paddingTop: () => 0,
  paddingBottom: () => 0,
};

/** Four steps, filled up to the grade's rank, outlined beyond it. */
export function rankMeter(grade: Grade, step: number, height: number, ink: string): ContentCanvas {
  const gap = step / 4;
  return {
    canvas: GRADES.map((_, i) => ({
      type: 'rect' as const,
      x: i * (step + gap) + 0.5,
      // Each step is a little taller than the one before: the scale reads as rising to the best grade.
      y: (height * (GRADES.length - 1 - i)) / 8 + 0.5,
      w: step,
      h: height - (height * (GRADES.length - 1 - i)) / 8,
      lineWidth: 1,
      lineColor: ink,
      ...(i < gradeRank(grade) ? { color: ink } : {}),
    })),
    width: GRADES.length * (step + gap),
  } as ContentCanvas;
}

export function badge(j: Judgment, width: number | 'auto' | '*' = 'auto'): Content {
  const colour = GRADE_COLOUR[j.grade];
  return {
    table: {
      widths: [width],
      body: [
        [
          {
            fillColor: colour.fill,
            margin: [8, 5, 8, 4],
            columns: [
              { width: '*', text: '' },
              { ...rankMeter(j.grade, 5, 10, colour.text), width: 'auto', margin: [0, 1.5, 6, 0] },
              { width: 'auto', text: j.label, bold: true, color: colour.text, fontSize: 10.5, lineHeight: 1 },
              { width: '*', text: '' },
            ],
          },
        ],
      ],
    },
    layout: noPadding,
  };
}

/** The judgment of a question: the point of its chapter, set as a panel that reads at a glance. */
export function judgmentBlock(j: Judgment): Content {
  const colour = GRADE_COLOUR[j.grade];
  return {
    margin: [0, 8, 0, 12],
    unbreakable: true,
    table: {
      widths: ['*'],
      body: [
        [
          {
            fillColor: colour.fill,
            margin: [12, 8, 12, 8],
            columns: [
              {
                width: '*',
                stack: [
                  { text: 'JUDGMENT', fontSize: 8.5, bold: true, color: colour.text, characterSpacing: 1 },
                  { text: j.label, fontSize: 18, bold: true, color: colour.text, lineHeight: 1 },
                ],
              },
              { ...rankMeter(j.grade, 14, 24, colour.text), width: 'auto', margin: [0, 6, 0, 0] },
            ],
          },
        ],
      ],
    },
    layout: { ...noPadding, hLineWidth: () => 0, vLineColor: () => COLOUR.text },
  };
}
