import { selectBackend, type BackendName } from './backends/select.js';
import { parseQualityVariants } from './controls/quality_variants.js';
import { parseEps, sweepQuality, sweepRows } from './controls/sweep.js';
import type { Dataset, RawArray, RawArrays } from './data/dataset.js';
import { nestedToRaw } from './data/json_reader.js';
import { validateArrays } from './data/validate.js';
import type { ProgressEvent } from './engine/diagnose.js';
import { runDiagnostic } from './engine/run_diagnostic.js';
import { usage } from './errors.js';
import type { BlockKey } from './permutation/blocks.js';
import type { Report } from './report/report_types.js';
import { DEFAULT_RULES, parseRules, type RuleSpec } from './rules/parse.js';
import { DEFAULT_METRIC, parseMetrics, type MetricName } from './stats/metrics.js';
import type { Alternative } from './stats/null_summary.js';

type Numeric = ArrayLike<number> | number[][] | number[][][];

/**
 * Arrays handed over directly (SPEC §1), as typed arrays (flat, row-major) or nested arrays.
 * Flat arrays take their shape from N = labels.length, M = quality.length / N and
 * C = evidence.length / (N·M).
 */
export interface ArraysInput {
  evidence?: Numeric;
  logits?: Numeric;
  quality: Numeric;
  labels: ArrayLike<number>;
  available?: Numeric;
  groups?: ArrayLike<number> | string[];
  modalities?: string[];
  classes?: string[];
}

export interface DiagnoseOptions {
  /** rule list in the command-line syntax (`'mean,topk:k=2'`) or parsed specs */
  rules?: string | RuleSpec[];
  metrics?: MetricName[];
  /** quality variants: `native`, `oracle`, `flip:EPS`, `crossfit` */
  quality?: string[];
  permutations?: number;
  seed?: number;
  scheme?: 'rows' | 'columns';
  blockBy?: BlockKey[];
  alternative?: Alternative;
  backend?: BackendName;
  workers?: number;
  includeNull?: boolean;
  renormalize?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: ProgressEvent) => void;
}

export interface SweepOptions extends Omit<DiagnoseOptions, 'quality'> {
  /** flip fractions, or their command-line text (`'0:0.5:0.05'`) */
  eps: number[] | string;
}

function isDataset(input: Dataset | ArraysInput): input is Dataset {
  return (input as Dataset).evidence instanceof Float32Array && typeof (input as Dataset).n === 'number';
}

/** Turns directly supplied arrays into a validated Dataset (the same checks as a file gets). */
export function datasetFromArrays(input: ArraysInput, renormalize = false): Dataset {
  const n = input.labels.length;
  const flat = (name: string, value: Numeric, tail: (count: number) => number[]): RawArray => {
    if (Array.isArray(value) && Array.isArray(value[0])) return nestedToRaw(value, name);
    const values = value as ArrayLike<number>;
    return { shape: [n, ...tail(values.length)], kind: 'float', values };
  };
  const m = Array.isArray(input.quality) && Array.isArray(input.quality[0]) ? (input.quality[0] as number[]).length : (input.quality as ArrayLike<number>).length / n;
  const raw: RawArrays = {
    quality: flat('quality', input.quality, () => [m]),
    labels: { shape: [n], kind: 'float', values: input.labels },
  };
  for (const key of ['evidence', 'logits'] as const) {
    const v = input[key];
    if (v) raw[key] = flat(key, v, (len) => [m, len / (n * m)]);
  }
  if (input.available) raw.available = flat('available', input.available, () => [m]);
  if (input.groups) {
    const g = Array.from(input.groups as ArrayLike<number | string>);
    raw.groups = g.every((x) => typeof x === 'string') ? { shape: [n], kind: 'string', values: g as string[] } : { shape: [n], kind: 'int', values: g as number[] };
  }
  if (input.modalities) raw.modalities = { shape: [input.modalities.length], kind: 'string', values: input.modalities };
  if (input.classes) raw.classes = { shape: [input.classes.length], kind: 'string', values: input.classes };
  for (const [name, a] of Object.entries(raw)) {
    const expected = a.shape.reduce((x, y) => x * y, 1);
    if (!Number.isInteger(expected) || expected !== a.values.length) throw usage(`${name}: ${a.values.length} values do not fill shape (${a.shape.join(', ')})`);
  }
  return validateArrays(raw, { renormalize });
}

/**
 * The diagnostic (SPEC §1–§8) on a dataset or on arrays in memory; resolves to the JSON report.
 *
 * @example
 * const report = await diagnose({ evidence, quality, labels }, { rules: 'mean,weighted', permutations: 2000 });
 */
export async function diagnose(input: Dataset | ArraysInput, options: DiagnoseOptions = {}): Promise<Report> {
  const data = isDataset(input) ? input : datasetFromArrays(input, options.renormalize);
  const { backend, skipped } = await selectBackend(options.backend ?? 'auto', { workers: options.workers });
  try {
    const report = await runDiagnostic(
      data,
      {
        rules: typeof options.rules === 'object' ? options.rules : parseRules(options.rules ?? DEFAULT_RULES),
        metrics: parseMetrics((options.metrics ?? [DEFAULT_METRIC]).join(','), data.c),
        quality: parseQualityVariants((options.quality ?? ['native']).join(',')),
        permutations: options.permutations ?? 10_000,
        seed: options.seed ?? 0,
        scheme: options.scheme ?? 'rows',
        blockBy: options.blockBy ?? [],
        alternative: options.alternative ?? 'greater',
        includeNull: options.includeNull,
      },
      backend,
      { signal: options.signal, onProgress: options.onProgress },
    );
    if (skipped.length) report.config.backend_skipped = skipped;
    return report;
  } finally {
    await backend.close();
  }
}

/** The positive-control dose-response (SPEC §7): diagnose with flip:EPS variants, plus `report.sweep`. */
export async function sweep(input: Dataset | ArraysInput, options: SweepOptions): Promise<Report> {
  const data = isDataset(input) ? input : datasetFromArrays(input, options.renormalize);
  const eps = typeof options.eps === 'string' ? parseEps(options.eps) : parseEps(options.eps.join(','));
  const report = await diagnose(data, { ...options, quality: sweepQuality(eps).split(',') });
  report.sweep = sweepRows(report, data, eps);
  return report;
}
