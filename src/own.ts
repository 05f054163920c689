/**
 * Names that the data supplies (a table id, a chart id, a footnote label) are looked up only among a
 * record's own keys: `constructor` or `toString` must be "unknown", not a member of Object.prototype.
 */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
