// Every bad input of SPEC §1 (and bad usage of §2, §4, §11): exit status 2, one line on stderr
// naming the array, the first offending index and the rule; nothing written.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli, smallDataset, tempDir, writeTemp } from './helpers.js';

type Edit = (d: any) => void;

const cases: [string, Edit, RegExp][] = [
  ['quality shape mismatch', (d) => (d.quality = d.quality.slice(0, 3)), /quality: shape \(3, 2\) does not match \(4, 2\)/],
  ['labels shape mismatch', (d) => (d.labels = [0, 1]), /labels: shape \(2\) does not match \(4\)/],
  ['N < 2', (d) => {
    d.evidence = d.evidence.slice(0, 1); d.quality = d.quality.slice(0, 1); d.labels = [0];
  }, /N = 1; need at least 2/],
  ['M < 1', (d) => {
    d.evidence = d.evidence.map(() => []); d.quality = d.quality.map(() => []);
  }, /shape N×M×C|M = 0/],
  ['C < 2', (d) => (d.evidence = d.evidence.map((r: number[][]) => r.map(() => [1]))), /C = 1; need at least 2 classes/],
  ['non-finite evidence', (d) => (d.evidence[2][1] = [null, 0.5]), /evidence\[2,1,0\]: value NaN; probabilities must be finite and non-negative/],
  ['negative evidence', (d) => (d.evidence[1][0] = [-0.2, 1.2]), /evidence\[1,0,0\]: value -0.2/],
  ['row not summing to 1', (d) => (d.evidence[3][1] = [0.5, 0.6]), /evidence\[3,1,:\]: row sums to 1\.10000, not 1 within 0\.001; pass 'logits' instead, or use --renormalize/],
  ['non-finite quality', (d) => (d.quality[1][1] = null), /quality\[1,1\]: value NaN at an available entry; must be finite/],
  ['non-integer label', (d) => (d.labels[2] = 0.5), /labels\[2\]: value 0\.5; must be an integer class index in \[0, 2\)/],
  ['label out of range', (d) => (d.labels[3] = 2), /labels\[3\]: value 2; must be an integer class index/],
  ['negative label', (d) => (d.labels[0] = -1), /labels\[0\]: value -1/],
  ['example with no modality', (d) => (d.available = [[1, 1], [0, 0], [1, 0], [1, 1]]), /available\[1\]: example 1 has no available modality/],
  ['availability not 0/1', (d) => (d.available = [[1, 1], [1, 2], [1, 0], [1, 1]]), /available\[1,1\]: value 2; must be 0 or 1/],
  ['evidence and logits', (d) => (d.logits = d.evidence), /give one of them, not both/],
  ['no evidence', (d) => delete d.evidence, /missing array 'evidence' \(or 'logits'\)/],
  ['no labels', (d) => delete d.labels, /missing array 'labels'/],
  ['unknown array', (d) => (d.qualty = d.quality), /qualty: unknown array/],
  ['non-finite logits', (d) => {
    d.logits = d.evidence; delete d.evidence; d.logits[0][0] = [null, 1];
  }, /logits\[0,0,0\]: value NaN; logits must be finite/],
  ['ragged array', (d) => (d.evidence[1] = [[0.5, 0.5]]), /evidence\[1\]: ragged array/],
];

describe('bad data: exit 2 with one line naming array, index and rule', () => {
  it.each(cases)('%s', async (_name, edit, message) => {
    const d = smallDataset();
    edit(d);
    const dir = tempDir();
    const input = join(dir, 'bad.json');
    writeFileSync(input, JSON.stringify(d));
    const report = join(dir, 'report.json');
    const r = await runCli(['diagnose', input, '--permutations', '10', '--json', report]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(report)).toBe(false); // nothing written
  });
});

const goodInput = () => writeTemp('ok.json', JSON.stringify(smallDataset()));

const usageCases: [string, string[], RegExp][] = [
  ['unknown rule kind', ['--rules', 'mean,median'], /unknown rule kind 'median'/],
  ['missing required parameter', ['--rules', 'topk'], /topk needs parameter 'k'/],
  ['non-numeric parameter', ['--rules', 'topk:k=two'], /'k=two' is not a number/],
  ['out-of-range parameter', ['--rules', 'weighted:temperature=-1'], /temperature=-1 must be a finite number > 0/],
  ['non-integer k', ['--rules', 'topk:k=1.5'], /k=1.5 must be an integer ≥ 1/],
  ['unknown parameter', ['--rules', 'gate:threshold=0:tau=1'], /unknown parameter 'tau' for gate/],
  ['malformed parameter', ['--rules', 'gate:threshold'], /parameter 'threshold' is not param=value/],
  ['duplicate rule names', ['--rules', 'mean,mean'], /duplicate rule name 'mean'/],
  ['linear_gate on the command line', ['--rules', 'linear_gate'], /needs parameter 'W' \(give it in a JSON rule file\)/],
  ['unknown metric', ['--metrics', 'f1'], /unknown metric 'f1'/],
  ['bad permutations', ['--permutations', '0'], /--permutations: '0' is not an integer/],
  ['bad seed', ['--seed', '-3'], /--seed: '-3' is not an integer/],
  ['bad scheme', ['--scheme', 'cells'], /--scheme: 'cells' is not one of rows, columns/],
  ['bad alternative', ['--alternative', 'bigger'], /--alternative: 'bigger' is not one of/],
  ['block by group without groups', ['--block-by', 'group'], /the dataset has no 'groups' array/],
  ['unknown option', ['--permutation', '5'], /unknown option '--permutation'/],
];

describe('bad usage: exit 2, one line', () => {
  it.each(usageCases)('%s', async (_name, args, message) => {
    const r = await runCli(['diagnose', goodInput(), '--permutations', '5', '--quiet', ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('binary_f1 with C = 3 is a usage error', async () => {
    const d = smallDataset() as any;
    d.evidence = d.evidence.map((r: number[][]) => r.map(([a, b]) => [a / 2, a / 2, b]));
    const r = await runCli(['diagnose', writeTemp('c3.json', JSON.stringify(d)), '--metrics', 'binary_f1', '--quiet']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/binary_f1 needs 2 classes, the data has 3/);
  });
});

describe('bad files: exit 2, one line', () => {
  it('missing file', async () => {
    const r = await runCli(['diagnose', '/nonexistent/data.npz']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\/nonexistent\/data\.npz: no such file/);
  });
  it('truncated .npz', async () => {
    const bytes = readFileSync(join(FIXTURES, 'ref_grouped.npz'));
    const r = await runCli(['diagnose', writeTemp('cut.npz', bytes.subarray(0, bytes.length - 200))]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cut\.npz: not a readable \.npz/);
  });
  it('truncated .npy inside a valid zip', async () => {
    const { zipSync } = await import('fflate');
    const { encodeNpy } = await import('../src/data/npy.js');
    const npy = encodeNpy(new Float32Array(8), [4, 2]);
    const bytes = zipSync({ 'quality.npy': npy.subarray(0, npy.length - 4) });
    const r = await runCli(['diagnose', writeTemp('short.npz', bytes)]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/short\.npz:quality: truncated \.npy data/);
  });
  it('a file not of its declared format', async () => {
    const r = await runCli(['diagnose', writeTemp('text.npz', 'hello')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not a readable \.npz/);
    const j = await runCli(['diagnose', writeTemp('bad.json', '{"evidence": [')]);
    expect(j.status).toBe(2);
    expect(j.stderr).toMatch(/bad\.json: not valid JSON/);
  });
  it('an unknown extension', async () => {
    const r = await runCli(['diagnose', writeTemp('data.parquet', 'x')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown input format '\.parquet'/);
  });
});

describe('lenient where the spec allows', () => {
  it('ignores NaN evidence and quality where a modality is unavailable', async () => {
    const d = smallDataset() as any;
    d.available = [[1, 0], [1, 1], [0, 1], [1, 1]];
    d.evidence[0][1] = [null, null];
    d.quality[2][0] = null;
    const r = await runCli(['diagnose', writeTemp('nan.json', JSON.stringify(d)), '--permutations', '20', '--json', '-']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.results.every((x: any) => Number.isFinite(x.clean))).toBe(true);
  });
  it('--renormalize divides rows by their sum', async () => {
    const d = smallDataset() as any;
    d.evidence[3][1] = [0.5, 0.6];
    const r = await runCli(['diagnose', writeTemp('renorm.json', JSON.stringify(d)), '--renormalize', '--permutations', '5', '--quiet']);
    expect(r.status).toBe(0);
  });
});
