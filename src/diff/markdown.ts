/** The change summary as Markdown, for a pull request's reviewer. */
import { diffText } from '../messages.js';
import type { Change } from './values.js';
import type { OutputChange } from './outputs.js';
import { wordDiff, wordDiffMarkdown } from './words.js';

export interface ReportSummary {
  id: string;
  status: 'added' | 'removed' | 'changed';
  /** Problems that stopped one side from validating, one line each. */
  problems?: { side: 'earlier' | 'current'; lines: string[] };
  changes: Change[];
  /** Undefined when outputs were not built. */
  outputs?: OutputChange[];
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n+/g, ' ');

function shown(value: unknown): string {
  if (value === undefined) return diffText.none;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `\`${cell(text.length > 120 ? `${text.slice(0, 117)}…` : text)}\``;
}

function valueRow(c: Change): string {
  const [before, after] =
    typeof c.before === 'string' && typeof c.after === 'string' && (c.before.length > 40 || c.after.length > 40)
      ? [diffText.none, cell(wordDiffMarkdown(wordDiff(c.before, c.after)))]
      : [shown(c.before), shown(c.after)];
  return `| ${cell(c.where) || diffText.none} | \`${cell(c.path)}\` | ${before} | ${after} |`;
}

function textBlock(c: Change): string {
  const head = `**${cell(c.where) || c.path}** (\`${c.path}\`)`;
  const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v));
  const body =
    c.before === undefined
      ? `**${text(c.after)}**`
      : c.after === undefined
        ? `~~${text(c.before)}~~`
        : wordDiffMarkdown(wordDiff(text(c.before), text(c.after)));
  return `${head}\n\n> ${body.replace(/\n/g, ' ')}`;
}

function outputRow(o: OutputChange, canDraw: boolean): string {
  const pages = (n?: number) => (n === undefined ? diffText.none : String(n));
  const drawn =
    !o.name.endsWith('.pdf') || o.status !== 'changed'
      ? diffText.none
      : o.pages === undefined
        ? canDraw
          ? diffText.none
          : diffText.noImages
        : o.pages.map((p) => String(p.page)).join(', ') || diffText.none;
  return `| \`${o.name}\` | ${diffText[o.status]} | ${pages(o.pagesBefore)} | ${pages(o.pagesAfter)} | ${drawn} |`;
}

export function summaryMarkdown(
  base: string,
  reports: readonly ReportSummary[],
  options: { images?: string; canDraw: boolean },
): string {
  const changed = reports.filter(
    (r) => r.status !== 'changed' || r.problems || r.changes.length || (r.outputs?.length ?? 0) > 0,
  );
  if (changed.length === 0) return `${diffText.title(base)}\n\n${diffText.nothing(base)}\n`;
  const out = [diffText.title(base), '', diffText.engineNote];
  for (const r of changed) {
    out.push('', `## ${r.id}`);
    if (r.status === 'added') out.push('', diffText.reportAdded);
    if (r.status === 'removed') out.push('', diffText.reportRemoved);
    if (r.problems) out.push('', diffText.doesNotBuild(r.problems.side), '', '```', ...r.problems.lines, '```');
    const values = r.changes.filter((c) => c.kind === 'value');
    const texts = r.changes.filter((c) => c.kind === 'text');
    if (values.length) out.push('', diffText.values, '', diffText.valueHeader, ...values.map(valueRow));
    if (texts.length) out.push('', diffText.text, '', texts.map(textBlock).join('\n\n'));
    if (r.outputs === undefined) out.push('', diffText.outputs, '', diffText.notBuilt);
    else if (r.outputs.length === 0) out.push('', diffText.outputs, '', diffText.outputsUnchanged);
    else
      out.push('', diffText.outputs, '', diffText.outputHeader, ...r.outputs.map((o) => outputRow(o, options.canDraw)));
  }
  if (options.images && reports.some((r) => r.outputs?.some((o) => o.pages?.length)))
    out.push('', diffText.images(options.images));
  return `${out.join('\n')}\n`;
}
