import type { Dataset } from '../data/dataset.js';
import { fusedDecision } from '../engine/fuse.js';
import { meanRule } from '../rules/kinds/mean.js';
import { confusionOf, metricFromConfusion, type MetricName } from './metrics.js';

/** argmax over classes of evidence row (i, j), lowest class on exact ties. */
export function unimodalDecision(data: Dataset, i: number, j: number): number {
  const off = (i * data.m + j) * data.c;
  let best = 0;
  for (let k = 1; k < data.c; k++) if (data.evidence[off + k] > data.evidence[off + best]) best = k;
  return best;
}

/** right[i·M + j] = 1 when modality j is available on example i and its argmax is the label. */
export function unimodalCorrectness(data: Dataset): Uint8Array {
  const right = new Uint8Array(data.n * data.m);
  for (let i = 0; i < data.n; i++) {
    for (let j = 0; j < data.m; j++) {
      if (data.available[i * data.m + j]) right[i * data.m + j] = unimodalDecision(data, i, j) === data.labels[i] ? 1 : 0;
    }
  }
  return right;
}

/** Each modality alone, over the examples where it is available (SPEC §6). NaN where never available. */
export function unimodalMetrics(data: Dataset, metrics: MetricName[]): Record<string, number>[] {
  return data.modalities.map((_, j) => {
    const decisions = new Int32Array(data.n);
    for (let i = 0; i < data.n; i++) decisions[i] = data.available[i * data.m + j] ? unimodalDecision(data, i, j) : 0;
    const k = confusionOf(data.labels, decisions, data.c, (i) => data.available[i * data.m + j] === 1);
    return Object.fromEntries(metrics.map((name) => [name, metricFromConfusion(name, k, 0, data.c)]));
  });
}

/** The `mean` rule's decision per example, the oracle's fall-back. */
export function meanDecisions(data: Dataset): Int32Array {
  const fn = meanRule.compile({}, data.m);
  const w = new Float64Array(data.m);
  const g = new Float32Array(data.m);
  const out = new Int32Array(data.n);
  for (let i = 0; i < data.n; i++) {
    fn(data.quality, i * data.m, data.available, i * data.m, data.m, w);
    g.set(w);
    out[i] = fusedDecision(data.evidence, i, data.m, data.c, g, 0);
  }
  return out;
}

/**
 * Oracle: the true label when any available modality gets it right, else the mean rule's decision.
 * `right` is unimodalCorrectness(data), which the run has already computed.
 */
export function oracleMetrics(data: Dataset, metrics: MetricName[], right: Uint8Array): Record<string, number> {
  const fallback = meanDecisions(data);
  const decisions = new Int32Array(data.n);
  for (let i = 0; i < data.n; i++) {
    let any = 0;
    for (let j = 0; j < data.m; j++) any |= right[i * data.m + j];
    decisions[i] = any ? data.labels[i] : fallback[i];
  }
  const k = confusionOf(data.labels, decisions, data.c);
  return Object.fromEntries(metrics.map((name) => [name, metricFromConfusion(name, k, 0, data.c)]));
}
