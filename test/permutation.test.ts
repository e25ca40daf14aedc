import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../src/data/dataset.js';
import { computeBlocks, compareCodePoints } from '../src/permutation/blocks.js';
import { hash32, mix, mulHigh, stream } from '../src/permutation/hash.js';
import { largestBlock, permutationInto } from '../src/permutation/permute.js';
import { shuffle } from '../src/permutation/shuffle.js';

// The shared conformance vectors of SPEC §3 (a copy of shared/ sits beside the repository).
const vectors = JSON.parse(readFileSync(new URL('../../shared/spec-vectors.json', import.meta.url), 'utf-8'));

describe('SPEC §3 conformance vectors (shared/spec-vectors.json)', () => {
  it.each(vectors.hash32 as [number, number][])('hash32(%d) = %d', (x, h) => expect(hash32(x)).toBe(h));
  it.each(vectors.mix as [number, number, number][])('mix(%d, %d) = %d', (a, b, v) => expect(mix(a, b)).toBe(v));
  it.each(vectors.stream as { seed: number; k: number; block: number; lane: number; value: number }[])('stream $seed/$k/$block/$lane', (v) =>
    expect(stream(v.seed, v.k, v.block, v.lane)).toBe(v.value),
  );
  it.each(vectors.shuffle as any[])('shuffle n=$n seed=$seed k=$k', (v) => {
    const s = stream(v.seed, v.k, v.block, v.lane);
    expect(s).toBe(v.stream);
    const perm = shuffle(v.n, s);
    if (v.perm) expect(Array.from(perm)).toEqual(v.perm);
    expect(Array.from(perm.subarray(0, 10))).toEqual(v.perm_first_10);
    expect(perm.reduce((acc, p, i) => acc + i * p, 0)).toBe(v.perm_sum_of_i_times_perm);
  });
});

describe('independently computed values', () => {
  // From a few-line Python transcription of SPEC §3 with arbitrary-precision ints
  // (test/reference/reference.py: hash32, mix, stream, shuffle).
  it('pins hash32, mix, stream and a shuffle', () => {
    expect(hash32(0xdeadbeef)).toBe(3861431939);
    expect(mix(3, 5)).toBe(1476251302);
    expect(stream(123, 4, 5, 6)).toBe(2745383119);
    expect(stream(2 ** 40 + 17, 3, 0, 2)).toBe(2917174826);
    expect(stream(1, 2, 3, 0)).toBe(2341590728);
    expect(Array.from(shuffle(7, 2341590728))).toEqual([5, 0, 2, 6, 3, 1, 4]);
  });

  it('mulHigh is the exact high word of a 32×32-bit product', () => {
    const cases: [number, number][] = [
      [0xffffffff, 0xffffffff],
      [0xffffffff, 2 ** 32],
      [0x80000000, 3],
      [123456789, 987654321],
      [1, 1],
    ];
    for (const [r, m] of cases) expect(mulHigh(r, m)).toBe(Number((BigInt(r) * BigInt(m)) >> 32n));
  });
});

function toyDataset(n: number, m: number, avail: (i: number, j: number) => number, group: (i: number) => string, label: (i: number) => number): Dataset {
  const available = new Uint8Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) available[i * m + j] = avail(i, j);
  return {
    n,
    m,
    c: 3,
    evidence: new Float32Array(n * m * 3),
    quality: new Float32Array(n * m),
    labels: Int32Array.from({ length: n }, (_, i) => label(i)),
    available,
    groups: Array.from({ length: n }, (_, i) => group(i)),
    modalities: Array.from({ length: m }, (_, j) => `m${j}`),
    classes: ['0', '1', '2'],
  };
}

describe('blocks', () => {
  it('orders blocks by pattern, then group by code points ("10" < "9"), then label', () => {
    const data = toyDataset(6, 2, (i, j) => (i === 5 && j === 1 ? 0 : 1), (i) => ['9', '10', '9', '10', '9', '10'][i], (i) => i % 2);
    const blocks = computeBlocks(data, ['label', 'group']);
    // patterns: "10" (example 5) sorts before "11"; then group "10" before "9"; then label.
    const members = Array.from({ length: blocks.count }, (_, b) => Array.from(blocks.order.subarray(blocks.offsets[b], blocks.offsets[b + 1])));
    expect(members).toEqual([[5], [1, 3], [0, 2, 4]]);
  });

  it('compares by code points, not UTF-16 code units', () => {
    // U+FF5E (one unit, 0xFF5E) < U+1F600 (surrogates 0xD83D…) by code point, the reverse by code unit.
    expect(compareCodePoints('\uff5e', '\u{1f600}')).toBeLessThan(0);
    expect('\uff5e' < '\u{1f600}').toBe(false);
  });
});

describe('permutation properties', () => {
  const n = 40;
  const data = toyDataset(n, 2, (i, j) => (j === 1 && i % 5 === 0 ? 0 : 1), (i) => `g${i % 4}`, (i) => i % 3);
  const blocks = computeBlocks(data, ['group']);
  const scratch = new Int32Array(largestBlock(blocks));

  it('every output is a permutation that never crosses a block', () => {
    const src = new Int32Array(n);
    for (let k = 0; k < 200; k++) {
      permutationInto(blocks, 11, k, 0, src, scratch);
      expect(new Set(src).size).toBe(n);
      for (let i = 0; i < n; i++) expect(blocks.blockOf[src[i]]).toBe(blocks.blockOf[i]);
    }
  });

  it('positions are uniform within a block (chi-square over many k)', () => {
    const size = 12;
    const P = 12_000;
    const counts = new Float64Array(size * size);
    for (let k = 0; k < P; k++) {
      const perm = shuffle(size, stream(5, k, 0, 0));
      for (let t = 0; t < size; t++) counts[t * size + perm[t]]++;
    }
    // each (position, value) cell expects P/size; chi-square with (size−1)² dof
    const expected = P / size;
    let chi2 = 0;
    for (const c of counts) chi2 += (c - expected) ** 2 / expected;
    const dof = (size - 1) ** 2;
    // within ±4.5 sd of chi2((size−1)²): a biased draw (e.g. modulo) lands far outside.
    expect(chi2).toBeLessThan(dof + 4.5 * Math.sqrt(2 * dof));
    expect(chi2).toBeGreaterThan(dof - 4.5 * Math.sqrt(2 * dof));
  });

  it('depends on the seed, and the same seed gives the same permutation', () => {
    const a = new Int32Array(n);
    const b = new Int32Array(n);
    permutationInto(blocks, 3, 7, 0, a, scratch);
    permutationInto(blocks, 3, 7, 0, b, scratch);
    expect(Array.from(a)).toEqual(Array.from(b));
    permutationInto(blocks, 4, 7, 0, b, scratch);
    expect(Array.from(a)).not.toEqual(Array.from(b));
  });
});
