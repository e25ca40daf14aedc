// The permutation-and-fuse hot loop (SPEC §2–§3) in AssemblyScript with v128 SIMD.
//
// The host lays every input out in a shared memory (src/backends/wasm/job_image.ts) and passes a
// header of pointers; nothing is allocated here. Examples are re-indexed ("p-space") so that each
// label's examples are contiguous and padded to a multiple of 4, and evidence is stored four
// examples abreast (AoSoA): one v128 load gives X[m][c] for four examples, the fused scores of
// four examples are computed at once, and the confusion row of a label segment is a per-class
// count of decisions, kept in v128 counters instead of scattered increments.
//
// f32 semantics match the spec exactly: separate f32x4.mul and f32x4.add (no FMA), modalities in
// ascending order, argmax with a strict `>` so the lowest class wins ties.

// header fields (i32 slots)
const H_NPAD = 0; // padded example count (multiple of 4)
const H_M = 1;
const H_C = 2;
const H_T = 3;
const H_BLOCKS = 4;
const H_SEED_LO = 5;
const H_SEED_HI = 6;
const H_LANE = 7;
const H_XLIN = 8; // AoSoA f32: [(p/4)][m][c][4]
const H_XLOG = 9;
const H_G = 10; // f32 [p][t][m], rows padded to a multiple of 4 floats
const H_POOLING = 11; // i32 [t]: 0 linear, 1 log
const H_SEGMENTS = 12; // i32 [segment][start, end, label, real count]
const H_NSEG = 13;
const H_ORDER = 14; // i32 block members, p-space
const H_OFFSETS = 15; // i32 [blocks + 1]
const H_CLEAN = 16; // i32 [t][p] Clean-Q decisions

@inline function field(header: usize, slot: i32): i32 {
  return load<i32>(header + (<usize>slot << 2));
}

@inline function hash32(x: u32): u32 {
  x ^= x >>> 16;
  x *= 0x7feb352d;
  x ^= x >>> 15;
  x *= 0x846ca68b;
  x ^= x >>> 16;
  return x;
}

@inline function mix(a: u32, b: u32): u32 {
  return hash32(a ^ hash32(b + 0x9e3779b9));
}

/** SPEC §3 stream prefix mix(mix(seed_lo, seed_hi), k), exported for the conformance test. */
export function streamPrefix(seedLo: u32, seedHi: u32, k: u32): u32 {
  return mix(mix(seedLo, seedHi), k);
}

/** SPEC §3 shuffle(n, s) into perm[0..n): Fisher–Yates, j = high word of mix(s, t)·(t + 1). */
export function shuffle(n: i32, s: u32, perm: usize): void {
  for (let t = 0; t < n; t++) store<i32>(perm + (<usize>t << 2), t);
  for (let t = n - 1; t >= 1; t--) {
    const j = <i32>((<u64>mix(s, <u32>t) * <u64>(t + 1)) >>> 32);
    const pt = perm + (<usize>t << 2);
    const pj = perm + (<usize>j << 2);
    const a = load<i32>(pt);
    store<i32>(pt, load<i32>(pj));
    store<i32>(pj, a);
  }
}

/** src[idx_b[t]] = idx_b[shuffle(n_b, stream(seed, k, b, lane))[t]] for every block b. */
function permute(header: usize, k: u32, src: usize, perm: usize): void {
  const prefix = streamPrefix(<u32>field(header, H_SEED_LO), <u32>field(header, H_SEED_HI), k);
  const lane = <u32>field(header, H_LANE);
  const order = <usize>field(header, H_ORDER);
  const offsets = <usize>field(header, H_OFFSETS);
  const blocks = field(header, H_BLOCKS);
  for (let b = 0; b < blocks; b++) {
    const start = load<i32>(offsets + (<usize>b << 2));
    const size = load<i32>(offsets + (<usize>(b + 1) << 2)) - start;
    shuffle(size, mix(mix(prefix, <u32>b), lane), perm);
    const base = order + (<usize>start << 2);
    for (let t = 0; t < size; t++) {
      const dst = load<i32>(base + (<usize>t << 2));
      const from = load<i32>(base + (<usize>load<i32>(perm + (<usize>t << 2)) << 2));
      store<i32>(src + (<usize>dst << 2), from);
    }
  }
}

@inline function hsum(v: v128): i32 {
  return i32x4.extract_lane(v, 0) + i32x4.extract_lane(v, 1) + i32x4.extract_lane(v, 2) + i32x4.extract_lane(v, 3);
}

/**
 * Gathers the weight rows of the four source examples (all tables at once: a row is [t][m],
 * padded to a multiple of 4 floats) and transposes them four floats at a time, so gm[q] holds
 * weight q of the four examples as one f32x4.
 */
@inline function gatherWeights(g: usize, rowBytes: usize, src4: v128, quads: i32, gm: usize): void {
  const r0 = g + <usize>i32x4.extract_lane(src4, 0) * rowBytes;
  const r1 = g + <usize>i32x4.extract_lane(src4, 1) * rowBytes;
  const r2 = g + <usize>i32x4.extract_lane(src4, 2) * rowBytes;
  const r3 = g + <usize>i32x4.extract_lane(src4, 3) * rowBytes;
  for (let q = 0; q < quads; q++) {
    const o = <usize>q << 4;
    const a = v128.load(r0 + o);
    const b = v128.load(r1 + o);
    const c = v128.load(r2 + o);
    const d = v128.load(r3 + o);
    const ab01 = f32x4.shuffle(a, b, 0, 4, 1, 5);
    const ab23 = f32x4.shuffle(a, b, 2, 6, 3, 7);
    const cd01 = f32x4.shuffle(c, d, 0, 4, 1, 5);
    const cd23 = f32x4.shuffle(c, d, 2, 6, 3, 7);
    const out = gm + (o << 2);
    v128.store(out, f32x4.shuffle(ab01, cd01, 0, 1, 4, 5));
    v128.store(out, f32x4.shuffle(ab01, cd01, 2, 3, 6, 7), 16);
    v128.store(out, f32x4.shuffle(ab23, cd23, 0, 1, 4, 5), 32);
    v128.store(out, f32x4.shuffle(ab23, cd23, 2, 3, 6, 7), 48);
  }
}

/**
 * The decisions of four examples under one table: x points at their AoSoA evidence group, w at
 * the table's M gathered weight vectors. Scores in f32, modalities ascending, strict `>` argmax.
 */
@inline function decide4(x: usize, w: usize, m: i32, c: i32): v128 {
  // a constant m per call site lets the optimiser drop the `m > j` tests inside decide4Small
  if (m == 3) return decide4Small(x, w, 3, c);
  if (m == 2) return decide4Small(x, w, 2, c);
  if (m == 4) return decide4Small(x, w, 4, c);
  if (m == 1) return decide4Small(x, w, 1, c);
  let best = f32x4.splat(0);
  let bestIdx = i32x4.splat(0);
  for (let k = 0; k < c; k++) {
    let acc = f32x4.splat(0);
    for (let j = 0; j < m; j++) {
      acc = f32x4.add(acc, f32x4.mul(v128.load(w + (<usize>j << 4)), v128.load(x + (<usize>(j * c + k) << 4))));
    }
    if (k == 0) {
      best = acc;
    } else {
      const gt = f32x4.gt(acc, best);
      best = v128.bitselect(acc, best, gt);
      bestIdx = v128.bitselect(i32x4.splat(k), bestIdx, gt);
    }
  }
  return bestIdx;
}

/**
 * decide4 for up to four modalities, the common case: the weight vectors stay in registers across
 * the class loop instead of being reloaded per class (a third faster on M = 3). Called with a
 * constant m, so after inlining the `m > j` tests fold away.
 */
@inline function decide4Small(x: usize, w: usize, m: i32, c: i32): v128 {
  const zero = f32x4.splat(0);
  const w0 = v128.load(w);
  const w1 = m > 1 ? v128.load(w, 16) : zero;
  const w2 = m > 2 ? v128.load(w, 32) : zero;
  const w3 = m > 3 ? v128.load(w, 48) : zero;
  const stride = <usize>c << 4;
  let best = zero;
  let bestIdx = i32x4.splat(0);
  for (let k = 0; k < c; k++) {
    const xk = x + (<usize>k << 4);
    let acc = f32x4.add(zero, f32x4.mul(w0, v128.load(xk)));
    if (m > 1) acc = f32x4.add(acc, f32x4.mul(w1, v128.load(xk + stride)));
    if (m > 2) acc = f32x4.add(acc, f32x4.mul(w2, v128.load(xk + 2 * stride)));
    if (m > 3) acc = f32x4.add(acc, f32x4.mul(w3, v128.load(xk + 3 * stride)));
    if (k == 0) {
      best = acc;
    } else {
      const gt = f32x4.gt(acc, best);
      best = v128.bitselect(acc, best, gt);
      bestIdx = v128.bitselect(i32x4.splat(k), bestIdx, gt);
    }
  }
  return bestIdx;
}

/**
 * Permutations [k0, k1): for each, the C×C confusion matrix and flip count of every table,
 * written as u32 at out + ((k − k0)·T + t)·(C² + 1). Scratch needs 4·Npad bytes for src,
 * 16·T·C for counters, 64·⌈T·M/4⌉ for gathered weights and 4·maxBlock for the shuffle.
 */
export function runRange(header: usize, k0: u32, k1: u32, scratch: usize, out: usize): void {
  const npad = field(header, H_NPAD);
  const m = field(header, H_M);
  const c = field(header, H_C);
  const nt = field(header, H_T);
  const width = c * c + 1;
  const quads = (nt * m + 3) >> 2;
  const rowBytes = <usize>quads << 4;
  const g = <usize>field(header, H_G);
  const xlin = <usize>field(header, H_XLIN);
  const xlog = <usize>field(header, H_XLOG);
  const pooling = <usize>field(header, H_POOLING);
  const groupBytes = <usize>(m * c) << 4;
  const src = scratch;
  const counters = src + (<usize>npad << 2); // [t][slot] v128; slot 0 = flips, slots 1..C−1 = classes
  const gm = counters + ((<usize>(nt * c)) << 4);
  const perm = gm + (<usize>quads << 6);
  const segments = <usize>field(header, H_SEGMENTS);
  const nseg = field(header, H_NSEG);
  const clean = <usize>field(header, H_CLEAN);
  // padding examples keep src = p (never in a block); real ones are overwritten per permutation
  for (let p = 0; p < npad; p++) store<i32>(src + (<usize>p << 2), p);

  for (let k = k0; k < k1; k++) {
    permute(header, k, src, perm);
    const row = out + ((<usize>(k - k0) * <usize>(nt * width)) << 2);
    memory.fill(row, 0, <usize>(nt * width) << 2);
    for (let s = 0; s < nseg; s++) {
      const seg = segments + (<usize>s << 4);
      const start = load<i32>(seg);
      const end = load<i32>(seg, 4);
      const label = load<i32>(seg, 8);
      const real = load<i32>(seg, 12);
      memory.fill(counters, 0, <usize>(nt * c) << 4);
      for (let p = start; p < end; p += 4) {
        gatherWeights(g, rowBytes, v128.load(src + (<usize>p << 2)), quads, gm);
        const group = <usize>(p >> 2) * groupBytes;
        for (let t = 0; t < nt; t++) {
          const x = (load<i32>(pooling + (<usize>t << 2)) ? xlog : xlin) + group;
          const d = decide4(x, gm + ((<usize>(t * m)) << 4), m, c);
          const slot = counters + ((<usize>(t * c)) << 4);
          const clean4 = v128.load(clean + ((<usize>(t * npad + p)) << 2));
          // comparisons give −1 per matching lane, so subtracting counts them
          v128.store(slot, i32x4.sub(v128.load(slot), i32x4.ne(d, clean4)));
          for (let cls = 1; cls < c; cls++) {
            const at = slot + (<usize>cls << 4);
            v128.store(at, i32x4.sub(v128.load(at), i32x4.eq(d, i32x4.splat(cls))));
          }
        }
      }
      for (let t = 0; t < nt; t++) {
        const slot = counters + ((<usize>(t * c)) << 4);
        const base = row + ((<usize>(t * width + label * c)) << 2);
        let others = 0;
        for (let cls = 1; cls < c; cls++) {
          const count = hsum(v128.load(slot + (<usize>cls << 4)));
          store<u32>(base + (<usize>cls << 2), <u32>count);
          others += count;
        }
        store<u32>(base, <u32>(real - others));
        const flips = row + ((<usize>(t * width + c * c)) << 2);
        store<u32>(flips, load<u32>(flips) + <u32>hsum(v128.load(slot)));
      }
    }
  }
}
