/**
 * Progress while building: on a terminal, one bar over the reports and the documents of the
 * current one, redrawn in place on stderr; in CI or when output is piped, nothing but the plain
 * result lines the build prints anyway, which read well in a log.
 */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface ReportProgress {
  total(documents: number): void;
  rendered(name: string): void;
}

export interface Progress {
  /** Progress within the `index`-th (0-based) of `count` reports. */
  report(id: string, index: number, count: number): ReportProgress;
  /** Removes the bar, before a result line is printed. */
  clear(): void;
}

const WIDTH = 24;

export function showsBar(stream: ProgressStream, env: NodeJS.ProcessEnv, quiet: boolean): boolean {
  return !quiet && stream.isTTY === true && !env.CI && env.TERM !== 'dumb';
}

export function createProgress(stream: ProgressStream, enabled: boolean): Progress {
  let shown = false;
  const clear = () => {
    if (shown) stream.write('\r\x1b[2K');
    shown = false;
  };
  if (!enabled) return { report: () => ({ total() {}, rendered() {} }), clear };
  return {
    report(id, index, count) {
      let documents = 0;
      let done = 0;
      const draw = (doing: string) => {
        const fraction = (index + (documents ? done / documents : 0)) / count;
        const filled = Math.round(fraction * WIDTH);
        const bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`;
        const line = `${bar} ${index + 1}/${count} ${id} ${done}/${documents} ${doing}`;
        stream.write(`\r\x1b[2K${line.slice(0, (stream.columns ?? 80) - 1)}`);
        shown = true;
      };
      draw('');
      return {
        total(n) {
          documents = n;
          draw('');
        },
        rendered(name) {
          done++;
          draw(name);
        },
      };
    },
    clear,
  };
}
