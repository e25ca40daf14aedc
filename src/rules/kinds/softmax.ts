import { maxAvailable, normalize, type Pooling, type RuleKind } from '../rule_kind.js';

const positive = (v: number) => (v > 0 && Number.isFinite(v) ? null : 'must be a finite number > 0');

/**
 * G[m] ∝ exp((q[m] − max_avail q) / τ) over available m. `weighted` pools the probabilities
 * linearly; `loglinear` pools their logs (a product of experts).
 */
function softmaxRule(kind: string, pooling: Pooling): RuleKind {
  return {
    kind,
    pooling,
    params: [{ name: 'temperature', required: false, default: 1, shape: 'scalar', check: positive }],
    compile: (params) => {
      const tau = params.temperature as number;
      return (q, qOff, avail, aOff, m, out) => {
        const max = maxAvailable(q, qOff, avail, aOff, m);
        for (let j = 0; j < m; j++) out[j] = avail[aOff + j] ? Math.exp((q[qOff + j] - max) / tau) : 0;
        normalize(out, m);
      };
    },
  };
}

export const weightedRule = softmaxRule('weighted', 'linear');
export const loglinearRule = softmaxRule('loglinear', 'log');
