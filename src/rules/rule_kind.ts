/**
 * A weight function turns one example's quality row into a weight row (SPEC §2): non-negative,
 * computed in f64 from the f32 inputs, summing to 1 over the available modalities, 0 elsewhere.
 * Rows are read at offset `row·M` of the flat arrays so the hot loops pass views without slicing.
 */
export type WeightFn = (q: ArrayLike<number>, qOff: number, avail: ArrayLike<number>, aOff: number, m: number, out: Float64Array) => void;

export type Pooling = 'linear' | 'log';

export type ParamValue = number | number[][] | number[];

export interface ParamSpec {
  name: string;
  required: boolean;
  /** default when not required */
  default?: number;
  /** 'scalar' on the command line; 'matrix'/'vector' only from a rule file */
  shape: 'scalar' | 'matrix' | 'vector';
  /** returns an error text when the value is not allowed */
  check?: (v: number) => string | null;
}

export interface RuleKind {
  kind: string;
  pooling: Pooling;
  params: ParamSpec[];
  compile(params: Record<string, ParamValue>, m: number): WeightFn;
}

/** Divides w by its f64 sum, ascending modality order; unavailable entries stay 0. */
export function normalize(out: Float64Array, m: number): void {
  let sum = 0;
  for (let j = 0; j < m; j++) sum += out[j];
  for (let j = 0; j < m; j++) out[j] /= sum;
}

/** max over available q, read in modality order. */
export function maxAvailable(q: ArrayLike<number>, qOff: number, avail: ArrayLike<number>, aOff: number, m: number): number {
  let max = -Infinity;
  for (let j = 0; j < m; j++) if (avail[aOff + j] && q[qOff + j] > max) max = q[qOff + j];
  return max;
}
