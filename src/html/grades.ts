/** The colours of each grade's badge and judgment panel, written from the theme both editions share. */
import { GRADE_COLOUR } from '../pdf/theme.js';
import { GRADES } from '../schema/report.js';

export const gradeCss = (): string =>
  GRADES.map(
    (g) =>
      `.badge-${g},\n.judgment-${g} {\n  background: ${GRADE_COLOUR[g].fill};\n  color: ${GRADE_COLOUR[g].text};\n}`,
  ).join('\n');
