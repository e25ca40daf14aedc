import { describe, expect, it } from 'vitest';
import { metricFromConfusion } from '../src/stats/metrics.js';
import { auroc } from '../src/stats/informativeness.js';
import { maxTPValues, permutationPValue, populationSd, summarize } from '../src/stats/null_summary.js';

const K3 = [3, 1, 0, 2, 2, 0, 0, 1, 1]; // rows true, columns predicted

describe('metrics from confusion counts (hand-computed, sklearn semantics)', () => {
  it('accuracy, balanced accuracy, macro and weighted F1', () => {
    expect(metricFromConfusion('accuracy', K3, 0, 3)).toBeCloseTo(0.6, 15);
    expect(metricFromConfusion('balanced_accuracy', K3, 0, 3)).toBeCloseTo((0.75 + 0.5 + 0.5) / 3, 15);
    expect(metricFromConfusion('macro_f1', K3, 0, 3)).toBeCloseTo((6 / 9 + 4 / 8 + 2 / 3) / 3, 15);
    expect(metricFromConfusion('weighted_f1', K3, 0, 3)).toBeCloseTo((4 * (6 / 9) + 4 * 0.5 + 2 * (2 / 3)) / 10, 15);
  });
  it('a class only predicted counts in macro F1 (as 0), not in balanced accuracy', () => {
    const K = [2, 1, 0, 0, 3, 1, 0, 0, 0];
    expect(metricFromConfusion('balanced_accuracy', K, 0, 3)).toBeCloseTo((2 / 3 + 3 / 4) / 2, 15);
    expect(metricFromConfusion('macro_f1', K, 0, 3)).toBeCloseTo((0.8 + 0.75 + 0) / 3, 15);
  });
  it('a class absent from labels and predictions is left out of macro F1', () => {
    const K = [2, 1, 0, 1, 3, 0, 0, 0, 0];
    expect(metricFromConfusion('macro_f1', K, 0, 3)).toBeCloseTo((4 / 6 + 6 / 8) / 2, 15);
  });
  it('binary F1 is the positive class (1)', () => {
    expect(metricFromConfusion('binary_f1', [5, 2, 1, 4], 0, 2)).toBeCloseTo(8 / 11, 15);
    expect(metricFromConfusion('binary_f1', [5, 0, 0, 0], 0, 2)).toBe(0);
  });
  it('is null (NaN) over no examples', () => {
    expect(metricFromConfusion('balanced_accuracy', [0, 0, 0, 0], 0, 2)).toBeNaN();
  });
});

describe('null summaries', () => {
  it('quantiles interpolate linearly (numpy default)', () => {
    const s = summarize(Float64Array.from([4, 1, 3, 2]));
    expect(s.q025).toBeCloseTo(1.075, 12);
    expect(s.median).toBe(2.5);
    expect(s.q975).toBeCloseTo(3.925, 12);
    expect([s.min, s.max, s.mean]).toEqual([1, 4, 2.5]);
    expect(s.sd).toBeCloseTo(Math.sqrt(1.25), 15);
  });
  it('sd is exactly 0 when all values are equal, whatever the rounding of the mean', () => {
    const values = new Float64Array(1000).fill(0.7);
    expect(populationSd(values)).toBe(0);
  });
});

describe('p-values', () => {
  const nulls = [0.5, 0.4, 0.6, 0.3];
  it('greater, less, two-sided with the +1 correction and ties counted', () => {
    expect(permutationPValue(0.5, nulls, 'greater')).toBe(3 / 5);
    expect(permutationPValue(0.5, nulls, 'less')).toBe(4 / 5);
    expect(permutationPValue(0.5, nulls, 'two-sided')).toBe(1);
    expect(permutationPValue(0.9, nulls, 'greater')).toBe(1 / 5);
  });
  it('max-T (Westfall–Young single step), worked by hand', () => {
    const f1 = Float64Array.from([0, 1, 2]);
    const f2 = Float64Array.from([1, 0, 0]);
    const sd2 = Math.sqrt(2 / 9);
    const p = maxTPValues(
      [
        { clean: 2, nullValues: f1, mean: 1, sd: Math.sqrt(2 / 3) },
        { clean: 0.5, nullValues: f2, mean: 1 / 3, sd: sd2 },
      ],
      'greater',
    );
    // per-k max z: 1.414, 0, 1.225; clean z: 1.225 and 0.354 → both exceeded at k = 0, 2
    expect(p).toEqual([3 / 4, 3 / 4]);
  });
});

describe('AUROC', () => {
  it('counts ties as one half (hand-computed)', () => {
    // positives 0.8, 0.5; negatives 0.5, 0.2: pairs 0.8>0.5, 0.8>0.2, 0.5=0.5 (½), 0.5>0.2 → 3.5/4
    expect(auroc([0.8, 0.5, 0.5, 0.2], [1, 1, 0, 0])).toBe(3.5 / 4);
    expect(auroc([1, 2], [1, 1])).toBeNaN();
  });
});
