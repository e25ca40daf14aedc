// The engine against an independent numpy implementation of the spec (test/reference/reference.py):
// numpy-written .npz files (stored and deflated, f4/f8, logits, string and int groups, partial
// availability), every rule kind, every metric, blocked permutations, both schemes, every
// alternative. Clean metrics and every null value must agree to 1e-9, p-values exactly.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsBackend } from '../src/backends/js/js_backend.js';
import type { Backend } from '../src/backends/backend.js';
import { WasmBackend } from '../src/backends/wasm/wasm_backend.js';
import { makeWebGpu, WEBGPU, WEBGPU_ADAPTER } from './webgpu_available.js';
import { parseQualityVariants } from '../src/controls/quality_variants.js';
import { loadDataset } from '../src/data/load.js';
import { runDiagnostic } from '../src/engine/run_diagnostic.js';
import { computeBlocks } from '../src/permutation/blocks.js';
import { largestBlock, permutationInto } from '../src/permutation/permute.js';
import { parseRules } from '../src/rules/parse.js';
import type { MetricName } from '../src/stats/metrics.js';
import { FIXTURES, expectClose, writeTemp } from './helpers.js';

const FIXTURE_NAMES = ['ref_binary', 'ref_grouped', 'ref_wide', 'ref_columns'];

const PARITY_BACKENDS: { name: string; make: () => Promise<Backend> }[] = [
  { name: 'js', make: async () => new JsBackend() },
  { name: 'wasm (1 worker)', make: () => WasmBackend.create({ workers: 1 }) },
  { name: 'wasm (3 workers)', make: () => WasmBackend.create({ workers: 3 }) },
  ...(WEBGPU.ok ? [{ name: `webgpu (${WEBGPU_ADAPTER})`, make: () => makeWebGpu() }] : []),
];

describe.each(PARITY_BACKENDS)('$name backend against the independent reference', ({ make }) => {
  it.each(FIXTURE_NAMES)('%s', async (name) => {
    const expected = JSON.parse(readFileSync(join(FIXTURES, `${name}.expected.json`), 'utf-8'));
    const cfg = expected.config;
    const data = loadDataset(join(FIXTURES, `${name}.npz`));
    const rules = parseRules(`@${writeTemp('rules.json', JSON.stringify(cfg.rules))}`);
    const backend = await make();
    const report = await runDiagnostic(
      data,
      {
        rules,
        metrics: cfg.metrics as MetricName[],
        quality: parseQualityVariants(cfg.quality.join(',')),
        permutations: cfg.permutations,
        seed: cfg.seed,
        scheme: cfg.scheme ?? 'rows',
        blockBy: cfg.block_by ?? [],
        alternative: cfg.alternative ?? 'greater',
        includeNull: true,
      },
      backend,
    );
    await backend.close();

    expect(report.dataset.blocks).toBe(expected.blocks);
    const blocks = computeBlocks(data, cfg.block_by ?? []);
    const src = new Int32Array(data.n);
    permutationInto(blocks, cfg.seed, 0, cfg.scheme === 'columns' ? 1 : 0, src, new Int32Array(largestBlock(blocks)));
    expect(Array.from(src)).toEqual(expected.first_src);

    expect(report.results.length).toBe(expected.results.length);
    report.results.forEach((r, idx) => {
      const e = expected.results[idx];
      const what = `${r.rule}/${r.quality}/${r.metric}`;
      expect([r.rule, r.quality, r.metric]).toEqual([e.rule, e.quality, e.metric]);
      expectClose(r.clean, e.clean, 1e-9, `${what} clean`);
      expect(r.null!.length).toBe(e.null.length);
      r.null!.forEach((v, k) => expectClose(v, e.null[k], 1e-9, `${what} null[${k}]`));
      for (const key of ['mean', 'sd', 'min', 'q025', 'median', 'q975', 'max'] as const) expectClose(r.broken[key], e.broken[key], 1e-9, `${what} ${key}`);
      expectClose(r.gap, e.gap, 1e-9, `${what} gap`);
      expect(r.p_value, `${what} p`).toBe(e.p_value);
      expect(r.p_value_maxT, `${what} maxT`).toBe(e.p_value_maxT);
      expectClose(r.flip_rate, e.flip_rate, 1e-12, `${what} flip_rate`);
      expectClose(r.headroom, e.headroom, 1e-9, `${what} headroom`);
    });
    report.unimodal.forEach((u, j) => {
      for (const metric of cfg.metrics) expectClose(u[metric] as number | null, expected.unimodal[j][metric], 1e-12, `unimodal ${j} ${metric}`);
    });
    for (const metric of cfg.metrics) expectClose(report.oracle[metric], expected.oracle[metric], 1e-12, `oracle ${metric}`);
    report.informativeness.forEach((info, v) => {
      const e = expected.informativeness[v];
      expect(info.quality).toBe(e.quality);
      info.auroc.forEach((a, j) => expectClose(a, e.auroc[j], 1e-12, `auroc ${info.quality} ${j}`));
      expectClose(info.selection_accuracy, e.selection_accuracy, 1e-12, 'selection accuracy');
      expectClose(info.chance, e.chance, 1e-12, 'chance');
    });
  });
});
