# Sourced by the scripts: one target directory shared by builds, tests and CI, and the pinned
# toolchain for nested cargo calls (the runtime's WASM build runs outside the workspace).
_repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/persistence-target}"
export PERSISTENCE_NODE="${PERSISTENCE_NODE:-$CARGO_TARGET_DIR/release/persistence-node}"
export WASM_BUILD_WORKSPACE_HINT="$_repo"
# Reproducible builds: every rustc call (the nested WASM build's too) remaps the repository,
# CARGO_HOME and target-directory paths, so the runtime WASM hash does not depend on where the
# repository was cloned (scripts/rustc-remap.sh).
mkdir -p "$CARGO_TARGET_DIR"
export PERSISTENCE_TARGET_ROOT="$(cd "$CARGO_TARGET_DIR" && pwd -P)"
export RUSTC_WRAPPER="$_repo/scripts/rustc-remap.sh"
export RUSTUP_TOOLCHAIN="$(sed -n 's/^channel *= *"\(.*\)"/\1/p' "$_repo/rust-toolchain.toml")"
export PERSISTENCE_SYSROOT="$(rustc --print sysroot 2>/dev/null || true)"
# The runtime built one `spec_version` higher (feature `upgrade-test`), for the upgrade e2e test:
# runtime/build.rs builds it beside the normal WASM from the same artifacts when this is 1.
export PERSISTENCE_UPGRADE_TEST_WASM="${PERSISTENCE_UPGRADE_TEST_WASM:-1}"
export PERSISTENCE_UPGRADE_WASM="${PERSISTENCE_UPGRADE_WASM:-$CARGO_TARGET_DIR/persistence-runtime-upgrade.compact.compressed.wasm}"
# The runtime with `try-runtime` (same spec_version), for the e2e try-state check of a dev
# chain's state: runtime/build.rs builds it too when this is 1.
export PERSISTENCE_TRY_RUNTIME_WASM="${PERSISTENCE_TRY_RUNTIME_WASM:-1}"
