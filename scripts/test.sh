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

# The pallets' tests are compiled once, with their benchmarks (which run as tests too): the
# rest of the workspace without the feature, so the runtime is not compiled a second time.
PALLETS=(pallet-asset-nft pallet-economics pallet-asset-loan pallet-debt-pool pallet-app-chain-registry pallet-ibc-bridge)
echo "==> Rust tests: node, runtime (integration tests on the real runtime), primitives, RPC"
cargo test --release --locked --workspace "${PALLETS[@]/#/--exclude=}"

echo "==> Rust tests: pallets, with their benchmarks run as tests"
cargo test --release --locked "${PALLETS[@]/#/--package=}" --features runtime-benchmarks

echo "==> chain specs match the runtime"
scripts/check-chain-specs.sh

echo "==> the simulated Cosmos chain the IBC e2e test relays with"
cargo build --release --locked -p pallet-ibc-bridge --example counterparty

echo "==> e2e (live nodes, @polkadot/api)"
(cd e2e && npm test)
