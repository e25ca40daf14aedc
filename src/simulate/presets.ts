/**
 * Simulation presets calibrated to published figures (issue #2): per-modality unimodal accuracy
 * targets, group structure and missing-modality rates.
 */
export interface Preset {
  name: string;
  n: number;
  modalities: string[];
  /** classes → per-modality target accuracy on balanced labels */
  accuracy: Record<number, number[]>;
  defaultClasses: number;
  /** number of groups (subjects/videos); 0 for none */
  groups: number;
  /** per-modality probability that the modality is missing (never all at once) */
  missing: number[];
}

export const PRESETS: Record<string, Preset> = {
  // StressID: ~711 examples from ~65 subjects; binary balanced accuracy ≈ .75/.62/.70, 3-class ≈ .55/.48/.53.
  stressid: {
    name: 'stressid',
    n: 711,
    modalities: ['physiological', 'video', 'audio'],
    accuracy: { 2: [0.75, 0.62, 0.7], 3: [0.55, 0.48, 0.53] },
    defaultClasses: 3,
    groups: 65,
    missing: [0.02, 0.06, 0.04],
  },
  // CMU-MOSEI test split: 4,659 segments; binary accuracy ≈ .79/.66/.67 (text/audio/vision).
  mosei: {
    name: 'mosei',
    n: 4659,
    modalities: ['text', 'audio', 'vision'],
    accuracy: { 2: [0.79, 0.66, 0.67] },
    defaultClasses: 2,
    groups: 680,
    missing: [0, 0, 0],
  },
  // A large synthetic test set for throughput.
  large: {
    name: 'large',
    n: 1_000_000,
    modalities: ['m0', 'm1', 'm2', 'm3'],
    accuracy: { 10: [0.7, 0.6, 0.55, 0.5] },
    defaultClasses: 10,
    groups: 0,
    missing: [0, 0.02, 0.02, 0.02],
  },
};
