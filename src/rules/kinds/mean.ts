import { normalize, type RuleKind } from '../rule_kind.js';

/** `mean`: equal weight on every available modality — quality-agnostic, a built-in negative control. */
export const meanRule: RuleKind = {
  kind: 'mean',
  pooling: 'linear',
  params: [],
  compile: () => (_q, _qOff, avail, aOff, m, out) => {
    for (let j = 0; j < m; j++) out[j] = avail[aOff + j] ? 1 : 0;
    normalize(out, m);
  },
};
