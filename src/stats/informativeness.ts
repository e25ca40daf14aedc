import type { Dataset } from '../data/dataset.js';

/**
 * AUROC of scores for positives vs negatives: P(score_pos > score_neg) + ½·P(tie), by ranks
 * (Mann–Whitney U with mid-ranks). NaN when either class is empty.
 *
 * @example auroc([0.9, 0.1], [1, 0]) // 1
 */
export function auroc(scores: ArrayLike<number>, positive: ArrayLike<number>): number {
  const n = scores.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let rankSumPos = 0;
  let nPos = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && scores[idx[end]] === scores[idx[start]]) end++;
    const midRank = (start + 1 + end) / 2; // ranks start..end-1 are 1-based start+1..end
    for (let t = start; t < end; t++) if (positive[idx[t]]) {
      rankSumPos += midRank;
      nPos++;
    }
    start = end;
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
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
