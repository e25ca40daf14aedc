import type { Report } from './report_types.js';
import { num, pval } from './format.js';

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** `--md FILE`: a Markdown summary table for a paper's appendix or a README. */
export function renderMarkdown(report: Report): string {
  const { dataset, config } = report;
  const lines = [
    `**permfuse diagnostic** — ${dataset.n} examples, modalities ${dataset.modalities.join(', ')}, ${dataset.classes.length} classes; ` +
      `${config.permutations} permutations (seed ${config.seed}, ${config.scheme}${config.block_by.length ? `, blocked by ${config.block_by.join('+')}` : ''}), alternative ${config.alternative}.`,
    '',
    '| rule | quality | metric | Clean-Q | Broken-Q mean [95%] | gap | p | p (max-T) | flip rate | headroom |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...report.results.map(
      (r) =>
        `| ${cell(r.rule)} | ${cell(r.quality)} | ${r.metric} | ${num(r.clean)} | ${num(r.broken.mean)} [${num(r.broken.q025)}, ${num(r.broken.q975)}] | ${num(r.gap)} | ${pval(r.p_value)} | ${pval(r.p_value_maxT)} | ${num(r.flip_rate, 3)} | ${num(r.headroom)} |`,
    ),
    '',
    `Unimodal ${config.metrics[0]}: ${report.unimodal.map((u) => `${u.modality} ${num(u[config.metrics[0]] as number | null)}`).join(', ')}; oracle ${num(report.oracle[config.metrics[0]])}.`,
    '',
    'gap = Clean-Q − mean Broken-Q (quality permuted across examples); p (max-T) is family-wise over rules (Westfall–Young).',
  ];
  if (report.sweep?.length) {
    lines.push('', '| eps | AUROC | rule | metric | Clean-Q | gain vs mean | gap | p (max-T) |', '|---:|---:|---|---|---:|---:|---:|---:|');
    for (const r of report.sweep) lines.push(`| ${r.eps} | ${num(r.auroc_mean, 3)} | ${cell(r.rule)} | ${r.metric} | ${num(r.clean)} | ${num(r.gain)} | ${num(r.gap)} | ${pval(r.p_value_maxT)} |`);
  }
  return `${lines.join('\n')}\n`;
}
