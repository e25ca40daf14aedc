import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { BACKEND_NAMES, selectBackend, type BackendName } from '../backends/select.js';
import { qualityToNpz } from '../controls/export_quality.js';
import { parseQualityVariants } from '../controls/quality_variants.js';
import { parseEps, sweepQuality, sweepRows } from '../controls/sweep.js';
import type { Dataset } from '../data/dataset.js';
import { loadDataset } from '../data/load.js';
import { runDiagnostic, type DiagnosticOptions } from '../engine/run_diagnostic.js';
import { usage } from '../errors.js';
import type { BlockKey } from '../permutation/blocks.js';
import { reportToJson } from '../report/build_report.js';
import { renderHtml } from '../report/html_report.js';
import { renderMarkdown } from '../report/markdown.js';
import type { Report } from '../report/report_types.js';
import { renderSummary, renderSweep } from '../report/summary_table.js';
import { DEFAULT_RULES, parseRules } from '../rules/parse.js';
import { DEFAULT_METRIC, parseMetrics } from '../stats/metrics.js';
import type { Alternative } from '../stats/null_summary.js';
import { defaultProgressMode, progressReporter, type ProgressMode } from './progress.js';

/** The options of `permfuse diagnose` as commander hands them over. */
export interface DiagnoseFlags {
  rules: string;
  metrics: string;
  permutations: string;
  seed: string;
  scheme: string;
  blockBy?: string;
  alternative: string;
  quality: string;
  backend: string;
  workers?: string;
  renormalize?: boolean;
  json?: string;
  includeNull?: boolean;
  progress?: string;
  quiet?: boolean;
  shard?: string;
  exportQuality?: string;
  html?: string;
  md?: string;
  trainGroups?: string;
  allowOverlap?: boolean;
}

function integer(text: string, flag: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const v = Number(text);
  if (!Number.isSafeInteger(v) || v < min || v > max) throw usage(`${flag}: '${text}' is not an integer in [${min}, ${max}]`);
  return v;
}

function oneOf<T extends string>(text: string, flag: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(text)) throw usage(`${flag}: '${text}' is not one of ${allowed.join(', ')}`);
  return text as T;
}

/** Turns the flags into a run configuration, checking each against the dataset. */
export function diagnoseOptions(flags: DiagnoseFlags, data: Dataset): DiagnosticOptions {
  const blockBy = (flags.blockBy ? flags.blockBy.split(',').map((s) => s.trim()) : []).map((k) => oneOf<BlockKey>(k, '--block-by', ['group', 'label']));
  return {
    rules: parseRules(flags.rules),
    metrics: parseMetrics(flags.metrics, data.c),
    quality: parseQualityVariants(flags.quality),
    permutations: integer(flags.permutations, '--permutations', 1, 2 ** 32),
    seed: integer(flags.seed, '--seed', 0, Number.MAX_SAFE_INTEGER),
    scheme: oneOf(flags.scheme, '--scheme', ['rows', 'columns'] as const),
    blockBy,
    alternative: oneOf<Alternative>(flags.alternative, '--alternative', ['greater', 'less', 'two-sided']),
    includeNull: !!flags.includeNull,
    ...(flags.shard ? { shard: parseShard(flags.shard) } : {}),
    ...(flags.trainGroups ? { trainGroups: { file: flags.trainGroups, allowOverlap: !!flags.allowOverlap } } : {}),
  };
}

/** `--shard I/K`, I in 1..K; returned 0-based. */
function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw usage(`--shard: '${text}' is not I/K with 1 ≤ I ≤ K`);
  return { index: index - 1, count };
}

/**
 * Loads the input, runs the diagnostic with progress on stderr, writes `--json` and
 * `--export-quality`, and hands the report to `present` for stdout (unless it went there as JSON).
 */
async function runFromFlags(
  input: string,
  flags: DiagnoseFlags,
  present: (report: Report, data: Dataset) => string,
  decorate: (report: Report, data: Dataset) => void = () => {},
): Promise<void> {
  const startedAt = performance.now();
  const backendName = oneOf<BackendName>(flags.backend, '--backend', BACKEND_NAMES);
  const workers = flags.workers === undefined ? availableParallelism() : integer(flags.workers, '--workers', 1, 1024);
  const progressMode = flags.progress ? oneOf<ProgressMode>(flags.progress, '--progress', ['bar', 'jsonl', 'none']) : defaultProgressMode(!!flags.quiet);
  const data = loadDataset(input, { renormalize: !!flags.renormalize });
  const options = diagnoseOptions(flags, data);
  if (options.shard && !flags.json) throw usage('--shard writes a partial report: give --json FILE');
  // the HTML report draws the null distributions, so it needs them even when the JSON does not
  if (flags.html) options.includeNull = true;
  const { backend, skipped } = await selectBackend(backendName, { workers });
  const progress = progressReporter(flags.quiet ? 'none' : progressMode);
  try {
    const report = await runDiagnostic(data, options, backend, {
      onProgress: progress.update,
      onVariants: (variants) => flags.exportQuality && writeFileSync(flags.exportQuality, qualityToNpz(variants, data)),
    });
    progress.stop();
    if (skipped.length) report.config.backend_skipped = skipped;
    decorate(report, data);
    if (flags.html) writeFileSync(flags.html, await renderHtml(report));
    if (flags.md) writeFileSync(flags.md, renderMarkdown(report));
    if (flags.html && !flags.includeNull) for (const r of report.results) delete r.null;
    report.timing.total_seconds = (performance.now() - startedAt) / 1000;
    if (flags.json === '-') {
      process.stdout.write(`${reportToJson(report)}\n`);
      return;
    }
    if (flags.json) writeFileSync(flags.json, `${reportToJson(report)}\n`);
    if (report.shard) process.stdout.write(`partial report: shard ${report.shard.index}/${report.shard.count}, permutations ${report.shard.k_start}..${report.shard.k_end - 1}, written to ${flags.json}; combine with 'permfuse merge'\n`);
    else if (!flags.quiet) process.stdout.write(`${present(report, data)}\n`);
  } finally {
    progress.stop();
    await backend.close();
  }
}

export async function diagnoseCommand(input: string, flags: DiagnoseFlags): Promise<void> {
  await runFromFlags(input, flags, (report) => renderSummary(report));
}

/** `permfuse sweep INPUT --eps LIST`: the positive-control dose-response (SPEC §7). */
export async function sweepCommand(input: string, flags: DiagnoseFlags & { eps: string }): Promise<void> {
  const eps = parseEps(flags.eps);
  await runFromFlags(
    input,
    { ...flags, quality: sweepQuality(eps) },
    (report) => renderSweep(report),
    (report, data) => (report.sweep = sweepRows(report, data, eps)),
  );
}

export const DIAGNOSE_DEFAULTS = {
  rules: DEFAULT_RULES,
  metrics: DEFAULT_METRIC,
  permutations: '10000',
  seed: '0',
  scheme: 'rows',
  alternative: 'greater',
  quality: 'native',
  backend: 'auto',
};
