/**
 * One area's sheet as report data: its tables, charts and the template's context, so that the same
 * stages as a report's (template, parse, charts, both writers) make it.
 */
import type { Chart, RateTable, ReportData } from '../schema/report.js';
import { formatNumber } from '../format.js';
import { message } from '../messages.js';
import type { AreaSheet } from './figures.js';
import type { LoadedDatasheet } from './load.js';

const EMPTY_CHAPTER = { id: 'none', title: 'none', body: [] };

export interface SheetContext {
  area: string;
  periodLabel: string;
  flags: string[];
  trendUnavailable: string | null;
  nationalUnavailable: string | null;
  source: string;
  licence: string;
}

function tables(sheet: AreaSheet, sheets: readonly AreaSheet[], loaded: LoadedDatasheet): Record<string, RateTable> {
  const def = loaded.definition;
  const { area } = sheet;
  const rows = (values: (m: AreaSheet['measures'][number]) => (number | null)[]) =>
    sheet.measures.map((m) => ({ label: m.measure, values: values(m) }));
  const ranked = sheet.measures[0]?.ranked ?? sheets.filter((s) => s.status === 'ok').length;
  const ties = sheet.measures
    .filter((m) => m.rank !== null && m.sharedWith > 0)
    .map((m) => message.datasheetTie(m.measure, m.rank!, m.sharedWith));
  return {
    rates: {
      caption: `Recorded offences and rates per 1,000 population, ${def.periodLabel}`,
      stub: 'Measure',
      columns: [`${area}: offences`, `${area}: rate`, `${def.comparator}: rate`, `Rank of ${ranked} (1 = lowest rate)`],
      decimals: 1,
      columnDecimals: [0, 1, 1, 0],
      rows: rows((m) => [m.count, m.rate, m.comparatorRate, m.rank]),
      notes: [...(sheet.reason ? [message.datasheetNotRanked(area, sheet.reason)] : []), ...ties, ...(def.notes ?? [])],
    },
    changes: {
      caption: `Change in recorded offences (percent), ${def.periodLabel} against the same months earlier`,
      stub: 'Measure',
      columns: def.changes.flatMap((c) => [`${area}, ${c.label}`, `${def.comparator}, ${c.label}`]),
      decimals: 1,
      rows: rows((m) => m.changes.flatMap((c) => [c.area, c.comparator])),
    },
  };
}

/** The chart's rows' rates for a text alternative: first and last, to one decimal. */
function trendWords(loaded: LoadedDatasheet, area: string): string {
  const { definition: def, csv } = loaded;
  const series = csv.rows
    .filter((r) => r.area === area && r.measure === def.trendMeasure && r.rate_per_1000 !== '')
    .sort((a, b) => (a['12_months_ending']! < b['12_months_ending']! ? -1 : 1));
  if (series.length === 0) return `${area}: not available`;
  const rate = (r: Record<string, string>) => formatNumber(Number(r.rate_per_1000), 1);
  return `${area} went from ${rate(series[0]!)} to ${rate(series.at(-1)!)}`;
}

function charts(sheet: AreaSheet, sheets: readonly AreaSheet[], loaded: LoadedDatasheet): Record<string, Chart> {
  const def = loaded.definition;
  const { area } = sheet;
  const source = `${def.source} ${def.licence}`;
  const measure = def.trendMeasure;
  const m = sheet.measures.find((x) => x.measure === measure);
  const compared = sheets.filter((s) => s.status === 'ok').map((s) => s.area);
  return {
    trend: {
      spec: 'rate-trend',
      title: `${measure}: rate per 1,000 population, ${area} and ${def.comparator}, 12 months ending each quarter.`,
      alt: `Line chart of ${measure.toLowerCase()} per 1,000 population for the 12 months ending each quarter: ${trendWords(loaded, area)}; ${trendWords(loaded, def.comparator)}.`,
      source,
      data: def.data,
      filter: { measure, area: [area, def.comparator] },
      series: { column: 'area', force: area, comparator: def.comparator },
    },
    national: {
      spec: 'national-rates',
      title: `${measure}: rate per 1,000 population by force area, ${def.periodLabel}.`,
      alt: `Bar chart of the rate of ${measure.toLowerCase()} per 1,000 population in each of ${compared.length} force areas and in ${def.comparator}, sorted from the highest rate; ${area} is marked, ranked ${m?.rank ?? 'not'} of ${compared.length} (1 = the lowest rate), at ${formatNumber(m?.rate, 1)} against ${formatNumber(m?.comparatorRate, 1)} for ${def.comparator}.`,
      source,
      data: def.data,
      filter: { measure, '12_months_ending': def.period, area: [...compared, def.comparator] },
      series: { column: 'area', force: area, comparator: def.comparator, others: true },
    },
  };
}

/** The sheet as report data (the parts the model and charts read) and the template's context. */
export function sheetData(
  sheet: AreaSheet,
  sheets: readonly AreaSheet[],
  loaded: LoadedDatasheet,
): { data: ReportData; context: SheetContext } {
  const def = loaded.definition;
  const data: ReportData = {
    meta: {
      force: sheet.area,
      area: sheet.area,
      title: def.title,
      published: def.published,
      publisher: def.publisher,
      author: def.publisher,
      language: def.language,
      licence: def.licence,
    },
    overview: { ...EMPTY_CHAPTER, summaryTitle: 'none' },
    introduction: EMPTY_CHAPTER,
    methodology: EMPTY_CHAPTER,
    judgments: EMPTY_CHAPTER,
    questions: [],
    figures: {},
    tables: tables(sheet, sheets, loaded),
    charts: charts(sheet, sheets, loaded),
    footnotes: {},
  };
  const ok = sheet.status === 'ok';
  const context: SheetContext = {
    area: sheet.area,
    periodLabel: def.periodLabel,
    flags: sheet.reason ? [sheet.reason.charAt(0).toUpperCase() + sheet.reason.slice(1)] : [],
    trendUnavailable: sheet.status === 'no-population' ? message.datasheetTrendUnavailable(sheet.reason!) : null,
    nationalUnavailable: ok ? null : message.datasheetNationalUnavailable(sheet.area, sheet.reason!),
    source: def.source,
    licence: def.licence,
  };
  return { data, context };
}
