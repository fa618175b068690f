//! Test relayer between this pallet (chain A, mock runtime) and an ibc-testkit chain with a
//! Tendermint host (chain B, "cosmos": testgen-signed light blocks, real ICS-23 proofs).
//!
//! A tracks B with the pallet's Tendermint client (headers and proofs fully verified). B
//! tracks A with ibc-testkit's mock client, which does not check proofs — so proofs of A's
//! state handed to B are placeholders; what B learns about A is A's per-block consensus
//! record (height, timestamp) exactly as the pallet recorded it.

use std::sync::Arc;

use frame_support::{assert_ok, BoundedVec};
use ibc::apps::transfer::types::{ack_success_b64, packet::PacketData};
use ibc::core::channel::types::acknowledgement::{Acknowledgement, AcknowledgementStatus, StatusValue};
use ibc::core::channel::types::channel::{Counterparty as ChanCounterparty, Order};
use ibc::core::channel::types::error::ChannelError;
use ibc::core::channel::types::msgs::{
    ChannelMsg, MsgAcknowledgement, MsgChannelOpenAck, MsgChannelOpenConfirm, MsgChannelOpenInit,
    MsgChannelOpenTry, MsgRecvPacket, MsgTimeout, PacketMsg,
};
use ibc::core::channel::types::packet::Packet;
use ibc::core::channel::types::Version as ChanVersion;
use ibc::core::client::context::client_state::ClientStateCommon;
use ibc::core::client::context::ClientValidationContext;
use ibc::core::client::types::msgs::{ClientMsg, MsgCreateClient, MsgUpdateClient};
use ibc::core::client::types::Height;
use ibc::core::commitment_types::commitment::{CommitmentPrefix, CommitmentProofBytes};
use ibc::core::connection::types::msgs::{
    ConnectionMsg, MsgConnectionOpenAck, MsgConnectionOpenConfirm, MsgConnectionOpenInit,
    MsgConnectionOpenTry,
};
use ibc::core::connection::types::version::Version as ConnVersion;
use ibc::core::connection::types::Counterparty as ConnCounterparty;
use ibc::core::handler::types::events::IbcEvent;
use ibc::core::handler::types::msgs::MsgEnvelope;
use ibc::core::host::types::identifiers::{ChannelId, ClientId, ConnectionId, PortId};
use ibc::core::host::types::path::Path;
use ibc::core::host::ValidationContext;
use ibc::core::primitives::proto::Any;
use ibc::core::primitives::{Signer, Timestamp, ToProto};
use ibc::core::router::module::Module;
use ibc::core::router::types::module::{ModuleExtras, ModuleId};
use ibc_query::core::context::ProvableContext;
use ibc_testkit::context::TestContext;
use ibc_testkit::fixtures::core::context::dummy_store_generic_test_context;
use ibc_testkit::hosts::{TendermintHost, TestBlock, TestHost};
use ibc_testkit::testapp::ibc::clients::mock::client_state::MockClientState;
use ibc_testkit::testapp::ibc::clients::mock::consensus_state::MockConsensusState;
use ibc_testkit::testapp::ibc::clients::mock::header::MockHeader;
use ibc_testkit::testapp::ibc::core::types::dummy_light_client;

use crate::host::IbcContext;
use crate::mock::*;
use crate::{HostConsensusStates, RawMessage};

pub type Cosmos = TestContext<TendermintHost>;

pub fn signer() -> Signer {
    Signer::from("relayer".to_string())
}

/// A placeholder proof of this chain's state for B (its mock client does not verify).
pub fn unverified_proof() -> CommitmentProofBytes {
    CommitmentProofBytes::try_from(vec![1u8]).expect("non-empty")
}

/// The ICS-20 application on B: a Cosmos chain's transfer module reduced to what the test
/// observes — it acknowledges every packet with ICS-20's success ack, except packets for
/// `cosmos1reject`, which get an error ack.
#[derive(Debug, Default)]
pub struct CosmosTransferApp;

impl Module for CosmosTransferApp {
    fn on_chan_open_init_validate(
        &self, _: Order, _: &[ConnectionId], _: &PortId, _: &ChannelId, _: &ChanCounterparty, v: &ChanVersion,
    ) -> Result<ChanVersion, ChannelError> {
        Ok(v.clone())
    }
    fn on_chan_open_init_execute(
        &mut self, _: Order, _: &[ConnectionId], _: &PortId, _: &ChannelId, _: &ChanCounterparty, v: &ChanVersion,
    ) -> Result<(ModuleExtras, ChanVersion), ChannelError> {
        Ok((ModuleExtras::empty(), v.clone()))
    }
    fn on_chan_open_try_validate(
        &self, _: Order, _: &[ConnectionId], _: &PortId, _: &ChannelId, _: &ChanCounterparty, v: &ChanVersion,
    ) -> Result<ChanVersion, ChannelError> {
        Ok(v.clone())
    }
    fn on_chan_open_try_execute(
        &mut self, _: Order, _: &[ConnectionId], _: &PortId, _: &ChannelId, _: &ChanCounterparty, v: &ChanVersion,
    ) -> Result<(ModuleExtras, ChanVersion), ChannelError> {
        Ok((ModuleExtras::empty(), v.clone()))
    }
    fn on_recv_packet_execute(&mut self, packet: &Packet, _: &Signer) -> (ModuleExtras, Option<Acknowledgement>) {
        let data: PacketData = serde_json::from_slice(&packet.data).expect("ICS-20 packet data");
        let status = if data.receiver.as_ref() == "cosmos1reject" {
            AcknowledgementStatus::error(StatusValue::new("receiver refuses").expect("non-empty"))
        } else {
            AcknowledgementStatus::success(ack_success_b64())
        };
        (ModuleExtras::empty(), Some(status.into()))
    }
    fn on_timeout_packet_validate(&self, _: &Packet, _: &Signer) -> Result<(), ChannelError> {
        Ok(())
    }
    fn on_timeout_packet_execute(&mut self, _: &Packet, _: &Signer) -> (ModuleExtras, Result<(), ChannelError>) {
        (ModuleExtras::empty(), Ok(()))
    }
    fn on_acknowledgement_packet_validate(&self, _: &Packet, _: &Acknowledgement, _: &Signer) -> Result<(), ChannelError> {
        Ok(())
    }
    fn on_acknowledgement_packet_execute(
        &mut self, _: &Packet, _: &Acknowledgement, _: &Signer,
    ) -> (ModuleExtras, Result<(), ChannelError>) {
        (ModuleExtras::empty(), Ok(()))
    }
}

/// A Cosmos chain whose clock is a minute behind this chain's genesis.
pub fn new_cosmos() -> Cosmos {
    let latest = Timestamp::from_nanoseconds((GENESIS_MS - 60_000) * 1_000_000);
    let mut b: Cosmos = dummy_store_generic_test_context().latest_timestamp(latest).call();
    b.ibc_router.router.insert(ModuleId::new("transfer".to_string()), Arc::new(CosmosTransferApp));
    b
}

pub fn raw(any: Any) -> RawMessage<<Test as crate::Config>::MaxMessageSize> {
    RawMessage {
        type_url: BoundedVec::try_from(any.type_url.into_bytes()).expect("short url"),
        value: BoundedVec::try_from(any.value).expect("message fits"),
    }
}

/// Delivers messages to A as the relayer.
pub fn deliver_a(msgs: Vec<Any>) -> frame_support::dispatch::DispatchResult {
    let batch = BoundedVec::try_from(msgs.into_iter().map(raw).collect::<Vec<_>>()).expect("few messages");
    Ibc::deliver(RuntimeOrigin::signed(acc(RELAYER)), batch)
}

pub fn last_b_event(b: &Cosmos) -> IbcEvent {
    b.ibc_store().events.lock().last().cloned().expect("an event")
}

/// B's proof of `path` at `height` (real ICS-23, verified by A's Tendermint client).
pub fn proof_b(b: &Cosmos, height: Height, path: Path) -> CommitmentProofBytes {
    let bytes = b.ibc_store().get_proof(height, &path).expect("B has a proof");
    CommitmentProofBytes::try_from(bytes).expect("non-empty")
}

/// Creates B's Tendermint client on A; returns its id.
pub fn create_client_on_a(b: &Cosmos) -> ClientId {
    let light = dummy_light_client(b).call();
    let consensus = light.consensus_states.values().next().cloned().expect("one consensus state");
    let msg = MsgCreateClient::new(light.client_state.into(), consensus.into(), signer());
    assert_ok!(deliver_a(vec![msg.to_any()]));
    ClientId::new("07-tendermint", crate::IbcCounters::<Test>::get().clients - 1).expect("valid")
}

/// Lets A's clock catch up with B's latest block (updates from the future are refused).
pub fn sync_a_clock(b: &Cosmos) {
    while Timestamp::from_nanoseconds(Time::get() * 1_000_000) < b.latest_timestamp() {
        next_block();
    }
}

/// Updates A's client of B to B's latest height.
pub fn update_a(b: &Cosmos, client: &ClientId) -> Height {
    sync_a_clock(b);
    let ctx = IbcContext::<Test>::new();
    let trusted = ctx.client_state(client).expect("client").latest_height();
    let target = b.latest_height();
    if trusted == target {
        return target;
    }
    let trusted_block = b.host.get_block(&trusted).expect("trusted block");
    let header = b.host_block(&target).expect("target block").into_header_with_trusted(&trusted_block);
    let msg = MsgUpdateClient { client_id: client.clone(), client_message: header.into(), signer: signer() };
    assert_ok!(deliver_a(vec![msg.to_any()]));
    target
}

/// A's latest finalized height and its consensus record.
pub fn finalize_a() -> Height {
    next_block();
    Height::new(0, System::block_number() - 1).expect("non-zero")
}

fn a_header(height: Height) -> MockHeader {
    let record = HostConsensusStates::<Test>::get(height.revision_height()).expect("recorded");
    MockHeader::new(height).with_timestamp(Timestamp::from_nanoseconds(record.timestamp_nanos))
}

/// Creates B's mock client of A at A's latest finalized height.
pub fn create_client_on_b(b: &mut Cosmos) -> ClientId {
    let h = finalize_a();
    let a_time = Timestamp::from_nanoseconds(HostConsensusStates::<Test>::get(h.revision_height()).expect("recorded").timestamp_nanos);
    while b.latest_timestamp() < a_time {
        b.advance_block_height();
    }
    let header = a_header(h);
    let msg = MsgCreateClient::new(
        MockClientState::new(header).into(),
        MockConsensusState::new(header).into(),
        signer(),
    );
    b.deliver(MsgEnvelope::Client(ClientMsg::CreateClient(msg))).expect("B creates the client");
    match last_b_event(b) {
        IbcEvent::CreateClient(e) => e.client_id().clone(),
        e => panic!("unexpected {e:?}"),
    }
}

/// Finalizes A's block and updates B's client of A to it.
pub fn update_b(b: &mut Cosmos, client_on_b: &ClientId) -> Height {
    let h = finalize_a();
    // B's mock client refuses consensus states from its future: let B's clock catch up.
    let a_time = Timestamp::from_nanoseconds(HostConsensusStates::<Test>::get(h.revision_height()).expect("recorded").timestamp_nanos);
    while b.latest_timestamp() < a_time {
        b.advance_block_height();
    }
    let msg = MsgUpdateClient { client_id: client_on_b.clone(), client_message: a_header(h).into(), signer: signer() };
    b.deliver(MsgEnvelope::Client(ClientMsg::UpdateClient(msg))).expect("B updates its client of A");
    h
}

pub struct Link {
    pub client_a: ClientId,
    pub client_b: ClientId,
    pub conn_a: ConnectionId,
    pub conn_b: ConnectionId,
    pub chan_a: ChannelId,
    pub chan_b: ChannelId,
}

/// Clients on both sides, the connection and the ICS-20 channel, handshakes relayed as a
/// relayer would.
pub fn open_link(b: &mut Cosmos) -> Link {
    let client_a = create_client_on_a(b);
    let client_b = create_client_on_b(b);

    // Connection: A inits, B tries, A acks, B confirms.
    let (conn_a, conn_b) = conn_init_a_try_b(b, &client_a, &client_b);
    assert_ok!(deliver_a(vec![conn_ack_msg(b, &client_a, &client_b, &conn_a, &conn_b)]));

    let h_a = update_b(b, &client_b);
    let confirm = MsgConnectionOpenConfirm {
        conn_id_on_b: conn_b.clone(),
        proof_conn_end_on_a: unverified_proof(),
        proof_height_on_a: h_a,
        signer: signer(),
    };
    b.deliver(MsgEnvelope::Connection(ConnectionMsg::OpenConfirm(confirm))).expect("B: conn open confirm");

    // Channel on port `transfer`: A inits, B tries, A acks, B confirms.
    let transfer = PortId::transfer();
    let (chan_a, chan_b) = chan_init_a_try_b(b, &conn_a, &conn_b, &client_b);

    assert_ok!(deliver_a(vec![chan_ack_msg(b, &client_a, &chan_a, &chan_b)]));

    let h_a = update_b(b, &client_b);
    let confirm = MsgChannelOpenConfirm {
        port_id_on_b: transfer.clone(),
        chan_id_on_b: chan_b.clone(),
        proof_chan_end_on_a: unverified_proof(),
        proof_height_on_a: h_a,
        signer: signer(),
    };
    b.deliver(MsgEnvelope::Channel(ChannelMsg::OpenConfirm(confirm))).expect("B: chan open confirm");

    Link { client_a, client_b, conn_a, conn_b, chan_a, chan_b }
}

/// A new connection between A's client of B and B's client of A: A inits, B tries. Returns
/// (A's, B's) connection ids.
pub fn conn_init_a_try_b(b: &mut Cosmos, client_a: &ClientId, client_b: &ClientId) -> (ConnectionId, ConnectionId) {
    let init = MsgConnectionOpenInit {
        client_id_on_a: client_a.clone(),
        counterparty: ConnCounterparty::new(client_b.clone(), None, b.ibc_store().commitment_prefix()),
        version: None,
        delay_period: core::time::Duration::ZERO,
        signer: signer(),
    };
    assert_ok!(deliver_a(vec![init.to_any()]));
    let conn_a = ConnectionId::new(crate::IbcCounters::<Test>::get().connections - 1);

    let h_a = update_b(b, client_b);
    let ctx = IbcContext::<Test>::new();
    let client_of_b = ctx.client_state(client_a).expect("client");
    let consensus_height_of_b_on_a = client_of_b.latest_height();
    #[allow(deprecated)]
    let try_msg = MsgConnectionOpenTry {
        client_id_on_b: client_b.clone(),
        client_state_of_b_on_a: client_of_b.into(),
        counterparty: ConnCounterparty::new(client_a.clone(), Some(conn_a.clone()), CommitmentPrefix::from(b"ibc".to_vec())),
        versions_on_a: ConnVersion::compatibles(),
        proof_conn_end_on_a: unverified_proof(),
        proof_client_state_of_b_on_a: unverified_proof(),
        proof_consensus_state_of_b_on_a: unverified_proof(),
        proofs_height_on_a: h_a,
        consensus_height_of_b_on_a,
        delay_period: core::time::Duration::ZERO,
        signer: signer(),
        proof_consensus_state_of_b: None,
        previous_connection_id: String::new(),
    };
    b.deliver(MsgEnvelope::Connection(ConnectionMsg::OpenTry(try_msg))).expect("B: conn open try");
    let conn_b = match last_b_event(b) {
        IbcEvent::OpenTryConnection(e) => e.conn_id_on_b().clone(),
        e => panic!("unexpected {e:?}"),
    };
    (conn_a, conn_b)
}

/// `MsgConnectionOpenAck` for A's connection in INIT, with B's proofs (at B's latest height,
/// A's client updated to it first) of its TRYOPEN end, of its client of A and of the consensus
/// state that client holds at its latest height.
pub fn conn_ack_msg(
    b: &Cosmos,
    client_a: &ClientId,
    client_b: &ClientId,
    conn_a: &ConnectionId,
    conn_b: &ConnectionId,
) -> Any {
    use ibc::core::host::types::path::{ClientConsensusStatePath, ClientStatePath, ConnectionPath};
    let h_b = update_a(b, client_a);
    let client_state_of_a_on_b = b.ibc_store().client_state(client_b).expect("B's client of A");
    let consensus_height_of_a_on_b = client_state_of_a_on_b.latest_height();
    MsgConnectionOpenAck {
        conn_id_on_a: conn_a.clone(),
        conn_id_on_b: conn_b.clone(),
        client_state_of_a_on_b: client_state_of_a_on_b.into(),
        proof_conn_end_on_b: proof_b(b, h_b, ConnectionPath::new(conn_b).into()),
        proof_client_state_of_a_on_b: proof_b(b, h_b, ClientStatePath::new(client_b.clone()).into()),
        proof_consensus_state_of_a_on_b: proof_b(
            b,
            h_b,
            ClientConsensusStatePath::new(
                client_b.clone(),
                consensus_height_of_a_on_b.revision_number(),
                consensus_height_of_a_on_b.revision_height(),
            )
            .into(),
        ),
        proofs_height_on_b: h_b,
        consensus_height_of_a_on_b,
        version: ConnVersion::compatibles().into_iter().next().expect("a version"),
        signer: signer(),
        proof_consensus_state_of_a: None,
    }
    .to_any()
}

/// A new ICS-20 channel on the connection: A inits, B tries. Returns (A's, B's) channel ids.
pub fn chan_init_a_try_b(
    b: &mut Cosmos,
    conn_a: &ConnectionId,
    conn_b: &ConnectionId,
    client_b: &ClientId,
) -> (ChannelId, ChannelId) {
    let transfer = PortId::transfer();
    let init = MsgChannelOpenInit {
        port_id_on_a: transfer.clone(),
        connection_hops_on_a: vec![conn_a.clone()],
        port_id_on_b: transfer.clone(),
        ordering: Order::Unordered,
        signer: signer(),
        version_proposal: ChanVersion::new("ics20-1".to_string()),
    };
    assert_ok!(deliver_a(vec![init.to_any()]));
    let chan_a = ChannelId::new(crate::IbcCounters::<Test>::get().channels - 1);

    let h_a = update_b(b, client_b);
    #[allow(deprecated)]
    let try_msg = MsgChannelOpenTry {
        port_id_on_b: transfer.clone(),
        connection_hops_on_b: vec![conn_b.clone()],
        port_id_on_a: transfer.clone(),
        chan_id_on_a: chan_a.clone(),
        version_supported_on_a: ChanVersion::new("ics20-1".to_string()),
        proof_chan_end_on_a: unverified_proof(),
        proof_height_on_a: h_a,
        ordering: Order::Unordered,
        signer: signer(),
        version_proposal: ChanVersion::empty(),
    };
    b.deliver(MsgEnvelope::Channel(ChannelMsg::OpenTry(try_msg))).expect("B: chan open try");
    let chan_b = match last_b_event(b) {
        IbcEvent::OpenTryChannel(e) => e.chan_id_on_b().clone(),
        e => panic!("unexpected {e:?}"),
    };
    (chan_a, chan_b)
}

/// `MsgChannelOpenAck` for A's channel in INIT, proving B's TRYOPEN end at B's latest height
/// (A's client updated to it first).
pub fn chan_ack_msg(b: &Cosmos, client_a: &ClientId, chan_a: &ChannelId, chan_b: &ChannelId) -> Any {
    let h_b = update_a(b, client_a);
    MsgChannelOpenAck {
        port_id_on_a: PortId::transfer(),
        chan_id_on_a: chan_a.clone(),
        chan_id_on_b: chan_b.clone(),
        version_on_b: ChanVersion::new("ics20-1".to_string()),
        proof_chan_end_on_b: proof_b(
            b,
            h_b,
            ibc::core::host::types::path::ChannelEndPath::new(&PortId::transfer(), chan_b).into(),
        ),
        proof_height_on_b: h_b,
        signer: signer(),
    }
    .to_any()
}

/// The packet of A's last `send_packet` event, rebuilt from the event's attributes.
pub fn last_sent_packet(link: &Link) -> Packet {
    let (_, attrs) = ibc_events()
        .into_iter()
        .filter(|(kind, _)| kind == b"send_packet")
        .last()
        .expect("a send_packet event");
    let get = |key: &str| -> String {
        attrs
            .iter()
            .find(|(k, _)| k == key.as_bytes())
            .map(|(_, v)| String::from_utf8(v.clone()).expect("utf8"))
            .unwrap_or_else(|| panic!("attribute {key}"))
    };
    let data = hex::decode(get("packet_data_hex")).expect("hex");
    let timeout_height = get("packet_timeout_height");
    let timeout_height_on_b = if timeout_height == "0-0" {
        ibc::core::channel::types::timeout::TimeoutHeight::Never
    } else {
        ibc::core::channel::types::timeout::TimeoutHeight::At(timeout_height.parse().expect("height"))
    };
    let ts: u64 = get("packet_timeout_timestamp").parse().expect("timestamp");
    let timeout_timestamp_on_b = if ts == 0 {
        ibc::core::channel::types::timeout::TimeoutTimestamp::Never
    } else {
        ibc::core::channel::types::timeout::TimeoutTimestamp::At(Timestamp::from_nanoseconds(ts))
    };
    Packet {
        seq_on_a: get("packet_sequence").parse::<u64>().expect("sequence").into(),
        port_id_on_a: PortId::transfer(),
        chan_id_on_a: link.chan_a.clone(),
        port_id_on_b: PortId::transfer(),
        chan_id_on_b: link.chan_b.clone(),
        data,
        timeout_height_on_b,
        timeout_timestamp_on_b,
    }
}

/// B receives A's packet (after B's client of A catches up); returns B's acknowledgement.
pub fn b_receives(b: &mut Cosmos, link: &Link, packet: &Packet) -> Acknowledgement {
    let h_a = update_b(b, &link.client_b);
    let recv = MsgRecvPacket {
        packet: packet.clone(),
        proof_commitment_on_a: unverified_proof(),
        proof_height_on_a: h_a,
        signer: signer(),
    };
    b.deliver(MsgEnvelope::Packet(PacketMsg::Recv(recv))).expect("B receives");
    b.ibc_store()
        .events
        .lock()
        .iter()
        .rev()
        .find_map(|e| match e {
            IbcEvent::WriteAcknowledgement(w) => Some(w.acknowledgement().clone()),
            _ => None,
        })
        .expect("B acknowledged")
}

/// `MsgAcknowledgement` of B's acknowledgement for A, proven at B's latest height (A's client
/// updated to it first).
pub fn ack_msg(b: &Cosmos, link: &Link, packet: Packet, ack: Acknowledgement) -> Any {
    let h_b = update_a(b, &link.client_a);
    MsgAcknowledgement {
        proof_acked_on_b: proof_b(
            b,
            h_b,
            ibc::core::host::types::path::AckPath::new(&PortId::transfer(), &link.chan_b, packet.seq_on_a).into(),
        ),
        proof_height_on_b: h_b,
        packet,
        acknowledgement: ack,
        signer: signer(),
    }
    .to_any()
}

/// Relays A's packet to B and B's acknowledgement back to A; returns the acknowledgement.
pub fn relay_a_to_b(b: &mut Cosmos, link: &Link, packet: Packet) -> Acknowledgement {
    let ack = b_receives(b, link, &packet);
    assert_ok!(deliver_a(vec![ack_msg(b, link, packet, ack.clone())]));
    ack
}

/// B's transfer module sends an ICS-20 packet to A (as after escrowing on B); returns the
/// packet and the `MsgRecvPacket` that delivers it (A's client of B updated first).
pub fn b_sends(b: &mut Cosmos, link: &Link, denom: &str, amount: u128, receiver: &str) -> (Packet, Any) {
    let data = serde_json::json!({
        "denom": denom,
        "amount": amount.to_string(),
        "sender": "cosmos1sender",
        "receiver": receiver,
        "memo": "",
    });
    let seq = b
        .ibc_store()
        .get_next_sequence_send(&ibc::core::host::types::path::SeqSendPath::new(&PortId::transfer(), &link.chan_b))
        .expect("sequence");
    let packet = Packet {
        seq_on_a: seq,
        port_id_on_a: PortId::transfer(),
        chan_id_on_a: link.chan_b.clone(),
        port_id_on_b: PortId::transfer(),
        chan_id_on_b: link.chan_a.clone(),
        data: serde_json::to_vec(&data).expect("json"),
        timeout_height_on_b: ibc::core::channel::types::timeout::TimeoutHeight::Never,
        timeout_timestamp_on_b: ibc::core::channel::types::timeout::TimeoutTimestamp::At(
            Timestamp::from_nanoseconds((GENESIS_MS + 86_400_000) * 1_000_000),
        ),
    };
    ibc::core::channel::handler::send_packet(b.ibc_store_mut(), packet.clone()).expect("B sends");
    b.advance_block_height();
    let h_b = update_a(b, &link.client_a);
    let recv = MsgRecvPacket {
        packet: packet.clone(),
        proof_commitment_on_a: proof_b(
            b,
            h_b,
            ibc::core::host::types::path::CommitmentPath::new(&PortId::transfer(), &link.chan_b, seq).into(),
        ),
        proof_height_on_a: h_b,
        signer: signer(),
    };
    (packet, recv.to_any())
}

/// Sends an ICS-20 packet from B to A and relays it to A.
pub fn send_b_to_a(b: &mut Cosmos, link: &Link, denom: &str, amount: u128, receiver: &str) -> Packet {
    let (packet, recv) = b_sends(b, link, denom, amount, receiver);
    assert_ok!(deliver_a(vec![recv]));
    packet
}

/// `MsgTimeout` for A's packet that B has not received (B past its timeout), proven at B's
/// latest height (A's client updated to it first).
pub fn timeout_msg(b: &Cosmos, link: &Link, packet: Packet) -> Any {
    let h_b = update_a(b, &link.client_a);
    let next_seq_recv_on_b = b
        .ibc_store()
        .get_next_sequence_recv(&ibc::core::host::types::path::SeqRecvPath::new(&PortId::transfer(), &link.chan_b))
        .expect("sequence");
    MsgTimeout {
        proof_unreceived_on_b: proof_b(
            b,
            h_b,
            ibc::core::host::types::path::ReceiptPath::new(&PortId::transfer(), &link.chan_b, packet.seq_on_a).into(),
        ),
        proof_height_on_b: h_b,
        next_seq_recv_on_b,
        packet,
        signer: signer(),
    }
    .to_any()
}

/// Relays a timeout of A's packet: B has not received it and is past its timeout height.
pub fn timeout_on_a(b: &mut Cosmos, link: &Link, packet: Packet) {
    assert_ok!(deliver_a(vec![timeout_msg(b, link, packet)]));
}
