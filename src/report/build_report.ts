import type { QualityVariant } from '../controls/quality_variants.js';
import type { Dataset } from '../data/dataset.js';
import type { DiagnoseConfig, NullRun } from '../engine/diagnose.js';
import { informativeness } from '../stats/informativeness.js';
import { oracleMetrics, unimodalMetrics } from '../stats/headroom.js';
import { maxTPValues, mean, permutationPValue, summarize } from '../stats/null_summary.js';
import type { LeakageAudit } from '../controls/leakage_audit.js';
import type { Report, ResultEntry } from './report_types.js';

export interface ReportContext {
  data: Dataset;
  config: DiagnoseConfig;
  variants: QualityVariant[];
  right: Uint8Array;
  blocks: number;
  includeNull: boolean;
  leakage: LeakageAudit;
  totalSeconds: number;
}

/** Builds the SPEC §8 report from the permutation outcome. */
export function buildReport(run: NullRun, ctx: ReportContext): Report {
  const { data, config } = ctx;
  const oracle = oracleMetrics(data, config.metrics, ctx.right);
  const shard = config.shard;
  const results = summarizeResults(run, config, oracle, { includeNull: ctx.includeNull || !!shard, includeFlips: !!shard });
  const P = run.kEnd - run.kStart;
  const pairs = P * data.n * run.tables.length;
  return {
    schema: 'permfuse.report/1',
    dataset: { n: data.n, modalities: data.modalities, classes: data.classes, blocks: ctx.blocks, sha256: data.sha256 ?? null },
    config: {
      permutations: config.permutations,
      seed: config.seed,
      scheme: config.scheme,
      block_by: [...config.blockBy],
      alternative: config.alternative,
      backend: run.backend.name,
      workers: run.backend.workers,
      ...(run.backend.note ? { backend_note: run.backend.note } : {}),
      rules: config.rules.map((r) => r.name),
      metrics: [...config.metrics],
      quality: ctx.variants.map((v) => v.name),
    },
    results,
    unimodal: unimodalMetrics(data, config.metrics).map((values, j) => ({ modality: data.modalities[j], ...finiteOrNull(values) })),
    oracle: finiteOrNull(oracle),
    informativeness: ctx.variants.map((v) => {
      const info = informativeness(data, v.q, ctx.right);
      return {
        quality: v.name,
        provenance: v.provenance,
        auroc: info.auroc.map(nullIfNaN),
        selection_accuracy: nullIfNaN(info.selectionAccuracy),
        chance: nullIfNaN(info.chance),
      };
    }),
    ranking: rankRules(results),
    leakage: ctx.leakage,
    timing: { seconds: run.seconds, total_seconds: ctx.totalSeconds, pairs, pairs_per_second: run.seconds > 0 ? pairs / run.seconds : 0 },
    ...(shard ? { shard: { index: shard.index + 1, count: shard.count, k_start: run.kStart, k_end: run.kEnd, include_null: ctx.includeNull } } : {}),
  };
}

/**
 * Per (rule, variant, metric), in that order: summary, gap, p-value, and max-T adjusted p over the
 * family of results with the same variant and metric whose null sd > 0 (SPEC §5). Shard merging
 * calls this again on the concatenated nulls, so a merged report is computed exactly as an
 * unsharded one.
 */
export function summarizeResults(
  run: NullRun,
  config: Pick<DiagnoseConfig, 'metrics' | 'alternative'>,
  oracle: Record<string, number>,
  include: { includeNull: boolean; includeFlips?: boolean },
): ResultEntry[] {
  const entries: (ResultEntry & { _t: number })[] = [];
  run.tables.forEach((table, t) => {
    for (const metric of config.metrics) {
      const values = run.nulls[t][metric];
      const clean = run.clean[t][metric];
      const broken = summarize(values);
      entries.push({
        _t: t,
        rule: table.rule,
        quality: table.quality,
        metric,
        clean,
        broken,
        gap: clean - broken.mean,
        p_value: permutationPValue(clean, values, config.alternative, broken.mean),
        p_value_maxT: 1,
        flip_rate: mean(run.flips[t]),
        headroom: oracle[metric] - clean,
        ...(include.includeNull ? { null: Array.from(values) } : {}),
        ...(include.includeFlips ? { flips: Array.from(run.flips[t]) } : {}),
      });
    }
  });
  const families = new Map<string, typeof entries>();
  for (const e of entries) {
    if (!(e.broken.sd > 0)) continue;
    const key = `${e.quality}\u0000${e.metric}`;
    families.set(key, [...(families.get(key) ?? []), e]);
  }
  for (const family of families.values()) {
    const adjusted = maxTPValues(
      family.map((e) => ({ clean: e.clean, nullValues: run.nulls[e._t][e.metric], mean: e.broken.mean, sd: e.broken.sd })),
      config.alternative,
    );
    family.forEach((e, f) => (e.p_value_maxT = Math.max(adjusted[f], e.p_value)));
  }
  return entries.map(({ _t, ...e }) => e);
}

/**
 * Every rule ranked by its Clean-Q metric, per quality variant and metric, with the gap and its
 * p-values beside it: one run compares a family of rules on the same permutations.
 */
export function rankRules(results: ResultEntry[]): Report['ranking'] {
  const keys = [...new Set(results.map((r) => `${r.quality}\u0000${r.metric}`))];
  return keys.map((key) => {
    const [quality, metric] = key.split('\u0000');
    const rows = results.filter((r) => r.quality === quality && r.metric === metric);
    return {
      quality,
      metric,
      rules: [...rows]
        .sort((a, b) => b.clean - a.clean)
        .map((r) => ({ rule: r.rule, clean: r.clean, gap: r.gap, p_value: r.p_value, p_value_maxT: r.p_value_maxT })),
    };
  });
}

function nullIfNaN(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

function finiteOrNull(values: Record<string, number>): Record<string, number | null> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, nullIfNaN(v)]));
}

/** The report as JSON; JSON.stringify writes non-finite numbers as null, as SPEC §8 asks. */
export function reportToJson(report: Report): string {
  return JSON.stringify(report, null, 2);
}
