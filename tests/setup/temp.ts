/**
 * Every temporary folder a test file makes goes under one folder of its own, removed when the file
 * is done: tests and the processes they start make theirs under `os.tmpdir()`, which reads TMPDIR.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const previous = process.env.TMPDIR;
const root = mkdtempSync(path.join(tmpdir(), 'report-press-test-'));
process.env.TMPDIR = root;

afterAll(() => {
  if (previous === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previous;
  rmSync(root, { recursive: true, force: true });
});
