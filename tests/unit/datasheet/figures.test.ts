/**
 * The data-sheet figures of every area, checked against values worked out here from the raw CSV
 * lines (not through the project's CSV reader), and Kent's against the rate table printed in its
 * 2014 inspection report.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { areaSheets, type AreaSheet } from '../../../src/datasheet/figures.js';
import type { DatasheetDefinition } from '../../../src/datasheet/schema.js';
import { parseCsv } from '../../../src/load/csv.js';
import { FIXTURES } from '../../helpers/paths.js';

const DIR = path.join(FIXTURES, 'national');
const def = YAML.parse(readFileSync(path.join(DIR, 'datasheet.yaml'), 'utf8')) as DatasheetDefinition;
const text = readFileSync(path.join(DIR, def.data), 'utf8');
const parsed = parseCsv(def.data, text);
if (!('csv' in parsed)) throw new Error('the dataset does not parse');
const sheets = areaSheets(parsed.csv, def);
const byArea = new Map(sheets.map((s) => [s.area, s]));

/** The raw lines, split by hand: period, area, measure, count, population. */
const lines = text
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(','));
const raw = (period: string, area: string, measure: string) => {
  const line = lines.find((l) => l[0] === period && l[1] === area && l[2] === measure)!;
  return { count: Number(line[3]), population: line[4] === '' ? null : Number(line[4]) };
};
const areas = [...new Set(lines.map((l) => l[1]!))].filter((a) => a !== def.comparator);
const rate = (period: string, area: string, measure: string) => {
  const { count, population } = raw(period, area, measure);
  return population === null ? null : (count / population) * 1000;
};
const welsh = areas.filter((a) => raw(def.period, a, def.measures[0]!).population === null);
const flagged = Object.keys(def.flagged);

const measureOf = (sheet: AreaSheet, measure: string) => sheet.measures.find((m) => m.measure === measure)!;

describe('data-sheet figures', () => {
  it('cover every area of the dataset but the comparator, once, with a file-safe id', () => {
    expect(sheets.map((s) => s.area).sort()).toEqual([...areas].sort());
    expect(sheets).toHaveLength(43);
    expect(new Set(sheets.map((s) => s.id)).size).toBe(43);
    for (const s of sheets) expect(s.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('give Kent the rates printed in its 2014 inspection report', () => {
    const kent = byArea.get('Kent')!;
    const printed = {
      'Crime excluding fraud': '63.5',
      'Victim-based crime': '58.5',
      'Sexual offences': '1.4',
      'Violence with injury': '7.2',
    };
    for (const [measure, value] of Object.entries(printed))
      expect(measureOf(kent, measure).rate!.toFixed(1)).toBe(value);
  });

  it('match rates and changes worked out from the raw counts, for every area', () => {
    for (const sheet of sheets) {
      for (const m of sheet.measures) {
        const expected = rate(def.period, sheet.area, m.measure);
        if (expected === null) expect(m.rate).toBeNull();
        else expect(m.rate).toBeCloseTo(expected, 9);
        expect(m.comparatorRate).toBeCloseTo(rate(def.period, def.comparator, m.measure)!, 9);
        expect(m.count).toBe(raw(def.period, sheet.area, m.measure).count);
        for (const [i, change] of def.changes.entries()) {
          const now = raw(def.period, sheet.area, m.measure).count;
          const then = raw(change.from, sheet.area, m.measure).count;
          expect(m.changes[i]!.area).toBeCloseTo(((now - then) / then) * 100, 9);
        }
      }
    }
  });

  it('leave the Welsh areas without rates or ranks, with the reason, but keep their counts and changes', () => {
    expect(welsh.sort()).toEqual(['Dyfed-Powys', 'Gwent', 'North Wales', 'South Wales']);
    for (const area of welsh) {
      const sheet = byArea.get(area)!;
      expect(sheet.status).toBe('no-population');
      expect(sheet.reason).toContain('no population estimate');
      for (const m of sheet.measures) {
        expect([m.rate, m.rank]).toEqual([null, null]);
        expect(m.count).toBeGreaterThan(0);
        expect(Number.isFinite(m.changes[0]!.area)).toBe(true);
      }
    }
  });

  it('flag City of London with its reason and leave it out of the rankings', () => {
    const city = byArea.get('City of London')!;
    expect(flagged).toEqual(['City of London']);
    expect(city.status).toBe('flagged');
    expect(city.reason).toBe(def.flagged['City of London']);
    for (const m of city.measures) {
      expect(m.rate).toBeGreaterThan(0);
      expect(m.rank).toBeNull();
    }
  });

  it('rank the comparable areas consistently: 1 is the lowest rate, equal printed rates share a rank', () => {
    const ranked = sheets.filter((s) => s.status === 'ok');
    expect(ranked).toHaveLength(areas.length - welsh.length - flagged.length);
    for (const measure of def.measures) {
      const list = ranked.map((s) => ({
        rate: Math.round(measureOf(s, measure).rate! * 10) / 10,
        m: measureOf(s, measure),
      }));
      for (const a of list) {
        expect(a.m.ranked).toBe(ranked.length);
        expect(a.m.rank).toBe(1 + list.filter((b) => b.rate < a.rate).length);
        expect(a.m.sharedWith).toBe(list.filter((b) => b.rate === a.rate).length - 1);
        for (const b of list) if (a.rate < b.rate) expect(a.m.rank!).toBeLessThan(b.m.rank!);
      }
      expect(Math.min(...list.map((a) => a.m.rank!))).toBe(1);
    }
  });

  it('never hold NaN or Infinity: a value is a finite number or null', () => {
    const values = sheets.flatMap((s) =>
      s.measures.flatMap((m) => [
        m.count,
        m.rate,
        m.comparatorRate,
        m.rank,
        ...m.changes.flatMap((c) => [c.area, c.comparator]),
      ]),
    );
    for (const v of values) expect(v === null || Number.isFinite(v)).toBe(true);
  });
});

describe('messy data', () => {
  it('gives null, never NaN or Infinity, for a zero population, an empty count or a missing year', () => {
    const header = '12_months_ending,area,measure,count,mid_year_pop_used,rate_per_1000';
    const csvText = [
      header,
      '2014-06-30,Nowhere,M,10,0,',
      '2014-06-30,Blank,M,,1000,',
      '2014-06-30,Late,M,5,1000,5',
      '2013-06-30,Nowhere,M,0,0,',
      '2013-06-30,Blank,M,4,1000,4',
      '2014-06-30,Nation,M,100,10000,10',
      '2013-06-30,Nation,M,100,10000,10',
    ].join('\n');
    const small = parseCsv('small.csv', csvText);
    if (!('csv' in small)) throw new Error('does not parse');
    const d = {
      ...def,
      comparator: 'Nation',
      measures: ['M'],
      changes: [{ from: '2013-06-30', label: '1 year' }],
      flagged: {},
    };
    const result = new Map(areaSheets(small.csv, d).map((s) => [s.area, s.measures[0]!]));
    expect(result.get('Nowhere')).toMatchObject({ rate: null, rank: null, changes: [{ area: null, comparator: 0 }] });
    expect(result.get('Blank')).toMatchObject({ count: null, rate: null, changes: [{ area: null }] });
    expect(result.get('Late')).toMatchObject({ rate: 5, rank: 1, ranked: 1, changes: [{ area: null }] });
  });
});
