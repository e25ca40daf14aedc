#!/usr/bin/env bash
# Packs what bench/gpu-check.sh needs on a machine that cannot reach the npm registry (the lent GPU
# machine): the build output and node_modules without build-time tools or other platforms' Dawn
# binaries, into build/gpu-check.tgz (carry that path; gpu-check.sh unpacks it when node_modules is
# missing).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/permfuse.wasm ] && [ -f dist/shaders.json ] || npm run build
mkdir -p build
tar -czf build/gpu-check.tgz \
  --exclude='node_modules/binaryen' --exclude='node_modules/@typescript' --exclude='node_modules/typescript' \
  --exclude='node_modules/assemblyscript' --exclude='node_modules/playwright-core' \
  --exclude='node_modules/webgpu/dist/darwin-*' --exclude='node_modules/webgpu/dist/win32-*' \
  --exclude='node_modules/webgpu/dist/linux-arm64' --exclude='node_modules/.cache' \
  dist node_modules
ls -l build/gpu-check.tgz
