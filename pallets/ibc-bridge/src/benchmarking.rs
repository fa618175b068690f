//! Benchmarks of the IBC bridge. Client messages use signed Tendermint fixtures
//! (`fixtures/tendermint.scale`, validator sets of 1 … 150): `update_client` is measured against
//! the validator count, which is what a header's verification cost grows with.
//! Proof-carrying messages (`deliver_conn_open_ack`, `deliver_chan_open_ack`, `deliver_recv_packet`,
//! `deliver_acknowledgement`, `deliver_timeout`) run against an open link captured from the
//! offline relay (`fixtures/link.scale`): B's ICS-23 proofs verified by the Tendermint client.

use super::*;
use crate::benchmark_fixtures::{for_validators, load_link, ClientFixture, LinkFixture};
use crate::host::IbcContext;
use alloc::{string::ToString, vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
    traits::{fungible::Mutate as FunMutate, EnsureOrigin, Get, Hooks},
    BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use ibc::core::channel::types::channel::{ChannelEnd, Counterparty as ChanCounterparty, Order, State as ChanState};
use ibc::core::channel::types::Version as ChanVersion;
use ibc::core::client::types::msgs::MsgUpdateClient;
use ibc::core::connection::types::msgs::MsgConnectionOpenAck;
use ibc::core::connection::types::version::Version as ConnVersion;
use ibc::core::connection::types::{ConnectionEnd, Counterparty as ConnCounterparty, State as ConnState};
use ibc::core::host::types::identifiers::{ChannelId, ClientId, ConnectionId, PortId, Sequence};
use ibc::core::host::types::path::{ChannelEndPath, ConnectionPath, SeqSendPath};
use ibc::core::host::{ExecutionContext, ValidationContext};
use ibc::core::primitives::proto::{Any, Protobuf};
use ibc::core::primitives::ToProto;
use prost::Message;

fn funded<T: Config>(name: &'static str) -> T::AccountId {
    let who: T::AccountId = account(name, 0, 0);
    let _ = T::Currency::set_balance(&who, 1_000_000_000_000_000u128.into());
    who
}

fn fixture(validators: u32) -> ClientFixture {
    for_validators(validators).expect("fixtures are committed in fixtures/tendermint.scale")
}

fn raw<T: Config>(bytes: &[u8]) -> RawMessage<T::MaxMessageSize> {
    let any = Any::decode(bytes).expect("fixture is an Any");
    RawMessage {
        type_url: BoundedVec::truncate_from(any.type_url.into_bytes()),
        value: BoundedVec::truncate_from(any.value),
    }
}

fn batch<T: Config>(messages: Vec<RawMessage<T::MaxMessageSize>>) -> MessagesOf<T> {
    BoundedVec::truncate_from(messages)
}

/// Sets the chain's clock just after the fixture's header.
fn at_fixture_time<T: Config>(f: &ClientFixture) {
    T::BenchmarkHelper::set_time(f.header_time_ms.saturating_add(10_000));
}

/// Creates the fixture's client; returns its id.
fn new_client<T: Config>(f: &ClientFixture) -> ClientId {
    let relayer = funded::<T>("relayer");
    Pallet::<T>::deliver(RawOrigin::Signed(relayer).into(), batch::<T>(vec![raw::<T>(&f.create_client)]))
        .expect("fixture client is valid");
    let n = IbcCounters::<T>::get().clients.saturating_sub(1);
    ClientId::new("07-tendermint", n).expect("valid id")
}

/// The fixture's update, addressed to `client`.
fn update_for<T: Config>(f: &ClientFixture, client: &ClientId) -> RawMessage<T::MaxMessageSize> {
    let any = Any::decode(f.update_client.as_slice()).expect("any");
    let mut msg = MsgUpdateClient::decode_vec(&any.value).expect("update");
    msg.client_id = client.clone();
    let any = msg.to_any();
    RawMessage {
        type_url: BoundedVec::truncate_from(any.type_url.into_bytes()),
        value: BoundedVec::truncate_from(any.value),
    }
}

/// An open connection and ICS-20 channel over the fixture's client (state written directly:
/// the handshake's own cost is not what `transfer` is measured for).
fn open_channel<T: Config>(client: &ClientId) -> ChannelId {
    let mut ctx = IbcContext::<T>::new();
    let conn = ConnectionId::new(0);
    let conn_end = ConnectionEnd::new(
        ConnState::Open,
        client.clone(),
        ConnCounterparty::new(client.clone(), Some(ConnectionId::new(0)), b"ibc".to_vec().into()),
        ConnVersion::compatibles(),
        core::time::Duration::ZERO,
    )
    .expect("connection end");
    ctx.store_connection(&ConnectionPath::new(&conn), conn_end).expect("stored");
    let chan = ChannelId::new(0);
    let chan_end = ChannelEnd::new(
        ChanState::Open,
        Order::Unordered,
        ChanCounterparty::new(PortId::transfer(), Some(ChannelId::new(0))),
        vec![conn],
        ChanVersion::new("ics20-1".to_string()),
    )
    .expect("channel end");
    ctx.store_channel(&ChannelEndPath::new(&PortId::transfer(), &chan), chan_end).expect("stored");
    ctx.store_next_sequence_send(&SeqSendPath::new(&PortId::transfer(), &chan), Sequence::from(1))
        .expect("stored");
    chan
}

fn link() -> LinkFixture {
    let f = load_link();
    assert!(!f.child_trie.is_empty(), "link fixture is committed in fixtures/link.scale");
    f
}

/// Puts the link fixture's state in place: A's IBC child trie as the offline relay left it, the
/// client's consensus heights and update times, the clock, and the escrow refunds come from.
fn install_link<T: Config>(f: &LinkFixture) {
    T::BenchmarkHelper::set_time(f.host_time_ms);
    for (key, value) in &f.child_trie {
        sp_io::default_child_storage::set(host::IBC_CHILD_TRIE, key, value);
    }
    let client: IdBytes = BoundedVec::truncate_from(f.client_id.clone());
    ConsensusHeights::<T>::insert(&client, BoundedVec::truncate_from(f.consensus_heights.clone()));
    let now = Pallet::<T>::now_nanos();
    let host_height = IbcContext::<T>::current_height().expect("height");
    for h in &f.consensus_heights {
        ClientUpdateMeta::<T>::insert(&client, *h, (now, (host_height.revision_number(), host_height.revision_height())));
    }
    let mut latest = 0u64;
    for (number, record) in &f.host_records {
        HostConsensusStates::<T>::insert(number, record.clone());
        latest = latest.max(*number);
    }
    frame_system::Pallet::<T>::set_block_number(u32::try_from(latest.saturating_add(1)).unwrap_or(u32::MAX).into());
    IbcCounters::<T>::put(Counters { clients: 1, connections: 3, channels: 2 });
    let escrow = Pallet::<T>::channel_escrow(f.escrow_channel.clone()).expect("channel id");
    let _ = T::Currency::set_balance(&escrow, f.escrow_needed.saturating_mul(2).into());
}

/// The fixture's `MsgConnectionOpenAck` whose client of this chain the runtime's `SelfClient`
/// accepts (the Substrate format in the runtime, ibc-testkit's mock client in the mock).
fn conn_open_ack_for<T: Config>(f: &LinkFixture) -> (Vec<u8>, ConnectionId) {
    let host = IbcContext::<T>::current_height().expect("height");
    for bytes in [&f.conn_open_ack_substrate, &f.conn_open_ack_mock] {
        let any = Any::decode(bytes.as_slice()).expect("any");
        let msg = MsgConnectionOpenAck::decode_vec(&any.value).expect("ack");
        if <T::SelfClient as crate::self_client::SelfClient>::validate(&msg.client_state_of_a_on_b, &host).is_ok() {
            return (bytes.clone(), msg.conn_id_on_a);
        }
    }
    panic!("the link fixture has no connection ack for this runtime's self client")
}

/// How many packet commitments this chain holds.
fn commitments() -> usize {
    let mut key = Vec::new();
    let mut n = 0;
    while let Some(next) = sp_io::default_child_storage::next_key(host::IBC_CHILD_TRIE, &key) {
        if next.starts_with(b"commitments/") {
            n += 1;
        }
        key = next;
    }
    n
}

fn id_bytes(s: &str) -> IdBytes {
    BoundedVec::truncate_from(s.as_bytes().to_vec())
}

#[benchmarks]
mod benchmarks {
    use super::*;

    #[benchmark]
    fn create_client() {
        let f = fixture(1);
        at_fixture_time::<T>(&f);
        let relayer = funded::<T>("relayer");
        let messages = batch::<T>(vec![raw::<T>(&f.create_client)]);
        #[extrinsic_call]
        deliver(RawOrigin::Signed(relayer), messages);
        assert_eq!(IbcCounters::<T>::get().clients, 1);
    }

    /// A header signed by `v` validators (the fixture with the smallest set ≥ `v`).
    #[benchmark]
    fn update_client(v: Linear<1, 150>) {
        let f = fixture(v);
        at_fixture_time::<T>(&f);
        let client = new_client::<T>(&f);
        let update = update_for::<T>(&f, &client);
        let relayer = funded::<T>("relayer");
        #[extrinsic_call]
        deliver(RawOrigin::Signed(relayer), batch::<T>(vec![update]));
        assert_eq!(ConsensusHeights::<T>::get(host::client_key(&client).expect("id")).len(), 2);
    }

    #[benchmark]
    fn transfer() {
        let f = fixture(1);
        at_fixture_time::<T>(&f);
        let client = new_client::<T>(&f);
        let chan = open_channel::<T>(&client);
        let sender = funded::<T>("sender");
        let receiver: AddressBytes = BoundedVec::truncate_from(vec![b'c'; crate::MAX_ADDRESS_LEN as usize]);
        let memo: MemoBytes = BoundedVec::truncate_from(vec![b'm'; crate::MAX_MEMO_LEN as usize]);
        let timeout = Some(f.header_time_ms.saturating_mul(1_000_000).saturating_add(3_600_000_000_000));
        #[extrinsic_call]
        transfer(
            RawOrigin::Signed(sender),
            id_bytes(chan.as_str()),
            TransferAsset::Native,
            1_000_000u128.into(),
            receiver,
            Some((0, 1_000_000)),
            timeout,
            memo,
        );
        assert_eq!(IbcContext::<T>::new().get_next_sequence_send(&SeqSendPath::new(&PortId::transfer(), &chan)).ok().map(u64::from), Some(2));
    }

    /// The costliest handshake step: B's proofs of its TRYOPEN connection end, of its client
    /// of this chain and of the consensus state it holds for us, and the check that this
    /// client describes this chain.
    #[benchmark]
    fn deliver_conn_open_ack() {
        let f = link();
        install_link::<T>(&f);
        let (ack, conn) = conn_open_ack_for::<T>(&f);
        let relayer = funded::<T>("relayer");
        #[extrinsic_call]
        deliver(RawOrigin::Signed(relayer), batch::<T>(vec![raw::<T>(&ack)]));
        assert!(IbcContext::<T>::new().connection_end(&conn).expect("connection").is_open());
    }

    /// A handshake step with one membership proof: the channel's INIT → OPEN on B's TRYOPEN.
    #[benchmark]
    fn deliver_chan_open_ack() {
        let f = link();
        install_link::<T>(&f);
        let relayer = funded::<T>("relayer");
        #[extrinsic_call]
        deliver(RawOrigin::Signed(relayer), batch::<T>(vec![raw::<T>(&f.chan_open_ack)]));
        let end = IbcContext::<T>::new()
            .channel_end(&ChannelEndPath::new(&PortId::transfer(), &ChannelId::new(1)))
            .expect("channel");
        assert_eq!(*end.state(), ChanState::Open);
    }

    /// An ICS-20 packet of a token never seen here: commitment proof, receipt, a new voucher
    /// asset with its denom trace, mint, acknowledgement.
    #[benchmark]
    fn deliver_recv_packet() {
        let f = link();
        install_link::<T>(&f);
        let relayer = funded::<T>("relayer");
        #[extrinsic_call]
        deliver(RawOrigin::Signed(relayer), batch::<T>(vec![raw::<T>(&f.recv_packet)]));
        assert_eq!(AssetDenoms::<T>::iter().count(), 1);
    }

    /// An error acknowledgement: ack proof, commitment deleted, refund from escrow.
    #[benchmark]
    fn deliver_acknowledgement() {
        let f = link();
        install_link::<T>(&f);
        let relayer = funded::<T>("relayer");
        #[extrinsic_call]
        deliver(RawOrigin::Signed(relayer), batch::<T>(vec![raw::<T>(&f.acknowledgement)]));
        assert_eq!(commitments(), 1);
    }

    /// A timeout: non-membership proof of the receipt, commitment deleted, refund from escrow.
    #[benchmark]
    fn deliver_timeout() {
        let f = link();
        install_link::<T>(&f);
        let relayer = funded::<T>("relayer");
        #[extrinsic_call]
        deliver(RawOrigin::Signed(relayer), batch::<T>(vec![raw::<T>(&f.timeout)]));
        assert_eq!(commitments(), 1);
    }

    #[benchmark]
    fn freeze_client() -> Result<(), BenchmarkError> {
        let f = fixture(1);
        at_fixture_time::<T>(&f);
        let client = new_client::<T>(&f);
        let origin = T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
        #[extrinsic_call]
        freeze_client(origin as T::RuntimeOrigin, id_bytes(client.as_str()));
        Ok(())
    }

    #[benchmark]
    fn unfreeze_client() -> Result<(), BenchmarkError> {
        let f = fixture(1);
        at_fixture_time::<T>(&f);
        let client = new_client::<T>(&f);
        let origin = T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
        Pallet::<T>::freeze_client(origin.clone(), id_bytes(client.as_str())).map_err(|_| BenchmarkError::Weightless)?;
        #[extrinsic_call]
        unfreeze_client(origin as T::RuntimeOrigin, id_bytes(client.as_str()));
        Ok(())
    }

    #[benchmark]
    fn recover_client() -> Result<(), BenchmarkError> {
        let f = fixture(150);
        at_fixture_time::<T>(&f);
        let subject = new_client::<T>(&f);
        let substitute = new_client::<T>(&f);
        let relayer = funded::<T>("relayer");
        Pallet::<T>::deliver(RawOrigin::Signed(relayer).into(), batch::<T>(vec![update_for::<T>(&f, &substitute)]))
            .map_err(|_| BenchmarkError::Weightless)?;
        let origin = T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
        Pallet::<T>::freeze_client(origin.clone(), id_bytes(subject.as_str())).map_err(|_| BenchmarkError::Weightless)?;
        #[extrinsic_call]
        recover_client(origin as T::RuntimeOrigin, id_bytes(subject.as_str()), id_bytes(substitute.as_str()));
        Ok(())
    }

    #[benchmark]
    fn set_channel_transfers() -> Result<(), BenchmarkError> {
        let origin = T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
        #[extrinsic_call]
        set_channel_transfers(origin as T::RuntimeOrigin, id_bytes("channel-0"), false);
        Ok(())
    }

    #[benchmark]
    fn set_rate_limit() -> Result<(), BenchmarkError> {
        let origin = T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
        let denom: DenomBytes = BoundedVec::truncate_from(vec![b'd'; crate::MAX_DENOM_LEN as usize]);
        let limit = RateLimit { max_amount: 1_000u128.into(), period: BlockNumberFor::<T>::from(100u32) };
        #[extrinsic_call]
        set_rate_limit(origin as T::RuntimeOrigin, denom, Some(limit));
        Ok(())
    }

    #[benchmark]
    fn map_denom() -> Result<(), BenchmarkError> {
        let origin = T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
        let asset = T::BenchmarkHelper::create_asset();
        let denom: DenomBytes = BoundedVec::truncate_from(b"transfer/channel-0/uusdt".to_vec());
        #[extrinsic_call]
        map_denom(origin as T::RuntimeOrigin, denom, asset);
        Ok(())
    }

    #[benchmark]
    fn unmap_denom() -> Result<(), BenchmarkError> {
        let origin = T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
        let asset = T::BenchmarkHelper::create_asset();
        let denom: DenomBytes = BoundedVec::truncate_from(b"transfer/channel-0/uusdt".to_vec());
        Pallet::<T>::map_denom(origin.clone(), denom.clone(), asset).map_err(|_| BenchmarkError::Weightless)?;
        #[extrinsic_call]
        unmap_denom(origin as T::RuntimeOrigin, denom);
        Ok(())
    }

    /// Recording this chain's consensus state (child-trie root) and pruning the oldest.
    #[benchmark]
    fn on_finalize() {
        let n = BlockNumberFor::<T>::from(T::HostHistory::get().saturating_add(1));
        Pallet::<T>::record_host_consensus_state(1u32.into());
        #[block]
        {
            Pallet::<T>::on_finalize(n);
        }
        assert!(HostConsensusStates::<T>::get(1).is_none());
    }

    impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
