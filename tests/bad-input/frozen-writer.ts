/**
 * A writer that stops for good part-way through replacing a set of outputs, for a test to kill:
 * `node --import tsx frozen-writer.ts <root> <renames> <file>…` writes "new <name>" to each file
 * as one set under <root>, leaves the rename after the first <renames> stuck for good (the set's
 * other renames go on), and prints "frozen".
 */
import { link, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { writeFilesAtomic } from '../../src/output/write.js';

const [root, renames, ...files] = process.argv.slice(2);
let count = 0;
/** The renames before the stuck one: "frozen" is printed once they are done, so they are new for sure. */
const before: Promise<void>[] = [];
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
          await Promise.allSettled(before);
          process.stdout.write('frozen\n');
          return new Promise<void>(() => {});
        }
        const done = rename(from, to);
        before.push(done);
        await done;
      },
    },
  },
);
