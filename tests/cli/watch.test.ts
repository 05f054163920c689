/**
 * `report-press watch` driven as a person would: start it, open the page, save a change, save a
 * broken file, fix it, press Ctrl-C. Each step waits for what the command prints, up to a bound;
 * nothing is timed.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, workspace } from './run.js';

const BOUND_MS = 90_000;
let root: string;
let child: ChildProcessWithoutNullStreams;
let output = '';
let url: string;
const file = () => path.join(root, 'data', 'one', 'report.yaml');

/** Resolves when the command's output (stdout and stderr) after `from` matches, or fails after the bound. */
function waitFor(pattern: RegExp, from: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const m = pattern.exec(output.slice(from));
      if (!m) return false;
      clearTimeout(timer);
      child.stdout.off('data', check);
      child.stderr.off('data', check);
      resolve(m[0]);
      return true;
    };
    const timer = setTimeout(() => reject(new Error(`no ${pattern} in:\n${output.slice(from)}`)), BOUND_MS);
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    check();
  });
}

function page(at = ''): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(new URL(at, url), (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

beforeAll(async () => {
  root = await workspace({ one: 'dyfed-powys-2014' });
  child = spawn(process.execPath, [BIN, 'watch', '--port', '0'], { cwd: root, env: { ...process.env, CI: '' } });
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  url = (await waitFor(/http:\/\/127\.0\.0\.1:\d+\//, 0)).trim();
}, BOUND_MS + 10_000);

afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
});

describe('watch', () => {
  it('serves the HTML edition with a link to the PDF and the live-reload script', async () => {
    const { status, body } = await page();
    expect(status).toBe(200);
    expect(body).toContain('Dyfed-Powys');
    expect(body).toContain('<a href="/report.pdf"');
    expect(body).toMatch(/<script src="\/__watch\/client\.js\?build=1"><\/script><\/body>/);
    expect(body).toContain("script-src 'self'; connect-src 'self'");
    expect((await page('report.pdf')).body.startsWith('%PDF-')).toBe(true);
    expect((await page('../../../etc/passwd')).status).toBe(404);
  });

  it(
    'rebuilds after a save and the page shows the change',
    async () => {
      const from = output.length;
      const yaml = await readFile(file(), 'utf8');
      await writeFile(
        file(),
        yaml.replace('The force prevents some crime but not enough.', 'The force prevents much crime.'),
      );
      await waitFor(/^one: wrote \d+ files/m, from);
      expect((await page()).body).toContain('The force prevents much crime.');
      expect((await page()).body).toContain('client.js?build=2');
    },
    BOUND_MS,
  );

  it(
    'rebuilds after a template change with the changed template',
    async () => {
      const from = output.length;
      const shell = path.join(root, 'templates', 'page.html.hbs');
      const html = await readFile(shell, 'utf8');
      await writeFile(
        shell,
        html.replace('<meta charset="utf-8">', '<meta charset="utf-8"><meta name="watched" content="yes">'),
      );
      await waitFor(/^one: wrote \d+ files/m, from);
      expect((await page()).body).toContain('<meta name="watched" content="yes">');
    },
    BOUND_MS,
  );

  it(
    'shows a broken save in the terminal and the page, and recovers on the next good save',
    async () => {
      let from = output.length;
      const good = await readFile(file(), 'utf8');
      await writeFile(file(), good.replace(/^meta:/m, 'meta:\n  broken: ['));
      await waitFor(/one: build failed; showing the last good build until the next change/, from);
      expect(output.slice(from)).toMatch(/^data\/one\/report\.yaml:\d+:\d+ meta\.broken: YAML syntax error/m);
      expect(
        await new Promise<string>((resolve, reject) => {
          get(new URL('__watch/events', url), (res) => {
            res.once('data', (d: Buffer) => {
              res.destroy();
              resolve(d.toString());
            });
          }).on('error', reject);
        }),
      ).toMatch(/^data: \{"build":4,"ok":false,"problems":"data\/one\/report\.yaml:\d+:\d+ meta\.broken: /);
      expect((await page()).body).toContain('The force prevents much crime.');

      from = output.length;
      await writeFile(file(), good);
      await waitFor(/^one: (up to date|wrote)/m, from);
      expect((await page()).body).toContain('client.js?build=5');
    },
    BOUND_MS,
  );

  it(
    'stops cleanly on Ctrl-C',
    async () => {
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(output.trimEnd().endsWith('stopped')).toBe(true);
    },
    BOUND_MS,
  );
});
