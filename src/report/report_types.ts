import type { LeakageAudit } from '../controls/leakage_audit.js';
import type { NullSummary } from '../stats/null_summary.js';

/** One eps of the positive-control dose-response (`permfuse sweep`), for one rule and metric. */
export interface SweepRow {
  eps: number;
  quality: string;
  /** realised informativeness of the flipped oracle signal */
  auroc_mean: number | null;
  selection_accuracy: number | null;
  rule: string;
  metric: string;
  clean: number;
  /** clean − clean of the quality-agnostic `mean` rule */
  gain: number;
  gap: number;
  p_value: number;
  p_value_maxT: number;
}

/** One (rule, quality variant, metric) result of SPEC §8. Non-finite numbers are written as null. */
export interface ResultEntry {
  rule: string;
  quality: string;
  metric: string;
  clean: number;
  broken: NullSummary;
  gap: number;
  p_value: number;
  p_value_maxT: number;
  flip_rate: number;
  headroom: number;
  null?: number[];
  /** per-permutation flip fractions; partial (shard) reports only, for an exact merge */
  flips?: number[];
}

export interface InformativenessEntry {
  quality: string;
  /** given | label-derived (a control) | leakage-safe (crossfit) */
  provenance: string;
  auroc: (number | null)[];
  selection_accuracy: number | null;
  chance: number | null;
}

/** The JSON report, `schema: "permfuse.report/1"` (SPEC §8). */
export interface Report {
  schema: 'permfuse.report/1';
  dataset: { n: number; modalities: string[]; classes: string[]; blocks: number; sha256: string | null };
  config: {
    permutations: number;
    seed: number;
    scheme: string;
    block_by: string[];
    alternative: string;
    backend: string;
    workers: number;
    /** set when the requested backend could not run this job and another did, or ran in a special way */
    backend_note?: string;
    /** with `--backend auto`: the faster backends that were not used, and why */
    backend_skipped?: { backend: string; reason: string }[];
    rules: string[];
    metrics: string[];
    quality: string[];
  };
  results: ResultEntry[];
  unimodal: ({ modality: string } & Record<string, number | string | null>)[];
  oracle: Record<string, number | null>;
  informativeness: InformativenessEntry[];
  /** rules by Clean-Q, per quality variant and metric */
  ranking: { quality: string; metric: string; rules: { rule: string; clean: number; gap: number; p_value: number; p_value_maxT: number }[] }[];
  leakage: LeakageAudit;
  /** `permfuse sweep`: the dose-response rows */
  sweep?: SweepRow[];
  timing: { seconds: number; total_seconds: number; pairs: number; pairs_per_second: number };
  /** present on a partial report written by `diagnose --shard I/K` (I is 1-based) */
  shard?: { index: number; count: number; k_start: number; k_end: number; include_null: boolean };
}
