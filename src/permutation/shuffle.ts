import { mix, mulHigh } from './hash.js';

/**
 * SPEC §3 shuffle(n, s): Durstenfeld's Fisher–Yates with counter-based draws,
 * j = floor(mix(s, t) · (t + 1) / 2^32). Writes perm[0..n) into `out` (reused, no allocation).
 *
 * @example shuffleInto(10, stream(42, 0, 0, 0), new Int32Array(10)) // [5,3,4,8,6,0,2,7,9,1]
 */
export function shuffleInto(n: number, s: number, out: Int32Array | Uint32Array, offset = 0): void {
  for (let t = 0; t < n; t++) out[offset + t] = t;
  for (let t = n - 1; t >= 1; t--) {
    const j = mulHigh(mix(s, t), t + 1);
    const a = out[offset + t];
    out[offset + t] = out[offset + j];
    out[offset + j] = a;
  }
}

/** Convenience form of shuffleInto returning a new array. */
export function shuffle(n: number, s: number): Int32Array {
  const out = new Int32Array(n);
  shuffleInto(n, s, out);
  return out;
}
