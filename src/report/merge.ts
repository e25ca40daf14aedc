import type { NullRun } from '../engine/diagnose.js';
import { badInput } from '../errors.js';
import type { MetricName } from '../stats/metrics.js';
import type { Alternative } from '../stats/null_summary.js';
import { rankRules, summarizeResults } from './build_report.js';
import type { Report } from './report_types.js';

/**
 * Combines the partial reports of `diagnose --shard I/K` into the report the unsharded run would
 * have written: the nulls are concatenated in permutation order and every statistic (p-values,
 * max-T, quantiles, flip rate) is recomputed from them by the same code.
 */
export function mergeShardReports(parts: Report[], names: string[]): Report {
  if (parts.length === 0) throw badInput('merge: no partial reports given');
  parts.forEach((p, i) => {
    if (p.schema !== 'permfuse.report/1') throw badInput(`${names[i]}: not a permfuse report`);
    if (!p.shard) throw badInput(`${names[i]}: not a partial report (written without --shard)`);
  });
  const first = parts[0];
  const count = first.shard!.count;
  // shards may run on different backends and machines; everything else must match
  const identity = (p: Report) => {
    const { backend: _b, workers: _w, backend_note: _n, backend_skipped: _s, ...config } = p.config;
    return JSON.stringify([p.dataset, config, p.results.map((r) => [r.rule, r.quality, r.metric, r.clean])]);
  };
  const sameRun = (p: Report) => identity(p) === identity(first);
  parts.forEach((p, i) => {
    if (p.shard!.count !== count) throw badInput(`${names[i]}: shard of ${p.shard!.count}, but ${names[0]} is a shard of ${count}`);
    if (!sameRun(p)) throw badInput(`${names[i]}: a different dataset or configuration than ${names[0]}`);
  });
  const ordered = parts.map((p, i) => ({ p, name: names[i] })).sort((a, b) => a.p.shard!.index - b.p.shard!.index);
  ordered.forEach(({ p, name }, i) => {
    if (p.shard!.index !== i + 1) throw badInput(`merge: shard ${i + 1} of ${count} is ${p.shard!.index > i + 1 ? 'missing' : `given twice (${name})`}`);
  });
  if (ordered.length !== count) throw badInput(`merge: ${ordered.length} of ${count} shards given`);
  const P = first.config.permutations;
  if (ordered[0].p.shard!.k_start !== 0 || ordered.at(-1)!.p.shard!.k_end !== P) throw badInput('merge: the shards do not cover every permutation');

  const metrics = first.config.metrics as MetricName[];
  const tableKeys: { rule: string; quality: string }[] = [];
  for (const r of first.results) if (!tableKeys.some((t) => t.rule === r.rule && t.quality === r.quality)) tableKeys.push({ rule: r.rule, quality: r.quality });
  const resultOf = (p: Report, t: number, metric: string) => p.results.find((r) => r.rule === tableKeys[t].rule && r.quality === tableKeys[t].quality && r.metric === metric)!;
  const concat = (pick: (p: Report) => number[]) => Float64Array.from(ordered.flatMap(({ p }) => pick(p)));
  const run: NullRun = {
    kStart: 0,
    kEnd: P,
    tables: tableKeys,
    clean: tableKeys.map((_, t) => Object.fromEntries(metrics.map((m) => [m, resultOf(first, t, m).clean]))),
    nulls: tableKeys.map((_, t) => Object.fromEntries(metrics.map((m) => [m, concat((p) => resultOf(p, t, m).null!)]))),
    flips: tableKeys.map((_, t) => concat((p) => resultOf(p, t, metrics[0]).flips!)),
    seconds: parts.reduce((s, p) => s + p.timing.seconds, 0),
    backend: { name: [...new Set(parts.map((p) => p.config.backend))].join('+'), workers: Math.max(...parts.map((p) => p.config.workers)) },
  };
  const oracle = Object.fromEntries(Object.entries(first.oracle).map(([k, v]) => [k, v ?? NaN]));
  const results = summarizeResults(run, { metrics, alternative: first.config.alternative as Alternative }, oracle, { includeNull: first.shard!.include_null });
  const pairs = parts.reduce((s, p) => s + p.timing.pairs, 0);
  const { shard: _shard, ...rest } = first;
  return {
    ...rest,
    config: { ...first.config, backend: run.backend.name, workers: run.backend.workers },
    results,
    ranking: rankRules(results),
    leakage: {
      ...first.leakage,
      permutation_blocks: {
        checked_permutations: parts.reduce((s, p) => s + p.leakage.permutation_blocks.checked_permutations, 0),
        respected: parts.every((p) => p.leakage.permutation_blocks.respected),
      },
    },
    timing: {
      seconds: run.seconds,
      total_seconds: parts.reduce((s, p) => s + p.timing.total_seconds, 0),
      pairs,
      pairs_per_second: run.seconds > 0 ? pairs / run.seconds : 0,
    },
  };
}
