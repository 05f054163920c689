/** A grade's rank on the four-step scale, 4 for the best: both editions draw it beside the grade's name. */
import { GRADES, type Grade } from '../schema/report.js';

export const gradeRank = (grade: Grade): number => GRADES.length - GRADES.indexOf(grade);
