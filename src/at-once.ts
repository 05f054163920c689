/**
 * File work started for many items at once, within a bound: `size` items at a time, each group
 * settled before the next starts, so no operation is still in flight when a caller handles a
 * failure, and no more files are open at once than the bound, whatever the number of items.
 */
export async function mapAtOnce<T, R>(
  items: readonly T[],
  size: number,
  step: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    const group = items.slice(start, start + size);
    const settled = await Promise.allSettled(group.map(async (item, i) => step(item, start + i)));
    // The first failure in the items' order, whichever came first in time: the same every run.
    for (const r of settled) if (r.status === 'rejected') throw r.reason;
    for (const r of settled) results.push((r as PromiseFulfilledResult<R>).value);
  }
  return results;
}
