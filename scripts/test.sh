#!/usr/bin/env bash
# Install what is missing, build, run every Rust test and the e2e suite against live nodes.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh

echo "==> build (release)"
scripts/build.sh

echo "==> the upgrade-test runtime (spec_version + 1) for the governance e2e test"
scripts/build-upgrade-wasm.sh

echo "==> Rust tests"
cargo test --release --locked --workspace

echo "==> pallet benchmarks, run as tests"
cargo test --release --locked -p pallet-asset-nft -p pallet-economics -p pallet-asset-loan -p pallet-debt-pool -p pallet-app-chain-registry -p pallet-ibc-bridge --features runtime-benchmarks

echo "==> chain specs match the runtime"
scripts/check-chain-specs.sh

echo "==> the simulated Cosmos chain the IBC e2e test relays with"
cargo build --release --locked -p pallet-ibc-bridge --example counterparty

echo "==> e2e (live nodes, @polkadot/api)"
(cd e2e && npm test)
