import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';

describe('permfuse simulate → diagnose → report', () => {
  it('writes a SPEC §8 report and a summary table', async () => {
    const dir = tempDir();
    const input = join(dir, 'sim.npz');
    const sim = await runCli(['simulate', '--preset', 'stressid', '--alignment', '0.8', '--seed', '2', '-o', input]);
    expect(sim.status).toBe(0);
    const out = join(dir, 'report.json');
    const r = await runCli(['diagnose', input, '--permutations', '200', '--rules', 'mean,select,topk:k=2', '--metrics', 'balanced_accuracy,macro_f1', '--block-by', 'group', '--backend', 'js', '--json', out, '--include-null']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Clean-Q/);
    const report = JSON.parse(readFileSync(out, 'utf-8'));
    expect(report.schema).toBe('permfuse.report/1');
    expect(report.dataset).toMatchObject({ n: 711, modalities: ['physiological', 'video', 'audio'] });
    expect(report.config).toMatchObject({ permutations: 200, seed: 0, scheme: 'rows', block_by: ['group'], alternative: 'greater', backend: 'js', workers: 1 });
    expect(report.results.map((x: any) => `${x.rule}/${x.metric}`)).toEqual([
      'mean/balanced_accuracy',
      'mean/macro_f1',
      'select/balanced_accuracy',
      'select/macro_f1',
      'topk:k=2/balanced_accuracy',
      'topk:k=2/macro_f1',
    ]);
    expect(report.results[0].null).toHaveLength(200);
    expect(report.timing.pairs).toBe(200 * 711 * 3);
    expect(Object.keys(report.oracle)).toEqual(['balanced_accuracy', 'macro_f1']);
    expect(report.unimodal.map((u: any) => u.modality)).toEqual(['physiological', 'video', 'audio']);
  });

  it('--json - writes only JSON to stdout', async () => {
    const dir = tempDir();
    const input = join(dir, 'sim.npz');
    await runCli(['simulate', '--preset', 'mosei', '--n', '300', '-o', input]);
    const r = await runCli(['diagnose', input, '--permutations', '50', '--json', '-', '--progress', 'jsonl']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).results).toHaveLength(4);
    // progress goes to stderr, one JSON object per line
    const lines = r.stderr.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.at(-1)).toMatchObject({ event: 'progress', done: 50, total: 50 });
  });
});

describe('the installed command', () => {
  const bin = new URL('../bin/permfuse.js', import.meta.url).pathname;
  it('runs the demo on the bundled sample (built by npm install)', () => {
    expect(existsSync(new URL('../dist/sample/stressid.npz', import.meta.url)), 'run npm install / npm run build first').toBe(true);
    const out = execFileSync('node', [bin, 'demo'], { encoding: 'utf-8' });
    expect(out).toMatch(/Demo: .*stressid\.npz/);
    expect(out).toMatch(/select\s+│ oracle/);
  });
  it('exits 2 with one line and no stack trace on bad input', () => {
    try {
      execFileSync('node', [bin, 'diagnose', 'missing.npz'], { encoding: 'utf-8', stdio: 'pipe' });
      expect.unreachable();
    } catch (e: any) {
      expect(e.status).toBe(2);
      expect(e.stderr).toBe('permfuse: missing.npz: no such file\n');
    }
  });
});
