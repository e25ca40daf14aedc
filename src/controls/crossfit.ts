import type { Dataset } from '../data/dataset.js';
import { usage } from '../errors.js';
import { compareCodePoints } from '../permutation/blocks.js';
import { mix, stream } from '../permutation/hash.js';
import { unimodalDecision } from '../stats/headroom.js';
import { fitLogistic, predictLogistic } from './logistic.js';

export const CROSSFIT_FOLDS = 5;

/** How the crossfit folds were formed, for the leakage audit. */
export interface CrossfitAudit {
  folds: number;
  by: 'group' | 'index';
  /** true when no group (or example) is in both the fitting and the applying side of any fold */
  held_out: boolean;
}

/**
 * Label-free features of modality j's evidence on example i: max probability, top-2 margin,
 * entropy, and the fraction of the other available modalities whose argmax agrees with it.
 */
export function evidenceFeatures(data: Dataset, i: number, j: number, decisions: Int32Array): number[] {
  const { m, c, evidence, available } = data;
  const off = (i * m + j) * c;
  let top = -Infinity;
  let second = -Infinity;
  let entropy = 0;
  for (let k = 0; k < c; k++) {
    const p = evidence[off + k];
    if (p > top) {
      second = top;
      top = p;
    } else if (p > second) second = p;
    if (p > 0) entropy -= p * Math.log(p);
  }
  let others = 0;
  let agree = 0;
  for (let l = 0; l < m; l++) {
    if (l === j || !available[i * m + l]) continue;
    others++;
    if (decisions[i * m + l] === decisions[i * m + j]) agree++;
  }
  return [top, top - second, entropy, others ? agree / others : 0.5];
}

/**
 * Fold of each example: groups (sorted by code points, then shuffled by a counter-based key from
 * the seed) are dealt round-robin into K folds; without groups, examples are. Nothing here reads a
 * label, so relabelling cannot move an example between folds.
 */
export function assignFolds(data: Dataset, folds: number, seed: number): { fold: Int32Array; by: 'group' | 'index'; k: number } {
  const units = data.groups ? [...new Set(data.groups)].sort(compareCodePoints) : Array.from({ length: data.n }, (_, i) => String(i));
  const k = Math.min(folds, units.length);
  if (k < 2) throw usage(`--quality crossfit: needs at least 2 ${data.groups ? 'groups' : 'examples'} to form folds`);
  const key = stream(seed, 0xfffffffe, 0, 0);
  const order = units.map((u, r) => ({ u, h: mix(key, r) })).sort((a, b) => a.h - b.h || compareCodePoints(a.u, b.u));
  const foldOf = new Map(order.map(({ u }, r) => [u, r % k]));
  const fold = Int32Array.from({ length: data.n }, (_, i) => foldOf.get(data.groups ? data.groups[i] : String(i))!);
  return { fold, by: data.groups ? 'group' : 'index', k };
}

/**
 * The leakage-safe learned quality (SPEC §7): per modality, a logistic regression predicts
 * "modality m is right" from label-free evidence features, fitted on K−1 folds and applied only to
 * the held-out fold. q[i, m] is the predicted probability; 0 where unavailable.
 */
export function crossfitQuality(data: Dataset, right: Uint8Array, seed: number, folds = CROSSFIT_FOLDS): { q: Float32Array; audit: CrossfitAudit } {
  const { n, m, available } = data;
  const decisions = new Int32Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) if (available[i * m + j]) decisions[i * m + j] = unimodalDecision(data, i, j);
  const { fold, by, k } = assignFolds(data, folds, seed);
  const features = Array.from({ length: n * m }, (_, r) => (available[r] ? evidenceFeatures(data, Math.floor(r / m), r % m, decisions) : []));
  const q = new Float32Array(n * m);
  for (let j = 0; j < m; j++) {
    for (let f = 0; f < k; f++) {
      const x: number[][] = [];
      const y: number[] = [];
      for (let i = 0; i < n; i++) {
        if (fold[i] === f || !available[i * m + j]) continue;
        x.push(features[i * m + j]);
        y.push(right[i * m + j]);
      }
      const model = x.length ? fitLogistic(x, y) : null;
      for (let i = 0; i < n; i++) {
        if (fold[i] !== f || !available[i * m + j]) continue;
        q[i * m + j] = model ? predictLogistic(model, features[i * m + j]) : 0.5;
      }
    }
  }
  return { q, audit: { folds: k, by, held_out: foldsHoldOut(data, fold) } };
}

/** Checks (rather than assumes) that no group has members in two folds. */
function foldsHoldOut(data: Dataset, fold: Int32Array): boolean {
  if (!data.groups) return true;
  const seen = new Map<string, number>();
  for (let i = 0; i < data.n; i++) {
    const f = seen.get(data.groups[i]);
    if (f !== undefined && f !== fold[i]) return false;
    seen.set(data.groups[i], fold[i]);
  }
  return true;
}
