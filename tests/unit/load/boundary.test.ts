import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadReport } from '../../../src/load/report.js';
import { encodingProblem, firstBadUtf8 } from '../../../src/load/boundary.js';
import { ReportError } from '../../../src/problems.js';
import { ROOT } from '../../helpers/paths.js';

/** When set, listing a folder fails the way an unreadable folder does. */
const failReaddir = vi.hoisted(() => ({ on: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const readdir = (...args: Parameters<typeof fs.readdir>) =>
    failReaddir.on ? Promise.reject(new Error('EACCES: permission denied')) : fs.readdir(...args);
  return { ...fs, readdir };
});

const BASE = path.join(ROOT, 'tests', 'bad-input', 'base');
let root: string;
let data: string;
let report: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'boundary-'));
  data = path.join(root, 'data');
  report = path.join(data, 'test-report');
  await mkdir(report, { recursive: true });
  await cp(BASE, report, { recursive: true });
});
afterEach(async () => {
  failReaddir.on = false;
  await rm(root, { recursive: true, force: true });
});

async function problems(): Promise<string[]> {
  const error = await loadReport(data, 'test-report').then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ReportError)) throw new Error(`expected a ReportError, got ${String(error)}`);
  return error.problems.map((p) => `${path.basename(p.file)}:${p.line}:${p.column} ${p.rule}: ${p.message}`);
}

describe('the input boundary', () => {
  it('refuses a data file that links outside the data folder, without quoting it', async () => {
    const outside = path.join(root, 'secret.csv');
    await writeFile(outside, 'root:x:0:0\nsecret,line\n');
    await rm(path.join(report, 'recorded-crime.csv'));
    await symlink(outside, path.join(report, 'recorded-crime.csv'));
    const found = await problems();
    expect(found).toEqual([expect.stringMatching(/^recorded-crime\.csv:1:1 load\/outside: .*outside the data folder/)]);
    expect(found.join()).not.toContain('root:x');
  });

  it('follows a link that stays inside the data folder', async () => {
    await mkdir(path.join(data, 'shared'));
    await cp(path.join(report, 'recorded-crime.csv'), path.join(data, 'shared', 'crime.csv'));
    await rm(path.join(report, 'recorded-crime.csv'));
    await symlink(path.join(data, 'shared', 'crime.csv'), path.join(report, 'recorded-crime.csv'));
    await expect(loadReport(data, 'test-report')).resolves.toMatchObject({ id: 'test-report' });
  });

  it('refuses a FIFO at once instead of waiting on it', async () => {
    await rm(path.join(report, 'report.yaml'));
    execFileSync('mkfifo', [path.join(report, 'report.yaml')]);
    expect(await problems()).toEqual([
      expect.stringMatching(/^report\.yaml:1:1 load\/not-a-file: this is a named pipe/),
    ]);
  });

  it('refuses a device reached through a link', async () => {
    await symlink('/dev/zero', path.join(report, 'zero.csv'));
    expect(await problems()).toEqual([expect.stringMatching(/^zero\.csv:1:1 load\/outside:/)]);
  });

  it('refuses a folder named like a data file', async () => {
    await mkdir(path.join(report, 'more.csv'));
    expect(await problems()).toEqual([expect.stringMatching(/^more\.csv:1:1 load\/not-a-file: this is a folder/)]);
  });

  it('ignores hidden files: editor and system litter is not data', async () => {
    await writeFile(path.join(report, '._recorded-crime.csv'), Buffer.from([0, 5, 22, 7, 0, 0]));
    await writeFile(path.join(report, '.#recorded-crime.csv'), 'user@host.1234:1700000000');
    await expect(loadReport(data, 'test-report')).resolves.toMatchObject({ id: 'test-report' });
  });

  it('says so when the report folder cannot be listed, rather than finding no CSV files', async () => {
    failReaddir.on = true;
    const found = await problems();
    expect(found).toEqual([expect.stringContaining('load/unreadable: cannot list the files of the report folder')]);
  });

  it('names UTF-16 and Windows-1252 text at the first bad byte', async () => {
    const yaml = path.join(report, 'report.yaml');
    const text = (await import('node:fs')).readFileSync(yaml, 'utf8');
    await writeFile(yaml, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(await problems()).toEqual([
      expect.stringMatching(/^report\.yaml:1:1 load\/encoding: the file is UTF-16 \(LE/),
    ]);
    await writeFile(yaml, Buffer.from(text.replace('area: Testshire', 'area: Testshire Caf\xe9'), 'latin1'));
    const line = text.split('\n').findIndex((l) => l.startsWith('  area:')) + 1;
    expect(await problems()).toEqual([
      `report.yaml:${line}:22 load/encoding: the file is not UTF-8: byte 0xE9 here is not valid UTF-8 (in Windows-1252 it would be "é"); save the file as UTF-8`,
    ]);
  });
});

describe('UTF-8 checks', () => {
  it('find the first byte that is not well-formed UTF-8', () => {
    expect(firstBadUtf8(Buffer.from('plain ŵ 🚓 text'))).toBe(-1);
    expect(firstBadUtf8(Buffer.from([0x61, 0xc3]))).toBe(1); // cut short
    expect(firstBadUtf8(Buffer.from([0x61, 0xc0, 0xaf]))).toBe(1); // overlong "/"
    expect(firstBadUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // a surrogate
    expect(firstBadUtf8(Buffer.from([0x93, 0x61, 0x94]))).toBe(0); // Windows-1252 quotes
  });

  it('call bytes well-formed exactly when a strict UTF-8 decoder reads them', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const wellFormed = (bytes: Uint8Array) => {
      try {
        strict.decode(bytes);
        return true;
      } catch {
        return false;
      }
    };
    // Lead and continuation bytes at every boundary: overlongs, surrogates, past U+10FFFF, cut short.
    const byte = fc.constantFrom(
      0x41,
      0x7f,
      0x80,
      0x8f,
      0x90,
      0x9f,
      0xa0,
      0xbf,
      0xc0,
      0xc1,
      0xc2,
      0xdf,
      0xe0,
      0xed,
      0xef,
      0xf0,
      0xf4,
      0xf5,
      0xff,
    );
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 8 }), (bytes) => {
        expect(firstBadUtf8(Uint8Array.from(bytes)) === -1).toBe(wellFormed(Uint8Array.from(bytes)));
      }),
      { numRuns: 5000 },
    );
  });

  it('place a NUL byte', () => {
    expect(encodingProblem('f', Buffer.from('ab\ncd\0'))).toMatchObject({ line: 2, column: 3 });
  });
});
