/**
 * The figure vocabulary without code changes: the invented northmoor-2015 report states figures
 * Kent never states, against a comparator other than England and Wales; dyfed-powys-2014 has a
 * figure that is not available.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createBuilder } from '../../src/pipeline.js';
import { testPaths } from '../helpers/paths.js';
import { htmlText, normalise } from '../helpers/text.js';

let northmoor: string;
let dyfed: string;

beforeAll(async () => {
  const builder = await createBuilder(testPaths());
  const text = async (id: string) =>
    normalise(htmlText((await builder.render(id)).find((d) => d.name === 'report')!.html));
  [northmoor, dyfed] = [await text('northmoor-2015'), await text('dyfed-powys-2014')];
});

describe('a report with its own figures and comparator', () => {
  it('writes its sentences from its figures, naming the comparator its data names', () => {
    expect(northmoor).toContain(
      'Over the year to June 2014, recorded crime in Northmoor reduced by 4.6 percent, against a 2.9 percent reduction in the force’s most similar group.',
    );
    expect(northmoor).toContain(
      'Northmoor’s crime rate in the 12 months to June 2014 was 46.0 per 1,000 population, lower than the 50.9 of its most similar group of forces.',
    );
    expect(northmoor).toContain(
      'The force answers calls quickly; its answer rate was 91.2 percent (± 0.8 percent), broadly in line with the 90.7 percent (± 0.5 percent) in the most similar group.',
    );
    expect(northmoor).toContain('We spoke to 1,250 members of staff in March 2015.');
    expect(northmoor).not.toContain('England and Wales');
  });

  it('lists its own questions in the introduction', () => {
    expect(northmoor).toContain(
      'We asked two questions: How well does the force prevent crime? How well does the force keep people safe?',
    );
  });

  it('says a figure with no value is not available, and why', () => {
    expect(northmoor).toContain(
      'The share of victims who were victims again within a year for Northmoor is not available (the force does not yet record repeat victims in a way that can be counted).',
    );
  });
});

describe('a rate that is not available', () => {
  it('is said to be "not available", with the reason, never "not comparable" or a comparison', () => {
    expect(dyfed).toContain(
      'The recorded crime rate is not published for this area; the rate of recorded crime (per 1,000 population) for Dyfed-Powys is not available (the source has no population estimate for Welsh force areas).',
    );
    expect(dyfed).not.toMatch(/not comparable|rate is (higher|lower|broadly)/);
  });
});
