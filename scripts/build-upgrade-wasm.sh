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
dir="$CARGO_TARGET_DIR/release/wbuild/persistence-runtime"
# runtime/build.rs deletes this blob before each run and builds it after the normal runtime, so
# it exists only if this build made it; check it is the spec+1 variant of the normal runtime
# (the spec_version in the `runtime_version` section of the uncompressed blobs built with them).
spec() {
  python3 - "$1" <<'PY'
import sys
b = open(sys.argv[1], 'rb').read()
i = b.rfind(b'\x2cpersistence')  # spec_name: SCALE compact length 11, then the name
if i < 0:
    sys.exit('no runtime_version in ' + sys.argv[1])
j = i + 12
j += 1 + (b[j] >> 2)  # impl_name (a one-byte compact length)
print(int.from_bytes(b[j + 4:j + 8], 'little'))  # after authoring_version: spec_version
PY
}
normal_spec=$(spec "$dir/persistence_runtime.compact.wasm")
upgrade_spec=$(spec "$dir/upgrade_test_wasm_binary.rs.compact.wasm")
if [ "$upgrade_spec" != "$((normal_spec + 1))" ]; then
  echo "upgrade-test WASM has spec_version $upgrade_spec, the runtime $normal_spec: not its +1 variant" >&2
  exit 1
fi
cp "$built" "$PERSISTENCE_UPGRADE_WASM"
echo "$PERSISTENCE_UPGRADE_WASM"
