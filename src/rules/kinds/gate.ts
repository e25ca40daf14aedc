import { normalize, type RuleKind } from '../rule_kind.js';

const finite = (v: number) => (Number.isFinite(v) ? null : 'must be a finite number');

/**
 * `gate`: equal weight on the available modalities with q ≥ θ (compared in f32); when none
 * passes, equal weight on every available modality.
 */
export const gateRule: RuleKind = {
  kind: 'gate',
  pooling: 'linear',
  params: [{ name: 'threshold', required: true, shape: 'scalar', check: finite }],
  compile: (params) => {
    const theta = Math.fround(params.threshold as number);
    return (q, qOff, avail, aOff, m, out) => {
      let passed = 0;
      for (let j = 0; j < m; j++) {
        out[j] = avail[aOff + j] && q[qOff + j] >= theta ? 1 : 0;
        passed += out[j];
      }
      if (passed === 0) for (let j = 0; j < m; j++) out[j] = avail[aOff + j] ? 1 : 0;
      normalize(out, m);
    };
  },
};
