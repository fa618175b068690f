#!/usr/bin/env bash
# Install what is missing, build, and start a --dev node: Alice validates alone, a block every
# 6 s, finalized by GRANDPA; JSON-RPC on 127.0.0.1:9944, Prometheus on 127.0.0.1:9615.
# Extra arguments go to the node (e.g. `--base-path /data` to keep state between runs).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
source scripts/env.sh
args=("$@")
printf '%s\n' "${args[@]:-}" | grep -q -- '--base-path' || args+=(--tmp)
exec "$PERSISTENCE_NODE" --dev --rpc-port 9944 --prometheus-port 9615 "${args[@]}"
