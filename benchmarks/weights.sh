#!/usr/bin/env bash
# Regenerate the weights of every custom pallet (`pallets/*/src/weights.rs`, from the pallet's
# `benchmarking.rs`) and of the standard FRAME pallets as configured in our runtime
# (`runtime/src/weights/<pallet>.rs`, used by `runtime/src/configs/*`).
#
# Builds persistence-node with `--features runtime-benchmarks` (a second build: it compiles the
# benchmarking CLI and a benchmark-enabled WASM runtime), then runs `benchmark pallet` for each
# pallet on the `dev` chain with compiled WASM execution. The generated files record the
# command, machine, steps and repeats. Not part of CI.
#
#   benchmarks/weights.sh [pallet_name ...]     (default: every pallet below)
#   STEPS=50 REPEAT=20 benchmarks/weights.sh
#   REUSE_BUILD=1 benchmarks/weights.sh pallet_debt_pool pallet_balances   (no build)
#   benchmarks/weights.sh --custom | --standard (one group)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

STEPS="${STEPS:-50}"
REPEAT="${REPEAT:-20}"
# Custom pallets: pallet name → crate directory (weights.rs with our template: trait + impls).
declare -A CUSTOM=(
  [pallet_asset_nft]=pallets/asset-nft
  [pallet_asset_loan]=pallets/asset-loan
  [pallet_debt_pool]=pallets/debt-pool
  [pallet_app_chain_registry]=pallets/app-chain-registry
  [pallet_economics]=pallets/economics
  [pallet_ibc_bridge]=pallets/ibc-bridge
)
# Standard pallets benchmarked against our runtime's configuration (upstream's default
# template: `WeightInfo<T>` implementing the pallet's trait, DB costs from `T::DbWeight`).
# Not here: BABE and GRANDPA (their `WeightInfo` is upstream's formula over the equivocation
# check, not a generated file), uniques (its `redeposit` benchmark assumes a non-zero item
# deposit; asset-nft holds ours, so the benchmark's own check fails — upstream weights stay).
STANDARD=(
  frame_system pallet_balances pallet_timestamp pallet_utility pallet_multisig pallet_proxy pallet_assets
  pallet_preimage pallet_scheduler pallet_sudo pallet_session
  pallet_staking pallet_bags_list pallet_conviction_voting pallet_referenda pallet_whitelist
  pallet_collective pallet_treasury pallet_vesting pallet_identity
)

selected=()
case "${1:-}" in
  --custom) selected=("${!CUSTOM[@]}") ;;
  --standard) selected=("${STANDARD[@]}") ;;
  "") selected=("${!CUSTOM[@]}" "${STANDARD[@]}") ;;
  *) selected=("$@") ;;
esac

bench_node="$CARGO_TARGET_DIR/release/persistence-node-benchmarks"
bench_wasm="$CARGO_TARGET_DIR/release/persistence-runtime-benchmarks.wasm"
# REUSE_BUILD=1: run again with the benchmark binary of the last run (no build before, no
# rebuild after) — e.g. to measure a call and the transfer yardstick on an idle machine.
if [ "${REUSE_BUILD:-}" = 1 ] && [ -x "$bench_node" ] && [ -f "$bench_wasm" ]; then
  echo "reusing $bench_node"
else
  REUSE_BUILD=
  # The benchmarking CLI pulls in a storage-access test runtime we do not use: skip its WASM.
  SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1 \
    cargo build --release --locked -p persistence-node --features runtime-benchmarks
  # Keep the benchmark build's binary apart from the normal one.
  cp "$CARGO_TARGET_DIR/release/persistence-node" "$bench_node"
  cp "$CARGO_TARGET_DIR/release/wbuild/persistence-runtime/persistence_runtime.compact.compressed.wasm" "$bench_wasm"
fi

failed=()
for pallet in "${selected[@]}"; do
  # Custom pallets run on the `dev` chain; standard ones on the runtime's `benchmark` preset
  # (dev accounts, production governance tracks, no staking minimum bonds: what upstream's
  # referenda, staking and session benchmarks expect).
  if [ -n "${CUSTOM[$pallet]:-}" ]; then
    output="${CUSTOM[$pallet]}/src/weights.rs"
    mode=(--chain dev --template benchmarks/pallet-weight-template.hbs)
  elif printf '%s\n' "${STANDARD[@]}" | grep -qx "$pallet"; then
    output="runtime/src/weights/$pallet.rs"
    mode=(--runtime "$bench_wasm" --genesis-builder runtime --genesis-builder-preset benchmark
      --header benchmarks/standard-weight-header.txt)
  else
    echo "unknown pallet $pallet" >&2
    exit 2
  fi
  echo "==> $pallet → $output"
  # A failing benchmark leaves the committed file alone; the others still run.
  if ! "$bench_node" benchmark pallet \
    --pallet "$pallet" \
    --extrinsic '*' \
    --steps "$STEPS" \
    --repeat "$REPEAT" \
    --wasm-execution compiled \
    --heap-pages 4096 \
    "${mode[@]}" \
    --output "$output.new"; then
    failed+=("$pallet")
    rm -f "$output.new"
    continue
  fi
  mv "$output.new" "$output"
done

# Rebuild the normal node so scripts and tests use a binary without benchmarking code.
if [ -z "${REUSE_BUILD:-}" ]; then
  cargo build --release --locked -p persistence-node
fi

if [ ${#failed[@]} -gt 0 ]; then
  echo "benchmarks failed for: ${failed[*]}" >&2
  exit 1
fi
