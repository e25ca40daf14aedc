/**
 * The counter-based hash of SPEC §3. All arithmetic is on u32, wrapping; every function returns
 * a value in [0, 2^32) as a JS number.
 */

/** hash32(x): x ^= x >> 16; x *= 0x7feb352d; x ^= x >> 15; x *= 0x846ca68b; x ^= x >> 16. */
export function hash32(x: number): number {
  x = (x ^ (x >>> 16)) >>> 0;
  x = Math.imul(x, 0x7feb352d) >>> 0;
  x = (x ^ (x >>> 15)) >>> 0;
  x = Math.imul(x, 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/** mix(a, b) = hash32(a ^ hash32(b + 0x9e3779b9)). */
export function mix(a: number, b: number): number {
  return hash32((a ^ hash32((b + 0x9e3779b9) >>> 0)) >>> 0);
}

/** Splits a seed in [0, 2^53) into its low and high 32-bit words. */
export function seedWords(seed: number): [number, number] {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be an integer in [0, 2^53), got ${seed}`);
  return [seed >>> 0, Math.floor(seed / 4294967296) >>> 0];
}

/** stream(seed, k, block, lane) = mix(mix(mix(mix(seed_lo, seed_hi), k), block), lane). */
export function stream(seed: number, k: number, block: number, lane: number): number {
  const [lo, hi] = seedWords(seed);
  return mix(mix(mix(mix(lo, hi), k >>> 0), block >>> 0), lane >>> 0);
}

/** The part of stream() that depends on (seed, k) only, hoisted out of per-block loops. */
export function streamPrefix(seed: number, k: number): number {
  const [lo, hi] = seedWords(seed);
  return mix(mix(lo, hi), k >>> 0);
}

/**
 * floor(r · m / 2^32) for u32 r and 1 ≤ m ≤ 2^32: the high word of the exact 64-bit product.
 * Split r into 16-bit halves so every partial product stays below 2^53 (exact in a double).
 */
export function mulHigh(r: number, m: number): number {
  const lowPart = (r & 0xffff) * m; // < 2^48
  const highPart = (r >>> 16) * m; // < 2^48
  return Math.floor((highPart + Math.floor(lowPart / 65536)) / 65536);
}
