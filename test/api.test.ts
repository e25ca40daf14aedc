import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datasetFromArrays, diagnose, simulate, sweep } from '../src/index.js';
import { smallDataset } from './helpers.js';

describe('programmatic API', () => {
  it('accepts typed arrays directly and gives the same report as the dataset itself', async () => {
    const data = simulate({ preset: 'mosei', n: 300, alignment: 0.8, seed: 2 });
    const options = { rules: 'mean,weighted,select', permutations: 50, backend: 'js' as const, includeNull: true };
    const fromArrays = await diagnose({ evidence: data.evidence, quality: data.quality, labels: data.labels, groups: data.groups! }, options);
    const fromDataset = await diagnose(data, options);
    expect(fromArrays.results).toEqual(fromDataset.results);
  });

  it('accepts nested arrays and validates them like a file', () => {
    const d = datasetFromArrays(smallDataset() as never);
    expect([d.n, d.m, d.c]).toEqual([4, 2, 2]);
    expect(() => datasetFromArrays({ ...(smallDataset() as object), labels: [0, 1, 0, 5] } as never)).toThrow(/labels\[3\]: value 5/);
  });

  it('reports progress and can be cancelled with an AbortSignal', async () => {
    const data = simulate({ preset: 'stressid', alignment: 0.5, seed: 1 });
    const seen: number[] = [];
    await diagnose(data, { permutations: 40, backend: 'js', onProgress: (p) => seen.push(p.done) });
    expect(seen.at(-1)).toBe(40);
    const controller = new AbortController();
    controller.abort(new Error('stop requested'));
    await expect(diagnose(data, { permutations: 40, backend: 'js', signal: controller.signal })).rejects.toThrow(/stop requested/);
  });

  it('sweep adds the dose-response rows', async () => {
    const data = simulate({ preset: 'stressid', alignment: 0.5, seed: 1 });
    const report = await sweep(data, { eps: '0:0.5:0.25', rules: 'mean,select', permutations: 30, backend: 'js' });
    expect(report.sweep!.map((r) => r.eps)).toEqual([0, 0, 0.25, 0.25, 0.5, 0.5]);
  });

  it('the README example runs as written', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf-8');
    const block = /```js\n(\/\/ README API example[\s\S]*?)```/.exec(readme);
    expect(block, 'README has a ```js block starting with // README API example').not.toBeNull();
    // inside the package folder, so `import ... from 'permfuse'` resolves to this package (self-reference)
    const dir = new URL('../test-artifacts/', import.meta.url).pathname;
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}api_example.mjs`, block![1]);
    const out = execFileSync('node', [`${dir}api_example.mjs`], { encoding: 'utf-8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toMatch(/^weighted\s+gap [+-]\d\.\d{4}\s+family-wise p = /m);
  });
});
