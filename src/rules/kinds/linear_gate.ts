import { usage } from '../../errors.js';
import { normalize, type RuleKind } from '../rule_kind.js';

/**
 * `linear_gate`: a frozen learned gate. z_m = Σ_n W[m][n]·q[n] + b[m] (unavailable q count as 0,
 * which they are after loading), G[m] ∝ exp(z_m − max_avail z) over available m.
 */
export const linearGateRule: RuleKind = {
  kind: 'linear_gate',
  pooling: 'linear',
  params: [
    { name: 'W', required: true, shape: 'matrix' },
    { name: 'b', required: true, shape: 'vector' },
  ],
  compile: (params, m) => {
    const W = params.W as number[][];
    const b = params.b as number[];
    if (!Array.isArray(W) || W.length !== m || W.some((row) => !Array.isArray(row) || row.length !== m)) {
      throw usage(`linear_gate: W must be an ${m}×${m} matrix (one row per modality)`);
    }
    if (!Array.isArray(b) || b.length !== m) throw usage(`linear_gate: b must be a vector of ${m} numbers`);
    if ([...W.flat(), ...b].some((v) => typeof v !== 'number' || !Number.isFinite(v))) throw usage('linear_gate: W and b must hold finite numbers');
    const z = new Float64Array(m);
    return (q, qOff, avail, aOff, mm, out) => {
      let max = -Infinity;
      for (let j = 0; j < mm; j++) {
        let s = 0;
        for (let l = 0; l < mm; l++) s += W[j][l] * (avail[aOff + l] ? q[qOff + l] : 0);
        z[j] = s + b[j];
        if (avail[aOff + j] && z[j] > max) max = z[j];
      }
      for (let j = 0; j < mm; j++) out[j] = avail[aOff + j] ? Math.exp(z[j] - max) : 0;
      normalize(out, mm);
    };
  },
};
