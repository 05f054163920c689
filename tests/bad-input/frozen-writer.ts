/**
 * A writer that stops for good part-way through replacing a set of outputs, for a test to kill:
 * `node --import tsx frozen-writer.ts <root> <renames> <file>…` writes "new <name>" to each file
 * as one set under <root>, freezes after <renames> renames, and then prints "frozen".
 */
import { link, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { writeFilesAtomic } from '../../src/output/write.js';

const [root, renames, ...files] = process.argv.slice(2);
let count = 0;
void writeFilesAtomic(
  files.map((file) => ({ file, data: `new ${path.basename(file)}` })),
  {
    root: root!,
    ops: {
      writeFile: (file, data) => writeFile(file, data, { flag: 'wx' }),
      link,
      rm: (file) => rm(file, { force: true }),
      rename: async (from, to) => {
        if (count++ === Number(renames)) {
          process.stdout.write('frozen\n');
          return new Promise<void>(() => {});
        }
        await rename(from, to);
      },
    },
  },
);
