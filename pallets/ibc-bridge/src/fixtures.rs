//! Signed Tendermint fixtures for benchmarks and the e2e test, generated with ibc-testkit /
//! tendermint-testgen: `cargo test --release -p pallet-ibc-bridge -- --ignored generate_fixtures`
//! writes `fixtures/tendermint.scale` and `e2e/fixtures/ibc-create-client.json`.
//!
//! The clients have a 10-year trusting period (20-year unbonding period), so the fixtures stay
//! valid on a live chain long after they were generated.

use codec::Encode;
use core::time::Duration;
use ibc::core::client::types::msgs::{MsgCreateClient, MsgUpdateClient};
use ibc::core::primitives::proto::Any;
use ibc::core::primitives::{Signer, Timestamp, ToProto};
use ibc_testkit::context::TestContext;
use ibc_testkit::fixtures::clients::tendermint::ClientStateConfig;
use ibc_testkit::fixtures::core::context::dummy_store_generic_test_context;
use ibc_testkit::hosts::{tendermint::BlockParams, TendermintHost, TestBlock, TestHost};
use ibc_testkit::testapp::ibc::core::types::dummy_light_client;
use prost::Message;
use tendermint_testgen::Validator as TestgenValidator;

use crate::benchmark_fixtures::{ClientFixture, TendermintFixtures, VALIDATOR_COUNTS};

const TEN_YEARS: Duration = Duration::from_secs(10 * 365 * 24 * 3600);

fn encode_any(any: Any) -> Vec<u8> {
    any.encode_to_vec()
}

/// A Cosmos chain with `validators` equally weighted validators, a client of it created at
/// height 5 and a header at height 6 that updates it.
fn fixture(validators: u32, now: Timestamp) -> ClientFixture {
    let vals: Vec<TestgenValidator> =
        (0..validators).map(|i| TestgenValidator::new(&format!("val-{i}")).voting_power(10)).collect();
    let params = BlockParams::builder().validators(vals.clone()).next_validators(vals).build();
    let history: Vec<BlockParams> = (0..4)
        .map(|_| {
            BlockParams::builder()
                .validators(params.validators.clone())
                .next_validators(params.next_validators.clone())
                .build()
        })
        .collect();
    let mut b: TestContext<TendermintHost> = dummy_store_generic_test_context()
        .latest_timestamp(now)
        .latest_height(ibc::core::client::types::Height::new(0, 5).expect("height"))
        .block_params_history(history)
        .call();
    let config = ClientStateConfig::builder()
        .trusting_period(TEN_YEARS)
        .unbonding_period(TEN_YEARS * 2)
        .max_clock_drift(Duration::from_secs(60))
        .build();
    let light = dummy_light_client(&b).params(config).call();
    let trusted_height = b.latest_height();
    let consensus = light.consensus_states.values().next().cloned().expect("consensus state");
    let signer = Signer::from("fixture".to_string());
    let create = MsgCreateClient::new(light.client_state.into(), consensus.into(), signer.clone());

    b.advance_block_height_with_params(Duration::from_secs(5), &params);
    let trusted_block = b.host.get_block(&trusted_height).expect("trusted block");
    let target = b.latest_height();
    let header = b.host_block(&target).expect("block").into_header_with_trusted(&trusted_block);
    let update = MsgUpdateClient {
        client_id: ibc::core::host::types::identifiers::ClientId::new("07-tendermint", 0).expect("id"),
        client_message: header.into(),
        signer,
    };
    let header_time_ms = b.latest_timestamp().nanoseconds() / 1_000_000;
    ClientFixture {
        validators,
        create_client: encode_any(create.to_any()),
        update_client: encode_any(update.to_any()),
        header_time_ms,
    }
}

#[test]
#[ignore = "writes fixture files; run on purpose"]
fn generate_fixtures() {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs();
    let now = Timestamp::from_nanoseconds(secs * 1_000_000_000);
    let fixtures = TendermintFixtures { clients: VALIDATOR_COUNTS.iter().map(|v| fixture(*v, now)).collect() };
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(dir.join("fixtures")).expect("dir");
    std::fs::write(dir.join("fixtures/tendermint.scale"), fixtures.encode()).expect("write");

    // The e2e test creates a client from the 4-validator fixture.
    let small = fixture(4, now);
    let any = Any::decode(small.create_client.as_slice()).expect("any");
    let json = serde_json::json!({
        "typeUrl": any.type_url,
        "value": format!("0x{}", hex::encode(&any.value)),
        "headerTimeMs": small.header_time_ms,
        "chainId": "mock-0",
        "validators": 4,
    });
    let e2e = dir.join("../../e2e/fixtures");
    std::fs::create_dir_all(&e2e).expect("dir");
    std::fs::write(e2e.join("ibc-create-client.json"), serde_json::to_string_pretty(&json).expect("json"))
        .expect("write");
}
