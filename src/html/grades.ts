/** The badge colour of each grade, written from the theme both editions share. */
import { GRADE_COLOUR } from '../pdf/theme.js';
import { GRADES } from '../schema/report.js';

export const gradeCss = (): string =>
  GRADES.map((g) => `.badge-${g} {\n  background: ${GRADE_COLOUR[g].fill};\n  color: ${GRADE_COLOUR[g].text};\n}`).join('\n');
