#!/usr/bin/env bash
# Regenerate `weights.rs` of every custom pallet from its `benchmarking.rs`.
#
# Builds persistence-node with `--features runtime-benchmarks` (a second build: it compiles the
# benchmarking CLI and a benchmark-enabled WASM runtime), then runs `benchmark pallet` for each
# pallet on the `dev` chain with compiled WASM execution. The generated files record the
# command, machine, steps and repeats. Not part of CI.
#
#   benchmarks/weights.sh [pallet_name ...]     (default: all custom pallets)
#   STEPS=50 REPEAT=20 benchmarks/weights.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

STEPS="${STEPS:-50}"
REPEAT="${REPEAT:-20}"
# pallet name → crate directory
declare -A PALLETS=(
  [pallet_asset_nft]=pallets/asset-nft
  [pallet_asset_loan]=pallets/asset-loan
  [pallet_debt_pool]=pallets/debt-pool
  [pallet_app_chain_registry]=pallets/app-chain-registry
  [pallet_economics]=pallets/economics
)
selected=("$@")
[ ${#selected[@]} -gt 0 ] || selected=("${!PALLETS[@]}")

# The benchmarking CLI pulls in a storage-access test runtime we do not use: skip its WASM.
SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1 \
  cargo build --release --locked -p persistence-node --features runtime-benchmarks
bench_node="$CARGO_TARGET_DIR/release/persistence-node"
# Keep the benchmark build's binary apart from the normal one.
cp "$bench_node" "$CARGO_TARGET_DIR/release/persistence-node-benchmarks"
bench_node="$CARGO_TARGET_DIR/release/persistence-node-benchmarks"

for pallet in "${selected[@]}"; do
  dir="${PALLETS[$pallet]:?unknown pallet $pallet}"
  echo "==> $pallet → $dir/src/weights.rs"
  "$bench_node" benchmark pallet \
    --chain dev \
    --pallet "$pallet" \
    --extrinsic '*' \
    --steps "$STEPS" \
    --repeat "$REPEAT" \
    --wasm-execution compiled \
    --heap-pages 4096 \
    --template benchmarks/pallet-weight-template.hbs \
    --output "$dir/src/weights.rs"
done

# Rebuild the normal node so scripts and tests use a binary without benchmarking code.
cargo build --release --locked -p persistence-node
