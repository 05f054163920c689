import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOutputFolder, explainWriteError } from '../../../src/output/paths.js';
import { createBuilder } from '../../../src/pipeline.js';
import { REPORTS, testPaths } from '../../helpers/paths.js';
import { ReportError } from '../../../src/problems.js';
import { message } from '../../../src/messages.js';

let root: string;
let sources: string[];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'out-paths-'));
  sources = ['data', 'templates', 'charts'].map((d) => path.join(root, d));
  for (const dir of sources) await mkdir(path.join(dir, 'inner'), { recursive: true });
  await writeFile(path.join(root, 'a-file'), 'text');
  await symlink(path.join(root, 'data', 'inner'), path.join(root, 'linked'));
});

afterAll(() => rm(root, { recursive: true, force: true }));

/** The rule of the problem a check gives, or "ok". */
async function rule(dir: string): Promise<string> {
  try {
    await checkOutputFolder(dir, sources);
    return 'ok';
  } catch (error) {
    if (error instanceof ReportError) return error.problems.map((p) => p.rule).join();
    throw error;
  }
}

describe('an output folder', () => {
  it('may be a new or existing folder of the user', async () => {
    expect(await rule(path.join(root, 'out'))).toBe('ok');
    expect(await rule(path.join(root, 'out', 'deeper', 'still'))).toBe('ok');
    expect(await rule(root + '/data-out')).toBe('ok');
  });

  // Recursive mkdir under /proc never returns on Node 20: a check that hung would time the test out.
  it.each(['/proc/x', '/proc/self/x', '/sys/x', '/dev/x', '/tmp/../proc/x'])(
    'is refused in system folder %s',
    async (dir) => {
      expect(await rule(dir)).toBe('output/system-folder');
    },
  );

  it('is refused where a file is in the way', async () => {
    expect(await rule('/dev/null/x')).toBe('output/not-a-folder');
    expect(await rule(path.join(root, 'a-file'))).toBe('output/not-a-folder');
    expect(await rule(path.join(root, 'a-file', 'x', 'y'))).toBe('output/not-a-folder');
  });

  it('is refused when it is, holds or lies inside a source folder, links resolved', async () => {
    expect(await rule(path.join(root, 'data'))).toBe('output/source-folder');
    expect(await rule(path.join(root, 'templates', 'inner'))).toBe('output/source-folder');
    expect(await rule(path.join(root, 'charts', 'new'))).toBe('output/source-folder');
    expect(await rule(root)).toBe('output/source-folder');
    expect(await rule(path.join(root, 'linked'))).toBe('output/source-folder');
    expect(await rule(path.join(root, 'linked', 'x'))).toBe('output/source-folder');
  });
});

describe('a write error', () => {
  it.each([
    ['ENOSPC', 'output/no-space', message.outputNoSpace],
    ['EROFS', 'output/read-only', message.outputReadOnly],
    ['EACCES', 'output/no-permission', message.outputNoPermission],
    ['EEXIST', 'output/not-a-folder', message.outputFileInTheWay],
    ['ENOTDIR', 'output/not-a-folder', message.outputFileInTheWay],
    ['EISDIR', 'output/is-a-folder', message.outputFolderInTheWay],
  ])('%s is the path’s problem, said in words', (code, rule, text) => {
    const error = Object.assign(new Error(`${code}: raw`), { code });
    const explained = explainWriteError(error, '/somewhere/report.pdf');
    expect(explained).toBeInstanceOf(ReportError);
    const [problem] = (explained as ReportError).problems;
    expect(problem).toMatchObject({ file: '/somewhere/report.pdf', rule, message: text });
    expect((explained as ReportError).cause).toBe(error);
  });

  it('is passed on when it is not about the path', () => {
    const error = new TypeError('a bug');
    expect(explainWriteError(error, '/x')).toBe(error);
  });
});

describe('a build', () => {
  it('checks the output folder, the report folder and its handouts before it writes', async () => {
    // The report's own folder under out/ is a link into the data folder: writing would overwrite its sources.
    const dataDir = REPORTS;
    const [id] = await readdir(dataDir);
    const out = path.join(root, 'build-out');
    await mkdir(out);
    await symlink(path.join(dataDir, id!), path.join(out, id!));
    const builder = await createBuilder(testPaths({ data: dataDir, out }));
    const error = await builder.build(id!).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ReportError);
    expect((error as ReportError).problems.map((p) => p.rule)).toEqual(['output/source-folder']);
    // And the report's own folder where a file stands.
    await rm(path.join(out, id!));
    await writeFile(path.join(out, id!), 'a file');
    const second = await builder.build(id!).catch((e: unknown) => e);
    expect((second as ReportError).problems.map((p) => p.rule)).toEqual(['output/not-a-folder']);
  });
});
