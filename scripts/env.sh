# Sourced by the scripts: one target directory shared by builds, tests and CI, and the pinned
# toolchain for nested cargo calls (the runtime's WASM build runs outside the workspace).
_repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/persistence-target}"
export PERSISTENCE_NODE="${PERSISTENCE_NODE:-$CARGO_TARGET_DIR/release/persistence-node}"
export WASM_BUILD_WORKSPACE_HINT="$_repo"
export RUSTUP_TOOLCHAIN="$(sed -n 's/^channel *= *"\(.*\)"/\1/p' "$_repo/rust-toolchain.toml")"
# The runtime built one `spec_version` higher (feature `upgrade-test`), for the upgrade e2e test.
# It is built in its own target directory: sharing one would overwrite the normal runtime's WASM.
export PERSISTENCE_UPGRADE_TARGET_DIR="${PERSISTENCE_UPGRADE_TARGET_DIR:-$CARGO_TARGET_DIR/upgrade-test}"
export PERSISTENCE_UPGRADE_WASM="${PERSISTENCE_UPGRADE_WASM:-$PERSISTENCE_UPGRADE_TARGET_DIR/persistence-runtime-upgrade.compact.compressed.wasm}"
