// Every backend against the js oracle on random data of many shapes: identical permutations give
// identical confusion counts (integers, compared exactly), whatever the worker count or the way
// the permutation range is split.
import { afterAll, describe, expect, it } from 'vitest';
import type { Backend } from '../src/backends/backend.js';
import { JsBackend } from '../src/backends/js/js_backend.js';
import { WasmBackend } from '../src/backends/wasm/wasm_backend.js';
import { makeWebGpu, WEBGPU, WEBGPU_ADAPTER } from './webgpu_available.js';
import { parseQualityVariants } from '../src/controls/quality_variants.js';
import { prepareRun, type DiagnoseConfig } from '../src/engine/diagnose.js';
import { permutationInto } from '../src/permutation/permute.js';
import { parseRules } from '../src/rules/parse.js';
import { randomDataset } from './helpers.js';

const SHAPES = [
  { n: 37, m: 1, c: 2 },
  { n: 64, m: 2, c: 3 },
  { n: 101, m: 3, c: 10 },
  { n: 90, m: 5, c: 4 },
  { n: 250, m: 4, c: 7 },
];

const config = (seed: number, blockBy: DiagnoseConfig['blockBy']): DiagnoseConfig => ({
  rules: parseRules('mean,weighted:temperature=0.5,loglinear,select,topk:k=2,gate:threshold=0'),
  metrics: ['accuracy'],
  quality: parseQualityVariants('native,oracle,flip:0.3'),
  permutations: 23,
  seed,
  scheme: 'rows',
  blockBy,
  alternative: 'greater',
});

const candidates: { name: string; make: () => Promise<Backend> }[] = [
  { name: 'wasm, 1 worker', make: () => WasmBackend.create({ workers: 1 }) },
  { name: 'wasm, 2 workers', make: () => WasmBackend.create({ workers: 2 }) },
  { name: 'wasm, 5 workers', make: () => WasmBackend.create({ workers: 5 }) },
  ...(WEBGPU.ok
    ? [
        { name: `webgpu on ${WEBGPU_ADAPTER}`, make: () => makeWebGpu() },
        // a tiny binding limit forces several permutation chunks and example ranges per run
        { name: `webgpu on ${WEBGPU_ADAPTER}, chunked`, make: () => makeWebGpu({ bindingLimit: 4096 }) },
      ]
    : []),
];

describe.each(candidates)('$name matches js exactly', ({ make }) => {
  let backend: Backend;
  const js = new JsBackend();
  afterAll(() => backend?.close());

  it.each(SHAPES)('N=$n M=$m C=$c', async ({ n, m, c }) => {
    backend ??= await make();
    for (const [seed, blockBy] of [
      [n, []],
      [2 ** 40 + n, ['group', 'label']],
    ] as const) {
      const { task } = prepareRun(randomDataset(seed, n, m, c), config(seed, [...blockBy]));
      const expected = await js.run(task, 0, 23);
      expect(await backend.run(task, 0, 23)).toEqual(expected);
      // split at an odd boundary: the same counts for the same permutations
      const a = await backend.run(task, 0, 7);
      const b = await backend.run(task, 7, 23);
      expect(Float64Array.from([...a, ...b])).toEqual(expected);
      // a range that does not start at 0
      expect(await backend.run(task, 7, 23)).toEqual(await js.run(task, 7, 23));
    }
  });
});

describe.skipIf(!WEBGPU.ok)(`webgpu on ${WEBGPU_ADAPTER}`, () => {
  it('writes exactly the SPEC §3 permutations', async () => {
    const backend = await makeWebGpu();
    for (const [n, m, c] of [[101, 3, 10], [250, 4, 7]]) {
      const { task } = prepareRun(randomDataset(n, n, m, c), config(2 ** 40 + n, ['group', 'label']));
      const rows = await backend.readPermutations(task, 5, 9);
      const src = new Int32Array(n);
      const scratch = new Int32Array(n);
      for (let k = 0; k < 9; k++) {
        permutationInto(task.blocks, task.seed, 5 + k, 0, src, scratch);
        expect(Array.from(rows.subarray(k * n, (k + 1) * n))).toEqual(Array.from(src));
      }
    }
    await backend.close();
  });

  it('a lost device hands the run to the fall-back, and says so', async () => {
    const backend = await makeWebGpu({ fallback: () => WasmBackend.create({ workers: 1 }) });
    const { task } = prepareRun(randomDataset(3, 64, 2, 3), config(3, []));
    (backend as unknown as { lost: string }).lost = 'simulated loss';
    expect(await backend.run(task, 0, 23)).toEqual(await new JsBackend().run(task, 0, 23));
    expect(backend.note).toMatch(/webgpu device lost \(simulated loss\); continued on wasm/);
    await backend.close();
  });
});

describe('wasm worker failures', () => {
  it('a worker that throws reaches the caller as a clear error, and the pool still works after', async () => {
    const backend = await WasmBackend.create({ workers: 2 });
    const { task } = prepareRun(randomDataset(1, 50, 2, 2), config(1, []));
    // a header pointer past the end of memory makes the kernel trap inside the worker
    const broken = backend as unknown as { current: { image: { header: number } } };
    await backend.run(task, 0, 2);
    broken.current.image.header = 2 ** 31;
    await expect(backend.run(task, 0, 4)).rejects.toThrow(/a wasm worker failed: .*out of bounds/);
    await backend.close();
  });

  it('a worker that dies rejects the run instead of hanging', async () => {
    const workerFile = new URL('./fixtures/dying_worker.mjs', import.meta.url).pathname;
    const backend = await WasmBackend.create({ workers: 2, workerFile });
    const { task } = prepareRun(randomDataset(2, 50, 2, 2), config(2, []));
    await expect(backend.run(task, 0, 4)).rejects.toThrow(/a wasm worker failed/);
    await backend.close();
  });
});
