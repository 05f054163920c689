import { describe, expect, it } from 'vitest';
import { mapAtOnce } from '../../src/at-once.js';

const later = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('mapAtOnce', () => {
  it('gives the results in the order of the items, whatever order they finish in', async () => {
    expect(await mapAtOnce([30, 1, 20, 5, 10], 3, (ms, i) => later(ms, `${i}:${ms}`))).toEqual([
      '0:30',
      '1:1',
      '2:20',
      '3:5',
      '4:10',
    ]);
  });

  it('has at most `size` steps in flight', async () => {
    let open = 0;
    let most = 0;
    await mapAtOnce(
      Array.from({ length: 20 }, (_, i) => i),
      4,
      async () => {
        most = Math.max(most, ++open);
        await later(2, null);
        open--;
      },
    );
    expect(most).toBe(4);
  });

  it('fails with the first failure in the order of the items, once every step of its group has settled', async () => {
    const settled: number[] = [];
    const error = await mapAtOnce([0, 1, 2, 3], 4, async (i) => {
      // Item 2 fails at once, item 1 later: item 1's failure is the one reported.
      await later(i === 1 ? 20 : i === 3 ? 30 : 0, null);
      settled.push(i);
      if (i === 1 || i === 2) throw new Error(`item ${i}`);
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('item 1');
    expect(settled.sort()).toEqual([0, 1, 2, 3]);
  });

  it('starts no group after a failed one', async () => {
    const started: number[] = [];
    await mapAtOnce([0, 1, 2, 3, 4], 2, (i) => {
      started.push(i);
      return i === 1 ? Promise.reject(new Error('no')) : Promise.resolve(i);
    }).catch(() => undefined);
    expect(started).toEqual([0, 1]);
  });
});
