/**
 * The GitHub workflow is valid against GitHub's workflow schema (action-validator bundles it, so
 * no network is needed) and does what the README says: runs on changes to the reports' inputs,
 * checks, tests, builds the reports over a matrix of shards and writes the change summary.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import YAML from 'yaml';
import { describe, expect, it, vi } from 'vitest';
import { ROOT } from '../helpers/paths.js';

const FILE = path.join(ROOT, '.github', 'workflows', 'reports.yml');
const text = await readFile(FILE, 'utf8');

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, { paths?: string[] } | null>;
  env: Record<string, string | number>;
  jobs: Record<string, { steps: Step[]; strategy?: { matrix: { shard: number[] } } }>;
}
const workflow = YAML.parse(text) as Workflow;
const runs = (job: string) => workflow.jobs[job]!.steps.map((s) => s.run ?? '').join('\n');

/** The schema's problems, one `path: detail` each. The validator warns about globs it cannot check. */
function problems(source: string): string[] {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  try {
    const flatten = (
      errors: readonly { path?: string; detail?: string; title: string; states?: { errors: unknown[] }[] }[],
    ): string[] =>
      errors.flatMap((e) => [
        `${e.path ?? ''}: ${e.detail ?? e.title}`,
        ...(e.states ?? []).flatMap((s) => flatten(s.errors as never)),
      ]);
    return flatten(validateWorkflow(source).errors);
  } finally {
    warn.mockRestore();
  }
}

describe('.github/workflows/reports.yml', () => {
  it('is valid against the GitHub workflow schema', () => {
    expect(problems(text)).toEqual([]);
  });

  it('would be refused with a mistake in it', () => {
    expect(problems(text.replace('runs-on:', 'runs_on:')).join('\n')).toContain(
      "Additional property 'runs_on' is not allowed",
    );
  });

  it('runs on pushes and pull requests that touch the data, templates, charts, code or lockfile', () => {
    for (const event of ['push', 'pull_request']) {
      expect(workflow.on[event]?.paths).toEqual(
        expect.arrayContaining(['data/**', 'templates/**', 'charts/**', 'src/**', 'package-lock.json']),
      );
    }
  });

  it('checks the data before the tests run', () => {
    expect(runs('test')).toMatch(/npm ci[\s\S]*npx report-press check[\s\S]*npm test/);
  });

  it('builds every shard of the matrix and uploads the outputs', () => {
    const shards = Number(workflow.env.SHARDS);
    expect(workflow.jobs.build!.strategy!.matrix.shard).toEqual(Array.from({ length: shards }, (_, i) => i + 1));
    expect(runs('build')).toContain('npx report-press build --shard ${{ matrix.shard }}/$SHARDS');
    const upload = workflow.jobs.build!.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(upload?.with?.path).toBe('out/');
  });

  it('appends the change summary to the job summary', () => {
    expect(runs('changes')).toMatch(/report-press diff --base "\$\{BASE:-HEAD~1\}" --summary change-summary\.md/);
    expect(runs('changes')).toContain('cat change-summary.md >> "$GITHUB_STEP_SUMMARY"');
  });
});
