/**
 * The document model's blocks as semantic HTML: sections with headings one level below the page
 * title, tables with header cells, figures with captions and text alternatives.
 */
import type { Block, Figure, Judgment, Recommendations, Section, SummaryGrid, Table } from '../model/types.js';
import { escapeHtml } from './escape.js';
import { htmlInlines } from './inlines.js';
import { gradeRank } from '../model/rank.js';
import { GRADES } from '../schema/report.js';
import { letteredItem } from '../model/lettered.js';

/** The page title is the h1; a level-1 section is an h2, and so on, never deeper than h6. */
const headingTag = (depth: number) => `h${Math.min(6, depth + 1)}`;

function badge(j: Judgment, tag = 'strong'): string {
  const rank = gradeRank(j.grade);
  const steps = '<i></i>'.repeat(GRADES.length);
  return `<${tag} class="badge badge-${j.grade}"><span class="rank rank-${rank}" aria-hidden="true">${steps}</span>${escapeHtml(j.label)}</${tag}>`;
}

function section(s: Section): string {
  const tag = headingTag(s.level);
  return [
    // Only chapters are named, and so become region landmarks: a landmark per subsection made
    // some thirty, several with the same name ("Recommendations" under each question).
    `<section id="${escapeHtml(s.id)}"${s.level === 1 ? ` aria-labelledby="${escapeHtml(s.id)}-title"` : ''} class="level-${s.level}">`,
    `<${tag} id="${escapeHtml(s.id)}-title">${htmlInlines(s.title)}</${tag}>`,
    blocksHtml(s.children, s.level),
    `</section>`,
  ].join('\n');
}

function grid(g: SummaryGrid, depth: number): string {
  const tag = headingTag(depth + 1);
  const columns = g.questions.map((q) =>
    [
      `<article class="grid-question" aria-labelledby="grid-${escapeHtml(q.id)}">`,
      `<${tag} id="grid-${escapeHtml(q.id)}"><a href="${escapeHtml(q.href)}">${escapeHtml(q.title)}</a></${tag}>`,
      `<p class="grid-judgment"><span class="visually-hidden">Judgment: </span>${badge(q.judgment)}</p>`,
      `<div class="grid-summary">`,
      blocksHtml(q.summary, depth + 1),
      `</div>`,
      `</article>`,
    ].join('\n'),
  );
  return `<div class="summary-grid" role="group" aria-label="Summary of judgments">\n${columns.join('\n')}\n</div>`;
}

function table(t: Table, depth: number): string {
  const head = [t.stub, ...t.columns].map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const rows = t.rows.map((r) => {
    const cells = r.cells
      .map((c, i) => `<td${r.values[i] === null ? ' class="na"' : ''}>${escapeHtml(c)}</td>`)
      .join('');
    return `<tr><th scope="row">${escapeHtml(r.label)}</th>${cells}</tr>`;
  });
  return [
    `<div class="table-wrap" id="${escapeHtml(t.id)}">`,
    `<table class="rate-table">`,
    `<caption>${escapeHtml(t.caption)}</caption>`,
    `<thead><tr>${head}</tr></thead>`,
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    `</table>`,
    t.notes.length ? `<div class="table-notes">${blocksHtml(t.notes, depth)}</div>` : '',
    `</div>`,
  ].join('\n');
}

/** The chart's figures as a table, folded away under a summary: open for those who want the numbers. */
function figureData(f: Figure): string {
  if (!f.data) return '';
  const d = f.data;
  const head = [d.stub, ...d.columns].map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const rows = d.rows.map(
    (r) =>
      `<tr><th scope="row">${escapeHtml(r.label)}</th>${r.cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`,
  );
  return [
    `<details class="figure-data">`,
    `<summary>The chart’s figures as a table</summary>`,
    `<div class="table-wrap">`,
    `<table class="rate-table">`,
    `<caption>${escapeHtml(d.caption || f.caption)}</caption>`,
    `<thead><tr>${head}</tr></thead>`,
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    `</table>`,
    `</div>`,
    `</details>`,
  ].join('\n');
}

const hiddenSvg = (svg: string) => svg.replace('<svg ', '<svg aria-hidden="true" focusable="false" ');

function figure(f: Figure): string {
  // Two drawings, one shown at a time by the style sheet: each keeps its text at a readable size.
  const drawings = f.screen
    ? `<div class="chart-wide">${hiddenSvg(f.screen.wide)}</div><div class="chart-narrow">${hiddenSvg(f.screen.narrow)}</div>`
    : f.svg
      ? hiddenSvg(f.svg)
      : null;
  const chart = drawings
    ? `<div class="chart" role="img" aria-label="${escapeHtml(f.alt)}">${drawings}</div>`
    : `<p class="chart-missing">${escapeHtml(f.alt)}</p>`;
  return [
    `<figure id="${escapeHtml(f.id)}" class="figure">`,
    `<figcaption><span class="figure-label">Figure:</span> ${escapeHtml(f.caption)}</figcaption>`,
    chart,
    figureData(f),
    `<p class="figure-source">${escapeHtml(f.source)}</p>`,
    `</figure>`,
  ].join('\n');
}

function recommendations(r: Recommendations, depth: number): string {
  const items = r.items.map((item) =>
    [
      `<li class="recommendation">`,
      `<p class="recommendation-head"><span class="recommendation-number">Recommendation ${item.number}</span> <span class="timeframe"><span class="visually-hidden">Timeframe: </span>${escapeHtml(item.timeframe)}</span></p>`,
      blocksHtml(item.content, depth),
      `</li>`,
    ].join('\n'),
  );
  return `<ol class="recommendations" id="${escapeHtml(r.id)}">\n${items.join('\n')}\n</ol>`;
}

function block(b: Block, depth: number): string {
  switch (b.type) {
    case 'section':
      return section(b);
    case 'paragraph': {
      const item = letteredItem(b.content);
      return item
        ? `<p class="lettered"><span class="marker">${escapeHtml(item.marker)} </span>${htmlInlines(item.rest)}</p>`
        : `<p>${htmlInlines(b.content)}</p>`;
    }
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      const start = b.ordered && b.start !== 1 ? ` start="${b.start}"` : '';
      const items = b.items.map((item) => {
        const only = item.length === 1 && item[0]!.type === 'paragraph' ? item[0] : null;
        return `<li>${only?.type === 'paragraph' ? htmlInlines(only.content) : blocksHtml(item, depth)}</li>`;
      });
      return `<${tag}${start}>\n${items.join('\n')}\n</${tag}>`;
    }
    case 'judgment':
      return `<p class="judgment judgment-${b.grade}"><span class="judgment-label">Judgment</span> ${badge(b)}</p>`;
    case 'summaryGrid':
      return grid(b, depth);
    case 'table':
      return table(b, depth);
    case 'figure':
      return figure(b);
    case 'recommendations':
      return recommendations(b, depth);
  }
}

/** Blocks at a nesting depth (the level of the section that holds them; 0 at the top). */
export function blocksHtml(blocks: readonly Block[], depth = 0): string {
  return blocks.map((b) => block(b, depth)).join('\n');
}
