#!/usr/bin/env bash
# The runtime WASM with the `upgrade-test` feature: identical to the normal runtime except
# `spec_version` + 1. The governance e2e test proposes it in a runtime-upgrade referendum.
#
# runtime/build.rs builds it beside the normal WASM, in the same WASM project (so from the same
# dependency artifacts), when PERSISTENCE_UPGRADE_TEST_WASM=1 (set by scripts/env.sh). This
# script makes sure the node build is current and copies the blob out. Prints its path.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/build.sh >&2
built="$CARGO_TARGET_DIR/release/wbuild/persistence-runtime/upgrade_test_wasm_binary.rs.compact.compressed.wasm"
if [ ! -f "$built" ]; then
  echo "no upgrade-test WASM at $built (is PERSISTENCE_UPGRADE_TEST_WASM=1 in the build's environment?)" >&2
  exit 1
fi
normal="$CARGO_TARGET_DIR/release/wbuild/persistence-runtime/persistence_runtime.compact.compressed.wasm"
# Both come out of the same build-script run, the upgrade variant second: an upgrade blob older
# than the normal one is left over from a build without PERSISTENCE_UPGRADE_TEST_WASM=1, and one
# equal to it is not the spec+1 variant. (The governance e2e test also checks spec_version 101.)
if [ "$built" -ot "$normal" ] || cmp -s "$built" "$normal"; then
  echo "$built is stale (older than or equal to $normal): rebuild with PERSISTENCE_UPGRADE_TEST_WASM=1" >&2
  exit 1
fi
cp "$built" "$PERSISTENCE_UPGRADE_WASM"
echo "$PERSISTENCE_UPGRADE_WASM"
