/**
 * A map that keeps what a long-lived process has computed, within a bound: each value has a size
 * (words, bytes), and past `max` in all the value used longest ago is let go first. The caches of
 * measured texts, font subsets and compressed streams keep their work this way.
 */
export class Bounded<V> {
  readonly #values = new Map<string, V>();
  #size = 0;

  constructor(
    readonly max: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  /** The value, now the one used last. */
  get(key: string): V | undefined {
    const value = this.#values.get(key);
    if (value !== undefined) {
      this.#values.delete(key);
      this.#values.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    const before = this.#values.get(key);
    if (before !== undefined) {
      this.#size -= this.sizeOf(before);
      this.#values.delete(key);
    }
    this.#values.set(key, value);
    this.#size += this.sizeOf(value);
    for (const [oldest, old] of this.#values) {
      if (this.#size <= this.max) break;
      this.#values.delete(oldest);
      this.#size -= this.sizeOf(old);
    }
  }

  /** How many values are kept, and their sizes in all. */
  get size(): { count: number; total: number } {
    return { count: this.#values.size, total: this.#size };
  }

  values(): IterableIterator<V> {
    return this.#values.values();
  }
}
