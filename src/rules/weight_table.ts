import type { Dataset } from '../data/dataset.js';
import type { RuleSpec } from './parse.js';
import { RULE_KINDS } from './registry.js';
import type { Pooling, WeightFn } from './rule_kind.js';

/**
 * A rule applied to one quality matrix: G[j, ·] for every example j (f32, N×M), its pooling kind,
 * and the weight function itself for the `columns` scheme, which must recompute G per pair.
 */
export interface WeightTable {
  rule: string;
  quality: string;
  pooling: Pooling;
  weights: Float32Array;
  weightFn: WeightFn;
  /** the quality matrix G was computed from (N×M f32) */
  q: Float32Array;
}

/** Computes G once per example, in f64 from the f32 inputs, stored as f32 (SPEC §2). */
export function compileWeightTable(spec: RuleSpec, qualityName: string, q: Float32Array, data: Dataset): WeightTable {
  const kind = RULE_KINDS.get(spec.kind)!;
  const fn = kind.compile(spec.params, data.m);
  const { n, m, available } = data;
  const weights = new Float32Array(n * m);
  const row = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    fn(q, i * m, available, i * m, m, row);
    for (let j = 0; j < m; j++) weights[i * m + j] = row[j];
  }
  return { rule: spec.name, quality: qualityName, pooling: kind.pooling, weights, weightFn: fn, q };
}
