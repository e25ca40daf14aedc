import { fusedDecision, poolingInput } from '../../engine/fuse.js';
import { countsOffset, type NullTask } from '../../engine/task.js';
import { largestBlock, permutationInto } from '../../permutation/permute.js';
import type { Backend } from '../backend.js';

/**
 * The readable reference backend: SPEC §2–§3 transcribed in plain TypeScript. Every other backend
 * is tested against it.
 */
export class JsBackend implements Backend {
  readonly name = 'js';
  readonly workers = 1;
  /** ≈ 0.5 s of work per call at js speed, so progress moves */
  readonly chunkPairs = 1e7;

  async run(task: NullTask, kStart: number, kEnd: number): Promise<Float64Array> {
    const T = task.tables.length;
    const counts = new Float64Array((kEnd - kStart) * T * task.accumulator.width);
    const { n, m } = task.inputs;
    const scratch = new Int32Array(largestBlock(task.blocks));
    // rows: one src array; columns: one per modality (lane m + 1)
    const lanes = task.scheme === 'rows' ? 1 : m;
    const src = Array.from({ length: lanes }, () => new Int32Array(n));
    for (let k = kStart; k < kEnd; k++) {
      for (let l = 0; l < lanes; l++) permutationInto(task.blocks, task.seed, k, task.scheme === 'rows' ? 0 : l + 1, src[l], scratch);
      for (let t = 0; t < T; t++) {
        if (task.scheme === 'rows') accumulateRows(task, t, src[0], counts, countsOffset(task, kStart, k, t));
        else accumulateColumns(task, t, src, counts, countsOffset(task, kStart, k, t));
      }
    }
    return counts;
  }

  async close(): Promise<void> {}
}

/** Rows scheme: example i fuses its own evidence with the weight row of example src[i]. */
function accumulateRows(task: NullTask, t: number, src: Int32Array, counts: Float64Array, off: number): void {
  const { n, m, c, labels } = task.inputs;
  const table = task.tables[t];
  const x = poolingInput(task.inputs, table.pooling);
  const clean = task.cleanDecisions;
  let flips = 0;
  for (let i = 0; i < n; i++) {
    const d = fusedDecision(x, i, m, c, table.weights, src[i] * m);
    counts[off + labels[i] * c + d]++;
    if (d !== clean[t * n + i]) flips++;
  }
  counts[off + c * c] = flips;
}

/** Columns scheme: each modality's quality comes from its own permutation; G is recomputed. */
function accumulateColumns(task: NullTask, t: number, src: Int32Array[], counts: Float64Array, off: number): void {
  const { n, m, c, labels, available } = task.inputs;
  const table = task.tables[t];
  const x = poolingInput(task.inputs, table.pooling);
  const clean = task.cleanDecisions;
  const q = new Float32Array(m);
  const w = new Float64Array(m);
  const g = new Float32Array(m);
  let flips = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) q[j] = table.q[src[j][i] * m + j];
    table.weightFn(q, 0, available, i * m, m, w);
    for (let j = 0; j < m; j++) g[j] = w[j];
    const d = fusedDecision(x, i, m, c, g, 0);
    counts[off + labels[i] * c + d]++;
    if (d !== clean[t * n + i]) flips++;
  }
  counts[off + c * c] = flips;
}
