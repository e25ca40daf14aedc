import type { FusionInputs } from './task.js';

const LOG_FLOOR = 1e-12;

/** log(max(evidence, 1e-12)) in f64, stored as f32 (SPEC §2). Unavailable rows stay 0. */
export function logEvidence(evidence: Float32Array, available: Uint8Array, c: number): Float32Array {
  const out = new Float32Array(evidence.length);
  for (let row = 0; row < available.length; row++) {
    if (!available[row]) continue;
    for (let j = 0; j < c; j++) out[row * c + j] = Math.log(Math.max(evidence[row * c + j], LOG_FLOOR));
  }
  return out;
}

/**
 * The fused decision for example i with weight row G[gOff .. gOff+M):
 * s[c] = Σ_m G·X accumulated in f32 in ascending m, argmax with the lowest c on exact ties.
 * Math.fround after each operation gives exact f32 semantics (a double holds the f32 product
 * exactly, and double rounding of an f32 sum is innocuous).
 */
export function fusedDecision(x: Float32Array, i: number, m: number, c: number, g: ArrayLike<number>, gOff: number): number {
  const xOff = i * m * c;
  let best = 0;
  let bestScore = -Infinity;
  for (let k = 0; k < c; k++) {
    let acc = 0;
    for (let j = 0; j < m; j++) acc = Math.fround(acc + Math.fround(g[gOff + j] * x[xOff + j * c + k]));
    if (acc > bestScore || k === 0) {
      bestScore = acc;
      best = k;
    }
  }
  return best;
}

/** X for a pooling kind. */
export function poolingInput(inputs: FusionInputs, pooling: 'linear' | 'log'): Float32Array {
  if (pooling === 'linear') return inputs.linear;
  if (!inputs.log) throw new Error('log evidence was not prepared for a log-linear table');
  return inputs.log;
}
