import type { Report } from './report_types.js';

/**
 * Vega-Lite specifications of the report's charts (rendered to SVG by html_report.ts). Each is
 * a function of the report alone, so the HTML can be rebuilt from a saved JSON report.
 */
export type VegaLiteSpec = Record<string, unknown>;

const WIDTH = 560;

/** One histogram per (rule, quality) of the Broken-Q null of the first metric, Clean-Q marked. */
export function nullHistograms(report: Report): { title: string; spec: VegaLiteSpec }[] {
  const metric = report.config.metrics[0];
  return report.results
    .filter((r) => r.metric === metric && r.null && r.broken.sd > 0)
    .map((r) => ({
      title: `${r.rule} · ${r.quality}`,
      spec: {
        width: 260,
        height: 140,
        title: { text: `${r.rule} · ${r.quality}`, fontSize: 12 },
        layer: [
          {
            data: { values: r.null!.map((v) => ({ v })) },
            mark: { type: 'bar', color: '#8da0cb' },
            encoding: {
              x: { field: 'v', bin: { maxbins: 30, extent: [Math.min(r.broken.min, r.clean), Math.max(r.broken.max, r.clean)] }, title: `Broken-Q ${metric}` },
              y: { aggregate: 'count', title: 'permutations' },
            },
          },
          {
            data: { values: [{ clean: r.clean, label: `Clean-Q ${r.clean.toFixed(3)}` }] },
            layer: [
              { mark: { type: 'rule', color: '#d62728', strokeWidth: 2 }, encoding: { x: { field: 'clean', type: 'quantitative' } } },
              { mark: { type: 'text', color: '#d62728', align: 'right', dx: -4, dy: -60, fontSize: 10 }, encoding: { x: { field: 'clean', type: 'quantitative' }, text: { field: 'label' } } },
            ],
          },
        ],
      },
    }));
}

/** Forest plot: the gap of each rule with its 95% permutation interval (clean − null quantiles). */
export function gapForest(report: Report): VegaLiteSpec {
  const metric = report.config.metrics[0];
  const rows = report.results
    .filter((r) => r.metric === metric)
    .map((r) => ({ rule: r.rule, quality: r.quality, gap: r.gap, lo: r.clean - r.broken.q975, hi: r.clean - r.broken.q025, p: r.p_value_maxT }));
  return {
    width: WIDTH,
    height: { step: 22 },
    title: `Gap (Clean-Q − mean Broken-Q, ${metric}) with 95% permutation interval`,
    layer: [
      {
        data: { values: rows },
        encoding: { y: { field: 'rule', type: 'nominal', sort: null, title: null }, yOffset: { field: 'quality' }, color: { field: 'quality', type: 'nominal' } },
        layer: [
          { mark: { type: 'rule', strokeWidth: 2 }, encoding: { x: { field: 'lo', type: 'quantitative', title: 'gap' }, x2: { field: 'hi' } } },
          { mark: { type: 'point', filled: true, size: 60 }, encoding: { x: { field: 'gap', type: 'quantitative' }, tooltip: [{ field: 'p', title: 'max-T p' }] } },
        ],
      },
      // the zero line: a gap of 0 means the decisions do not depend on quality
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#555', strokeDash: [4, 3] }, encoding: { x: { field: 'zero', type: 'quantitative' } } },
    ],
  };
}

/** Clean-Q of each rule beside the oracle: the headroom a perfect quality signal could close. */
export function headroomChart(report: Report): VegaLiteSpec {
  const metric = report.config.metrics[0];
  const oracle = report.oracle[metric];
  const rows = report.results.filter((r) => r.metric === metric).map((r) => ({ rule: r.rule, quality: r.quality, clean: r.clean }));
  return {
    width: WIDTH,
    height: { step: 22 },
    title: `Clean-Q ${metric} per rule; dashed line: oracle (${oracle === null ? 'n/a' : oracle.toFixed(3)})`,
    layer: [
      {
        data: { values: rows },
        mark: 'bar',
        encoding: {
          y: { field: 'rule', type: 'nominal', sort: null, title: null },
          yOffset: { field: 'quality' },
          x: { field: 'clean', type: 'quantitative', title: metric, scale: { domain: [0, 1] } },
          color: { field: 'quality', type: 'nominal' },
        },
      },
      { data: { values: [{ oracle }] }, mark: { type: 'rule', color: '#d62728', strokeDash: [6, 3], strokeWidth: 2 }, encoding: { x: { field: 'oracle', type: 'quantitative' } } },
    ],
  };
}

/** Per-modality AUROC of each quality signal for "this modality is right"; 0.5 is chance. */
export function aurocChart(report: Report): VegaLiteSpec {
  const rows = report.informativeness.flatMap((info) =>
    info.auroc.map((a, j) => ({ quality: info.quality, modality: report.dataset.modalities[j], auroc: a })).filter((r) => r.auroc !== null),
  );
  return {
    width: WIDTH,
    height: 160,
    title: 'Quality informativeness: AUROC for "this modality is right" (dashed: chance)',
    layer: [
      {
        data: { values: rows },
        mark: 'bar',
        encoding: {
          x: { field: 'modality', type: 'nominal', title: null, sort: null },
          xOffset: { field: 'quality' },
          y: { field: 'auroc', type: 'quantitative', scale: { domain: [0, 1] }, title: 'AUROC' },
          color: { field: 'quality', type: 'nominal' },
        },
      },
      { data: { values: [{ chance: 0.5 }] }, mark: { type: 'rule', strokeDash: [4, 3], color: '#555' }, encoding: { y: { field: 'chance', type: 'quantitative' } } },
    ],
  };
}

/** The sweep's dose-response: gap and gain against the realised AUROC of the flipped signal. */
export function doseResponseChart(report: Report, measure: 'gap' | 'gain'): VegaLiteSpec | null {
  if (!report.sweep?.length) return null;
  const metric = report.config.metrics[0];
  const rows = report.sweep.filter((r) => r.metric === metric && r.auroc_mean !== null);
  return {
    width: WIDTH,
    height: 220,
    title: `Dose-response: ${measure === 'gap' ? 'gap (Clean-Q − Broken-Q)' : 'gain over the mean rule'} vs realised AUROC (${metric})`,
    data: { values: rows },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'auroc_mean', type: 'quantitative', title: 'realised AUROC of the control signal', scale: { zero: false } },
      y: { field: measure, type: 'quantitative', title: measure },
      color: { field: 'rule', type: 'nominal' },
      tooltip: [{ field: 'eps' }, { field: measure }, { field: 'p_value_maxT', title: 'max-T p' }],
    },
  };
}
