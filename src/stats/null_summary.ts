/**
 * Summaries and p-values of a permutation null (SPEC §5). Quantiles by linear interpolation,
 * numpy's default; sd is the population sd, exactly 0 when all values are equal.
 */
export interface NullSummary {
  mean: number;
  sd: number;
  min: number;
  q025: number;
  median: number;
  q975: number;
  max: number;
}

export type Alternative = 'greater' | 'less' | 'two-sided';

/** Arithmetic mean; exactly the common value when all values are equal (a sum would round). */
export function mean(values: ArrayLike<number>): number {
  let s = 0;
  let allEqual = true;
  for (let k = 0; k < values.length; k++) {
    s += values[k];
    if (values[k] !== values[0]) allEqual = false;
  }
  return allEqual ? values[0] : s / values.length;
}

/** Population sd, two-pass; exactly 0 when every value is equal (no rounding residue). */
export function populationSd(values: ArrayLike<number>, mu = mean(values)): number {
  let allEqual = true;
  for (let k = 1; k < values.length; k++) if (values[k] !== values[0]) allEqual = false;
  if (allEqual) return 0;
  let ss = 0;
  for (let k = 0; k < values.length; k++) ss += (values[k] - mu) ** 2;
  return Math.sqrt(ss / values.length);
}

/** numpy.quantile(sorted, q) with method 'linear'. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function summarize(values: Float64Array): NullSummary {
  const mu = mean(values);
  const sorted = Float64Array.from(values).sort();
  return {
    mean: mu,
    sd: populationSd(values, mu),
    min: sorted[0],
    q025: quantileSorted(sorted, 0.025),
    median: quantileSorted(sorted, 0.5),
    q975: quantileSorted(sorted, 0.975),
    max: sorted[sorted.length - 1],
  };
}

/** The tolerance γ = 1e-9·max(1, |clean|) that keeps exact ties counted as ties. */
function gamma(clean: number): number {
  return 1e-9 * Math.max(1, Math.abs(clean));
}

/**
 * Permutation p-value with the +1 correction: greater counts b ≥ clean − γ, less counts
 * b ≤ clean + γ, two-sided counts |b − mean| ≥ |clean − mean| − γ; p = (1 + count) / (P + 1).
 */
export function permutationPValue(clean: number, nullValues: ArrayLike<number>, alternative: Alternative, nullMean = mean(nullValues)): number {
  const g = gamma(clean);
  let count = 0;
  for (let k = 0; k < nullValues.length; k++) {
    const b = nullValues[k];
    if (alternative === 'greater' ? b >= clean - g : alternative === 'less' ? b <= clean + g : Math.abs(b - nullMean) >= Math.abs(clean - nullMean) - g) count++;
  }
  return (1 + count) / (nullValues.length + 1);
}

export interface MaxTMember {
  clean: number;
  nullValues: Float64Array;
  mean: number;
  sd: number;
}

/**
 * Westfall–Young single-step max-T over a family sharing the same permutations: z = (v − mean)/sd,
 * p_f = (1 + #{k: max_f' z_f',k ≥ z_f,clean − 1e-9}) / (P + 1). For `less` every z is negated,
 * for `two-sided` its absolute value is used. Members must have sd > 0.
 */
export function maxTPValues(family: MaxTMember[], alternative: Alternative): number[] {
  if (family.length === 0) return [];
  const P = family[0].nullValues.length;
  const orient = (z: number) => (alternative === 'less' ? -z : alternative === 'two-sided' ? Math.abs(z) : z);
  const maxT = new Float64Array(P).fill(-Infinity);
  for (const f of family) {
    for (let k = 0; k < P; k++) {
      const z = orient((f.nullValues[k] - f.mean) / f.sd);
      if (z > maxT[k]) maxT[k] = z;
    }
  }
  return family.map((f) => {
    const zClean = orient((f.clean - f.mean) / f.sd);
    let count = 0;
    for (let k = 0; k < P; k++) if (maxT[k] >= zClean - 1e-9) count++;
    return (1 + count) / (P + 1);
  });
}
