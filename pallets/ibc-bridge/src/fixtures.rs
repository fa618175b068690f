//! Signed Tendermint fixtures for benchmarks and the e2e test, generated with ibc-testkit /
//! tendermint-testgen: `cargo test --release -p pallet-ibc-bridge -- --ignored generate_fixtures`
//! writes `fixtures/tendermint.scale` and `e2e/fixtures/ibc-create-client.json`;
//! `… -- --ignored generate_link_fixture` writes `fixtures/link.scale` (an open link and one
//! unrelayed message per proof-carrying kind, for the `deliver_*` benchmarks).
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

/// An open link (offline relay against an ibc-testkit Tendermint chain) and one unrelayed
/// message of each proof-carrying kind, each proven by B at a height A's client knows.
fn link_fixture() -> crate::benchmark_fixtures::LinkFixture {
    use crate::mock::*;
    use crate::testkit::*;
    use crate::types::TransferAsset;
    use frame_support::{assert_ok, BoundedVec};
    use sp_core::crypto::Ss58Codec;

    const AMOUNT: u128 = 5_000_000;
    let mut fixture = crate::benchmark_fixtures::LinkFixture::default();
    new_test_ext().execute_with(|| {
        let mut b = new_cosmos();
        let link = open_link(&mut b);

        // chan_open_ack: a second channel, INIT on A, TRYOPEN on B.
        let (chan_a1, chan_b1) = chan_init_a_try_b(&mut b, &link.conn_a, &link.conn_b, &link.client_b);
        fixture.chan_open_ack = encode_any(chan_ack_msg(&b, &link.client_a, &chan_a1, &chan_b1));

        // recv_packet: B sends a token this chain has never seen.
        let (_, recv) = b_sends(&mut b, &link, "uatom", AMOUNT, &acc(BOB).to_ss58check());
        fixture.recv_packet = encode_any(recv);

        // acknowledgement: XPRT to a receiver B refuses (error ack, refund from escrow).
        assert_ok!(Ibc::transfer(
            RuntimeOrigin::signed(acc(ALICE)),
            BoundedVec::truncate_from(link.chan_a.as_str().as_bytes().to_vec()),
            TransferAsset::Native,
            AMOUNT,
            BoundedVec::truncate_from(b"cosmos1reject".to_vec()),
            None,
            Some((GENESIS_MS + 86_400_000) * 1_000_000),
            BoundedVec::new(),
        ));
        let packet = last_sent_packet(&link);
        let ack = b_receives(&mut b, &link, &packet);
        fixture.acknowledgement = encode_any(ack_msg(&b, &link, packet, ack));

        // timeout: XPRT B never receives; B passes the timeout height.
        let timeout_height = b.latest_height().revision_height() + 2;
        assert_ok!(Ibc::transfer(
            RuntimeOrigin::signed(acc(ALICE)),
            BoundedVec::truncate_from(link.chan_a.as_str().as_bytes().to_vec()),
            TransferAsset::Native,
            AMOUNT,
            BoundedVec::truncate_from(b"cosmos1receiver".to_vec()),
            Some((0, timeout_height)),
            None,
            BoundedVec::new(),
        ));
        let packet = last_sent_packet(&link);
        for _ in 0..3 {
            b.advance_block_height();
        }
        fixture.timeout = encode_any(timeout_msg(&b, &link, packet));

        // conn_open_ack with B's client of A in ibc-testkit's mock format (B's own handlers).
        let (conn_a1, conn_b1) = conn_init_a_try_b(&mut b, &link.client_a, &link.client_b);
        fixture.conn_open_ack_mock =
            encode_any(conn_ack_msg(&b, &link.client_a, &link.client_b, &conn_a1, &conn_b1));

        // conn_open_ack with B's client of A in the runtime's Substrate format: B's side is
        // written into its store directly (ibc-testkit's handlers cannot hold that client), as
        // a chain running a GRANDPA client of this one would have it.
        fixture.conn_open_ack_substrate = encode_any(substrate_conn_ack(&mut b, &link));

        // A's state as it stands: everything the messages above are checked against.
        let mut key = Vec::new();
        while let Some(next) = sp_io::default_child_storage::next_key(crate::host::IBC_CHILD_TRIE, &key) {
            let value = sp_io::default_child_storage::get(crate::host::IBC_CHILD_TRIE, &next).expect("value");
            fixture.child_trie.push((next.clone(), value));
            key = next;
        }
        fixture.client_id = link.client_a.as_str().as_bytes().to_vec();
        fixture.consensus_heights =
            crate::ConsensusHeights::<Test>::get(crate::host::client_key(&link.client_a).expect("id")).into_inner();
        fixture.host_time_ms = Time::get();
        fixture.escrow_channel = link.chan_a.as_str().as_bytes().to_vec();
        fixture.escrow_needed = 2 * AMOUNT;
        fixture.host_records = crate::HostConsensusStates::<Test>::iter().collect();
        fixture.host_records.sort_by_key(|(n, _)| *n);
    });
    fixture
}

/// The runtime's self client: chain id and revision of `runtime/src/configs/ibc.rs`.
const RUNTIME_CHAIN_ID: &str = "persistence-1";
const RUNTIME_REVISION: u64 = 1;

/// A connection from A to a Substrate-format client of A on B: A inits; B stores the client
/// (state + consensus state equal to A's record at A's latest finalized height) and a TRYOPEN
/// end; returns A's `MsgConnectionOpenAck` with B's proofs.
fn substrate_conn_ack(b: &mut crate::testkit::Cosmos, link: &crate::testkit::Link) -> Any {
    use crate::mock::*;
    use crate::self_client::{
        RawSubstrateClientState, RawSubstrateConsensusState, SUBSTRATE_CLIENT_STATE_TYPE_URL,
        SUBSTRATE_CONSENSUS_STATE_TYPE_URL,
    };
    use crate::testkit::*;
    use basecoin_store::context::Store;
    use frame_support::assert_ok;
    use ibc::core::client::types::Height;
    use ibc::core::connection::types::msgs::{MsgConnectionOpenAck, MsgConnectionOpenInit};
    use ibc::core::connection::types::version::Version as ConnVersion;
    use ibc::core::connection::types::{ConnectionEnd, Counterparty, State};
    use ibc::core::host::types::identifiers::{ClientId, ConnectionId};
    use ibc::core::host::types::path::{ClientConsensusStatePath, ClientStatePath, ConnectionPath, Path};
    use ibc::core::host::ValidationContext;
    use ibc::core::primitives::proto::Protobuf;

    let grandpa = ClientId::new(crate::self_client::SELF_CLIENT_TYPE, 0).expect("id");
    let h = finalize_a().revision_height();
    let record = crate::HostConsensusStates::<Test>::get(h).expect("recorded");
    let client_state = Any {
        type_url: SUBSTRATE_CLIENT_STATE_TYPE_URL.into(),
        value: RawSubstrateClientState {
            chain_id: RUNTIME_CHAIN_ID.into(),
            revision_number: RUNTIME_REVISION,
            latest_height: h,
            frozen_height: 0,
        }
        .encode_to_vec(),
    };
    let consensus_state = Any {
        type_url: SUBSTRATE_CONSENSUS_STATE_TYPE_URL.into(),
        value: RawSubstrateConsensusState { timestamp: record.timestamp_nanos, root: record.root.to_vec() }
            .encode_to_vec(),
    };
    let mut put = |path: Path, value: Vec<u8>| {
        b.ibc_store_mut().store.set(path.to_string().into(), value).expect("B stores");
    };
    put(ClientStatePath::new(grandpa.clone()).into(), client_state.encode_to_vec());
    put(
        ClientConsensusStatePath::new(grandpa.clone(), RUNTIME_REVISION, h).into(),
        consensus_state.encode_to_vec(),
    );

    let b_prefix = b.ibc_store().commitment_prefix();
    let init = MsgConnectionOpenInit {
        client_id_on_a: link.client_a.clone(),
        counterparty: Counterparty::new(grandpa.clone(), None, b_prefix),
        version: None,
        delay_period: Duration::ZERO,
        signer: signer(),
    };
    assert_ok!(deliver_a(vec![init.to_any()]));
    let conn_a = ConnectionId::new(crate::IbcCounters::<Test>::get().connections - 1);
    let conn_b = ConnectionId::new(99);
    let version = ConnVersion::compatibles().into_iter().next().expect("a version");
    let end = ConnectionEnd::new(
        State::TryOpen,
        grandpa.clone(),
        Counterparty::new(link.client_a.clone(), Some(conn_a.clone()), b"ibc".to_vec().into()),
        vec![version.clone()],
        Duration::ZERO,
    )
    .expect("connection end");
    b.ibc_store_mut()
        .store
        .set(Path::from(ConnectionPath::new(&conn_b)).to_string().into(), end.encode_vec())
        .expect("B stores");
    b.advance_block_height();

    let h_b = update_a(b, &link.client_a);
    MsgConnectionOpenAck {
        conn_id_on_a: conn_a,
        conn_id_on_b: conn_b.clone(),
        client_state_of_a_on_b: client_state,
        proof_conn_end_on_b: proof_b(b, h_b, ConnectionPath::new(&conn_b).into()),
        proof_client_state_of_a_on_b: proof_b(b, h_b, ClientStatePath::new(grandpa.clone()).into()),
        proof_consensus_state_of_a_on_b: proof_b(
            b,
            h_b,
            ClientConsensusStatePath::new(grandpa, RUNTIME_REVISION, h).into(),
        ),
        proofs_height_on_b: h_b,
        consensus_height_of_a_on_b: Height::new(RUNTIME_REVISION, h).expect("height"),
        version,
        signer: signer(),
        proof_consensus_state_of_a: None,
    }
    .to_any()
}

#[test]
#[ignore = "writes a fixture file; run on purpose"]
fn generate_link_fixture() {
    let fixture = link_fixture();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::write(dir.join("fixtures/link.scale"), fixture.encode()).expect("write");
}
