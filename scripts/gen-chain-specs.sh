#!/usr/bin/env bash
# Generate chain-specs/{dev,local,testnet}{,-raw}.json: dev and local from the runtime's genesis
# presets, testnet from its network file (chain-specs/testnet.network.json, see `launch-spec`).
#   scripts/gen-chain-specs.sh [OUT_DIR]     (default: chain-specs/)
# `scripts/check-chain-specs.sh` regenerates them into a temporary directory and fails if the
# committed ones differ.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
out="${1:-chain-specs}"
mkdir -p "$out"
[ -x "$PERSISTENCE_NODE" ] || scripts/build.sh
# Each spec is written to a temporary file and moved into place only if the node succeeded: a
# failure leaves the previous spec and prints the node's error (never an empty spec).
err=$(mktemp)
trap 'rm -f "$err"' EXIT
spec() { # spec <name> <build-spec args…>
  local name=$1; shift
  if ! "$PERSISTENCE_NODE" build-spec "$@" --disable-default-bootnode >"$out/$name.json.tmp" 2>"$err"; then
    rm -f "$out/$name.json.tmp"
    echo "build-spec $* failed:" >&2
    cat "$err" >&2
    exit 1
  fi
  mv "$out/$name.json.tmp" "$out/$name.json"
}
for chain in dev local testnet; do
  spec "$chain" --chain "$chain"
  spec "$chain-raw" --chain "$chain" --raw
done
echo "chain specs written to $out/"
