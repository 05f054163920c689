/**
 * The figure vocabulary: a statement's text holds slots that are written from `figures`.
 *
 *   {force}, {area}                    the report's force and area (meta)
 *   {name}                             the value with its unit: "25 percent", "51,214", "63.5",
 *                                      "86.7 percent (± 1.2 percent)" when it has a margin
 *   {name.period} {name.from}          the periods it covers
 *   {name.area} {name.possessive}      the place it is for ("England and Wales", "the force’s")
 *   {name.label}                       what it is ("the detection rate")
 *   {name.verb} {name.noun} {name.adjective}
 *                                      a percent change: "increased by 7 percent",
 *                                      "a reduction of 16 percent", "a 1 percent reduction"
 *   {name.compared:other}              "higher than", "lower than" or "broadly in line with": apart
 *                                      only when the margins of error (or `inLineWithin`) do not overlap
 *
 * A slot that needs a value whose figure is null never prints: the whole statement is replaced by
 * a sentence saying that figure is not available and why.
 */
export const SLOT = /\{([^{}]*)\}/g;

export const FORMS = [
  'value',
  'period',
  'from',
  'area',
  'possessive',
  'label',
  'verb',
  'noun',
  'adjective',
  'compared',
] as const;
export type Form = (typeof FORMS)[number];

/** Forms that print the value itself (so a null value cannot be written through them). */
export const VALUE_FORMS: ReadonlySet<Form> = new Set(['value', 'verb', 'noun', 'adjective', 'compared']);
/** Forms that only make sense for a percent change. */
export const CHANGE_FORMS: ReadonlySet<Form> = new Set(['verb', 'noun', 'adjective']);

/** The report's own names, usable as `{force}` and `{area}`; figures may not take these names. */
export const META_SLOTS = ['force', 'area'] as const;
export type MetaSlot = (typeof META_SLOTS)[number];

export type Slot =
  | { kind: 'meta'; name: MetaSlot; text: string; offset: number }
  | { kind: 'figure'; figure: string; form: Form; other?: string; text: string; offset: number };

/** A slot that cannot be read, with what was wrong. */
export interface SlotError {
  text: string;
  offset: number;
  problem: 'syntax' | 'form';
}

const NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/** Reads the slots of a statement's text. */
export function parseSlots(text: string): { slots: Slot[]; errors: SlotError[] } {
  const slots: Slot[] = [];
  const errors: SlotError[] = [];
  for (const m of text.matchAll(SLOT)) {
    const body = m[1]!.trim();
    const at = { text: m[0], offset: m.index };
    if ((META_SLOTS as readonly string[]).includes(body)) {
      slots.push({ kind: 'meta', name: body as MetaSlot, ...at });
      continue;
    }
    const [figure = '', rest] = body.split(/\.(.*)/s);
    const [formText = 'value', other] = rest === undefined ? [] : rest.split(':');
    if (!NAME.test(figure) || (other !== undefined && !NAME.test(other))) {
      errors.push({ ...at, problem: 'syntax' });
      continue;
    }
    const form = FORMS.find((f) => f === formText);
    if (!form || (form === 'compared') !== (other !== undefined)) {
      errors.push({ ...at, problem: 'form' });
      continue;
    }
    slots.push({ kind: 'figure', figure, form, ...(other === undefined ? {} : { other }), ...at });
  }
  return { slots, errors };
}
