/**
 * Pure dispatch and chunking arithmetic of the webgpu backend, tested without a GPU (onnxruntime's
 * program manager does the same): WebGPU caps a dispatch at 65,535 workgroups per dimension and a
 * storage binding at maxStorageBufferBindingSize, so large runs are split.
 */
export const MAX_WORKGROUPS_PER_DIMENSION = 65_535;

/** x·y ≥ total workgroups with x ≤ the per-dimension cap; shaders linearise id = y·x_count + x and skip ids past the total. */
export function splitWorkgroups(total: number, maxPerDimension = MAX_WORKGROUPS_PER_DIMENSION): { x: number; y: number } {
  if (total <= 0) return { x: 0, y: 0 };
  const x = Math.min(total, maxPerDimension);
  const y = Math.ceil(total / x);
  if (y > maxPerDimension) throw new RangeError(`${total} workgroups exceed ${maxPerDimension}² in one dispatch`);
  return { x, y };
}

export interface GpuLimits {
  maxStorageBufferBindingSize: number;
  maxBufferSize: number;
  minStorageBufferOffsetAlignment: number;
}

export interface ChunkPlan {
  /** permutations per chunk (one src row of N u32 each, and T·W counts each) */
  permutations: number;
  /** example ranges [i0, i1) whose evidence fits one binding; starts aligned for binding offsets */
  exampleRanges: [number, number][];
}

/**
 * How to split a run: the src rows and counts of a chunk's permutations must fit one binding, the
 * evidence of an example range must fit one binding (and start at an aligned byte offset), and
 * the weight table (T·N·M f32, gathered at random examples) must fit whole. `chunkBytes` lowers
 * the budget for the split parts only, so tests exercise the splitting on any device.
 */
export function planChunks(n: number, m: number, c: number, tables: number, limits: GpuLimits, maxPermutations = 4096, chunkBytes = Infinity): ChunkPlan {
  const device = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  if (tables * n * m * 4 > device) {
    throw new RangeError(`the weight tables (${((tables * n * m * 4) / 2 ** 20).toFixed(1)} MiB) exceed this GPU's ${(device / 2 ** 20).toFixed(0)} MiB binding limit`);
  }
  // chunkBytes (tests) splits more finely than the device needs
  const bind = Math.min(device, chunkBytes);
  const width = c * c + 1;
  const permutations = Math.max(1, Math.min(maxPermutations, Math.floor(bind / (n * 4)), Math.floor(bind / (tables * width * 4))));
  if (n * 4 > bind) throw new RangeError(`one permutation of ${n} examples exceeds this GPU's binding limit`);
  const rowBytes = m * c * 4;
  // examples per range: a multiple of the alignment's example count so every range starts aligned
  const alignExamples = limits.minStorageBufferOffsetAlignment / gcd(limits.minStorageBufferOffsetAlignment, rowBytes);
  let perRange = Math.floor(bind / rowBytes);
  perRange -= perRange % alignExamples;
  if (perRange < 1) throw new RangeError('one example of evidence exceeds this GPU binding limit');
  const exampleRanges: [number, number][] = [];
  for (let i0 = 0; i0 < n; i0 += perRange) exampleRanges.push([i0, Math.min(n, i0 + perRange)]);
  return { permutations, exampleRanges };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
