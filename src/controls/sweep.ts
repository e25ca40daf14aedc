import type { Dataset } from '../data/dataset.js';
import { usage } from '../errors.js';
import type { Report, SweepRow } from '../report/report_types.js';
import { meanDecisions } from '../stats/headroom.js';
import { confusionOf, metricFromConfusion, type MetricName } from '../stats/metrics.js';

/**
 * Parses `--eps`: a list `0,0.05,0.1` or a range `start:stop:step` (inclusive), each in [0, 1].
 *
 * @example parseEps('0:0.5:0.25') // [0, 0.25, 0.5]
 */
export function parseEps(text: string): number[] {
  let values: number[];
  const range = /^([^:]+):([^:]+):([^:]+)$/.exec(text.trim());
  if (range) {
    const [start, stop, step] = range.slice(1).map(Number);
    if (![start, stop, step].every(Number.isFinite) || step <= 0 || stop < start) throw usage(`--eps: '${text}' is not start:stop:step with step > 0`);
    const count = Math.round((stop - start) / step) + 1;
    // rounding keeps 0.15 from printing as 0.15000000000000002
    values = Array.from({ length: count }, (_, i) => Number((start + i * step).toFixed(10)));
  } else {
    values = text.split(',').map((s) => Number(s.trim()));
  }
  for (const v of values) if (!(v >= 0 && v <= 1)) throw usage(`--eps: every value must be in [0, 1] (got '${text}')`);
  if (new Set(values).size !== values.length) throw usage(`--eps: a value is given twice in '${text}'`);
  return values;
}

/** The quality variants a sweep runs: flip:EPS for each eps, through the same rules and permutations. */
export function sweepQuality(eps: number[]): string {
  return eps.map((e) => `flip:${e}`).join(',');
}

/**
 * The dose-response rows (SPEC §7) from a report whose quality variants are flip:EPS: per eps the
 * realised AUROC (mean over modalities) and selection accuracy of the control signal, and per rule
 * and metric the Clean-Q metric, its gain over the quality-agnostic `mean` rule, the gap and p.
 */
export function sweepRows(report: Report, data: Dataset, eps: number[]): SweepRow[] {
  const meanClean = (() => {
    const k = confusionOf(data.labels, meanDecisions(data), data.c);
    return Object.fromEntries(report.config.metrics.map((mt) => [mt, metricFromConfusion(mt as MetricName, k, 0, data.c)]));
  })();
  const rows: SweepRow[] = [];
  for (const e of eps) {
    const quality = `flip:${e}`;
    const info = report.informativeness.find((x) => x.quality === quality)!;
    const defined = info.auroc.filter((a): a is number => a !== null);
    for (const r of report.results.filter((x) => x.quality === quality)) {
      rows.push({
        eps: e,
        quality,
        auroc_mean: defined.length ? defined.reduce((a, b) => a + b, 0) / defined.length : null,
        selection_accuracy: info.selection_accuracy,
        rule: r.rule,
        metric: r.metric,
        clean: r.clean,
        gain: r.clean - meanClean[r.metric],
        gap: r.gap,
        p_value: r.p_value,
        p_value_maxT: r.p_value_maxT,
      });
    }
  }
  return rows;
}
