#!/usr/bin/env bash
# Run the load generator against a fresh --dev node of the release build.
#   benchmarks/load/run.sh [--txs N] [--each M] [--accounts K] [--workloads a,b,…] [--out FILE]
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
[ -x "$PERSISTENCE_NODE" ] || scripts/build.sh
[ -d e2e/node_modules ] || (cd e2e && npm ci --no-audit --no-fund)
exec node benchmarks/load/load.mjs "$@"
