import { mix, seedWords } from '../permutation/hash.js';

/**
 * A small counter-based generator for simulated data, built on SPEC §3's hash so simulations are
 * reproducible across platforms. Not used for permutations (those follow SPEC §3 exactly).
 */
export class Rng {
  private counter = 0;
  private readonly key: number;
  private spare: number | null = null;

  constructor(seed: number, stream: number) {
    const [lo, hi] = seedWords(seed);
    this.key = mix(mix(lo, hi), stream);
  }

  /** uniform in (0, 1) */
  uniform(): number {
    const a = mix(this.key, this.counter++);
    const b = mix(a, 0x5bd1e995) >>> 11; // 21 more bits, for 53-bit resolution
    return (a * 2097152 + b + 0.5) / 9007199254740992;
  }

  /** standard normal, Box–Muller */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    const r = Math.sqrt(-2 * Math.log(this.uniform()));
    const theta = 2 * Math.PI * this.uniform();
    this.spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  /** integer in [0, n) */
  below(n: number): number {
    return Math.min(n - 1, Math.floor(this.uniform() * n));
  }
}
