import type { Dataset } from '../data/dataset.js';
import { usage } from '../errors.js';
import { stream } from '../permutation/hash.js';

/**
 * A quality matrix run through the same frozen rules and permutations (SPEC §7). `native` is the
 * user's; `oracle` and `flip:EPS` are label-derived positive controls.
 */
export interface QualityVariant {
  name: string;
  q: Float32Array;
  /** built from the labels: a control, never a deployable signal */
  labelDerived: boolean;
  leakageSafe: boolean;
}

export type VariantSpec = { kind: 'native' } | { kind: 'oracle' } | { kind: 'flip'; eps: number; name: string };

/** Parses `--quality`: native, oracle, flip:EPS. */
export function parseQualityVariants(text: string): VariantSpec[] {
  const specs = text.split(',').map((s): VariantSpec => {
    const item = s.trim();
    if (item === 'native' || item === 'oracle') return { kind: item };
    const flip = /^flip:(.+)$/.exec(item);
    if (flip) {
      const eps = Number(flip[1]);
      if (!(eps >= 0 && eps <= 1)) throw usage(`--quality: ${item}: eps must be a number in [0, 1]`);
      return { kind: 'flip', eps, name: item };
    }
    if (item === 'crossfit') throw usage('--quality: crossfit is not available yet in this version');
    throw usage(`--quality: unknown quality variant '${item}' (known: native, oracle, flip:EPS)`);
  });
  const names = specs.map(variantName);
  const dup = names.find((nm, i) => names.indexOf(nm) !== i);
  if (dup) throw usage(`--quality: '${dup}' is named twice`);
  return specs;
}

export function variantName(spec: VariantSpec): string {
  return spec.kind === 'flip' ? spec.name : spec.kind;
}

/**
 * Builds the variant's quality matrix. oracle: q = 1 where the modality's argmax is right, else 0.
 * flip:eps: the oracle signal inverted where stream(seed, 0xffffffff, i, m) / 2^32 < eps.
 */
export function buildVariant(spec: VariantSpec, data: Dataset, right: Uint8Array, seed: number): QualityVariant {
  if (spec.kind === 'native') return { name: 'native', q: data.quality, labelDerived: false, leakageSafe: true };
  const q = new Float32Array(data.n * data.m);
  for (let i = 0; i < data.n; i++) {
    for (let j = 0; j < data.m; j++) {
      const k = i * data.m + j;
      if (!data.available[k]) continue;
      let v = right[k];
      if (spec.kind === 'flip' && stream(seed, 0xffffffff, i, j) / 4294967296 < spec.eps) v = 1 - v;
      q[k] = v;
    }
  }
  return { name: variantName(spec), q, labelDerived: true, leakageSafe: false };
}
