import { seedWords } from '../../permutation/hash.js';
import { largestBlock } from '../../permutation/permute.js';
import type { NullTask } from '../../engine/task.js';

/** Header slots, mirrored from assembly/kernel.ts. */
const H = {
  NPAD: 0, M: 1, C: 2, T: 3, BLOCKS: 4, SEED_LO: 5, SEED_HI: 6, LANE: 7, XLIN: 8, XLOG: 9, G: 10,
  POOLING: 11, SEGMENTS: 12, NSEG: 13, ORDER: 14, OFFSETS: 15, CLEAN: 16, COUNT: 17,
} as const;

/** Where a job's inputs sit in the shared WASM memory, and how big one worker's scratch is. */
export interface JobImage {
  header: number;
  /** first free byte after the image: scratch and output regions start here */
  end: number;
  scratchBytes: number;
  npad: number;
  /** p-space index of each original example */
  pOf: Int32Array;
}

const align16 = (x: number) => (x + 15) & ~15;

/** One example's weights for every table, [t][m], padded to whole v128s for the kernel's gather. */
const rowFloats = (tables: number, m: number) => (tables * m + 3) & ~3;

/**
 * Lays a task out in WASM memory for the kernel (see assembly/kernel.ts): examples re-indexed so
 * each label's examples are contiguous and padded to a multiple of 4; evidence AoSoA four
 * examples abreast; weights [p][t][m] in rows padded to whole v128s; blocks mapped into p-space (same members, same order, so
 * the permutations are SPEC §3's exactly). `grow` makes room and returns the memory's buffer.
 */
export function writeJobImage(task: NullTask, base: number, grow: (bytes: number) => ArrayBuffer | SharedArrayBuffer): JobImage {
  const { n, m, c, labels } = task.inputs;
  const T = task.tables.length;
  // p-space: label segments, each padded to a multiple of 4
  const pOf = new Int32Array(n);
  const segments: number[] = [];
  let npad = 0;
  for (let y = 0; y < c; y++) {
    const start = npad;
    let real = 0;
    for (let i = 0; i < n; i++) if (labels[i] === y) pOf[i] = npad + real++;
    if (real === 0) continue;
    npad += (real + 3) & ~3;
    segments.push(start, npad, y, real);
  }
  const blocks = task.blocks;
  const sizes = {
    header: H.COUNT * 4,
    x: npad * m * c * 4,
    g: npad * rowFloats(T, m) * 4,
    pooling: T * 4,
    segments: segments.length * 4,
    order: n * 4,
    offsets: (blocks.count + 1) * 4,
    clean: T * npad * 4,
  };
  let at = align16(base);
  const take = (bytes: number) => {
    const p = at;
    at = align16(at + bytes);
    return p;
  };
  const hasLog = task.inputs.log !== null;
  const ptr = {
    header: take(sizes.header),
    xlin: take(sizes.x),
    xlog: hasLog ? take(sizes.x) : 0,
    g: take(sizes.g),
    pooling: take(sizes.pooling),
    segments: take(sizes.segments),
    order: take(sizes.order),
    offsets: take(sizes.offsets),
    clean: take(sizes.clean),
  };
  const buffer = grow(at);
  const i32 = (p: number, len: number) => new Int32Array(buffer, p, len);
  const f32 = (p: number, len: number) => new Float32Array(buffer, p, len);

  const [seedLo, seedHi] = seedWords(task.seed);
  const header = i32(ptr.header, H.COUNT);
  header[H.NPAD] = npad;
  header[H.M] = m;
  header[H.C] = c;
  header[H.T] = T;
  header[H.BLOCKS] = blocks.count;
  header[H.SEED_LO] = seedLo | 0;
  header[H.SEED_HI] = seedHi | 0;
  header[H.LANE] = 0;
  header[H.XLIN] = ptr.xlin;
  header[H.XLOG] = ptr.xlog;
  header[H.G] = ptr.g;
  header[H.POOLING] = ptr.pooling;
  header[H.SEGMENTS] = ptr.segments;
  header[H.NSEG] = segments.length / 4;
  header[H.ORDER] = ptr.order;
  header[H.OFFSETS] = ptr.offsets;
  header[H.CLEAN] = ptr.clean;

  const aosoa = (src: Float32Array, dst: Float32Array) => {
    dst.fill(0); // padding examples score 0 for every class → decision 0, never counted
    for (let i = 0; i < n; i++) {
      const p = pOf[i];
      const group = (p >> 2) * m * c * 4;
      for (let j = 0; j < m; j++) for (let k = 0; k < c; k++) dst[group + (j * c + k) * 4 + (p & 3)] = src[(i * m + j) * c + k];
    }
  };
  aosoa(task.inputs.linear, f32(ptr.xlin, npad * m * c));
  if (hasLog) aosoa(task.inputs.log!, f32(ptr.xlog, npad * m * c));

  const stride = rowFloats(T, m);
  const g = f32(ptr.g, npad * stride);
  g.fill(0);
  const clean = i32(ptr.clean, T * npad);
  clean.fill(0);
  const pooling = i32(ptr.pooling, T);
  task.tables.forEach((table, t) => {
    pooling[t] = table.pooling === 'log' ? 1 : 0;
    for (let i = 0; i < n; i++) {
      const p = pOf[i];
      for (let j = 0; j < m; j++) g[p * stride + t * m + j] = table.weights[i * m + j];
      clean[t * npad + p] = task.cleanDecisions[t * n + i];
    }
  });
  i32(ptr.segments, segments.length).set(segments);
  const order = i32(ptr.order, n);
  for (let t = 0; t < n; t++) order[t] = pOf[blocks.order[t]];
  i32(ptr.offsets, blocks.count + 1).set(blocks.offsets);

  const scratchBytes = align16(npad * 4) + T * c * 16 + rowFloats(T, m) * 16 + align16(largestBlock(blocks) * 4);
  return { header: ptr.header, end: at, scratchBytes, npad, pOf };
}
