import { usage } from '../errors.js';

/**
 * Classification metrics from a C×C confusion matrix K (rows true, columns predicted), with
 * scikit-learn's semantics (SPEC §4). Every function reads K at `off` of a flat array.
 */
export type MetricName = 'accuracy' | 'balanced_accuracy' | 'macro_f1' | 'weighted_f1' | 'binary_f1';

export const METRIC_NAMES: readonly MetricName[] = ['accuracy', 'balanced_accuracy', 'macro_f1', 'weighted_f1', 'binary_f1'];
export const DEFAULT_METRIC: MetricName = 'balanced_accuracy';

type Metric = (k: ArrayLike<number>, off: number, c: number) => number;

/** Parses `--metrics`; `binary_f1` needs C = 2. */
export function parseMetrics(text: string, c: number): MetricName[] {
  const names = text.split(',').map((s) => s.trim());
  for (const name of names) {
    if (!(METRIC_NAMES as readonly string[]).includes(name)) throw usage(`--metrics: unknown metric '${name}' (known: ${METRIC_NAMES.join(', ')})`);
    if (name === 'binary_f1' && c !== 2) throw usage(`--metrics: binary_f1 needs 2 classes, the data has ${c}`);
  }
  if (new Set(names).size !== names.length) throw usage('--metrics: a metric is named twice');
  return names as MetricName[];
}

function rowSum(k: ArrayLike<number>, off: number, c: number, r: number): number {
  let s = 0;
  for (let j = 0; j < c; j++) s += k[off + r * c + j];
  return s;
}

function colSum(k: ArrayLike<number>, off: number, c: number, j: number): number {
  let s = 0;
  for (let r = 0; r < c; r++) s += k[off + r * c + j];
  return s;
}

/** F1 = 2TP / (2TP + FP + FN), 0 when undefined. */
function f1(k: ArrayLike<number>, off: number, c: number, j: number): number {
  const tp = k[off + j * c + j];
  const denom = rowSum(k, off, c, j) + colSum(k, off, c, j);
  return denom === 0 ? 0 : (2 * tp) / denom;
}

const accuracy: Metric = (k, off, c) => {
  let right = 0;
  let total = 0;
  for (let j = 0; j < c; j++) {
    right += k[off + j * c + j];
    total += rowSum(k, off, c, j);
  }
  return total === 0 ? NaN : right / total;
};

/** Mean recall over the classes present in the labels. */
const balancedAccuracy: Metric = (k, off, c) => {
  let sum = 0;
  let present = 0;
  for (let j = 0; j < c; j++) {
    const support = rowSum(k, off, c, j);
    if (support === 0) continue;
    sum += k[off + j * c + j] / support;
    present++;
  }
  return present === 0 ? NaN : sum / present;
};

/** Mean F1 over the classes present in the labels or in the predictions. */
const macroF1: Metric = (k, off, c) => {
  let sum = 0;
  let present = 0;
  for (let j = 0; j < c; j++) {
    if (rowSum(k, off, c, j) + colSum(k, off, c, j) === 0) continue;
    sum += f1(k, off, c, j);
    present++;
  }
  return present === 0 ? NaN : sum / present;
};

/** F1 weighted by true support. */
const weightedF1: Metric = (k, off, c) => {
  let sum = 0;
  let total = 0;
  for (let j = 0; j < c; j++) {
    const support = rowSum(k, off, c, j);
    sum += support * f1(k, off, c, j);
    total += support;
  }
  return total === 0 ? NaN : sum / total;
};

/** F1 of class 1 (C = 2). Over no examples it is null, like every metric. */
const binaryF1: Metric = (k, off, c) => {
  let total = 0;
  for (let j = 0; j < c; j++) total += rowSum(k, off, c, j);
  return total === 0 ? NaN : f1(k, off, c, 1);
};

const METRICS: Record<MetricName, Metric> = {
  accuracy,
  balanced_accuracy: balancedAccuracy,
  macro_f1: macroF1,
  weighted_f1: weightedF1,
  binary_f1: binaryF1,
};

/** The metric's value; NaN (reported as null) over no examples. */
export function metricFromConfusion(name: MetricName, k: ArrayLike<number>, off: number, c: number): number {
  return METRICS[name](k, off, c);
}

/** Confusion matrix of decisions over the examples where `include` (if given) is set. */
export function confusionOf(labels: Int32Array, decisions: Int32Array, c: number, include?: (i: number) => boolean): Float64Array {
  const k = new Float64Array(c * c);
  for (let i = 0; i < labels.length; i++) if (!include || include(i)) k[labels[i] * c + decisions[i]]++;
  return k;
}
