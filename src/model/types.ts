/**
 * The document model: everything about what a document says, and nothing about how either edition
 * draws it. The PDF writer and the HTML writer read only this.
 */
import type { Grade } from '../schema/report.js';

export type Mark = 'strong' | 'em' | 'code' | 'strike';

export type Inline =
  | { type: 'text'; text: string; marks: readonly Mark[] }
  | { type: 'link'; href: string; children: readonly Inline[] }
  /** `citation` counts the references to one footnote: 1 for the first, 2 for the next… */
  | { type: 'footnoteRef'; id: string; number: number; citation: number }
  | { type: 'break' };

export interface Section {
  type: 'section';
  id: string;
  /** 1 for a chapter (contents entry, bookmark), 2 and 3 below it. */
  level: 1 | 2 | 3;
  title: readonly Inline[];
  children: readonly Block[];
}

export interface Paragraph {
  type: 'paragraph';
  content: readonly Inline[];
}

export interface List {
  type: 'list';
  ordered: boolean;
  start: number;
  items: readonly (readonly Block[])[];
}

export interface Judgment {
  type: 'judgment';
  grade: Grade;
  label: string;
}

export interface SummaryGrid {
  type: 'summaryGrid';
  /** `href` leads to the question's section: `#id` within the report, or the report's file and `#id`. */
  questions: readonly { id: string; title: string; href: string; judgment: Judgment; summary: readonly Block[] }[];
}

export interface Table {
  type: 'table';
  id: string;
  caption: string;
  stub: string;
  columns: readonly string[];
  /** Cells are formatted for print ("63.5", "not available"); values keep the numbers. */
  rows: readonly { label: string; cells: readonly string[]; values: readonly (number | null)[] }[];
  notes: readonly Block[];
}

export interface Figure {
  type: 'figure';
  id: string;
  /** The chart's key in the report data; `id` is its anchor in the document. */
  chart: string;
  caption: string;
  alt: string;
  source: string;
  /**
   * Filled in by the chart stage, drawn at the width each edition shows it so that its text keeps
   * its size: `svg` across the PDF's column, `screen` for the HTML edition's wide and narrow layouts.
   */
  svg: string | null;
  screen?: { wide: string; narrow: string } | null;
  /** The chart's figures as a table, filled in by the chart stage. */
  data: FigureData | null;
}

/** A chart's figures: one row per x value, one column per series. */
export interface FigureData {
  /** What the values are, e.g. "Rate per 1,000 population"; empty when the one column says it. */
  caption: string;
  stub: string;
  columns: readonly string[];
  rows: readonly { label: string; cells: readonly string[] }[];
}

export interface Recommendations {
  type: 'recommendations';
  /** The question the recommendations belong to, for anchors. */
  id: string;
  items: readonly { number: number; timeframe: string; content: readonly Block[] }[];
}

export type Block = Section | Paragraph | List | Judgment | SummaryGrid | Table | Figure | Recommendations;

export interface Footnote {
  id: string;
  number: number;
  content: readonly Inline[];
}

export interface DocumentMeta {
  kind: 'report' | 'handout' | 'datasheet';
  /** The document's own title, e.g. "Example Constabulary — Crime inspection 2014". */
  title: string;
  force: string;
  reportTitle: string;
  /** Printed under the force's name on the cover or masthead: the report title, or the handout's subject. */
  heading: string;
  /** The publication date as printed, e.g. "November 2014". */
  date: string;
  /** The publication date as given in the data: YYYY-MM or YYYY-MM-DD. */
  published: string;
  publisher: string;
  author: string;
  subject: string;
  language: string;
  licence: string;
  /** Printed in the running header. */
  runningTitle: string;
  /** For a handout: the line naming the full report it comes from, printed in its footer. */
  source: string | null;
  /** For a handout's HTML edition: the full report's HTML file, relative to the handout. */
  fullReportHref: string | null;
}

export interface DocumentModel {
  meta: DocumentMeta;
  cover: boolean;
  contents: boolean;
  blocks: readonly Block[];
  footnotes: readonly Footnote[];
}
