// One invocation per (permutation, example): fuse example i's evidence with the weight rows of its
// source under every table, take the argmax (strict >, lowest class on ties), and count
// (true, predicted) and flips. Counts are reduced in workgroup memory (one workgroup = one
// permutation's slice of examples) before one global atomicAdd per non-zero cell.

override WORKGROUP: u32 = 256u;
override M: u32 = 3u;            // modalities
override C: u32 = 2u;            // classes
override T: u32 = 1u;            // weight tables
override WIDTH: u32 = C * C + 1u; // counts per table: confusion, then flips

struct Params {
  n: u32,          // examples in the dataset (row length of src)
  i0: u32,         // first example of this dispatch's example range
  range: u32,      // examples in the range
  count: u32,      // permutations in this chunk
  groups_x: u32,   // workgroups along x, for splitting past 65,535
  blocks_per_perm: u32,
  _pad0: u32,
  _pad1: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> src: array<u32>;          // [k][i]
@group(0) @binding(2) var<storage, read> weights: array<f32>;      // [t][i][m]
@group(0) @binding(3) var<storage, read> x_linear: array<f32>;     // [i − i0][m][c], this range
@group(0) @binding(4) var<storage, read> x_log: array<f32>;        // same, log evidence
@group(0) @binding(5) var<storage, read> pooling: array<u32>;      // [t]: 0 linear, 1 log
@group(0) @binding(6) var<storage, read> labels: array<u32>;       // [i]
@group(0) @binding(7) var<storage, read> clean: array<u32>;        // [t][i]
@group(0) @binding(8) var<storage, read_write> counts: array<atomic<u32>>; // [k][t][WIDTH]

var<workgroup> local_counts: array<atomic<u32>, T * WIDTH>;

@compute @workgroup_size(WORKGROUP)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) local: u32) {
  let linear_wg = wg.y * params.groups_x + wg.x;
  let k_local = linear_wg / params.blocks_per_perm;
  let offset = (linear_wg % params.blocks_per_perm) * WORKGROUP + local;
  for (var c = local; c < T * WIDTH; c += WORKGROUP) {
    atomicStore(&local_counts[c], 0u);
  }
  workgroupBarrier();
  if (k_local < params.count && offset < params.range) {
    let i = params.i0 + offset;
    let s = src[k_local * params.n + i];
    let label = labels[i];
    for (var t = 0u; t < T; t++) {
      let w = (t * params.n + s) * M;
      let x_at = offset * M * C;
      let use_log = pooling[t] == 1u;
      var best = 0u;
      var best_score = 0.0;
      for (var c = 0u; c < C; c++) {
        var acc = 0.0;
        for (var m = 0u; m < M; m++) {
          let xv = select(x_linear[x_at + m * C + c], x_log[x_at + m * C + c], use_log);
          acc = acc + weights[w + m] * xv;
        }
        if (c == 0u || acc > best_score) {
          best_score = acc;
          best = c;
        }
      }
      atomicAdd(&local_counts[t * WIDTH + label * C + best], 1u);
      if (best != clean[t * params.n + i]) {
        atomicAdd(&local_counts[t * WIDTH + C * C], 1u);
      }
    }
  }
  workgroupBarrier();
  if (k_local < params.count) {
    for (var c = local; c < T * WIDTH; c += WORKGROUP) {
      let v = atomicLoad(&local_counts[c]);
      if (v != 0u) {
        atomicAdd(&counts[k_local * T * WIDTH + c], v);
      }
    }
  }
}
