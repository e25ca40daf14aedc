import type { Dataset } from '../data/dataset.js';

/**
 * AUROC of scores for positives vs negatives: P(score_pos > score_neg) + ½·P(tie) (the
 * Mann–Whitney U statistic over nPos·nNeg). Sorts each side natively and merges, so it stays fast
 * for millions of examples. NaN when either side is empty.
 *
 * @example auroc([0.9, 0.1], [1, 0]) // 1
 */
export function auroc(scores: ArrayLike<number>, positive: ArrayLike<number>): number {
  let nPos = 0;
  for (let i = 0; i < scores.length; i++) if (positive[i]) nPos++;
  const nNeg = scores.length - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(nNeg);
  for (let i = 0, a = 0, b = 0; i < scores.length; i++) {
    if (positive[i]) pos[a++] = scores[i];
    else neg[b++] = scores[i];
  }
  pos.sort();
  neg.sort();
  // for each positive: negatives strictly below count 1, equal ones ½
  let below = 0;
  let upTo = 0;
  let wins = 0;
  for (let a = 0; a < nPos; a++) {
    while (below < nNeg && neg[below] < pos[a]) below++;
    if (upTo < below) upTo = below;
    while (upTo < nNeg && neg[upTo] <= pos[a]) upTo++;
    wins += below + (upTo - below) / 2;
  }
  return wins / (nPos * nNeg);
}

export interface Informativeness {
  /** per modality, NaN where undefined */
  auroc: number[];
  selectionAccuracy: number;
  chance: number;
}

/**
 * How much a quality matrix knows about unimodal correctness (SPEC §6): per-modality AUROC over
 * available examples, and selection accuracy of the highest-q available modality (lowest m on
 * ties) over examples where at least one available modality is right and one wrong, with its
 * chance level (mean right/available over those examples).
 */
export function informativeness(data: Dataset, q: Float32Array, right: Uint8Array): Informativeness {
  const { n, m, available } = data;
  const perModality = Array.from({ length: m }, (_, j) => {
    const scores: number[] = [];
    const pos: number[] = [];
    for (let i = 0; i < n; i++) {
      if (!available[i * m + j]) continue;
      scores.push(q[i * m + j]);
      pos.push(right[i * m + j]);
    }
    return auroc(scores, pos);
  });
  let qualifying = 0;
  let selectedRight = 0;
  let chanceSum = 0;
  for (let i = 0; i < n; i++) {
    let nAvail = 0;
    let nRight = 0;
    let best = -1;
    for (let j = 0; j < m; j++) {
      if (!available[i * m + j]) continue;
      nAvail++;
      nRight += right[i * m + j];
      if (best < 0 || q[i * m + j] > q[i * m + best]) best = j;
    }
    if (nRight === 0 || nRight === nAvail) continue;
    qualifying++;
    selectedRight += right[i * m + best];
    chanceSum += nRight / nAvail;
  }
  return {
    auroc: perModality,
    selectionAccuracy: qualifying ? selectedRight / qualifying : NaN,
    chance: qualifying ? chanceSum / qualifying : NaN,
  };
}
