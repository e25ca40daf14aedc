import Table from 'cli-table3';
import type { Report } from './report_types.js';
import { num, pval } from './format.js';


/**
 * The human summary: one row per (rule, quality, metric) with Clean-Q, the Broken-Q null, the gap,
 * p-values, flip rate and oracle headroom, and a verdict at family-wise α = 0.05.
 */
export function renderSummary(report: Report): string {
  const { dataset, config } = report;
  const lines: string[] = [];
  lines.push(
    `permfuse: ${dataset.n} examples, modalities ${dataset.modalities.join('/')}, ${dataset.classes.length} classes, ${dataset.blocks} permutation block(s)`,
  );
  lines.push(
    `${config.permutations} permutations (seed ${config.seed}, scheme ${config.scheme}${config.block_by.length ? `, blocked by ${config.block_by.join('+')}` : ''}), alternative ${config.alternative}, backend ${config.backend}`,
  );
  if (config.backend_note) lines.push(`backend note: ${config.backend_note}`);
  if (config.backend_skipped?.length) lines.push(`not used: ${config.backend_skipped.map((b) => `${b.backend} (${b.reason})`).join('; ')}`);
  const table = new Table({
    head: ['rule', 'quality', 'metric', 'Clean-Q', 'Broken-Q mean [95%]', 'gap', 'p', 'p maxT', 'flips', 'headroom', 'uses quality?'],
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const r of report.results) {
    const verdict = r.broken.sd === 0 ? 'no (ignores q)' : r.p_value_maxT < 0.05 ? 'yes' : 'no';
    table.push([
      r.rule,
      r.quality,
      r.metric,
      num(r.clean),
      `${num(r.broken.mean)} [${num(r.broken.q025)}, ${num(r.broken.q975)}]`,
      num(r.gap, 4),
      pval(r.p_value),
      pval(r.p_value_maxT),
      num(r.flip_rate, 3),
      num(r.headroom),
      verdict,
    ]);
  }
  lines.push(table.toString());
  const metrics = config.metrics;
  const uni = report.unimodal.map((u) => `${u.modality} ${num(u[metrics[0]] as number | null)}`).join(', ');
  lines.push(`unimodal ${metrics[0]}: ${uni}; oracle ${num(report.oracle[metrics[0]])}`);
  for (const info of report.informativeness) {
    const au = info.auroc.map((v, j) => `${dataset.modalities[j]} ${num(v, 3)}`).join(', ');
    lines.push(
      `quality '${info.quality}'${info.provenance === 'given' ? '' : ` (${info.provenance}${info.provenance === 'label-derived' ? ' control' : ''})`}: AUROC ${au}; selection accuracy ${num(info.selection_accuracy, 3)} vs chance ${num(info.chance, 3)}`,
    );
  }
  if (report.config.rules.length > 2) {
    const first = report.ranking[0];
    lines.push(`ranking by Clean-Q (${first.quality}, ${first.metric}): ${first.rules.map((r, i) => `${i + 1}. ${r.rule} ${num(r.clean)}`).join('  ')}`);
  }
  const leak = report.leakage;
  const audit = [`permutations respected their blocks (${leak.permutation_blocks.checked_permutations} checked): ${leak.permutation_blocks.respected ? 'yes' : 'NO'}`];
  for (const cf of leak.crossfit) audit.push(`crossfit held out every ${cf.by === 'group' ? 'group' : 'example'} (${cf.folds} folds): ${cf.held_out ? 'yes' : 'NO'}`);
  if (leak.train_groups) audit.push(`test groups also in training: ${leak.train_groups.overlap.length ? leak.train_groups.overlap.join(', ') : 'none'}`);
  lines.push(`leakage audit: ${audit.join('; ')}`);
  lines.push(`gap = Clean-Q − mean Broken-Q; "uses quality?" = family-wise (max-T) p < 0.05. ${report.timing.pairs.toExponential(2)} pairs in ${report.timing.seconds.toFixed(2)} s.`);
  return lines.join('\n');
}

/** The dose-response table of `permfuse sweep`. */
export function renderSweep(report: Report): string {
  const rows = report.sweep ?? [];
  const table = new Table({
    head: ['eps', 'AUROC', 'sel. acc.', 'rule', 'metric', 'Clean-Q', 'gain vs mean', 'gap', 'p', 'p maxT'],
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const r of rows) {
    table.push([String(r.eps), num(r.auroc_mean, 3), num(r.selection_accuracy, 3), r.rule, r.metric, num(r.clean), num(r.gain), num(r.gap), pval(r.p_value), pval(r.p_value_maxT)]);
  }
  return [
    `positive-control dose-response: the oracle signal with a fraction eps of entries flipped, ${report.config.permutations} permutations`,
    table.toString(),
    'eps = 0 is perfect quality, eps = 0.5 carries no information: the gap should fall to about 0.',
  ].join('\n');
}
