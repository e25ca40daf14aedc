#!/usr/bin/env bash
# The one-command GPU check (issue #4): on a machine with a real GPU and this repository installed
# (node_modules present; nothing is fetched), run the WGSL parity tests against the hardware
# adapter and the benchmark with the webgpu backend beside wasm and js, and write the results to
# a folder (default: $OUT, else ./gpu-check-results).
#
#   bash bench/gpu-check.sh [RESULTS_DIR]
#
# On the lent GPU machine (no registry): run `bash bench/pack-gpu-check.sh` here first and carry
# build/gpu-check.tgz (about 30 MB); this script unpacks it.
set -uo pipefail
cd "$(dirname "$0")/.."
results="${1:-${OUT:-gpu-check-results}}"
mkdir -p "$results"

{
  echo "date: $(date -u +%FT%TZ)"
  echo "node: $(node --version)"
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
} > "$results/machine.txt" 2>&1

# offline machines get dist/ and node_modules from bench/pack-gpu-check.sh's archive
if [ ! -d node_modules ] && [ -f build/gpu-check.tgz ]; then tar -xzf build/gpu-check.tgz; fi
[ -f dist/permfuse.wasm ] && [ -f dist/shaders.json ] || npm run build > "$results/build.log" 2>&1

node bin/permfuse.js info > "$results/info.txt" 2>&1

# parity: every WGSL test against the hardware adapter instead of llvmpipe
PERMFUSE_WEBGPU=hardware timeout 600 npx vitest run test/backend_parity.test.ts test/reference_parity.test.ts \
  > "$results/parity.txt" 2>&1
echo "parity exit status: $?" >> "$results/parity.txt"

# throughput: webgpu beside wasm and js (SPEC §10 workloads; webgpu runs 100,000 / 10,000 permutations)
timeout 900 node bin/permfuse.js bench --backends js,wasm,webgpu --write "$results/BENCHMARKS.gpu.md" \
  > "$results/bench.txt" 2>&1
echo "bench exit status: $?" >> "$results/bench.txt"

tail -n 5 "$results/parity.txt" "$results/bench.txt"
