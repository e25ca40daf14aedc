import { readFileSync } from 'node:fs';
import type { Dataset } from '../data/dataset.js';
import { badInput, usage } from '../errors.js';
import type { Blocks } from '../permutation/blocks.js';
import { largestBlock, permutationInto } from '../permutation/permute.js';
import type { QualityVariant } from './quality_variants.js';

export interface LeakageAudit {
  /** permutations regenerated and checked: each a bijection that never leaves its block */
  permutation_blocks: { checked_permutations: number; respected: boolean };
  /** per crossfit variant: how folds were formed and whether every group was held out */
  crossfit: { quality: string; folds: number; by: string; held_out: boolean }[];
  /** `--train-groups`: test groups also seen in training */
  train_groups: { file: string; overlap: string[]; allowed: boolean } | null;
}

/**
 * Regenerates the permutations k = ⌊s·(P−1)/15⌋, s = 0..15, that fall in this run's range
 * [kStart, kEnd), and checks each is a bijection that never leaves its block. The sample points
 * depend on P only, so shards together check exactly what the unsharded run checks.
 */
export function checkPermutationBlocks(blocks: Blocks, n: number, seed: number, lanes: number[], kStart: number, kEnd: number, permutations: number) {
  const src = new Int32Array(n);
  const scratch = new Int32Array(largestBlock(blocks));
  const seen = new Uint8Array(n);
  const samples = [...new Set(Array.from({ length: 16 }, (_, s) => Math.floor((s * (permutations - 1)) / 15)))].filter((k) => k >= kStart && k < kEnd);
  let respected = true;
  for (const k of samples) {
    for (const lane of lanes) {
      permutationInto(blocks, seed, k, lane, src, scratch);
      seen.fill(0);
      for (let i = 0; i < n; i++) {
        if (blocks.blockOf[src[i]] !== blocks.blockOf[i] || seen[src[i]]) respected = false;
        seen[src[i]] = 1;
      }
    }
  }
  return { checked_permutations: samples.length, respected };
}

/**
 * `--train-groups FILE` (one id per line): the test groups that were also in training. Overlap is
 * a bad input (exit 2) unless `allowOverlap`.
 */
export function checkTrainGroups(data: Dataset, file: string, allowOverlap: boolean): LeakageAudit['train_groups'] {
  if (!data.groups) throw usage("--train-groups: the dataset has no 'groups' array to compare");
  let text: string;
  try {
    text = readFileSync(file, 'utf-8');
  } catch (e) {
    throw badInput(`--train-groups ${file}: cannot read: ${(e as Error).message}`);
  }
  const train = new Set(text.split(/\r?\n/).map((s) => s.trim()).filter((s) => s.length > 0));
  const overlap = [...new Set(data.groups)].filter((g) => train.has(g)).sort();
  if (overlap.length && !allowOverlap) {
    const shown = overlap.slice(0, 10).join(', ') + (overlap.length > 10 ? `, … (${overlap.length} in all)` : '');
    throw badInput(`--train-groups ${file}: test groups also in training: ${shown}; the diagnostic would leak (pass --allow-overlap to run anyway)`);
  }
  return { file, overlap, allowed: allowOverlap };
}

export function crossfitAudit(variants: QualityVariant[]): LeakageAudit['crossfit'] {
  return variants.filter((v) => v.crossfit).map((v) => ({ quality: v.name, ...v.crossfit! }));
}
