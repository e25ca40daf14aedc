// Positive controls, the crossfit signal and its leakage guarantees, the sweep (issue #5).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsBackend } from '../src/backends/js/js_backend.js';
import { crossfitQuality } from '../src/controls/crossfit.js';
import { fitLogistic } from '../src/controls/logistic.js';
import { buildVariant, parseQualityVariants } from '../src/controls/quality_variants.js';
import { parseEps, sweepQuality, sweepRows } from '../src/controls/sweep.js';
import type { Dataset } from '../src/data/dataset.js';
import { loadDataset } from '../src/data/load.js';
import { runDiagnostic, type DiagnosticOptions } from '../src/engine/run_diagnostic.js';
import { parseRules } from '../src/rules/parse.js';
import { simulate } from '../src/simulate/generate.js';
import { unimodalCorrectness } from '../src/stats/headroom.js';
import { FIXTURES, runCli, tempDir, writeTemp } from './helpers.js';

const js = new JsBackend();

describe('oracle and flip signals equal the independent reference bit for bit', () => {
  it('ref_grouped: oracle and flip:0.2', () => {
    const expected = JSON.parse(readFileSync(join(FIXTURES, 'ref_grouped.expected.json'), 'utf-8'));
    const data = loadDataset(join(FIXTURES, 'ref_grouped.npz'));
    const right = unimodalCorrectness(data);
    for (const spec of parseQualityVariants('oracle,flip:0.2')) {
      const v = buildVariant(spec, data, right, expected.config.seed);
      expect(Array.from(v.q)).toEqual(expected.variants[v.name]);
    }
  });
});

describe('logistic regression (IRLS)', () => {
  it('reaches the penalised optimum: the gradient vanishes', () => {
    const x = Array.from({ length: 200 }, (_, i) => [Math.sin(i), Math.cos(i * 0.7), (i % 7) / 7]);
    const y = x.map(([a, b, c], i) => (a + 0.5 * b - c + 0.3 * Math.sin(i * 13) > 0 ? 1 : 0));
    const lambda = 0.1;
    const model = fitLogistic(x, y, lambda);
    const z = x.map((row) => [1, ...row.map((v, j) => (v - model.mean[j]) / model.scale[j])]);
    const grad = new Float64Array(4);
    z.forEach((row, i) => {
      const mu = 1 / (1 + Math.exp(-row.reduce((s, v, j) => s + v * model.beta[j], 0)));
      row.forEach((v, j) => (grad[j] += (mu - y[i]) * v));
    });
    for (let j = 1; j < 4; j++) grad[j] += lambda * model.beta[j];
    for (const g of grad) expect(Math.abs(g)).toBeLessThan(1e-8);
    expect(model.beta[1]).toBeGreaterThan(0); // recovers the sign of the true effect
  });
  it('predicts the constant when training labels are all equal', () => {
    expect(fitLogistic([[1], [2]], [1, 1]).constant).toBe(1);
  });
});

describe('crossfit is leakage-safe', () => {
  const base = simulate({ preset: 'stressid', alignment: 0.5, seed: 11 });
  const relabel = (data: Dataset, which: (i: number) => boolean): Dataset => {
    const labels = Int32Array.from(data.labels, (y, i) => (which(i) ? (y + 1) % data.c : y));
    return { ...data, labels };
  };
  const crossfit = (data: Dataset) => crossfitQuality(data, unimodalCorrectness(data), 0).q;
  const rows = (q: Float32Array, m: number, which: (i: number) => boolean) => Array.from(q).filter((_, k) => which(Math.floor(k / m)));

  it("changing one example's label leaves its own crossfit quality unchanged", () => {
    const before = crossfit(base);
    for (const i of [0, 137, 710]) {
      const after = crossfit(relabel(base, (x) => x === i));
      expect(rows(after, base.m, (x) => x === i)).toEqual(rows(before, base.m, (x) => x === i));
    }
  });

  it("changing every label of one group leaves that group's crossfit quality unchanged", () => {
    const before = crossfit(base);
    const group = base.groups![5];
    const inGroup = (i: number) => base.groups![i] === group;
    const after = crossfit(relabel(base, inGroup));
    expect(rows(after, base.m, inGroup)).toEqual(rows(before, base.m, inGroup));
    // and the change does reach the other folds' models: the signal is not frozen by accident
    expect(Array.from(after)).not.toEqual(Array.from(before));
  });

  it('without groups, folds are by example', () => {
    const data = { ...base, groups: null };
    const before = crossfit(data);
    const after = crossfit(relabel(data, (x) => x === 42));
    expect(rows(after, data.m, (x) => x === 42)).toEqual(rows(before, data.m, (x) => x === 42));
  });

  it('is deterministic for a seed, and informative on aligned data', async () => {
    expect(Array.from(crossfit(base))).toEqual(Array.from(crossfit(base)));
    const report = await runDiagnostic(base, options({ quality: parseQualityVariants('crossfit'), permutations: 20 }), js);
    const info = report.informativeness[0];
    expect(info.provenance).toBe('leakage-safe');
    expect(Math.min(...(info.auroc as number[]))).toBeGreaterThan(0.6);
    expect(report.leakage.crossfit).toEqual([{ quality: 'crossfit', folds: 5, by: 'group', held_out: true }]);
  });
});

function options(over: Partial<DiagnosticOptions>): DiagnosticOptions {
  return {
    rules: parseRules('mean,weighted,loglinear,select'),
    metrics: ['balanced_accuracy'],
    quality: parseQualityVariants('native'),
    permutations: 199,
    seed: 1,
    scheme: 'rows',
    blockBy: ['group'],
    alternative: 'greater',
    ...over,
  };
}

describe('on quality unrelated to anything (alignment 0)', () => {
  const data = simulate({ preset: 'stressid', alignment: 0, seed: 3 });

  it('the native gap is not significant while the oracle control is', async () => {
    const report = await runDiagnostic(data, options({ quality: parseQualityVariants('native,oracle') }), js);
    const meanClean = report.results.find((r) => r.rule === 'mean')!.clean;
    for (const rule of ['select', 'weighted', 'loglinear']) {
      const native = report.results.find((r) => r.rule === rule && r.quality === 'native')!;
      const oracle = report.results.find((r) => r.rule === rule && r.quality === 'oracle')!;
      expect(native.p_value_maxT).toBeGreaterThan(0.05);
      expect(oracle.p_value_maxT).toBeLessThan(0.01);
      expect(oracle.gap).toBeGreaterThan(0.1);
      expect(oracle.clean - meanClean).toBeGreaterThan(0.1); // gain over the quality-agnostic rule
    }
    expect(report.informativeness.find((i) => i.quality === 'oracle')!.provenance).toBe('label-derived');
  });

  it('the sweep gap falls as eps rises and is about 0 at eps = 0.5', async () => {
    const eps = parseEps('0:0.5:0.1');
    const report = await runDiagnostic(data, options({ rules: parseRules('mean,weighted,select'), quality: parseQualityVariants(sweepQuality(eps)) }), js);
    const rows = sweepRows(report, data, eps);
    for (const rule of ['weighted', 'select']) {
      const gaps = rows.filter((r) => r.rule === rule).map((r) => r.gap);
      for (let k = 1; k < gaps.length; k++) expect(gaps[k]).toBeLessThan(gaps[k - 1]);
      expect(Math.abs(gaps.at(-1)!)).toBeLessThan(0.02);
      expect(rows.find((r) => r.rule === rule && r.eps === 0.5)!.p_value_maxT).toBeGreaterThan(0.05);
    }
    const auroc = rows.filter((r) => r.rule === 'mean').map((r) => r.auroc_mean!);
    expect(auroc[0]).toBe(1);
    expect(Math.abs(auroc.at(-1)! - 0.5)).toBeLessThan(0.05);
  });
});

describe('eps lists', () => {
  it('parses lists and inclusive ranges without float drift', () => {
    expect(parseEps('0:0.5:0.05')).toEqual([0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5]);
    expect(parseEps('0,0.25')).toEqual([0, 0.25]);
    expect(() => parseEps('0,1.5')).toThrow(/must be in \[0, 1\]/);
  });
});

describe('command line: sweep, export-quality, train-groups', () => {
  const dir = tempDir();
  const input = join(dir, 'sim.npz');

  it('sweep prints the dose-response and writes it in the report', async () => {
    await runCli(['simulate', '--preset', 'mosei', '--n', '400', '--alignment', '0', '-o', input]);
    const out = join(dir, 'sweep.json');
    const r = await runCli(['sweep', input, '--eps', '0,0.25,0.5', '--permutations', '99', '--rules', 'mean,select', '--json', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/dose-response/);
    const report = JSON.parse(readFileSync(out, 'utf-8'));
    expect(report.sweep.map((s: any) => `${s.eps}/${s.rule}`)).toEqual(['0/mean', '0/select', '0.25/mean', '0.25/select', '0.5/mean', '0.5/select']);
  });

  it('--export-quality writes every variant by name', async () => {
    const file = join(dir, 'q.npz');
    const r = await runCli(['diagnose', input, '--quality', 'native,oracle,flip:0.3,crossfit', '--permutations', '9', '--quiet', '--export-quality', file]);
    expect(r.status).toBe(0);
    const { parseNpz } = await import('../src/data/npz.js');
    const arrays = parseNpz(readFileSync(file), file);
    expect(Object.keys(arrays).sort()).toEqual(['crossfit', 'flip:0.3', 'modalities', 'native', 'oracle']);
    expect(arrays.native.shape).toEqual([400, 3]);
    const data = loadDataset(input);
    expect(Array.from(arrays.native.values as Float32Array)).toEqual(Array.from(data.quality));
  });

  it('--train-groups fails on overlap unless --allow-overlap, and reports it', async () => {
    const groups = loadDataset(input).groups!;
    const train = writeTemp('train.txt', `unrelated\n${groups[0]}\n${groups[7]}\n`);
    const r = await runCli(['diagnose', input, '--permutations', '9', '--train-groups', train]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/test groups also in training: .*pass --allow-overlap/);
    const json = join(dir, 'overlap.json');
    const ok = await runCli(['diagnose', input, '--permutations', '9', '--train-groups', train, '--allow-overlap', '--json', json, '--quiet']);
    expect(ok.status).toBe(0);
    const audit = JSON.parse(readFileSync(json, 'utf-8')).leakage.train_groups;
    expect(audit.overlap).toEqual([...new Set([groups[0], groups[7]])].sort());
    const clean = writeTemp('train2.txt', 'nobody\n');
    expect((await runCli(['diagnose', input, '--permutations', '9', '--train-groups', clean, '--quiet'])).status).toBe(0);
  });
});
