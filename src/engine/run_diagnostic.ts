import type { Backend } from '../backends/backend.js';
import type { Dataset } from '../data/dataset.js';
import { buildReport } from '../report/build_report.js';
import type { Report } from '../report/report_types.js';
import { checkPermutationBlocks, checkTrainGroups, crossfitAudit, type LeakageAudit } from '../controls/leakage_audit.js';
import type { QualityVariant } from '../controls/quality_variants.js';
import { prepareRun, runNulls, type DiagnoseConfig, type RunHooks } from './diagnose.js';

export interface DiagnosticOptions extends DiagnoseConfig {
  includeNull?: boolean;
  /** `--train-groups FILE`: fail (exit 2) when a test group was also in training, unless allowOverlap */
  trainGroups?: { file: string; allowOverlap: boolean };
}

export interface DiagnosticHooks extends RunHooks {
  /** receives every quality matrix the run used (for `--export-quality`) */
  onVariants?: (variants: QualityVariant[]) => void;
}

/**
 * The whole diagnostic on a loaded dataset: weight tables, Clean-Q, Broken-Q nulls on `backend`,
 * statistics, headroom and informativeness, as the SPEC §8 report.
 */
export async function runDiagnostic(data: Dataset, options: DiagnosticOptions, backend: Backend, hooks: DiagnosticHooks = {}): Promise<Report> {
  const started = performance.now();
  const trainGroups = options.trainGroups ? checkTrainGroups(data, options.trainGroups.file, options.trainGroups.allowOverlap) : null;
  const prepared = prepareRun(data, options);
  hooks.onVariants?.(prepared.variants);
  const run = await runNulls(prepared, options, backend, hooks);
  const lanes = options.scheme === 'rows' ? [0] : Array.from({ length: data.m }, (_, j) => j + 1);
  const leakage: LeakageAudit = {
    permutation_blocks: checkPermutationBlocks(prepared.task.blocks, data.n, options.seed, lanes, run.kStart, run.kEnd, options.permutations),
    crossfit: crossfitAudit(prepared.variants),
    train_groups: trainGroups,
  };
  return buildReport(run, {
    data,
    config: options,
    variants: prepared.variants,
    right: prepared.right,
    blocks: prepared.task.blocks.count,
    includeNull: !!options.includeNull,
    leakage,
    totalSeconds: (performance.now() - started) / 1000,
  });
}
