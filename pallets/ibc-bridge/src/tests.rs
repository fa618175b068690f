//! Unit tests on the mock runtime; the relay scenarios use [`crate::testkit`]'s Tendermint
//! chain.

use frame_support::{assert_noop, assert_ok, traits::{fungible::InspectHold, fungibles::Inspect as _}, BoundedVec};
use ibc::apps::transfer::types::packet::PacketData;
use ibc::clients::tendermint::types::{Header as TmHeader, Misbehaviour as TmMisbehaviour};
use ibc::core::channel::types::acknowledgement::AcknowledgementStatus;
use ibc::core::channel::types::channel::{Order, State as ChanState};
use ibc::core::channel::types::msgs::MsgChannelOpenInit;
use ibc::core::channel::types::Version as ChanVersion;
use ibc::core::client::context::client_state::{ClientStateCommon, ClientStateValidation};
use ibc::core::client::context::ClientValidationContext;
use ibc::core::client::types::msgs::{MsgRecoverClient, MsgUpdateClient};
use ibc::core::client::types::{Height, Status};
use ibc::core::connection::types::msgs::MsgConnectionOpenInit;
use ibc::core::connection::types::Counterparty as ConnCounterparty;
use ibc::core::host::types::identifiers::{ClientId, ConnectionId, PortId};
use ibc::core::host::types::path::{AckPath, ChannelEndPath, CommitmentPath, Path, ReceiptPath};
use ibc::core::host::ValidationContext;
use ibc::core::primitives::proto::Any;
use ibc::core::primitives::{Timestamp, ToProto};
use ibc_testkit::hosts::{tendermint::BlockParams, TestBlock, TestHost};
use sp_runtime::DispatchError;

use crate::host::{read_path, IbcContext};
use crate::mock::*;
use crate::testkit::*;
use crate::transfer::{account_string, escrow_account};
use crate::{AssetDenoms, Error, Event, TransferAsset};

fn id(s: &str) -> crate::IdBytes {
    BoundedVec::try_from(s.as_bytes().to_vec()).unwrap()
}

fn denom(s: &str) -> crate::DenomBytes {
    BoundedVec::try_from(s.as_bytes().to_vec()).unwrap()
}

fn addr(s: &str) -> crate::AddressBytes {
    BoundedVec::try_from(s.as_bytes().to_vec()).unwrap()
}

fn signed(who: [u8; 32]) -> RuntimeOrigin {
    RuntimeOrigin::signed(acc(who))
}

/// A day after genesis: a timeout timestamp no test reaches.
fn far_future() -> Option<u64> {
    Some((GENESIS_MS + 86_400_000) * 1_000_000)
}

fn send(
    who: [u8; 32],
    channel: &str,
    asset: TransferAsset<u32>,
    amount: u128,
    receiver: &str,
) -> frame_support::dispatch::DispatchResult {
    Ibc::transfer(signed(who), id(channel), asset, amount, addr(receiver), None, far_future(), BoundedVec::new())
}

fn packet_data(packet: &ibc::core::channel::types::packet::Packet) -> PacketData {
    serde_json::from_slice(&packet.data).unwrap()
}

fn client_status(client: &ClientId) -> Status {
    let ctx = IbcContext::<Test>::new();
    ctx.client_state(client).unwrap().status(&ctx, client).unwrap()
}

const VOUCHER: u32 = 1_000_000;

#[test]
fn relays_handshakes_transfers_both_ways_timeout_error_ack_and_misbehaviour() {
    new_test_ext().execute_with(|| {
        let mut b = new_cosmos();
        let link = open_link(&mut b);
        let ctx = IbcContext::<Test>::new();

        // Handshakes completed on both ends.
        let chan_a = ctx.channel_end(&ChannelEndPath::new(&PortId::transfer(), &link.chan_a)).unwrap();
        assert_eq!(*chan_a.state(), ChanState::Open);
        assert_eq!(chan_a.version().as_str(), "ics20-1");
        assert!(ctx.connection_end(&link.conn_a).unwrap().is_open());
        let chan_b = b.ibc_store().channel_end(&ChannelEndPath::new(&PortId::transfer(), &link.chan_b)).unwrap();
        assert_eq!(*chan_b.state(), ChanState::Open);
        assert!(b.ibc_store().connection_end(&link.conn_b).unwrap().is_open());
        // The relayer paid a deposit for the client, the connection and the channel it created.
        assert_eq!(Balances::balance_on_hold(&crate::HoldReason::IbcObjectDeposit.into(), &acc(RELAYER)), 300);

        // A -> B: 1,000 uxprt escrowed, packet relayed, success ack.
        let escrow = escrow_account::<Test>(&link.chan_a);
        let alice_before = Balances::free_balance(acc(ALICE));
        assert_ok!(send(ALICE, "channel-0", TransferAsset::Native, 1_000, "cosmos1receiver"));
        assert_eq!(Balances::free_balance(&escrow), 1_000);
        assert_eq!(Balances::free_balance(acc(ALICE)), alice_before - 1_000);
        let packet = last_sent_packet(&link);
        let data = packet_data(&packet);
        assert_eq!(data.token.denom.to_string(), "uxprt");
        assert_eq!(data.token.amount.to_string(), "1000");
        assert_eq!(data.receiver.as_ref(), "cosmos1receiver");
        assert_eq!(data.sender.as_ref(), account_string::<Test>(&acc(ALICE)));
        let commitment = Path::Commitment(CommitmentPath::new(&PortId::transfer(), &link.chan_a, packet.seq_on_a));
        assert!(read_path(&commitment).is_some());
        let ack = relay_a_to_b(&mut b, &link, packet);
        let status: AcknowledgementStatus = serde_json::from_slice(ack.as_ref()).unwrap();
        assert!(status.is_successful());
        assert!(read_path(&commitment).is_none(), "acknowledged packet's commitment is deleted");
        assert_eq!(Balances::free_balance(&escrow), 1_000, "successful transfer stays escrowed");

        // B -> A: 5,000 uatom arrive as a voucher with its trace on record.
        let bob = account_string::<Test>(&acc(BOB));
        let packet = send_b_to_a(&mut b, &link, "uatom", 5_000, &bob);
        assert_eq!(Assets::balance(VOUCHER, acc(BOB)), 5_000);
        let trace = AssetDenoms::<Test>::get(VOUCHER).unwrap();
        assert_eq!(trace.denom.as_slice(), b"transfer/channel-0/uatom");
        assert!(!trace.mapped);
        assert!(System::events().iter().any(|r| matches!(&r.event,
            RuntimeEvent::Ibc(Event::VoucherCreated { asset, .. }) if *asset == VOUCHER)));
        let receipt = Path::Receipt(ReceiptPath::new(&PortId::transfer(), &link.chan_a, packet.seq_on_a));
        assert!(read_path(&receipt).is_some());
        let ack_path = Path::Ack(AckPath::new(&PortId::transfer(), &link.chan_a, packet.seq_on_a));
        assert!(read_path(&ack_path).is_some());

        // Bob sends 2,000 vouchers home: burned here, success ack.
        assert_ok!(send(BOB, "channel-0", TransferAsset::Asset(VOUCHER), 2_000, "cosmos1bob"));
        assert_eq!(Assets::balance(VOUCHER, acc(BOB)), 3_000);
        assert_eq!(Assets::total_issuance(VOUCHER), 3_000);
        let packet = last_sent_packet(&link);
        assert_eq!(packet_data(&packet).token.denom.to_string(), "transfer/channel-0/uatom");
        let ack = relay_a_to_b(&mut b, &link, packet);
        assert!(serde_json::from_slice::<AcknowledgementStatus>(ack.as_ref()).unwrap().is_successful());

        // B sends 400 of A's XPRT back: unescrowed to Alice.
        let alice = account_string::<Test>(&acc(ALICE));
        let alice_before = Balances::free_balance(acc(ALICE));
        send_b_to_a(&mut b, &link, &format!("transfer/{}/uxprt", link.chan_b), 400, &alice);
        assert_eq!(Balances::free_balance(acc(ALICE)), alice_before + 400);
        assert_eq!(Balances::free_balance(&escrow), 600);

        // Timeout: B never receives the packet and passes its timeout height; A refunds.
        let alice_before = Balances::free_balance(acc(ALICE));
        let timeout = b.latest_height().revision_height() + 2;
        assert_ok!(Ibc::transfer(
            signed(ALICE),
            id("channel-0"),
            TransferAsset::Native,
            500,
            addr("cosmos1receiver"),
            Some((0, timeout)),
            None,
            BoundedVec::new()
        ));
        assert_eq!(Balances::free_balance(acc(ALICE)), alice_before - 500);
        let packet = last_sent_packet(&link);
        for _ in 0..3 {
            b.advance_block_height();
        }
        timeout_on_a(&mut b, &link, packet.clone());
        assert_eq!(Balances::free_balance(acc(ALICE)), alice_before);
        assert_eq!(Balances::free_balance(&escrow), 600);
        let commitment = Path::Commitment(CommitmentPath::new(&PortId::transfer(), &link.chan_a, packet.seq_on_a));
        assert!(read_path(&commitment).is_none());

        // Error acknowledgement: B's receiver refuses; A refunds.
        let alice_before = Balances::free_balance(acc(ALICE));
        assert_ok!(send(ALICE, "channel-0", TransferAsset::Native, 300, "cosmos1reject"));
        let packet = last_sent_packet(&link);
        let ack = relay_a_to_b(&mut b, &link, packet);
        assert!(!serde_json::from_slice::<AcknowledgementStatus>(ack.as_ref()).unwrap().is_successful());
        assert_eq!(Balances::free_balance(acc(ALICE)), alice_before);
        assert_eq!(Balances::free_balance(&escrow), 600);

        // Misbehaviour: two validly signed, conflicting headers at one height freeze the client.
        assert_eq!(client_status(&link.client_a), Status::Active);
        submit_conflicting_headers(&b, &link.client_a);
        assert_eq!(client_status(&link.client_a), Status::Frozen);
        // Nothing verified against a frozen client gets in.
        b.advance_block_height();
        sync_a_clock(&b);
        let trusted = IbcContext::<Test>::new().client_state(&link.client_a).unwrap().latest_height();
        let header = b
            .host_block(&b.latest_height())
            .unwrap()
            .into_header_with_trusted(&b.host.get_block(&trusted).unwrap());
        let update = MsgUpdateClient { client_id: link.client_a.clone(), client_message: header.into(), signer: signer() };
        assert_noop!(deliver_a(vec![update.to_any()]), Error::<Test>::ClientError);
    });
}

/// Two headers for the same height signed by B's validators but committing different app
/// hashes: a fork only a misbehaving validator set can produce.
fn submit_conflicting_headers(b: &Cosmos, client: &ClientId) {
    let trusted = IbcContext::<Test>::new().client_state(client).unwrap().latest_height();
    let trusted_block = b.host.get_block(&trusted).unwrap();
    let height = b.latest_height().increment();
    let time = (b.latest_timestamp() + core::time::Duration::from_secs(3)).unwrap();
    while Timestamp::from_nanoseconds(Time::get() * 1_000_000) < time {
        next_block();
    }
    let params = BlockParams::default();
    let block1 = b.host.generate_block(vec![1u8; 32], height.revision_height(), time, &params);
    let block2 = b.host.generate_block(vec![2u8; 32], height.revision_height(), time, &params);
    let header1: TmHeader = block1.into_header_with_trusted(&trusted_block).into();
    let header2: TmHeader = block2.into_header_with_trusted(&trusted_block).into();
    let misbehaviour = TmMisbehaviour::new(client.clone(), header1, header2);
    // Reported the current way: a `MsgUpdateClient` whose client message is the misbehaviour.
    let msg = MsgUpdateClient { client_id: client.clone(), client_message: misbehaviour.into(), signer: signer() };
    assert_ok!(deliver_a(vec![msg.to_any()]));
}

#[test]
fn governance_mapped_usdt_arrives_as_the_chains_own_usdt_and_leaves_by_burning() {
    new_test_ext().execute_with(|| {
        let mut b = new_cosmos();
        let link = open_link(&mut b);
        assert_ok!(Ibc::map_denom(RuntimeOrigin::root(), denom("transfer/channel-0/uusdt"), USDT));
        let bob = account_string::<Test>(&acc(BOB));
        let supply = Assets::total_issuance(USDT);
        send_b_to_a(&mut b, &link, "uusdt", 7_000, &bob);
        assert_eq!(Assets::balance(USDT, acc(BOB)), 7_000, "minted as USDT, not a voucher");
        assert_eq!(Assets::total_issuance(USDT), supply + 7_000);
        assert!(AssetDenoms::<Test>::get(VOUCHER).is_none());
        assert_ok!(send(BOB, "channel-0", TransferAsset::Asset(USDT), 2_500, "cosmos1bob"));
        assert_eq!(Assets::balance(USDT, acc(BOB)), 4_500);
        assert_eq!(Assets::total_issuance(USDT), supply + 4_500);
        assert_eq!(packet_data(&last_sent_packet(&link)).token.denom.to_string(), "transfer/channel-0/uusdt");
        assert_ok!(Ibc::unmap_denom(RuntimeOrigin::root(), denom("transfer/channel-0/uusdt")));
        System::assert_last_event(RuntimeEvent::Ibc(Event::DenomUnmapped {
            denom: b"transfer/channel-0/uusdt".to_vec(),
            asset: USDT,
        }));
    });
}

#[test]
fn local_usdt_is_escrowed_and_returns_from_escrow() {
    new_test_ext().execute_with(|| {
        let mut b = new_cosmos();
        let link = open_link(&mut b);
        let escrow = escrow_account::<Test>(&link.chan_a);
        assert_ok!(send(ALICE, "channel-0", TransferAsset::Asset(USDT), 10_000, "cosmos1receiver"));
        assert_eq!(Assets::balance(USDT, &escrow), 10_000);
        let packet = last_sent_packet(&link);
        assert_eq!(packet_data(&packet).token.denom.to_string(), "asset-1984");
        relay_a_to_b(&mut b, &link, packet);
        let bob = account_string::<Test>(&acc(BOB));
        send_b_to_a(&mut b, &link, &format!("transfer/{}/asset-1984", link.chan_b), 4_000, &bob);
        assert_eq!(Assets::balance(USDT, acc(BOB)), 4_000);
        assert_eq!(Assets::balance(USDT, &escrow), 6_000);
    });
}

#[test]
fn disabled_channel_acknowledges_arrivals_with_an_error_and_refuses_sends() {
    new_test_ext().execute_with(|| {
        let mut b = new_cosmos();
        let link = open_link(&mut b);
        assert_ok!(Ibc::set_channel_transfers(RuntimeOrigin::root(), id("channel-0"), false));
        assert_noop!(
            send(ALICE, "channel-0", TransferAsset::Native, 10, "cosmos1x"),
            Error::<Test>::TransfersDisabled
        );
        let bob = account_string::<Test>(&acc(BOB));
        let packet = send_b_to_a(&mut b, &link, "uatom", 5_000, &bob);
        assert_eq!(Assets::balance(VOUCHER, acc(BOB)), 0);
        let ack = read_path(&Path::Ack(AckPath::new(&PortId::transfer(), &link.chan_a, packet.seq_on_a)));
        assert!(ack.is_some(), "an (error) acknowledgement is written so B refunds");
        assert_ok!(Ibc::set_channel_transfers(RuntimeOrigin::root(), id("channel-0"), true));
        assert_ok!(send(ALICE, "channel-0", TransferAsset::Native, 10, "cosmos1x"));
    });
}

#[test]
fn rate_limit_caps_outflow_per_window_and_resets() {
    new_test_ext().execute_with(|| {
        let mut b = new_cosmos();
        let _link = open_link(&mut b);
        let limit = crate::RateLimit { max_amount: 1_000u128, period: 10u64 };
        assert_ok!(Ibc::set_rate_limit(RuntimeOrigin::root(), denom("uxprt"), Some(limit)));
        assert_ok!(send(ALICE, "channel-0", TransferAsset::Native, 600, "cosmos1x"));
        assert_noop!(send(ALICE, "channel-0", TransferAsset::Native, 500, "cosmos1x"), Error::<Test>::RateLimited);
        for _ in 0..10 {
            next_block();
        }
        assert_ok!(send(ALICE, "channel-0", TransferAsset::Native, 500, "cosmos1x"));
    });
}

#[test]
fn governance_freezes_unfreezes_and_recovers_clients() {
    new_test_ext().execute_with(|| {
        let b = new_cosmos();
        let client = create_client_on_a(&b);
        let name = client.as_str();
        assert_noop!(Ibc::freeze_client(signed(ALICE), id(name)), DispatchError::BadOrigin);
        assert_ok!(Ibc::freeze_client(RuntimeOrigin::root(), id(name)));
        assert_eq!(client_status(&client), Status::Frozen);
        assert_noop!(Ibc::freeze_client(RuntimeOrigin::root(), id(name)), Error::<Test>::ClientAlreadyFrozen);
        assert_ok!(Ibc::unfreeze_client(RuntimeOrigin::root(), id(name)));
        assert_eq!(client_status(&client), Status::Active);
        assert_noop!(Ibc::unfreeze_client(RuntimeOrigin::root(), id(name)), Error::<Test>::ClientNotFrozen);
        assert_noop!(Ibc::unfreeze_client(signed(ALICE), id(name)), DispatchError::BadOrigin);

        // Recovery: the frozen subject takes the state of an active substitute of the same chain
        // at a later height.
        let mut b = b;
        assert_ok!(Ibc::freeze_client(RuntimeOrigin::root(), id(name)));
        b.advance_block_height();
        b.advance_block_height();
        sync_a_clock(&b);
        let substitute = create_client_on_a(&b);
        assert_noop!(
            Ibc::recover_client(signed(ALICE), id(name), id(substitute.as_str())),
            DispatchError::BadOrigin
        );
        assert_ok!(Ibc::recover_client(RuntimeOrigin::root(), id(name), id(substitute.as_str())));
        assert_eq!(client_status(&client), Status::Active);
        assert_eq!(
            IbcContext::<Test>::new().client_state(&client).unwrap().latest_height(),
            b.latest_height()
        );
        assert_noop!(
            Ibc::recover_client(RuntimeOrigin::root(), id("07-tendermint-99"), id(substitute.as_str())),
            Error::<Test>::UnknownClient
        );
        assert_noop!(Ibc::freeze_client(RuntimeOrigin::root(), id("bad id!")), Error::<Test>::InvalidClient);
        assert_noop!(Ibc::freeze_client(RuntimeOrigin::root(), id("07-tendermint-99")), Error::<Test>::UnknownClient);
    });
}

#[test]
fn this_chain_records_its_consensus_state_per_block_and_prunes_old_ones() {
    new_test_ext().execute_with(|| {
        next_block();
        let record = crate::HostConsensusStates::<Test>::get(1).unwrap();
        assert_eq!(record.timestamp_nanos, GENESIS_MS * 1_000_000);
        assert_eq!(record.root, crate::host::commitment_root());
        for _ in 0..100 {
            next_block();
        }
        assert!(crate::HostConsensusStates::<Test>::get(1).is_none());
        assert!(crate::HostConsensusStates::<Test>::get(2).is_some());
        let h = Height::new(0, 2).unwrap();
        assert!(IbcContext::<Test>::new().host_consensus_state(&h).is_ok());
        assert!(IbcContext::<Test>::new().host_consensus_state(&Height::new(0, 1).unwrap()).is_err());
    });
}

// ---- one test per refusal -------------------------------------------------------------------

#[test]
fn deliver_refuses_an_empty_batch() {
    new_test_ext().execute_with(|| {
        assert_noop!(Ibc::deliver(signed(RELAYER), BoundedVec::new()), Error::<Test>::NoMessages);
    });
}

#[test]
fn deliver_needs_a_signed_origin() {
    new_test_ext().execute_with(|| {
        let batch = BoundedVec::try_from(vec![raw(Any { type_url: "/x".into(), value: vec![] })]).unwrap();
        assert_noop!(Ibc::deliver(RuntimeOrigin::root(), batch), DispatchError::BadOrigin);
    });
}

#[test]
fn deliver_refuses_undecodable_messages() {
    new_test_ext().execute_with(|| {
        assert_noop!(
            deliver_a(vec![Any { type_url: "/cosmos.bank.v1beta1.MsgSend".into(), value: vec![1, 2, 3] }]),
            Error::<Test>::UndecodableMessage
        );
        assert_noop!(
            deliver_a(vec![Any { type_url: "/ibc.core.client.v1.MsgCreateClient".into(), value: vec![0xff; 8] }]),
            Error::<Test>::UndecodableMessage
        );
    });
}

#[test]
fn deliver_refuses_client_recovery_which_is_governance_only() {
    new_test_ext().execute_with(|| {
        let msg = MsgRecoverClient {
            subject_client_id: ClientId::new("07-tendermint", 0).unwrap(),
            substitute_client_id: ClientId::new("07-tendermint", 1).unwrap(),
            signer: signer(),
        };
        assert_noop!(deliver_a(vec![msg.to_any()]), Error::<Test>::GovernanceOnlyMessage);
    });
}

#[test]
fn deliver_reports_client_errors() {
    new_test_ext().execute_with(|| {
        let b = new_cosmos();
        let trusted = b.host.get_block(&b.latest_height()).unwrap();
        let header = b.host_block(&b.latest_height()).unwrap().into_header_with_trusted(&trusted);
        let msg = MsgUpdateClient {
            client_id: ClientId::new("07-tendermint", 5).unwrap(),
            client_message: header.into(),
            signer: signer(),
        };
        assert_noop!(deliver_a(vec![msg.to_any()]), Error::<Test>::ClientError);
    });
}

#[test]
fn deliver_reports_connection_errors() {
    new_test_ext().execute_with(|| {
        let msg = MsgConnectionOpenInit {
            client_id_on_a: ClientId::new("07-tendermint", 3).unwrap(),
            counterparty: ConnCounterparty::new(ClientId::new("07-tendermint", 0).unwrap(), None, b"mock".to_vec().into()),
            version: None,
            delay_period: core::time::Duration::ZERO,
            signer: signer(),
        };
        assert_noop!(deliver_a(vec![msg.to_any()]), Error::<Test>::ConnectionError);
    });
}

#[test]
fn deliver_reports_channel_errors() {
    new_test_ext().execute_with(|| {
        let msg = MsgChannelOpenInit {
            port_id_on_a: PortId::transfer(),
            connection_hops_on_a: vec![ConnectionId::new(4)],
            port_id_on_b: PortId::transfer(),
            ordering: Order::Unordered,
            signer: signer(),
            version_proposal: ChanVersion::new("ics20-1".into()),
        };
        assert_noop!(deliver_a(vec![msg.to_any()]), Error::<Test>::ChannelError);
    });
}

#[test]
fn deliver_reports_router_errors_for_unbound_ports() {
    new_test_ext().execute_with(|| {
        let mut b = new_cosmos();
        let link = open_link(&mut b);
        let msg = MsgChannelOpenInit {
            port_id_on_a: "oracle".parse().unwrap(),
            connection_hops_on_a: vec![link.conn_a.clone()],
            port_id_on_b: "oracle".parse().unwrap(),
            ordering: Order::Unordered,
            signer: signer(),
            version_proposal: ChanVersion::new("oracle-1".into()),
        };
        assert_noop!(deliver_a(vec![msg.to_any()]), Error::<Test>::RouterError);
    });
}

#[test]
fn creating_a_client_needs_the_deposit() {
    new_test_ext().execute_with(|| {
        let poor = [7u8; 32];
        assert_ok!(Balances::force_set_balance(RuntimeOrigin::root(), acc(poor), 50));
        let b = new_cosmos();
        let light = ibc_testkit::testapp::ibc::core::types::dummy_light_client(&b).call();
        let consensus = light.consensus_states.values().next().cloned().unwrap();
        let msg = ibc::core::client::types::msgs::MsgCreateClient::new(
            light.client_state.into(),
            consensus.into(),
            signer(),
        );
        let batch = BoundedVec::try_from(vec![raw(msg.to_any())]).unwrap();
        assert_noop!(Ibc::deliver(signed(poor), batch), Error::<Test>::InsufficientDeposit);
    });
}

#[test]
fn transfer_refusals() {
    new_test_ext().execute_with(|| {
        let mut b = new_cosmos();
        let link = open_link(&mut b);
        let _ = link;
        assert_noop!(send(ALICE, "channel-0", TransferAsset::Native, 0, "cosmos1x"), Error::<Test>::ZeroAmount);
        assert_noop!(send(ALICE, "chan 0!", TransferAsset::Native, 5, "cosmos1x"), Error::<Test>::InvalidChannel);
        assert_noop!(send(ALICE, "channel-7", TransferAsset::Native, 5, "cosmos1x"), Error::<Test>::UnknownChannel);
        assert_noop!(send(ALICE, "channel-0", TransferAsset::Asset(77), 5, "cosmos1x"), Error::<Test>::UnknownAsset);
        assert_noop!(send(ALICE, "channel-0", TransferAsset::Native, 5, "  "), Error::<Test>::InvalidReceiver);
        assert_noop!(
            Ibc::transfer(signed(ALICE), id("channel-0"), TransferAsset::Native, 5, addr("cosmos1x"), None, None, BoundedVec::new()),
            Error::<Test>::MissingTimeout
        );
        assert_noop!(
            send(ALICE, "channel-0", TransferAsset::Native, 2_000_000_000, "cosmos1x"),
            Error::<Test>::InsufficientBalance
        );
        assert_noop!(
            Ibc::transfer(RuntimeOrigin::root(), id("channel-0"), TransferAsset::Native, 5, addr("x"), None, far_future(), BoundedVec::new()),
            DispatchError::BadOrigin
        );
    });
}

#[test]
fn transfer_on_a_channel_still_opening_fails_in_ibc() {
    new_test_ext().execute_with(|| {
        let mut b = new_cosmos();
        let link = open_link(&mut b);
        // A second channel, only initialised on A.
        let init = MsgChannelOpenInit {
            port_id_on_a: PortId::transfer(),
            connection_hops_on_a: vec![link.conn_a.clone()],
            port_id_on_b: PortId::transfer(),
            ordering: Order::Unordered,
            signer: signer(),
            version_proposal: ChanVersion::new("ics20-1".into()),
        };
        assert_ok!(deliver_a(vec![init.to_any()]));
        assert_noop!(send(ALICE, "channel-1", TransferAsset::Native, 5, "cosmos1x"), Error::<Test>::TransferFailed);
    });
}

#[test]
fn governance_call_refusals() {
    new_test_ext().execute_with(|| {
        assert_noop!(Ibc::set_channel_transfers(signed(ALICE), id("channel-0"), false), DispatchError::BadOrigin);
        assert_noop!(
            Ibc::set_channel_transfers(RuntimeOrigin::root(), id("not a channel"), false),
            Error::<Test>::InvalidChannel
        );
        let limit = crate::RateLimit { max_amount: 1u128, period: 0u64 };
        assert_noop!(Ibc::set_rate_limit(signed(ALICE), denom("uxprt"), None), DispatchError::BadOrigin);
        assert_noop!(
            Ibc::set_rate_limit(RuntimeOrigin::root(), denom("uxprt"), Some(limit)),
            Error::<Test>::InvalidRateLimit
        );
        assert_noop!(Ibc::map_denom(signed(ALICE), denom("transfer/channel-0/uusdt"), USDT), DispatchError::BadOrigin);
        assert_noop!(Ibc::map_denom(RuntimeOrigin::root(), denom("uusdt"), USDT), Error::<Test>::InvalidDenom);
        assert_noop!(
            Ibc::map_denom(RuntimeOrigin::root(), denom("transfer/channel-0/uusdt"), 4242),
            Error::<Test>::UnknownAsset
        );
        assert_ok!(Ibc::map_denom(RuntimeOrigin::root(), denom("transfer/channel-0/uusdt"), USDT));
        assert_noop!(
            Ibc::map_denom(RuntimeOrigin::root(), denom("transfer/channel-0/uusdt"), USDT),
            Error::<Test>::DenomAlreadyMapped
        );
        assert_noop!(
            Ibc::map_denom(RuntimeOrigin::root(), denom("transfer/channel-1/uusdt"), USDT),
            Error::<Test>::AssetAlreadyMapped
        );
        assert_noop!(Ibc::unmap_denom(signed(ALICE), denom("transfer/channel-0/uusdt")), DispatchError::BadOrigin);
        assert_noop!(
            Ibc::unmap_denom(RuntimeOrigin::root(), denom("transfer/channel-5/uatom")),
            Error::<Test>::DenomNotMapped
        );
    });
}

#[test]
fn vouchers_cannot_be_unmapped_by_governance() {
    new_test_ext().execute_with(|| {
        let mut b = new_cosmos();
        let link = open_link(&mut b);
        let bob = account_string::<Test>(&acc(BOB));
        send_b_to_a(&mut b, &link, "uatom", 5, &bob);
        assert_noop!(
            Ibc::unmap_denom(RuntimeOrigin::root(), denom("transfer/channel-0/uatom")),
            Error::<Test>::DenomNotMapped
        );
    });
}

#[test]
fn deliver_charges_each_message_by_its_benchmarked_kind() {
    use crate::weights::WeightInfo;
    type W = ();
    let msg = |url: &str, len: usize| crate::RawMessage::<<Test as crate::Config>::MaxMessageSize> {
        type_url: BoundedVec::truncate_from(url.as_bytes().to_vec()),
        value: BoundedVec::truncate_from(vec![0u8; len]),
    };
    let charged = |msgs: Vec<_>| Ibc::deliver_weight(&BoundedVec::truncate_from(msgs));
    let one_proof = <W as WeightInfo>::deliver_chan_open_ack();

    assert_eq!(charged(vec![msg("/ibc.core.channel.v1.MsgRecvPacket", 900)]), <W as WeightInfo>::deliver_recv_packet());
    assert_eq!(charged(vec![msg("/ibc.core.channel.v1.MsgAcknowledgement", 900)]), <W as WeightInfo>::deliver_acknowledgement());
    assert_eq!(charged(vec![msg("/ibc.core.channel.v1.MsgTimeout", 900)]), <W as WeightInfo>::deliver_timeout());
    assert_eq!(
        charged(vec![msg("/ibc.core.channel.v1.MsgTimeoutOnClose", 900)]),
        <W as WeightInfo>::deliver_timeout().saturating_add(one_proof)
    );
    assert_eq!(charged(vec![msg("/ibc.core.connection.v1.MsgConnectionOpenAck", 900)]), <W as WeightInfo>::deliver_conn_open_ack());
    assert_eq!(charged(vec![msg("/ibc.core.connection.v1.MsgConnectionOpenTry", 900)]), <W as WeightInfo>::deliver_conn_open_ack());
    assert_eq!(charged(vec![msg("/ibc.core.channel.v1.MsgChannelOpenConfirm", 900)]), one_proof);
    assert_eq!(charged(vec![msg("/ibc.core.client.v1.MsgCreateClient", 900)]), <W as WeightInfo>::create_client());
    // A header of ~150 validators' signatures: 30,000 bytes / 200 + 1.
    assert_eq!(charged(vec![msg("/ibc.core.client.v1.MsgUpdateClient", 30_000)]), <W as WeightInfo>::update_client(151));
    // Unknown kinds are charged as the costliest message before being refused.
    assert_eq!(charged(vec![msg("/cosmos.bank.v1beta1.MsgSend", 10)]), <W as WeightInfo>::update_client(150));
    // A batch costs the sum of its messages.
    assert_eq!(
        charged(vec![msg("/ibc.core.client.v1.MsgUpdateClient", 30_000), msg("/ibc.core.channel.v1.MsgRecvPacket", 900)]),
        <W as WeightInfo>::update_client(151).saturating_add(<W as WeightInfo>::deliver_recv_packet())
    );
    // The benchmarked proof-carrying kinds cost far less than the header update they used to be
    // charged as.
    assert!(<W as WeightInfo>::deliver_recv_packet().ref_time() < <W as WeightInfo>::update_client(150).ref_time());
}
