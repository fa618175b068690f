fn main() {
    #[cfg(feature = "std")]
    {
        // Both WASM variants below compile this crate to the same cdylib path in the shared WASM
        // project (cargo names cdylibs without a hash). Left in place, the variant built last
        // would look "fresh" to the next build of the other one, and wasm-builder would copy
        // the wrong runtime. Removing it before each build makes cargo recompile this crate (and
        // only this crate) for the variant being built.
        let stale_cdylibs = || {
            let Some(out_dir) = std::env::var_os("OUT_DIR") else { return };
            // OUT_DIR = <target>/<profile>/build/<package>-<hash>/out
            let Some(profile_dir) = std::path::Path::new(&out_dir).ancestors().nth(3) else { return };
            let release = profile_dir.join("wbuild/persistence-runtime/target/wasm32v1-none/release");
            for path in [release.join("persistence_runtime.wasm"), release.join("deps/persistence_runtime.wasm")] {
                let _ = std::fs::remove_file(path);
            }
        };
        stale_cdylibs();
        // A previous run's upgrade-test blob must not outlive a run that does not build it
        // (PERSISTENCE_UPGRADE_TEST_WASM unset, or its build failed): scripts/build-upgrade-wasm.sh
        // would propose it as "this runtime + 1".
        if let Some(out_dir) = std::env::var_os("OUT_DIR") {
            if let Some(profile_dir) = std::path::Path::new(&out_dir).ancestors().nth(3) {
                let project = profile_dir.join("wbuild/persistence-runtime");
                for ext in ["wasm", "compact.wasm", "compact.compressed.wasm"] {
                    let _ = std::fs::remove_file(project.join(format!("upgrade_test_wasm_binary.rs.{ext}")));
                }
            }
        }
        substrate_wasm_builder::WasmBuilder::build_using_defaults();
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
            // Same flags as `build_using_defaults` (in the same order: RUSTFLAGS are part of
            // every artifact's fingerprint), plus the feature.
            substrate_wasm_builder::WasmBuilder::init_with_defaults()
                .enable_feature("upgrade-test")
                .set_file_name("upgrade_test_wasm_binary.rs")
                .build();
        }
    }
}
