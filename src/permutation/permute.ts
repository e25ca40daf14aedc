import type { Blocks } from './blocks.js';
import { mix, streamPrefix } from './hash.js';
import { shuffleInto } from './shuffle.js';

/**
 * Fills src[i] = the example whose quality example i receives in permutation k (SPEC §3):
 * within block b, src(idx_b[t]) = idx_b[shuffle(n_b, stream(seed, k, b, lane))[t]].
 * `scratch` must hold at least the largest block.
 */
export function permutationInto(blocks: Blocks, seed: number, k: number, lane: number, src: Int32Array, scratch: Int32Array): void {
  const prefix = streamPrefix(seed, k);
  const { order, offsets, count } = blocks;
  for (let b = 0; b < count; b++) {
    const start = offsets[b];
    const size = offsets[b + 1] - start;
    shuffleInto(size, mix(mix(prefix, b), lane), scratch);
    for (let t = 0; t < size; t++) src[order[start + t]] = order[start + scratch[t]];
  }
}

/** The largest block size, for sizing the scratch of permutationInto. */
export function largestBlock(blocks: Blocks): number {
  let max = 0;
  for (let b = 0; b < blocks.count; b++) max = Math.max(max, blocks.offsets[b + 1] - blocks.offsets[b]);
  return max;
}
