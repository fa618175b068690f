#!/usr/bin/env bash
# Fail when the committed chain specs no longer match what the runtime produces.
#
# The genesis WASM blob is left out of the comparison: it embeds the build's source paths, so
# two correct builds in different directories (a developer's, CI's clone) differ in it. Every
# other field — name, id, properties, bootnodes, and the whole genesis state — must match.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
scripts/gen-chain-specs.sh "$tmp" >/dev/null
python3 - "$tmp" <<'PY'
import json, sys
tmp = sys.argv[1]
CODE = "0x3a636f6465"  # the `:code` storage key
def strip(spec):
    g = spec.get("genesis", {})
    g.get("runtimeGenesis", {}).pop("code", None)
    g.get("raw", {}).get("top", {}).pop(CODE, None)
    return spec
bad = []
for f in ["dev", "local", "testnet", "dev-raw", "local-raw", "testnet-raw"]:
    try:
        committed = strip(json.load(open(f"chain-specs/{f}.json")))
    except FileNotFoundError:
        bad.append(f"chain-specs/{f}.json is missing"); continue
    fresh = strip(json.load(open(f"{tmp}/{f}.json")))
    if committed != fresh:
        bad.append(f"chain-specs/{f}.json is stale")
if bad:
    print("\n".join(bad) + "\nrun scripts/gen-chain-specs.sh and commit the result", file=sys.stderr)
    sys.exit(1)
print("chain specs match the runtime")
PY
