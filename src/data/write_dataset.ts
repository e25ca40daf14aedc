import type { Dataset } from './dataset.js';
import { encodeNpz } from './npz.js';

/** The dataset as an `.npz` that numpy.load and permfuse both read. */
export function datasetToNpz(data: Dataset): Uint8Array {
  const { n, m, c } = data;
  return encodeNpz({
    evidence: { values: data.evidence, shape: [n, m, c] },
    quality: { values: data.quality, shape: [n, m] },
    labels: { values: data.labels, shape: [n] },
    available: { values: data.available, shape: [n, m], bool: true },
    modalities: { values: data.modalities, shape: [m] },
    classes: { values: data.classes, shape: [c] },
    ...(data.groups ? { groups: { values: data.groups, shape: [n] } } : {}),
  });
}
