/** The documents a build wrote, by name: `report`, `handouts/<question-id>`, `handouts/summary`. */
import path from 'node:path';
import type { Built } from './build.js';

export interface BuiltDocument {
  /** The output path without extension, relative to out/<report>/, e.g. `handouts/summary`. */
  name: string;
  file: string;
}

/** Every document of one report with the given extension, the report first, then handouts by name. */
export function documents({ out, outputs }: Built, id: string, ext: 'pdf' | 'html'): BuiltDocument[] {
  const root = path.join(out, id);
  return outputs
    .filter((o) => o.file.endsWith(`.${ext}`))
    .map((o) => ({
      name: path
        .relative(root, o.file)
        .slice(0, -(ext.length + 1))
        .split(path.sep)
        .join('/'),
      file: o.file,
    }))
    .sort((a, b) => (a.name === 'report' ? -1 : b.name === 'report' ? 1 : a.name.localeCompare(b.name)));
}
