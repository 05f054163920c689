/** Judgment badges: a grade's label on its colour. */
import type { Content } from 'pdfmake/interfaces.js';
import type { Judgment } from '../model/types.js';
import { GRADE_COLOUR } from './theme.js';

const noPadding = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  paddingLeft: () => 0,
  paddingRight: () => 0,
  paddingTop: () => 0,
  paddingBottom: () => 0,
};

export function badge(j: Judgment, width: number | 'auto' | '*' = 'auto'): Content {
  const colour = GRADE_COLOUR[j.grade];
  return {
    table: {
      widths: [width],
      body: [
        [
          {
            text: j.label,
            bold: true,
            color: colour.text,
            fillColor: colour.fill,
            fontSize: 11,
            alignment: 'center',
            margin: [10, 3, 10, 3],
          },
        ],
      ],
    },
    layout: noPadding,
  };
}

export function judgmentBlock(j: Judgment): Content {
  return {
    margin: [0, 6, 0, 10],
    unbreakable: true,
    stack: [
      { text: 'Judgment', style: 'label', margin: [0, 0, 0, 3] },
      {
        columns: [
          { width: 'auto', stack: [badge(j, 'auto')] },
          { width: '*', text: '' },
        ],
      },
    ],
  };
}
