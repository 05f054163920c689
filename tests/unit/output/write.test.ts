import { link, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  failedBuildLine,
  OutputWriteError,
  parseTempName,
  recoverSets,
  removeStaleTemps,
  writeFilesAtomic,
  type WriteOps,
} from '../../../src/output/write.js';
import { message } from '../../../src/messages.js';
import { undoAll } from '../../../src/signals.js';

let dir: string;
const names = ['report.pdf', 'report.html', 'handouts/a.pdf', 'handouts/a.html'];
const file = (name: string) => path.join(dir, name);
const set = (text: string) => names.map((name) => ({ file: file(name), data: `${text} ${name}` }));

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'write-'));
  await mkdir(path.join(dir, 'handouts'));
  for (const name of names) await writeFile(file(name), `old ${name}`);
});

afterEach(() => rm(dir, { recursive: true, force: true }));

async function contents(): Promise<string[]> {
  return Promise.all(names.map((name) => readFile(file(name), 'utf8')));
}

/** Every file in the folder, temporary ones included. */
async function everything(): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

const real: WriteOps = {
  writeFile: (f, data) => writeFile(f, data, { flag: 'wx' }),
  rename,
  link,
  rm: (f) => rm(f, { force: true }),
};

/** File operations that fail at the `n`th rename (and, if asked, at every rename after it). */
function failingRename(n: number, after = false): WriteOps {
  let count = 0;
  return {
    ...real,
    rename: async (from, to) => {
      count++;
      if (count === n || (after && count > n)) throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
      await rename(from, to);
    },
  };
}

async function failure(promise: Promise<unknown>): Promise<OutputWriteError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OutputWriteError);
  return error as OutputWriteError;
}

describe('a document set', () => {
  it('is replaced whole, leaving no temporary file', async () => {
    const before = await everything();
    await writeFilesAtomic(set('new'));
    expect(await contents()).toEqual(names.map((n) => `new ${n}`));
    expect(await everything()).toEqual(before);
  });

  it('is put back as it was when a rename fails part-way, and says so', async () => {
    const before = await everything();
    const error = await failure(writeFilesAtomic(set('new'), { ops: failingRename(3) }));
    expect(await contents()).toEqual(names.map((n) => `old ${n}`));
    expect(await everything()).toEqual(before);
    expect(error.outcome).toBe('restored');
    expect(error.problems[0]!.file).toBe(file(names[2]!));
    expect(failedBuildLine('x', error)).toBe(message.outputsRestored('x'));
  });

  it('removes what it added when a new file has no previous one to go back to', async () => {
    await rm(file('handouts/a.pdf'));
    const before = await everything();
    await failure(writeFilesAtomic(set('new'), { ops: failingRename(4) }));
    expect(await everything()).toEqual(before);
  });

  it('names the files that are new when the previous ones cannot be put back', async () => {
    // The third rename fails, and so does every rename back.
    const error = await failure(writeFilesAtomic(set('new'), { ops: failingRename(3, true) }));
    expect(error.outcome).toBe('mixed');
    expect(error.newFiles).toEqual([file('report.pdf'), file('report.html')]);
    expect(await contents()).toEqual([
      'new report.pdf',
      'new report.html',
      'old handouts/a.pdf',
      'old handouts/a.html',
    ]);
    expect(failedBuildLine('x', error)).toBe(message.outputsMixed('x', error.newFiles));
  });

  it('is left as it was when writing fails, with the disk problem in words', async () => {
    const before = await everything();
    let writes = 0;
    const full: WriteOps = {
      ...real,
      writeFile: async (f, data) => {
        if (++writes === 2) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        await real.writeFile(f, data);
      },
    };
    const error = await failure(writeFilesAtomic(set('new'), { ops: full }));
    expect(error.outcome).toBe('unchanged');
    expect(error.problems[0]).toMatchObject({ rule: 'output/no-space', message: message.outputNoSpace });
    // Every file is written at once; the problem names the one whose write failed.
    expect(error.problems[0]!.file).toBe(file(names[1]!));
    expect(await everything()).toEqual(before);
    expect(failedBuildLine('x', error)).toBe(message.outputsUnchanged('x'));
  });

  it('writes many files at once, but a bounded number, within any limit on open files', async () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ file: file(`handouts/q${i}.pdf`), data: `new ${i}` }));
    let open = 0;
    let most = 0;
    const counted: WriteOps = {
      ...real,
      writeFile: async (f, data) => {
        most = Math.max(most, ++open);
        await new Promise((resolve) => setTimeout(resolve, 5));
        await real.writeFile(f, data);
        open--;
      },
    };
    await writeFilesAtomic(many, { root: dir, ops: counted });
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(16);
    expect(await readFile(file('handouts/q39.pdf'), 'utf8')).toBe('new 39');
  });

  it('names a file of the folder that could not be made', async () => {
    await rm(file('handouts'), { recursive: true });
    await writeFile(file('handouts'), 'a file where the folder goes');
    const error = await failure(writeFilesAtomic(set('new')));
    expect(error.outcome).toBe('unchanged');
    expect(error.problems[0]!.file).toBe(file('handouts/a.pdf'));
  });

  for (const landed of [true, false])
    it(`is put back whole by a signal that comes while a rename ${landed ? 'has landed' : 'is waiting'}`, async () => {
      // The undo a signal runs cannot wait for the rename in flight: the disk has to tell it.
      const before = await everything();
      let reached = () => {};
      const stuck = new Promise<void>((resolve) => (reached = resolve));
      let count = 0;
      const ops: WriteOps = {
        ...real,
        rename: async (from, to) => {
          if (++count !== 2) return rename(from, to);
          if (landed) await rename(from, to);
          reached();
          return new Promise<void>(() => {});
        },
      };
      void writeFilesAtomic(set('new'), { ops });
      await stuck;
      undoAll();
      expect(await contents()).toEqual(names.map((n) => `old ${n}`));
      expect(await everything()).toEqual(before);
    });

  it('is refused before anything is written when a folder stands where a file goes', async () => {
    await rm(file('handouts/a.html'));
    await mkdir(file('handouts/a.html'));
    const before = await everything();
    const error = await failure(writeFilesAtomic(set('new')));
    expect(error.problems[0]).toMatchObject({ rule: 'output/is-a-folder', message: message.outputFolderInTheWay });
    expect(await everything()).toEqual(before);
  });

  it('shows each file old or whole and new, and after a kill the next write puts the set back whole', async () => {
    // The writer is frozen at its nth file operation, never to resume: what a kill leaves. Then the
    // next writer, which finds the first one no longer running, recovers the set.
    const dead = () => false;
    let completed = false;
    for (let n = 1; !completed; n++) {
      for (const name of await everything()) if (!names.includes(name) && name !== 'handouts') await rm(file(name));
      for (const name of names) await writeFile(file(name), `old ${name}`);
      let count = 0;
      let reached = () => {};
      const stalled = new Promise<void>((resolve) => (reached = resolve));
      const stall = <T>(op: () => Promise<T>) => {
        if (++count !== n) return op();
        reached();
        return new Promise<T>(() => {});
      };
      const frozen: WriteOps = {
        writeFile: (f, d) => stall(() => real.writeFile(f, d)),
        rename: (a, b) => stall(() => rename(a, b)),
        link: (a, b) => stall(() => link(a, b)),
        rm: (f) => stall(() => real.rm(f)),
      };
      completed = await Promise.race([
        stalled.then(() => false),
        writeFilesAtomic(set(`new${n}`), { ops: frozen }).then(() => true),
      ]);
      const seen = await contents();
      for (const [i, text] of seen.entries())
        expect([`old ${names[i]}`, `new${n} ${names[i]}`], `step ${n}`).toContain(text);
      for (const name of await everything()) {
        const base = path.basename(name);
        if (!names.includes(name) && base !== 'handouts')
          expect(parseTempName(base) ?? /\.journal$/.exec(base), `step ${n}: ${name}`).not.toBeNull();
      }

      await recoverSets(dir, dead);
      for (const sub of ['', 'handouts']) await removeStaleTemps(path.join(dir, sub), dead);
      const after = await contents();
      const whole = [names.map((x) => `old ${x}`), names.map((x) => `new${n} ${x}`)];
      expect(whole, `step ${n}: ${after.join(', ')}`).toContainEqual(after);
      expect(await everything(), `step ${n}`).toEqual(['handouts', ...names].sort());
    }
  });

  it('removes the files it is asked to remove as part of the set, or none of them', async () => {
    const kept = names.filter((n) => n !== 'handouts/a.html');
    const files = kept.map((name) => ({ file: file(name), data: `new ${name}` }));
    await failure(writeFilesAtomic(files, { root: dir, remove: [file('handouts/a.html')], ops: failingRename(3) }));
    expect(await contents()).toEqual(names.map((n) => `old ${n}`));
    await writeFilesAtomic(files, { root: dir, remove: [file('handouts/a.html')] });
    expect(await everything()).toEqual(['handouts', ...kept].sort());
  });

  it('leaves a set alone while the process that writes it is running', async () => {
    const journal = path.join(dir, `.report-press-set.${process.pid}.0badcafe.journal`);
    const temp = path.join(dir, `.report.pdf.${process.pid}.0badcafe.tmp`);
    await writeFile(
      journal,
      JSON.stringify({ entries: [{ file: 'report.pdf', temp: path.basename(temp), backup: null }] }),
    );
    await writeFile(temp, 'new');
    expect(await recoverSets(dir)).toEqual([]);
    expect(await removeStaleTemps(dir)).toEqual([]);
    expect(await everything()).toContain(path.basename(journal));
  });

  it('ignores what a journal names outside its folder', async () => {
    const outside = await mkdtemp(path.join(tmpdir(), 'write-outside-'));
    try {
      // Followed, this journal would put a "previous" file over one outside the folder.
      await writeFile(path.join(outside, 'keep.txt'), 'keep');
      await writeFile(path.join(outside, '.keep.txt.1.0badcafe.tmp'), 'replaced');
      await writeFile(file('.report.pdf.1.0badcafe.tmp'), 'new');
      const escape = path.relative(dir, path.join(outside, 'keep.txt')).split(path.sep).join('/');
      const entries = [
        { file: escape, temp: null, backup: '.keep.txt.1.0badcafe.tmp' },
        { file: 'report.pdf', temp: '.report.pdf.1.0badcafe.tmp', backup: null },
      ];
      await writeFile(path.join(dir, '.report-press-set.1.0badcafe.journal'), JSON.stringify({ entries }));
      await recoverSets(dir, () => false);
      expect(await readFile(path.join(outside, 'keep.txt'), 'utf8')).toBe('keep');
      expect(await contents()).toEqual(names.map((n) => `old ${n}`));
      expect(await everything()).toEqual(['handouts', ...names].sort());
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});
