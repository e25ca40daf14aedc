import type { Dataset } from '../src/data/dataset.js';
import { simulate } from '../src/simulate/generate.js';

/** SPEC §10: the benchmark workloads, simulated in memory (no file I/O in the timings). */
export const WORKLOADS = ['stressid', 'mosei', 'large'] as const;
export type WorkloadName = (typeof WORKLOADS)[number];

/** SPEC §10 rules, with the gate's threshold at the median available quality. */
export function benchRules(data: Dataset): string {
  const q: number[] = [];
  for (let k = 0; k < data.n * data.m; k++) if (data.available[k]) q.push(data.quality[k]);
  q.sort((a, b) => a - b);
  const median = q.length % 2 ? q[(q.length - 1) / 2] : (q[q.length / 2 - 1] + q[q.length / 2]) / 2;
  return `mean,weighted,loglinear,select,topk:k=2,gate:threshold=${median.toPrecision(6)}`;
}

export function workloadData(name: WorkloadName): Dataset {
  return simulate({ preset: name, alignment: 0.5, seed: 0 });
}

/**
 * Permutations per timed run: the targets where a fast backend is timed, and fewer for js
 * (throughput, pairs per second, is what is compared).
 */
export const PERMUTATIONS: Record<WorkloadName, Record<string, number>> = {
  stressid: { js: 10_000, wasm: 100_000, webgpu: 100_000 },
  mosei: { js: 1_000, wasm: 10_000, webgpu: 100_000 },
  large: { js: 2, wasm: 30, webgpu: 10_000 },
};
