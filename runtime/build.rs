fn main() {
    #[cfg(feature = "std")]
    {
        // Both WASM variants below compile this crate to the same cdylib path in the shared WASM
        // project (cargo names cdylibs without a hash). Left in place, the variant built last
        // would look "fresh" to the next build of the other one, and wasm-builder would copy
        // the wrong runtime. Removing it before each build makes cargo recompile this crate (and
        // only this crate) for the variant being built.
        // The shared WASM project: OUT_DIR = <target>/<profile>/build/<package>-<hash>/out, the
        // project is <target>/<profile>/wbuild/persistence-runtime.
        let wasm_project = std::env::var_os("OUT_DIR").and_then(|out_dir| {
            std::path::Path::new(&out_dir)
                .ancestors()
                .nth(3)
                .map(|profile_dir| profile_dir.join("wbuild/persistence-runtime"))
        });
        let stale_cdylibs = || {
            let Some(project) = &wasm_project else { return };
            let release = project.join("target/wasm32v1-none/release");
            for path in [release.join("persistence_runtime.wasm"), release.join("deps/persistence_runtime.wasm")] {
                let _ = std::fs::remove_file(path);
            }
        };
        stale_cdylibs();
        // A previous run's upgrade-test blob must not outlive a run that does not build it
        // (PERSISTENCE_UPGRADE_TEST_WASM unset, or its build failed): scripts/build-upgrade-wasm.sh
        // would propose it as "this runtime + 1".
        // The same holds for the try-runtime blob (the e2e suite runs a node on it).
        if let Some(project) = &wasm_project {
            for name in ["upgrade_test_wasm_binary.rs", "try_runtime_wasm_binary.rs"] {
                for ext in ["wasm", "compact.wasm", "compact.compressed.wasm"] {
                    let _ = std::fs::remove_file(project.join(format!("{name}.{ext}")));
                }
            }
        }
        // The metadata hash (RFC-78) is compiled into the runtime so `CheckMetadataHash` can
        // check it: wasm-builder builds once, hashes the merkleized metadata with the token
        // symbol and decimals below, and builds again with the hash. The figures must be the
        // chain's (`persistence_primitives::TOKEN_SYMBOL` / `TOKEN_DECIMALS`, which also go
        // into the chain spec's properties): a hardware wallet shows amounts with them, and a
        // signer that hashes other figures is refused (the e2e polkadot-api test checks both).
        const TOKEN_SYMBOL: &str = "XPRT";
        const TOKEN_DECIMALS: u8 = 6;
        substrate_wasm_builder::WasmBuilder::init_with_defaults()
            .enable_metadata_hash(TOKEN_SYMBOL, TOKEN_DECIMALS)
            .build();
        // The governance e2e test upgrades to this same runtime one `spec_version` higher. Built
        // here, in the same WASM project, it reuses every dependency artifact of the build above
        // and only compiles this crate again (a second target directory would compile the whole
        // runtime dependency tree for WASM a second time). Off unless asked for: scripts/env.sh
        // asks, so the scripted builds and CI have it.
        println!("cargo:rerun-if-env-changed=PERSISTENCE_UPGRADE_TEST_WASM");
        if std::env::var_os("PERSISTENCE_UPGRADE_TEST_WASM").is_some_and(|v| v == "1")
            && std::env::var_os("CARGO_FEATURE_UPGRADE_TEST").is_none()
        {
            stale_cdylibs();
            // Same flags as the build above (in the same order: RUSTFLAGS are part of every
            // artifact's fingerprint), plus the feature.
            substrate_wasm_builder::WasmBuilder::init_with_defaults()
                .enable_feature("upgrade-test")
                .enable_metadata_hash(TOKEN_SYMBOL, TOKEN_DECIMALS)
                .set_file_name("upgrade_test_wasm_binary.rs")
                .build();
        }
        // The same runtime with `try-runtime`: its `TryRuntime` API runs every migration with
        // its pre/post checks and every pallet's `try_state`. The e2e suite runs a dev node's
        // own state through it (`--wasm-runtime-overrides`: same spec_version). The feature
        // reaches every pallet, so this compiles the dependency tree a second time (its own
        // artifacts, kept beside the normal ones); off unless scripts/env.sh asks. No metadata
        // hash: no wallet signs against this blob.
        println!("cargo:rerun-if-env-changed=PERSISTENCE_TRY_RUNTIME_WASM");
        if std::env::var_os("PERSISTENCE_TRY_RUNTIME_WASM").is_some_and(|v| v == "1")
            && std::env::var_os("CARGO_FEATURE_UPGRADE_TEST").is_none()
            && std::env::var_os("CARGO_FEATURE_TRY_RUNTIME").is_none()
        {
            stale_cdylibs();
            substrate_wasm_builder::WasmBuilder::init_with_defaults()
                .enable_feature("try-runtime")
                .set_file_name("try_runtime_wasm_binary.rs")
                .build();
        }
    }
}
