// SPEC §3 hash and the exact high word of a 32×32-bit product, shared by the shaders
// (prepended to each at pipeline creation: WGSL has no includes).

fn hash32(v: u32) -> u32 {
  var x = v;
  x ^= x >> 16u;
  x *= 0x7feb352du;
  x ^= x >> 15u;
  x *= 0x846ca68bu;
  x ^= x >> 16u;
  return x;
}

fn mix(a: u32, b: u32) -> u32 {
  return hash32(a ^ hash32(b + 0x9e3779b9u));
}

// floor(a·b / 2^32) from 16-bit limbs: WGSL has no u64.
fn mulhi(a: u32, b: u32) -> u32 {
  let a0 = a & 0xffffu;
  let a1 = a >> 16u;
  let b0 = b & 0xffffu;
  let b1 = b >> 16u;
  let p00 = a0 * b0;
  let p01 = a0 * b1;
  let p10 = a1 * b0;
  let p11 = a1 * b1;
  let mid = (p00 >> 16u) + (p01 & 0xffffu) + (p10 & 0xffffu);
  return p11 + (p01 >> 16u) + (p10 >> 16u) + (mid >> 16u);
}
