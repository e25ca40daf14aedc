import type { Dataset } from '../data/dataset.js';
import { usage } from '../errors.js';
import { PRESETS } from './presets.js';
import { Rng } from './rng.js';

export interface SimulateOptions {
  preset: string;
  /** 0 = quality unrelated to corruption, 1 = quality is (minus) the corruption */
  alignment: number;
  seed: number;
  classes?: number;
  /** override the preset's example count */
  n?: number;
}

const CALIBRATION_SAMPLE = 50_000;

/**
 * Simulates frozen unimodal experts and quality scores. Each example i and modality m has a latent
 * corruption z[i,m] (standard normal, with a shared per-group component); the expert's logits are
 * noise plus a signal on the true class of strength s_m·σ(−z), so corrupted examples are more often
 * wrong. s_m is calibrated by bisection to the preset's accuracy. Quality is
 * q = −(A·z + √(1−A²)·ε): with A = 1 it tracks the corruption exactly, with A = 0 it is noise.
 */
export function simulate(options: SimulateOptions): Dataset {
  const preset = PRESETS[options.preset];
  if (!preset) throw usage(`--preset: unknown preset '${options.preset}' (known: ${Object.keys(PRESETS).join(', ')})`);
  const c = options.classes ?? preset.defaultClasses;
  const targets = preset.accuracy[c];
  if (!targets) throw usage(`--classes: preset ${preset.name} is calibrated for ${Object.keys(preset.accuracy).join(' or ')} classes`);
  const a = options.alignment;
  if (!(a >= 0 && a <= 1)) throw usage('--alignment must be in [0, 1]');
  const n = options.n ?? preset.n;
  if (!Number.isSafeInteger(n) || n < 2) throw usage(`--n must be an integer ≥ 2 (got ${n})`);
  const m = preset.modalities.length;
  const rng = new Rng(options.seed, 0x51a1);

  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) labels[i] = rng.below(c);
  const groupOf = new Int32Array(n);
  const groupEffect = new Float64Array(Math.max(1, preset.groups) * m);
  for (let g = 0; g < groupEffect.length; g++) groupEffect[g] = rng.normal();
  for (let i = 0; i < n; i++) groupOf[i] = preset.groups ? rng.below(preset.groups) : 0;

  // latent corruption, standardised: group component + example component
  const z = new Float64Array(n * m);
  const groupWeight = preset.groups ? 0.6 : 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const g = preset.groups ? groupEffect[groupOf[i] * m + j] : 0;
      z[i * m + j] = groupWeight * g + Math.sqrt(1 - groupWeight * groupWeight) * rng.normal();
    }
  }
  const noise = new Float32Array(n * m * c);
  for (let k = 0; k < noise.length; k++) noise[k] = rng.normal();

  const available = new Uint8Array(n * m).fill(1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) if (rng.uniform() < preset.missing[j]) available[i * m + j] = 0;
    if (!available.subarray(i * m, (i + 1) * m).some((v) => v)) available[i * m + rng.below(m)] = 1;
  }

  const evidence = new Float32Array(n * m * c);
  const logits = new Float64Array(c);
  for (let j = 0; j < m; j++) {
    const strength = calibrateStrength(targets[j], Math.min(n, CALIBRATION_SAMPLE), j, m, c, labels, z, noise);
    for (let i = 0; i < n; i++) {
      if (!available[i * m + j]) continue;
      expertLogits(i, j, m, c, strength, labels, z, noise, logits);
      let max = -Infinity;
      for (let k = 0; k < c; k++) max = Math.max(max, logits[k]);
      let sum = 0;
      for (let k = 0; k < c; k++) sum += (logits[k] = Math.exp(logits[k] - max));
      for (let k = 0; k < c; k++) evidence[(i * m + j) * c + k] = logits[k] / sum;
    }
  }

  const quality = new Float32Array(n * m);
  const b = Math.sqrt(1 - a * a);
  for (let k = 0; k < n * m; k++) {
    const eps = rng.normal();
    if (available[k]) quality[k] = -(a * z[k] + b * eps);
  }

  return {
    n,
    m,
    c,
    evidence,
    quality,
    labels,
    available,
    groups: preset.groups ? Array.from(groupOf, (g) => `s${String(g).padStart(3, '0')}`) : null,
    modalities: [...preset.modalities],
    classes: Array.from({ length: c }, (_, k) => `${k}`),
  };
}

/** signal on the true class falls with corruption: strength · sigmoid(−2z) */
function expertLogits(i: number, j: number, m: number, c: number, strength: number, labels: Int32Array, z: Float64Array, noise: Float32Array, out: Float64Array): void {
  const signal = strength / (1 + Math.exp(2 * z[i * m + j]));
  for (let k = 0; k < c; k++) out[k] = noise[(i * m + j) * c + k];
  out[labels[i]] += signal;
}

function calibrateStrength(target: number, sample: number, j: number, m: number, c: number, labels: Int32Array, z: Float64Array, noise: Float32Array): number {
  const logits = new Float64Array(c);
  const accuracy = (strength: number) => {
    let right = 0;
    for (let i = 0; i < sample; i++) {
      expertLogits(i, j, m, c, strength, labels, z, noise, logits);
      let best = 0;
      for (let k = 1; k < c; k++) if (logits[k] > logits[best]) best = k;
      if (best === labels[i]) right++;
    }
    return right / sample;
  };
  let lo = 0;
  let hi = 64;
  for (let iter = 0; iter < 40; iter++) {
    const mid = (lo + hi) / 2;
    if (accuracy(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
