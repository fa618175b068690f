# Sourced by the scripts: one target directory shared by builds, tests and CI.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/persistence-target}"
export PERSISTENCE_NODE="${PERSISTENCE_NODE:-$CARGO_TARGET_DIR/release/persistence-node}"
