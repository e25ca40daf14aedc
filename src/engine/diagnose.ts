import { buildVariant, type QualityVariant, type VariantSpec } from '../controls/quality_variants.js';
import type { Dataset } from '../data/dataset.js';
import { usage } from '../errors.js';
import type { Backend } from '../backends/backend.js';
import { JsBackend } from '../backends/js/js_backend.js';
import { computeBlocks, type BlockKey, type Blocks } from '../permutation/blocks.js';
import type { RuleSpec } from '../rules/parse.js';
import { compileWeightTable, type WeightTable } from '../rules/weight_table.js';
import { unimodalCorrectness } from '../stats/headroom.js';
import { confusionOf, metricFromConfusion, type MetricName } from '../stats/metrics.js';
import type { Alternative } from '../stats/null_summary.js';
import { fusedDecision, logEvidence } from './fuse.js';
import { confusionAccumulator, countsOffset, type NullTask, type Scheme } from './task.js';

export interface DiagnoseConfig {
  rules: RuleSpec[];
  metrics: MetricName[];
  quality: VariantSpec[];
  permutations: number;
  seed: number;
  scheme: Scheme;
  blockBy: BlockKey[];
  alternative: Alternative;
  /** run only shard `index` of `count` contiguous permutation ranges */
  shard?: { index: number; count: number };
}

export interface ProgressEvent {
  done: number;
  total: number;
}

export interface RunHooks {
  onProgress?: (p: ProgressEvent) => void;
  signal?: AbortSignal;
}

/**
 * The raw outcome of the permutation runs: per weight table (rule × variant, rule-major), the
 * Clean-Q metric values and the null values of permutations [kStart, kEnd) in permutation order.
 * Everything in the report is derived from this, so shards merge by concatenating nulls.
 */
export interface NullRun {
  kStart: number;
  kEnd: number;
  tables: { rule: string; quality: string }[];
  clean: Record<string, number>[];
  /** nulls[t][metric] has kEnd − kStart values */
  nulls: Record<string, Float64Array>[];
  /** flips[t][k − kStart] = fraction of examples whose decision changed */
  flips: Float64Array[];
  seconds: number;
  /** the backend that computed the nulls, and why, when it is not the one asked for */
  backend: { name: string; workers: number; note?: string };
}

/** Contiguous permutation range of shard I of K over P permutations. */
export function shardRange(p: number, shard?: { index: number; count: number }): [number, number] {
  if (!shard) return [0, p];
  return [Math.floor((shard.index * p) / shard.count), Math.floor(((shard.index + 1) * p) / shard.count)];
}

export interface PreparedRun {
  task: NullTask;
  variants: QualityVariant[];
  right: Uint8Array;
}

/** Compiles the weight tables, blocks and Clean-Q decisions of a run (all cheap next to the nulls). */
export function prepareRun(data: Dataset, config: DiagnoseConfig): PreparedRun {
  if (!Number.isInteger(config.permutations) || config.permutations < 1) throw usage('--permutations must be an integer ≥ 1');
  if (config.shard && config.shard.count > config.permutations) throw usage(`--shard: ${config.shard.count} shards of ${config.permutations} permutations would leave some empty`);
  const right = unimodalCorrectness(data);
  const variants = config.quality.map((spec) => buildVariant(spec, data, right, config.seed));
  const tables: WeightTable[] = [];
  for (const rule of config.rules) for (const v of variants) tables.push(compileWeightTable(rule, v.name, v.q, data));
  const needsLog = tables.some((t) => t.pooling === 'log');
  const inputs = {
    n: data.n,
    m: data.m,
    c: data.c,
    labels: data.labels,
    available: data.available,
    linear: data.evidence,
    log: needsLog ? logEvidence(data.evidence, data.available, data.c) : null,
  };
  const blocks: Blocks = computeBlocks(data, config.blockBy);
  const cleanDecisions = new Int32Array(tables.length * data.n);
  tables.forEach((table, t) => {
    const x = table.pooling === 'log' ? inputs.log! : inputs.linear;
    for (let i = 0; i < data.n; i++) cleanDecisions[t * data.n + i] = fusedDecision(x, i, data.m, data.c, table.weights, i * data.m);
  });
  const task: NullTask = { inputs, tables, blocks, scheme: config.scheme, seed: config.seed, cleanDecisions, accumulator: confusionAccumulator(data.c) };
  return { task, variants, right };
}

/**
 * Permutations per backend call: the backend's preferred pairs per call (10^8 by default), so a
 * call's fixed costs (dispatch, idle workers while the host turns counts into metrics) stay small
 * and progress still moves; at most 16 MB of counts so memory stays bounded whatever P is.
 */
function chunkSize(task: NullTask, backend: Backend): number {
  const pairsPerPermutation = task.inputs.n * task.tables.length;
  const countBytesPerPermutation = task.tables.length * task.accumulator.width * 8;
  return Math.max(1, Math.min(Math.floor((backend.chunkPairs ?? 1e8) / pairsPerPermutation), Math.floor(16e6 / countBytesPerPermutation)));
}

/** Runs the Clean-Q decisions and the Broken-Q null distributions on a backend. */
export async function runNulls(prepared: PreparedRun, config: DiagnoseConfig, backend: Backend, hooks: RunHooks = {}): Promise<NullRun> {
  const { task } = prepared;
  const { n, c } = task.inputs;
  const T = task.tables.length;
  const clean = task.tables.map((_, t) => {
    const k = confusionOf(task.inputs.labels, task.cleanDecisions.subarray(t * n, (t + 1) * n), c);
    return Object.fromEntries(config.metrics.map((name) => [name, metricFromConfusion(name, k, 0, c)]));
  });
  const [kStart, kEnd] = shardRange(config.permutations, config.shard);
  const P = kEnd - kStart;
  const nulls = task.tables.map(() => Object.fromEntries(config.metrics.map((name) => [name, new Float64Array(P)])));
  const flips = task.tables.map(() => new Float64Array(P));
  const reason = backend.unsupported?.(task) ?? null;
  const engine: Backend = reason ? new JsBackend() : backend;
  const started = performance.now();
  const step = chunkSize(task, engine);
  hooks.onProgress?.({ done: 0, total: P });
  for (let k0 = kStart; k0 < kEnd; k0 += step) {
    if (hooks.signal?.aborted) throw hooks.signal.reason ?? new Error('aborted');
    const k1 = Math.min(kEnd, k0 + step);
    const counts = await engine.run(task, k0, k1);
    for (let k = k0; k < k1; k++) {
      for (let t = 0; t < T; t++) {
        const off = countsOffset(task, k0, k, t);
        for (const name of config.metrics) nulls[t][name][k - kStart] = metricFromConfusion(name, counts, off, c);
        flips[t][k - kStart] = counts[off + c * c] / n;
      }
    }
    hooks.onProgress?.({ done: k1 - kStart, total: P });
  }
  return {
    kStart,
    kEnd,
    tables: task.tables.map((t) => ({ rule: t.rule, quality: t.quality })),
    clean,
    nulls,
    flips,
    seconds: (performance.now() - started) / 1000,
    backend: {
      name: engine.name,
      workers: engine.workers,
      ...(reason ? { note: `${backend.name} → js: ${reason}` } : engine.note ? { note: engine.note } : {}),
    },
  };
}
