import type { Backend } from '../backends/backend.js';
import type { Dataset } from '../data/dataset.js';
import { buildReport } from '../report/build_report.js';
import type { Report } from '../report/report_types.js';
import { prepareRun, runNulls, type DiagnoseConfig, type RunHooks } from './diagnose.js';

export interface DiagnosticOptions extends DiagnoseConfig {
  includeNull?: boolean;
}

/**
 * The whole diagnostic on a loaded dataset: weight tables, Clean-Q, Broken-Q nulls on `backend`,
 * statistics, headroom and informativeness, as the SPEC §8 report.
 */
export async function runDiagnostic(data: Dataset, options: DiagnosticOptions, backend: Backend, hooks: RunHooks = {}): Promise<Report> {
  const started = performance.now();
  const prepared = prepareRun(data, options);
  const run = await runNulls(prepared, options, backend, hooks);
  return buildReport(run, {
    data,
    config: options,
    variants: prepared.variants,
    right: prepared.right,
    blocks: prepared.task.blocks.count,
    backend: run.backend,
    includeNull: !!options.includeNull,
    totalSeconds: (performance.now() - started) / 1000,
  });
}
