#!/usr/bin/env bash
# Build the runtime WASM with the `upgrade-test` feature: identical to the normal runtime except
# `spec_version` + 1. The governance e2e test proposes it in a runtime-upgrade referendum.
#
# Uses its own target directory (the WASM builder's output path depends only on the crate name,
# so a second feature set in the shared directory would replace the normal runtime's WASM), and
# `cargo check` (the WASM is built by the runtime's build script; the native crate need not be
# compiled). Prints the path of the WASM.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
CARGO_TARGET_DIR="$PERSISTENCE_UPGRADE_TARGET_DIR" \
  cargo check --release --locked -p persistence-runtime --features upgrade-test >&2
built="$PERSISTENCE_UPGRADE_TARGET_DIR/release/wbuild/persistence-runtime/persistence_runtime.compact.compressed.wasm"
cp "$built" "$PERSISTENCE_UPGRADE_WASM"
echo "$PERSISTENCE_UPGRADE_WASM"
