// Statistical properties of the whole diagnostic, on the simulator's data.
import { describe, expect, it } from 'vitest';
import { JsBackend } from '../src/backends/js/js_backend.js';
import { parseQualityVariants } from '../src/controls/quality_variants.js';
import type { Dataset } from '../src/data/dataset.js';
import { runDiagnostic, type DiagnosticOptions } from '../src/engine/run_diagnostic.js';
import { parseRules } from '../src/rules/parse.js';
import { simulate } from '../src/simulate/generate.js';
import { Rng } from '../src/simulate/rng.js';
import { unimodalMetrics } from '../src/stats/headroom.js';
import { randomDataset } from './helpers.js';

const js = new JsBackend();

function options(over: Partial<DiagnosticOptions>): DiagnosticOptions {
  return {
    rules: parseRules('mean,weighted,select'),
    metrics: ['balanced_accuracy'],
    quality: parseQualityVariants('native'),
    permutations: 99,
    seed: 0,
    scheme: 'rows',
    blockBy: [],
    alternative: 'greater',
    ...over,
  };
}

describe('validity under the null', () => {
  it('p-values are (super-)uniform when quality is independent of everything', async () => {
    const runs = 200;
    const p: number[] = [];
    for (let s = 0; s < runs; s++) {
      const data = simulate({ preset: 'mosei', n: 300, alignment: 0, seed: 1000 + s });
      const report = await runDiagnostic(data, options({ rules: parseRules('weighted'), seed: s, alternative: 'two-sided' }), js);
      p.push(report.results[0].p_value);
    }
    // P(p ≤ α) ≤ α for a valid test; with 200 runs the count below 0.05 is Binomial(200, ≤ 0.05):
    // mean ≤ 10, sd ≈ 3.1. Over-rejection (a broken null) would give far more.
    const below = (a: number) => p.filter((v) => v <= a).length;
    expect(below(0.05)).toBeLessThanOrEqual(10 + 3.5 * 3.1);
    expect(below(0.2)).toBeLessThanOrEqual(40 + 3.5 * 5.7);
    // and it is not degenerate: a test that never rejects would also pass the bounds above
    expect(below(0.5)).toBeGreaterThan(100 - 3.5 * 7.1);
  });
});

describe('power under aligned quality', () => {
  it('detects a rule that uses aligned quality, and the oracle control always', async () => {
    const data = simulate({ preset: 'mosei', n: 1500, alignment: 1, seed: 4 });
    const report = await runDiagnostic(data, options({ quality: parseQualityVariants('native,oracle'), permutations: 199 }), js);
    const get = (rule: string, quality: string) => report.results.find((r) => r.rule === rule && r.quality === quality)!;
    for (const rule of ['weighted', 'select']) {
      expect(get(rule, 'native').p_value_maxT).toBeLessThan(0.01);
      expect(get(rule, 'native').gap).toBeGreaterThan(0);
      expect(get(rule, 'oracle').gap).toBeGreaterThan(0.05);
      expect(get(rule, 'oracle').p_value_maxT).toBe(1 / 200);
    }
  });
});

/** A random shape (N 30–69, M 1–4, C 2–5) per seed. */
function randomShapeDataset(seed: number): Dataset {
  const rng = new Rng(seed, 1);
  return randomDataset(seed, 30 + rng.below(40), 1 + rng.below(4), 2 + rng.below(4));
}

describe('the mean rule is a built-in negative control', () => {
  it.each([1, 2, 3, 4, 5, 6])('gap exactly 0 and flip rate 0 on random data (seed %d), both schemes', async (seed) => {
    const data = randomShapeDataset(seed);
    for (const scheme of ['rows', 'columns'] as const) {
      const report = await runDiagnostic(
        data,
        options({ rules: parseRules('mean,weighted'), metrics: ['accuracy', 'macro_f1'], permutations: 30, scheme, blockBy: ['group'], seed }),
        js,
      );
      for (const r of report.results.filter((x) => x.rule === 'mean')) {
        expect(r.gap).toBe(0);
        expect(r.flip_rate).toBe(0);
        expect(r.broken.sd).toBe(0);
        expect(r.p_value).toBe(1);
        expect(r.p_value_maxT).toBe(1);
      }
    }
  });
});

describe('determinism', () => {
  it('the same seed gives identical null values; another seed does not', async () => {
    const data = randomShapeDataset(9);
    const run = (seed: number) => runDiagnostic(data, { ...options({ seed, permutations: 25 }), includeNull: true }, js);
    const [a, b, c] = await Promise.all([run(5), run(5), run(6)]);
    expect(a.results.map((r) => r.null)).toEqual(b.results.map((r) => r.null));
    expect(a.results[1].null).not.toEqual(c.results[1].null);
  });
});

describe('simulator calibration', () => {
  it('mosei: unimodal accuracy ≈ .79/.66/.67', () => {
    const data = simulate({ preset: 'mosei', alignment: 0.5, seed: 0 });
    const acc = unimodalMetrics(data, ['accuracy']).map((u) => u.accuracy);
    [0.79, 0.66, 0.67].forEach((t, j) => expect(Math.abs(acc[j] - t)).toBeLessThan(0.02));
    expect(data.n).toBe(4659);
  });
  it('stressid: 65 subjects, balanced accuracy ≈ .55/.48/.53 (3-class) and .75/.62/.70 (binary)', () => {
    for (const [classes, targets] of [
      [3, [0.55, 0.48, 0.53]],
      [2, [0.75, 0.62, 0.7]],
    ] as const) {
      const data = simulate({ preset: 'stressid', alignment: 0.5, seed: 0, classes });
      const bal = unimodalMetrics(data, ['balanced_accuracy']).map((u) => u.balanced_accuracy);
      targets.forEach((t, j) => expect(Math.abs(bal[j] - t)).toBeLessThan(0.05));
      expect(new Set(data.groups).size).toBeGreaterThan(55);
    }
  });
});
