//! Signed Tendermint fixtures (see `fixtures.rs` for how they are generated): per validator-set
//! size, a `MsgCreateClient` and a `MsgUpdateClient` one block later, protobuf `Any`-encoded.

use alloc::vec::Vec;
use codec::{Decode, Encode};

/// Validator-set sizes the fixtures cover (Cosmos Hub runs 180, most chains 100–150).
pub const VALIDATOR_COUNTS: [u32; 5] = [1, 25, 50, 100, 150];

#[derive(Clone, Encode, Decode, Debug, PartialEq, Eq)]
pub struct ClientFixture {
    pub validators: u32,
    pub create_client: Vec<u8>,
    pub update_client: Vec<u8>,
    /// Time of the update header, ms since the Unix epoch.
    pub header_time_ms: u64,
}

#[derive(Clone, Encode, Decode, Debug, PartialEq, Eq, Default)]
pub struct TendermintFixtures {
    pub clients: Vec<ClientFixture>,
}

/// The committed fixtures.
pub fn load() -> TendermintFixtures {
    TendermintFixtures::decode(&mut &include_bytes!("../fixtures/tendermint.scale")[..]).unwrap_or_default()
}

/// The fixture with the smallest validator set not below `validators` (the largest if none
/// is): `update_client(v)` then measures at least the cost of `v` signatures, so the fitted
/// weight over- rather than under-charges between the fixture sizes.
pub fn for_validators(validators: u32) -> Option<ClientFixture> {
    let all = load().clients;
    let at_least = all.iter().filter(|c| c.validators >= validators).min_by_key(|c| c.validators).cloned();
    at_least.or_else(|| all.into_iter().max_by_key(|c| c.validators))
}

/// An open link between this chain (A) and an ibc-testkit Tendermint chain (B), captured from
/// the offline relay (`fixtures.rs`), with one unrelayed message of each proof-carrying kind
/// whose proofs B produced at heights A's client has consensus states for.
#[derive(Clone, Encode, Decode, Debug, PartialEq, Eq, Default)]
pub struct LinkFixture {
    /// Every entry of A's `ibc` child trie (client of B, consensus states, connection,
    /// channels, sequences, packet commitments), as the handlers wrote it.
    pub child_trie: Vec<(Vec<u8>, Vec<u8>)>,
    /// A's client of B.
    pub client_id: Vec<u8>,
    /// Heights (revision, height) of the consensus states A's client holds.
    pub consensus_heights: Vec<(u64, u64)>,
    /// A's clock when the messages were built, ms since the Unix epoch.
    pub host_time_ms: u64,
    /// Channel whose escrow refunds come from, and how much they need.
    pub escrow_channel: Vec<u8>,
    pub escrow_needed: u128,
    /// `MsgChannelOpenAck` for A's channel still in INIT (one membership proof).
    pub chan_open_ack: Vec<u8>,
    /// `MsgRecvPacket` of a Cosmos token never seen here (voucher asset created and minted).
    pub recv_packet: Vec<u8>,
    /// `MsgAcknowledgement` carrying an error ack for an XPRT packet (refund from escrow).
    pub acknowledgement: Vec<u8>,
    /// `MsgTimeout` for an XPRT packet B never received (non-membership proof, refund).
    pub timeout: Vec<u8>,
    /// `MsgConnectionOpenAck` (three membership proofs and the check of B's client of this
    /// chain), once per format of that client: ibc-testkit's mock client (what the mock
    /// runtime's `SelfClient` accepts) and the Substrate client (the runtime's).
    pub conn_open_ack_mock: Vec<u8>,
    pub conn_open_ack_substrate: Vec<u8>,
    /// This chain's consensus records (block number → record) the acks refer to.
    pub host_records: Vec<(u64, crate::types::HostConsensusRecord)>,
}

/// The committed link fixture.
pub fn load_link() -> LinkFixture {
    LinkFixture::decode(&mut &include_bytes!("../fixtures/link.scale")[..]).unwrap_or_default()
}
