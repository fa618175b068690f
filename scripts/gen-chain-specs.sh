#!/usr/bin/env bash
# Generate chain-specs/{dev,local,testnet}{,-raw}.json from the runtime's genesis presets.
#   scripts/gen-chain-specs.sh [OUT_DIR]     (default: chain-specs/)
# `scripts/check-chain-specs.sh` regenerates them into a temporary directory and fails if the
# committed ones differ.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
out="${1:-chain-specs}"
mkdir -p "$out"
[ -x "$PERSISTENCE_NODE" ] || scripts/build.sh
for chain in dev local testnet; do
  "$PERSISTENCE_NODE" build-spec --chain "$chain" --disable-default-bootnode 2>/dev/null >"$out/$chain.json"
  "$PERSISTENCE_NODE" build-spec --chain "$chain" --disable-default-bootnode --raw 2>/dev/null >"$out/$chain-raw.json"
done
echo "chain specs written to $out/"
