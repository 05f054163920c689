/** Where a build reads its inputs and writes its outputs. */
import path from 'node:path';

export interface Paths {
  data: string;
  templates: string;
  charts: string;
  out: string;
}

export function defaultPaths(root = process.cwd()): Paths {
  return {
    data: path.join(root, 'data'),
    templates: path.join(root, 'templates'),
    charts: path.join(root, 'charts'),
    out: path.join(root, 'out'),
  };
}
