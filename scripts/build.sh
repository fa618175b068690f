#!/usr/bin/env bash
# Build the node (and with it the WASM runtime) in release mode.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
cargo build --release --locked -p persistence-node "$@"
