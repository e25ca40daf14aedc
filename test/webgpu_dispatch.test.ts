// The webgpu backend's dispatch and chunking arithmetic, without a GPU.
import { describe, expect, it } from 'vitest';
import { planChunks, splitWorkgroups } from '../src/backends/webgpu/dispatch.js';
import { isSoftwareAdapter } from '../src/backends/webgpu/gpu_device.js';

describe('splitWorkgroups', () => {
  it('keeps small dispatches one-dimensional', () => {
    expect(splitWorkgroups(1)).toEqual({ x: 1, y: 1 });
    expect(splitWorkgroups(65_535)).toEqual({ x: 65_535, y: 1 });
  });
  it('splits past 65,535 workgroups and covers every one', () => {
    for (const total of [65_536, 100_000, 65_535 * 3 + 1, 10_000_000]) {
      const { x, y } = splitWorkgroups(total);
      expect(x).toBeLessThanOrEqual(65_535);
      expect(y).toBeLessThanOrEqual(65_535);
      expect(x * y).toBeGreaterThanOrEqual(total);
      expect(x * (y - 1)).toBeLessThan(total); // no empty row of workgroups
    }
  });
  it('refuses what no 2-D dispatch can hold', () => {
    expect(() => splitWorkgroups(65_535 * 65_535 + 1)).toThrow(RangeError);
  });
});

describe('planChunks', () => {
  const limits = { maxStorageBufferBindingSize: 128 * 2 ** 20, maxBufferSize: 256 * 2 ** 20, minStorageBufferOffsetAlignment: 256 };

  it('fits one permutation chunk of src rows and counts in a binding', () => {
    const plan = planChunks(1_000_000, 4, 10, 6, limits);
    expect(plan.permutations).toBe(Math.floor((128 * 2 ** 20) / 4e6)); // 33 rows of 10^6 u32
    expect(plan.permutations * 1_000_000 * 4).toBeLessThanOrEqual(limits.maxStorageBufferBindingSize);
  });

  it('splits the evidence into aligned example ranges that cover every example once', () => {
    const plan = planChunks(1_000_000, 4, 10, 6, limits);
    expect(plan.exampleRanges.length).toBe(2); // 160 MB of evidence in 128 MiB bindings
    let next = 0;
    for (const [i0, i1] of plan.exampleRanges) {
      expect(i0).toBe(next);
      expect((i0 * 4 * 10 * 4) % 256).toBe(0);
      expect((i1 - i0) * 160).toBeLessThanOrEqual(limits.maxStorageBufferBindingSize);
      next = i1;
    }
    expect(next).toBe(1_000_000);
  });

  it('aligns ranges whose row size does not divide the alignment', () => {
    const plan = planChunks(2_000, 3, 3, 1, { ...limits, maxStorageBufferBindingSize: 30_000 });
    expect(plan.exampleRanges.length).toBe(3);
    for (const [i0] of plan.exampleRanges) expect((i0 * 36) % 256).toBe(0);
    expect(plan.exampleRanges.at(-1)![1]).toBe(2_000);
  });

  it('says when the weight tables cannot fit', () => {
    expect(() => planChunks(1_000_000, 4, 10, 40, limits)).toThrow(/weight tables .* exceed/);
  });
});

describe('software adapters are recognised', () => {
  it.each([
    [{ vendor: 'mesa', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' }, true],
    [{ vendor: 'google', architecture: 'swiftshader' }, true],
    [{ vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA H200' }, false],
  ])('%j → %s', (info, software) => expect(isSoftwareAdapter(info, false)).toBe(software));
});
