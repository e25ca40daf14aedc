import type { Blocks } from '../permutation/blocks.js';
import type { WeightTable } from '../rules/weight_table.js';

export type Scheme = 'rows' | 'columns';

/** The frozen evidence a backend fuses: X for linear pooling and log X for log-linear pooling. */
export interface FusionInputs {
  n: number;
  m: number;
  c: number;
  labels: Int32Array;
  available: Uint8Array;
  /** N×M×C evidence (linear pooling) */
  linear: Float32Array;
  /** N×M×C log(max(evidence, 1e-12)), computed in f64, stored f32; null when no table pools in log */
  log: Float32Array | null;
}

/**
 * What is accumulated per (permutation, weight table). Today: the C×C confusion matrix (rows true,
 * columns predicted) followed by the flip count. SPEC §12's regression sums will be another kind
 * of the same width-per-pair layout, so backends write into `width` slots rather than assume C×C.
 */
export interface Accumulator {
  kind: 'confusion';
  width: number;
}

export function confusionAccumulator(c: number): Accumulator {
  return { kind: 'confusion', width: c * c + 1 };
}

/** Everything a backend needs to produce the null counts for a range of permutations. */
export interface NullTask {
  inputs: FusionInputs;
  tables: WeightTable[];
  blocks: Blocks;
  scheme: Scheme;
  seed: number;
  /** T×N Clean-Q decisions, to count flips */
  cleanDecisions: Int32Array;
  accumulator: Accumulator;
}

/** Offset of pair (k, t) in a counts array covering permutations from kStart. */
export function countsOffset(task: NullTask, kStart: number, k: number, t: number): number {
  return ((k - kStart) * task.tables.length + t) * task.accumulator.width;
}
