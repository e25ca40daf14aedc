import type { RuleKind } from '../rule_kind.js';

/** `select`: all weight on the available modality with the largest q (lowest m on ties). */
export const selectRule: RuleKind = {
  kind: 'select',
  pooling: 'linear',
  params: [],
  compile: () => (q, qOff, avail, aOff, m, out) => {
    let best = -1;
    for (let j = 0; j < m; j++) {
      out[j] = 0;
      if (avail[aOff + j] && (best < 0 || q[qOff + j] > q[qOff + best])) best = j;
    }
    out[best] = 1;
  },
};
