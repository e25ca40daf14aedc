// One invocation per (permutation, block): SPEC §3's Fisher–Yates for that block, written straight
// into the permutation's src row. The block's working array A[t] lives at src[idx_b[t]]: it starts
// as idx_b[t] and after the swaps holds idx_b[perm[t]], which is exactly src(idx_b[t]).

override WORKGROUP: u32 = 64u;

struct Params {
  seed_lo: u32,
  seed_hi: u32,
  k_start: u32,
  count: u32,      // permutations in this chunk
  n: u32,
  blocks: u32,
  lane: u32,
  groups_x: u32,   // workgroups along x, for splitting past 65,535
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> order: array<u32>;
@group(0) @binding(2) var<storage, read> offsets: array<u32>;
@group(0) @binding(3) var<storage, read_write> src: array<u32>;

@compute @workgroup_size(WORKGROUP)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) local: u32) {
  let id = (wg.y * params.groups_x + wg.x) * WORKGROUP + local;
  if (id >= params.count * params.blocks) {
    return;
  }
  let k_local = id / params.blocks;
  let b = id % params.blocks;
  let k = params.k_start + k_local;
  let s = mix(mix(mix(mix(params.seed_lo, params.seed_hi), k), b), params.lane);
  let start = offsets[b];
  let size = offsets[b + 1u] - start;
  let row = k_local * params.n;
  for (var t = 0u; t < size; t++) {
    let i = order[start + t];
    src[row + i] = i;
  }
  for (var t = size - 1u; t >= 1u && t < size; t--) {
    let j = mulhi(mix(s, t), t + 1u);
    let at = row + order[start + t];
    let aj = row + order[start + j];
    let v = src[at];
    src[at] = src[aj];
    src[aj] = v;
  }
}
