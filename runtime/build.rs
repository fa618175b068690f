fn main() {
    #[cfg(feature = "std")]
    {
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
            // Same flags as `build_using_defaults` (in the same order: RUSTFLAGS are part of
            // every artifact's fingerprint), plus the feature.
            substrate_wasm_builder::WasmBuilder::init_with_defaults()
                .enable_feature("upgrade-test")
                .set_file_name("upgrade_test_wasm_binary.rs")
                .build();
        }
    }
}
