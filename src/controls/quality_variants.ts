import type { Dataset } from '../data/dataset.js';
import { usage } from '../errors.js';
import { stream } from '../permutation/hash.js';
import { crossfitQuality, type CrossfitAudit } from './crossfit.js';

/**
 * A quality matrix run through the same frozen rules and permutations (SPEC §7). `native` is the
 * user's; `oracle` and `flip:EPS` are label-derived positive controls; `crossfit` is learned from
 * label-free evidence features on held-out folds.
 */
export interface QualityVariant {
  name: string;
  q: Float32Array;
  /**
   * `given`: the user's own signal; `label-derived`: built from the labels, a control and never a
   * deployable signal (oracle, flip); `leakage-safe`: learned without any example's own label or
   * its group's (crossfit).
   */
  provenance: Provenance;
  /** how crossfit formed its folds, for the leakage audit */
  crossfit?: CrossfitAudit;
}

export type Provenance = 'given' | 'label-derived' | 'leakage-safe';

export type VariantSpec = { kind: 'native' } | { kind: 'oracle' } | { kind: 'crossfit' } | { kind: 'flip'; eps: number; name: string };

/** Parses `--quality`: native, oracle, flip:EPS, crossfit. */
export function parseQualityVariants(text: string): VariantSpec[] {
  const specs = text.split(',').map((s): VariantSpec => {
    const item = s.trim();
    if (item === 'native' || item === 'oracle' || item === 'crossfit') return { kind: item };
    const flip = /^flip:(.+)$/.exec(item);
    if (flip) {
      const eps = Number(flip[1]);
      if (!(eps >= 0 && eps <= 1)) throw usage(`--quality: ${item}: eps must be a number in [0, 1]`);
      return { kind: 'flip', eps, name: item };
    }
    throw usage(`--quality: unknown quality variant '${item}' (known: native, oracle, flip:EPS, crossfit)`);
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
  if (spec.kind === 'native') return { name: 'native', q: data.quality, provenance: 'given' };
  if (spec.kind === 'crossfit') {
    const { q, audit } = crossfitQuality(data, right, seed);
    return { name: 'crossfit', q, provenance: 'leakage-safe', crossfit: audit };
  }
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
  return { name: variantName(spec), q, provenance: 'label-derived' };
}
