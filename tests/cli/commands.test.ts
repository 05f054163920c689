/** The command line's surface: help, version, exit codes, usage mistakes and check. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { message } from '../../src/messages.js';
import { REPORTS, ROOT } from '../helpers/paths.js';
import { runCli, workspace } from './run.js';

const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
};

describe('help and version', () => {
  it('is installed as the report-press bin, pointing at the compiled entry', () => {
    expect(pkg.bin['report-press']).toBe('dist/cli.js');
  });

  it('prints the package version', async () => {
    const run = await runCli(['--version']);
    expect(run).toMatchObject({ status: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it.each([['-h'], ['--help'], ['help']])('lists the commands for %s', async (flag) => {
    const run = await runCli([flag]);
    expect(run.status).toBe(0);
    for (const command of ['build', 'check', 'diff', 'watch'])
      expect(run.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
  });

  it.each(['build', 'check', 'diff', 'watch'])('has --help and -h for %s', async (command) => {
    for (const flag of ['--help', '-h']) {
      const run = await runCli([command, flag]);
      expect(run.status).toBe(0);
      expect(run.stdout.startsWith(`Usage: report-press ${command}`)).toBe(true);
    }
  });
});

describe('mistakes on the command line exit 2 and point at --help', () => {
  it.each([
    [['build', '--bogus'], "Unknown option '--bogus'", 'build'],
    [['build', '--format', 'pdf,tiff'], '--format takes pdf, html', 'build'],
    [['build', '--shard', '3/2'], '--shard takes i/n', 'build'],
    [['build', '--shard', 'one'], '--shard takes i/n', 'build'],
    [['frobnicate'], '"frobnicate" is neither a command (build, check, diff, watch) nor a report folder', ''],
    [['check', '../etc'], '"../etc" is not a report id', null],
  ])('%j', async (args, text, help) => {
    const run = await runCli(args, ROOT);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(text);
    if (help !== null) expect(run.stderr).toContain(`Run "report-press ${help ? `${help} ` : ''}--help" for usage.`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('names the handouts there are when asked for one that is not', async () => {
    // An empty folder of its own: /tmp itself would hold this checkout where CI clones into /tmp, and
    // an output folder that holds a source folder is refused (exit 1) before the handout is looked up.
    const out = await mkdtemp(path.join(tmpdir(), 'report-press-out-'));
    const run = await runCli(['build', 'dyfed-powys-2014', '--handout', 'nope', '--data', REPORTS, '--out', out]);
    await rm(out, { recursive: true, force: true });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('command line: --handout: unknown handout "nope"; expected one of preventing-crime');
  });
});

describe('output folders that cannot be', () => {
  it.each([
    ['/proc/x', `/proc/x: output: ${message.outputSystemFolder}`],
    ['package.json/out', `package.json: output: ${message.outputFileInTheWay}`],
  ])('--out %s is refused in words, exit 1, nothing built', async (out, expected) => {
    const run = await runCli(['build', 'dyfed-powys-2014', '--data', REPORTS, '--out', out]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(expected);
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(run.stdout).toBe('');
  });
});

describe('check', () => {
  it('passes the frozen reports, rendering nothing, and reads each named report once', async () => {
    const run = await runCli(['check', '--data', REPORTS, 'kent-2014', 'dyfed-powys-2014', 'kent-2014']);
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(run.stdout).toBe('kent-2014: ok (5 documents)\ndyfed-powys-2014: ok (4 documents)\n');
  });

  it('lists every problem with file, line and column, exits 1 and prints no stack trace', async () => {
    const root = await workspace({ broken: 'dyfed-powys-2014', fine: 'dyfed-powys-2014' });
    const file = path.join(root, 'data', 'broken', 'report.yaml');
    const yaml = await readFile(file, 'utf8');
    await writeFile(file, yaml.replace(/judgment: inadequate/, 'judgment: excelent'));
    const run = await runCli(['check'], root);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^data\/broken\/report\.yaml:\d+:\d+ questions\[1\]\.judgment: /m);
    expect(run.stderr).toContain('broken: check failed');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('fine: ok (4 documents)\n');
  });

  it('finds a chart spec problem without drawing the chart', async () => {
    const root = await workspace({ one: 'dyfed-powys-2014' });
    await writeFile(path.join(root, 'charts', 'rate-trend.vl.json'), '{"mark": "bra"}');
    const run = await runCli(['check'], root);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^charts\/rate-trend\.vl\.json:1:10 mark: unknown mark "bra"/m);
  });

  it('finds a template problem that only shows when the template runs', async () => {
    const root = await workspace({ one: 'dyfed-powys-2014' });
    const file = path.join(root, 'templates', 'summary.md.hbs');
    const text = await readFile(file, 'utf8');
    await writeFile(file, `${text}\n{{nothere}}\n`);
    const run = await runCli(['check'], root);
    expect(run.status).toBe(1);
    const line = text.split('\n').length + 1;
    expect(run.stderr).toContain(`templates/summary.md.hbs:${line}:3 (template): "nothere" is not in the data here`);
  });
});
