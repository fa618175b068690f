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
#
# Symbol names embed each crate's `-C metadata`, which cargo derives from the crate's absolute
# path when it lies outside the workspace being built — as this repository's crates do for the
# WASM builder's own project (and that project's crate inherits it through its dependencies).
# For those crates only (target wasm32v1-none) the metadata is replaced by a hash of what identifies the unit without a path:
# crate name, crate type, its `--cfg` flags (features) and the rest of cargo's `-C` options.
# Cargo does not see any of this, so it changes no fingerprint and no artifact name.
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
args=("$@")
case " ${args[*]} " in
  *" --target wasm32v1-none "*|*" --target=wasm32v1-none "*)
    src_file=""
    for a in "${args[@]}"; do case "$a" in *.rs) src_file="$a"; break ;; esac; done
    # This repository's crates (absolute paths, outside the WASM project) and the WASM
    # project's own crate (a relative path: its only member), whose metadata cargo derives from
    # its dependencies' — the runtime's, path included.
    if [[ "$src_file" == "$repo"/* || ( -n "$src_file" && "$src_file" != /* ) ]]; then
      ident=()
      for ((i = 0; i < ${#args[@]}; i++)); do
        case "${args[i]}" in
          --crate-name|--crate-type|--cfg|--edition) ident+=("${args[i]}" "${args[i+1]:-}") ;;
        esac
      done
      meta="$(printf '%s\n' "${src_file#"$repo"/}" "${ident[@]}" | sha256sum | cut -c1-16)"
      for ((i = 0; i < ${#args[@]}; i++)); do
        case "${args[i]}" in
          metadata=*) [ "${args[i-1]:-}" = "-C" ] && args[i]="metadata=$meta" ;;
          -Cmetadata=*) args[i]="-Cmetadata=$meta" ;;
        esac
      done
    fi
    ;;
esac
exec "$rustc" "${args[@]}" "${flags[@]}"
