import type { Dataset } from '../data/dataset.js';
import { encodeNpz } from '../data/npz.js';
import type { QualityVariant } from './quality_variants.js';

/**
 * `--export-quality FILE.npz`: one N×M f32 array per quality variant, named by the variant
 * (`np.load(f)["crossfit"]`), plus the modality names. Unavailable entries are 0.
 */
export function qualityToNpz(variants: QualityVariant[], data: Dataset): Uint8Array {
  return encodeNpz({
    ...Object.fromEntries(variants.map((v) => [v.name, { values: v.q, shape: [data.n, data.m] }])),
    modalities: { values: data.modalities, shape: [data.m] },
  });
}
