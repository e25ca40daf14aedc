import { normalize, type RuleKind } from '../rule_kind.js';

const positiveInteger = (v: number) => (Number.isInteger(v) && v >= 1 ? null : 'must be an integer ≥ 1');

/**
 * `topk`: equal weight on the k available modalities with the largest q (ties: lower m first);
 * all of them when fewer than k are available.
 */
export const topkRule: RuleKind = {
  kind: 'topk',
  pooling: 'linear',
  params: [{ name: 'k', required: true, shape: 'scalar', check: positiveInteger }],
  compile: (params) => {
    const k = params.k as number;
    return (q, qOff, avail, aOff, m, out) => {
      // modality j is in the top k when fewer than k available modalities rank above it
      // (rank above = larger q, or equal q and lower index).
      for (let j = 0; j < m; j++) {
        out[j] = 0;
        if (!avail[aOff + j]) continue;
        let above = 0;
        for (let l = 0; l < m; l++) {
          if (l === j || !avail[aOff + l]) continue;
          if (q[qOff + l] > q[qOff + j] || (q[qOff + l] === q[qOff + j] && l < j)) above++;
        }
        if (above < k) out[j] = 1;
      }
      normalize(out, m);
    };
  },
};
