#!/usr/bin/env bash
# RUSTC_WRAPPER (set by scripts/env.sh): rustc with the build's machine-specific paths remapped,
# so the runtime WASM (and the node) come out byte-identical whatever directory the repository
# is cloned into, whatever CARGO_HOME and target directory are used: panic locations embed
# source paths, and without this two correct builds of the same commit differ in their blake2
# hash — the hash a runtime-upgrade referendum authorizes. The WASM builder's nested cargo
# inherits RUSTC_WRAPPER, so the WASM build goes through here too.
#   <repository>           -> /persistence
#   $CARGO_HOME            -> /cargo       (registry and git sources)
#   $PERSISTENCE_TARGET_ROOT -> /target    (build-script output included into crates)
#   the toolchain's rust-src -> /rustc-src (core and alloc, which the WASM build compiles from
#                                           source; rustup's own path and toolchain name vary)
# Cargo does not see these flags, so they change no fingerprint and no artifact name.
set -euo pipefail
rustc="$1"; shift
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cargo_home="$(cd "${CARGO_HOME:-$HOME/.cargo}" 2>/dev/null && pwd -P || echo "${CARGO_HOME:-$HOME/.cargo}")"
flags=(--remap-path-prefix="$repo=/persistence" --remap-path-prefix="$cargo_home=/cargo")
sysroot="${PERSISTENCE_SYSROOT:-$("$rustc" --print sysroot)}"
src="$sysroot/lib/rustlib/src/rust"
flags+=(--remap-path-prefix="$src=/rustc-src")
if [ -d "$src" ]; then
  canonical="$(cd "$src" && pwd -P)"
  [ "$canonical" != "$src" ] && flags+=(--remap-path-prefix="$canonical=/rustc-src")
fi
if [ -n "${PERSISTENCE_TARGET_ROOT:-}" ]; then
  flags+=(--remap-path-prefix="$PERSISTENCE_TARGET_ROOT=/target")
fi
exec "$rustc" "$@" "${flags[@]}"
