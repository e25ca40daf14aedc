import * as vega from 'vega';
import { compile } from 'vega-lite';
import { aurocChart, doseResponseChart, gapForest, headroomChart, nullHistograms, type VegaLiteSpec } from './charts.js';
import type { Report } from './report_types.js';
import { num, pval } from './format.js';

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Renders a Vega-Lite spec to an SVG string in Node (no browser, no network). */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const vgSpec = compile({ $schema: 'https://vega.github.io/schema/vega-lite/v6.json', ...spec } as never).spec;
  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

/** One plain-language line per (rule, quality) for the first metric. */
export function verdicts(report: Report): string[] {
  const metric = report.config.metrics[0];
  return report.results
    .filter((r) => r.metric === metric)
    .map((r) => {
      if (r.broken.sd === 0) return `${r.rule} (${r.quality}): decisions depend on quality: no — the rule ignores quality (its null is a single value).`;
      const yes = r.p_value_maxT < 0.05;
      return `${r.rule} (${r.quality}): decisions depend on quality: ${yes ? 'yes' : 'no'}, at family-wise p = ${pval(r.p_value_maxT)} (gap ${r.gap >= 0 ? '+' : ''}${r.gap.toFixed(4)} ${metric}, flip rate ${r.flip_rate.toFixed(3)}).`;
    });
}

/**
 * The self-contained HTML report: verdicts, charts as inline SVG (no scripts, no network), the
 * result table, unimodal/oracle metrics and the leakage audit.
 */
export async function renderHtml(report: Report): Promise<string> {
  const charts: { title: string; svg: string }[] = [];
  const add = async (title: string, spec: VegaLiteSpec | null) => spec && charts.push({ title, svg: await renderSvg(spec) });
  await add('Gaps across rules', gapForest(report));
  await add('Oracle headroom', headroomChart(report));
  await add('Quality informativeness', aurocChart(report));
  await add('Dose-response: gap', doseResponseChart(report, 'gap'));
  await add('Dose-response: gain', doseResponseChart(report, 'gain'));
  const histograms = await Promise.all(nullHistograms(report).map(async (h) => ({ title: h.title, svg: await renderSvg(h.spec) })));

  const { dataset, config } = report;
  const rows = report.results
    .map(
      (r) =>
        `<tr><td>${escape(r.rule)}</td><td>${escape(r.quality)}</td><td>${r.metric}</td><td>${num(r.clean)}</td><td>${num(r.broken.mean)} [${num(r.broken.q025)}, ${num(r.broken.q975)}]</td><td>${num(r.gap)}</td><td>${pval(r.p_value)}</td><td>${pval(r.p_value_maxT)}</td><td>${num(r.flip_rate, 3)}</td><td>${num(r.headroom)}</td></tr>`,
    )
    .join('\n');
  const leak = report.leakage;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>permfuse report</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 1180px; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 1.6em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; font-size: 13px; } td, th { padding: 3px 8px; border-bottom: 1px solid #eee; text-align: right; }
td:first-child, td:nth-child(2), td:nth-child(3), th { text-align: left; }
.verdicts li { margin: 2px 0; } .chart { margin: 1em 0; } .grid { display: flex; flex-wrap: wrap; gap: 12px; }
.meta { color: #555; }
</style></head><body>
<h1>permfuse: does the fusion use its quality scores?</h1>
<p class="meta">${dataset.n} examples · modalities ${dataset.modalities.map(escape).join(', ')} · ${dataset.classes.length} classes · ${dataset.blocks} permutation blocks ·
${config.permutations} permutations (seed ${config.seed}, scheme ${config.scheme}${config.block_by.length ? `, blocked by ${config.block_by.join('+')}` : ''}) · alternative ${config.alternative} · backend ${config.backend}${dataset.sha256 ? ` · sha256 ${dataset.sha256.slice(0, 12)}…` : ''}</p>
<h2>Verdicts</h2>
<ul class="verdicts">${verdicts(report).map((v) => `<li>${escape(v)}</li>`).join('\n')}</ul>
${charts.map((c) => `<h2>${escape(c.title)}</h2><div class="chart">${c.svg}</div>`).join('\n')}
${histograms.length ? `<h2>Broken-Q null distributions (${config.metrics[0]}), Clean-Q in red</h2><div class="grid">${histograms.map((h) => `<div class="chart">${h.svg}</div>`).join('\n')}</div>` : ''}
<h2>Results</h2>
<table><thead><tr><th>rule</th><th>quality</th><th>metric</th><th>Clean-Q</th><th>Broken-Q mean [95%]</th><th>gap</th><th>p</th><th>p (max-T)</th><th>flip rate</th><th>headroom</th></tr></thead>
<tbody>${rows}</tbody></table>
<h2>Unimodal and oracle</h2>
<table><thead><tr><th>modality</th>${config.metrics.map((m) => `<th>${m}</th>`).join('')}</tr></thead><tbody>
${report.unimodal.map((u) => `<tr><td>${escape(u.modality)}</td>${config.metrics.map((m) => `<td>${num(u[m] as number | null)}</td>`).join('')}</tr>`).join('\n')}
<tr><td><b>oracle</b></td>${config.metrics.map((m) => `<td>${num(report.oracle[m])}</td>`).join('')}</tr></tbody></table>
<h2>Leakage audit</h2>
<ul>
<li>Permutations respected their blocks: ${leak.permutation_blocks.respected ? 'yes' : '<b>no</b>'} (${leak.permutation_blocks.checked_permutations} regenerated and checked).</li>
${leak.crossfit.map((c) => `<li>crossfit held out every ${c.by === 'group' ? 'group' : 'example'} across ${c.folds} folds: ${c.held_out ? 'yes' : '<b>no</b>'}.</li>`).join('\n')}
${leak.train_groups ? `<li>Test groups also in training (${escape(leak.train_groups.file)}): ${leak.train_groups.overlap.length ? escape(leak.train_groups.overlap.join(', ')) : 'none'}.</li>` : ''}
${report.informativeness.filter((i) => i.provenance === 'label-derived').map((i) => `<li>${escape(i.quality)} is a label-derived positive control, not a deployable signal.</li>`).join('\n')}
</ul>
<p class="meta">Generated by permfuse (schema ${report.schema}).</p>
</body></html>
`;
}
