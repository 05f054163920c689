/** Number, percent and date wording shared by the templates and the components (en-GB). */

export const NOT_AVAILABLE = 'not available';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** 51214 → "51,214"; 85 with 1 decimal → "85.0"; null → "not available". */
export function formatNumber(value: number | null | undefined, decimals = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NOT_AVAILABLE;
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole, fraction] = fixed.split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value < 0 && Number(fixed) !== 0 ? '−' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/**
 * The decimals a figure needs to print as written: 86.7 keeps one, 7 none. (YAML reads 85.0 as 85,
 * so a figure that must show a trailing zero is printed with a fixed number of decimals instead.)
 */
export function decimalsOf(value: number): number {
  // 1e-7 is how JavaScript writes 0.0000001: count the decimals it stands for, or it prints as "0".
  const [mantissa = '', exponent = '0'] = String(value).split('e');
  const decimals = (mantissa.split('.')[1]?.length ?? 0) - Number(exponent);
  return Math.min(20, Math.max(0, decimals));
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** A date that exists: `2014-02-31` and month 13 do not. */
export function isRealDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [year, month = 1, day = 1] = [Number(m[1]), Number(m[2] ?? 1), Number(m[3] ?? 1)];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** "2014-11" → 1 November 2014, "2014-11-27" → 27 November 2014, at midnight UTC. */
export function dateOf(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1));
}

/** "2014-11" → "November 2014"; "2014-11-27" → "27 November 2014". */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const month = MONTHS[(m ?? 1) - 1];
  return d ? `${d} ${month} ${y}` : `${month} ${y}`;
}

/** A change as a verb phrase: "increased by 7 percent", "reduced by 16 percent", "did not change". */
export function changeVerb(percent: number): string {
  if (percent === 0) return 'did not change';
  return `${percent > 0 ? 'increased' : 'reduced'} by ${formatNumber(Math.abs(percent), decimalsOf(percent))} percent`;
}

/** A change as a noun phrase: "an increase of 7 percent", "a reduction of 16 percent", "no change". */
export function changeNoun(percent: number): string {
  if (percent === 0) return 'no change';
  return `${percent > 0 ? 'an increase' : 'a reduction'} of ${formatNumber(Math.abs(percent), decimalsOf(percent))} percent`;
}

/** A change as an adjective phrase: "a 1 percent reduction", "an 8 percent increase", "no change". */
export function changeAdjective(percent: number): string {
  if (percent === 0) return 'no change';
  const amount = formatNumber(Math.abs(percent), decimalsOf(percent));
  // Said aloud: "an eight…", "an eleven", "an eighteen"; the first group of digits decides.
  const lead = amount.split(/[,.]/)[0]!;
  const article = lead.startsWith('8') || lead === '11' || lead === '18' ? 'an' : 'a';
  return `${article} ${amount} percent ${percent > 0 ? 'increase' : 'reduction'}`;
}

/**
 * Compares two estimates with margins of error: "higher than" or "lower than" only when the
 * intervals do not overlap, otherwise "broadly in line with".
 */
export function compareIntervals(a: { rate: number; margin: number }, b: { rate: number; margin: number }): string {
  if (a.rate - a.margin > b.rate + b.margin) return 'higher than';
  if (a.rate + a.margin < b.rate - b.margin) return 'lower than';
  return 'broadly in line with';
}

/** Compares two figures: "broadly in line with" within `tolerance`, else "higher than"/"lower than". */
export function compareValues(a: number, b: number, tolerance = 0): string {
  // Figures carry a decimal or two: 5.3 − 5.1 must count as 0.2, not 0.20000000000000018.
  if (Math.abs(a - b) <= tolerance + 1e-9) return 'broadly in line with';
  return a > b ? 'higher than' : 'lower than';
}

/** "Exampleshire" → "Exampleshire’s"; a name ending in s takes ’s too (house style). */
export function possessive(name: string): string {
  return `${name}’s`;
}
