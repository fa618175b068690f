//! How counterparties describe *this* chain.
//!
//! During the connection handshake ibc-rs checks the counterparty's client of this chain
//! (`validate_self_client`) and that the consensus state it stored for us equals ours at that
//! height (`host_consensus_state`). The encoding of both depends on which light client the
//! counterparty runs for us, so it is a `Config` choice ([`SelfClient`]):
//!
//! - [`SubstrateSelfClient`] (the runtime's): a client of a GRANDPA-finalized Substrate chain
//!   whose consensus state is (timestamp, root of the IBC child trie), type URLs
//!   `/persistence.lightclients.substrate.v1.{ClientState,ConsensusState}` — what a Cosmos
//!   chain's 08-wasm GRANDPA client for Persistence has to store (see `README.md`).
//! - tests plug in ibc-testkit's mock client, so that a testkit chain can track us.

use alloc::{format, string::String, vec::Vec};
use core::marker::PhantomData;

use frame_support::traits::Get;
use ibc::core::client::context::client_state::{ClientStateCommon, ClientStateValidation};
use ibc::core::client::context::consensus_state::ConsensusState;
use ibc::core::client::context::ClientValidationContext;
use ibc::core::client::types::error::ClientError;
use ibc::core::client::types::{Height, Status};
use ibc::core::commitment_types::commitment::{
    CommitmentPrefix, CommitmentProofBytes, CommitmentRoot,
};
use ibc::core::host::types::identifiers::{ClientId, ClientType};
use ibc::core::host::types::path::{Path, PathBytes};
use ibc::core::primitives::proto::Any;
use ibc::core::primitives::Timestamp;
use prost::Message;

use crate::types::HostConsensusRecord;

pub const SUBSTRATE_CLIENT_STATE_TYPE_URL: &str = "/persistence.lightclients.substrate.v1.ClientState";
pub const SUBSTRATE_CONSENSUS_STATE_TYPE_URL: &str =
    "/persistence.lightclients.substrate.v1.ConsensusState";

/// The format counterparties use for their client of this chain.
pub trait SelfClient {
    /// Checks a counterparty's client state of this chain (chain id, revision, height not
    /// ahead of ours, not frozen).
    fn validate(client_state: &Any, host_height: &Height) -> Result<(), String>;
    /// This chain's consensus state at `height`, as the counterparty must have stored it.
    fn consensus_state(height: &Height, record: &HostConsensusRecord) -> SelfConsensusState;
}

/// A counterparty's client state of this chain, kept as it arrived. It is only ever handed to
/// [`SelfClient::validate`]; this chain never hosts a client of itself, so every verification
/// method refuses.
#[derive(Clone, Debug, PartialEq)]
pub struct SelfClientState {
    pub any: Any,
    client_type: ClientType,
}

/// ICS-10 is the GRANDPA client's number; it is only a label here.
pub const SELF_CLIENT_TYPE: &str = "10-grandpa";

impl TryFrom<Any> for SelfClientState {
    type Error = ClientError;
    fn try_from(value: Any) -> Result<Self, Self::Error> {
        let client_type = ClientType::new(SELF_CLIENT_TYPE)
            .map_err(|e| ClientError::ClientSpecific { description: format!("{e}") })?;
        Ok(Self { any: value, client_type })
    }
}

impl From<SelfClientState> for Any {
    fn from(value: SelfClientState) -> Self {
        value.any
    }
}

fn not_hosted() -> ClientError {
    ClientError::ClientSpecific { description: "this chain does not host a client of itself".into() }
}

impl ClientStateCommon for SelfClientState {
    fn verify_consensus_state(&self, _: Any, _: &Timestamp) -> Result<(), ClientError> {
        Err(not_hosted())
    }
    fn client_type(&self) -> ClientType {
        self.client_type.clone()
    }
    fn latest_height(&self) -> Height {
        Height::min(0)
    }
    fn validate_proof_height(&self, _: Height) -> Result<(), ClientError> {
        Err(not_hosted())
    }
    fn verify_upgrade_client(
        &self,
        _: Any,
        _: Any,
        _: CommitmentProofBytes,
        _: CommitmentProofBytes,
        _: &CommitmentRoot,
    ) -> Result<(), ClientError> {
        Err(not_hosted())
    }
    fn serialize_path(&self, _: Path) -> Result<PathBytes, ClientError> {
        Err(not_hosted())
    }
    fn verify_membership_raw(
        &self,
        _: &CommitmentPrefix,
        _: &CommitmentProofBytes,
        _: &CommitmentRoot,
        _: PathBytes,
        _: Vec<u8>,
    ) -> Result<(), ClientError> {
        Err(not_hosted())
    }
    fn verify_non_membership_raw(
        &self,
        _: &CommitmentPrefix,
        _: &CommitmentProofBytes,
        _: &CommitmentRoot,
        _: PathBytes,
    ) -> Result<(), ClientError> {
        Err(not_hosted())
    }
}

impl<V: ClientValidationContext> ClientStateValidation<V> for SelfClientState {
    fn verify_client_message(&self, _: &V, _: &ClientId, _: Any) -> Result<(), ClientError> {
        Err(not_hosted())
    }
    fn check_for_misbehaviour(&self, _: &V, _: &ClientId, _: Any) -> Result<bool, ClientError> {
        Err(not_hosted())
    }
    fn status(&self, _: &V, _: &ClientId) -> Result<Status, ClientError> {
        Err(not_hosted())
    }
    fn check_substitute(&self, _: &V, _: Any) -> Result<(), ClientError> {
        Err(not_hosted())
    }
}

/// This chain's consensus state at some height, already encoded the way the counterparty
/// stores it.
#[derive(Clone, Debug, PartialEq)]
pub struct SelfConsensusState {
    pub any: Any,
    pub root: CommitmentRoot,
    pub timestamp: Timestamp,
}

impl TryFrom<Any> for SelfConsensusState {
    type Error = ClientError;
    fn try_from(_: Any) -> Result<Self, Self::Error> {
        Err(not_hosted())
    }
}

impl From<SelfConsensusState> for Any {
    fn from(value: SelfConsensusState) -> Self {
        value.any
    }
}

impl ConsensusState for SelfConsensusState {
    fn root(&self) -> &CommitmentRoot {
        &self.root
    }
    fn timestamp(&self) -> Result<Timestamp, ClientError> {
        Ok(self.timestamp)
    }
}

/// `persistence.lightclients.substrate.v1.ClientState`.
#[derive(Clone, PartialEq, Message)]
pub struct RawSubstrateClientState {
    #[prost(string, tag = "1")]
    pub chain_id: String,
    #[prost(uint64, tag = "2")]
    pub revision_number: u64,
    #[prost(uint64, tag = "3")]
    pub latest_height: u64,
    /// Non-zero once the counterparty froze its client of us.
    #[prost(uint64, tag = "4")]
    pub frozen_height: u64,
}

/// `persistence.lightclients.substrate.v1.ConsensusState`.
#[derive(Clone, PartialEq, Message)]
pub struct RawSubstrateConsensusState {
    /// Block timestamp, nanoseconds since the Unix epoch.
    #[prost(uint64, tag = "1")]
    pub timestamp: u64,
    /// Root of the IBC child trie at the end of the block.
    #[prost(bytes = "vec", tag = "2")]
    pub root: Vec<u8>,
}

/// The production [`SelfClient`]: a GRANDPA/Substrate client of this chain identified by
/// `ChainId`.
pub struct SubstrateSelfClient<ChainId, Revision>(PhantomData<(ChainId, Revision)>);

impl<ChainId: Get<&'static str>, Revision: Get<u64>> SelfClient
    for SubstrateSelfClient<ChainId, Revision>
{
    fn validate(client_state: &Any, host_height: &Height) -> Result<(), String> {
        if client_state.type_url != SUBSTRATE_CLIENT_STATE_TYPE_URL {
            return Err(format!(
                "counterparty tracks this chain with `{}`; expected `{}`",
                client_state.type_url, SUBSTRATE_CLIENT_STATE_TYPE_URL
            ));
        }
        let raw = RawSubstrateClientState::decode(client_state.value.as_slice())
            .map_err(|e| format!("undecodable client state of this chain: {e}"))?;
        if raw.chain_id != ChainId::get() {
            return Err(format!("client tracks chain `{}`, this is `{}`", raw.chain_id, ChainId::get()));
        }
        if raw.revision_number != Revision::get() {
            return Err(format!("client is at revision {}, this chain at {}", raw.revision_number, Revision::get()));
        }
        if raw.latest_height > host_height.revision_height() {
            return Err(format!("client height {} is ahead of this chain", raw.latest_height));
        }
        if raw.frozen_height != 0 {
            return Err("the counterparty's client of this chain is frozen".into());
        }
        Ok(())
    }

    fn consensus_state(_height: &Height, record: &HostConsensusRecord) -> SelfConsensusState {
        let raw = RawSubstrateConsensusState { timestamp: record.timestamp_nanos, root: record.root.to_vec() };
        SelfConsensusState {
            any: Any {
                type_url: SUBSTRATE_CONSENSUS_STATE_TYPE_URL.into(),
                value: raw.encode_to_vec(),
            },
            root: CommitmentRoot::from_bytes(&record.root),
            timestamp: Timestamp::from_nanoseconds(record.timestamp_nanos),
        }
    }
}
