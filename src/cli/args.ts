/** Command-line parsing shared by the commands: node:util's parseArgs, with mistakes as usage errors. */
import { parseLimit, type Budget } from '../budget.js';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { cliMessage } from '../messages.js';
import { FORMATS, type Format } from '../plan.js';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** A mistake on the command line: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Options every command takes. */
export const COMMON = {
  data: { type: 'string' },
  quiet: { type: 'boolean', default: false },
  debug: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies OptionsConfig;

export function parse<O extends OptionsConfig>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message, command);
  }
}

/** `pdf,html` → ['pdf', 'html'], in the order given, each once. */
export function parseFormats(value: string | undefined): Format[] {
  if (value === undefined) return [...FORMATS];
  const parts = value.split(',').map((p) => p.trim().toLowerCase());
  const bad = parts.find((p) => !(FORMATS as readonly string[]).includes(p));
  if (bad !== undefined || parts.length === 0) throw new UsageError(cliMessage.badFormat(value, FORMATS), 'build');
  return [...new Set(parts as Format[])];
}

/** `--jobs 2` → 2; at least 1. */
export function parseJobs(value: string | undefined): number {
  if (value === undefined) return 1;
  const jobs = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || jobs < 1) throw new UsageError(cliMessage.badJobs(value), 'build');
  return jobs;
}

export interface Shard {
  index: number;
  count: number;
}

/** `2/4` → the second of four shards. */
export function parseShard(value: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || index < 1 || index > count) throw new UsageError(cliMessage.badShard(value), 'build');
  return { index, count };
}

/**
 * The reports of one shard: the ids in code-unit order, dealt out in turn, so every report lands
 * in exactly one shard, the shards differ in size by one at most, and the same ids always split
 * the same way on every machine.
 */
export function shardOf(ids: readonly string[], shard: Shard): string[] {
  return [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).filter((_, k) => k % shard.count === shard.index - 1);
}

/** The ids as given, each once. */
export function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/** `--limit pages=500 --limit prose-chars=20000` → a partial budget; a bad limit is a usage error. */
export function parseLimits(texts: readonly string[] | undefined): Partial<Budget> {
  const budget: Partial<Budget> = {};
  for (const text of texts ?? []) {
    const limit = parseLimit(text);
    if ('error' in limit) throw new UsageError(limit.error, 'build');
    budget[limit.key] = limit.value;
  }
  return budget;
}
