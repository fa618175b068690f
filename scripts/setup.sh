#!/usr/bin/env bash
# Install what building and testing Persistence needs, if it is missing: protoc (Debian
# protobuf-compiler), the pinned Rust toolchain with the wasm32v1-none target and rust-src,
# and the e2e suite's npm packages. Safe to run repeatedly.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v protoc >/dev/null 2>&1 || need_apt+=(protobuf-compiler)
command -v clang >/dev/null 2>&1 || true   # not needed: no RocksDB, no bindgen
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "==> installing ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

toolchain=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)
if ! rustup target list --installed --toolchain "$toolchain" 2>/dev/null | grep -q '^wasm32v1-none$' \
   || ! rustup component list --installed --toolchain "$toolchain" 2>/dev/null | grep -q '^rust-src'; then
  echo "==> installing Rust $toolchain with wasm32v1-none and rust-src"
  rustup toolchain install "$toolchain" --profile minimal \
    --target wasm32v1-none --component rust-src >/dev/null
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "==> installing nodejs and npm"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null
fi
if [ ! -d e2e/node_modules/@polkadot/api ] || [ e2e/package-lock.json -nt e2e/node_modules/.package-lock.json ]; then
  echo "==> installing e2e npm packages"
  (cd e2e && npm ci --no-audit --no-fund --loglevel=error)
fi
