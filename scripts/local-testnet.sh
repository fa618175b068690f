#!/usr/bin/env bash
# Start N validators (default 3: Alice, Bob, Charlie) of `--chain local` on loopback, each with
# its own base path and ports, wired to the first node as bootnode. Prints their RPC endpoints
# and waits; Ctrl-C stops them all.
#
#   scripts/local-testnet.sh [N] [--base DIR]
#
# Node i (0-based) listens on p2p 30333+i, RPC 9944+i, Prometheus 9615+i. Node 0 has a fixed
# node key so the others can name it as bootnode.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

n="${1:-3}"
base="${BASE:-$(mktemp -d -t persistence-local-XXXX)}"
[ "${2:-}" = "--base" ] && base="$3"
names=(alice bob charlie dave eve ferdie)
[ "$n" -ge 1 ] && [ "$n" -le ${#names[@]} ] || { echo "N must be 1..${#names[@]}" >&2; exit 2; }
[ -x "$PERSISTENCE_NODE" ] || scripts/build.sh

# A fixed, well-known key for node 0 (development only!) and the peer id it yields.
BOOT_KEY=0000000000000000000000000000000000000000000000000000000000000001
boot_id=$("$PERSISTENCE_NODE" key inspect-node-key --file <(printf %s "$BOOT_KEY") 2>/dev/null)
bootnode="/ip4/127.0.0.1/tcp/30333/p2p/$boot_id"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

for ((i = 0; i < n; i++)); do
  name=${names[$i]}
  args=(--chain local --validator "--$name" --name "$name"
        --base-path "$base/$name"
        --rpc-port $((9944 + i)) --prometheus-port $((9615 + i))
        --listen-addr "/ip4/127.0.0.1/tcp/$((30333 + i))"
        --no-mdns --no-telemetry --rpc-cors all --unsafe-force-node-key-generation)
  if [ "$i" -eq 0 ]; then args+=(--node-key "$BOOT_KEY"); else args+=(--bootnodes "$bootnode"); fi
  "$PERSISTENCE_NODE" "${args[@]}" >"$base/$name.log" 2>&1 &
  pids+=($!)
  echo "$name: ws://127.0.0.1:$((9944 + i))  (log $base/$name.log)"
done
echo "bootnode: $bootnode"
echo "base path: $base — Ctrl-C stops the network"
wait
