//! The IBC host: ibc-rs' validation and execution contexts over FRAME storage.
//!
//! Provable state (everything a counterparty verifies: client and consensus states,
//! connections, channels, sequences, packet commitments, receipts and acknowledgements) lives
//! in one child trie, [`IBC_CHILD_TRIE`], keyed by the ICS-24 path string (`clients/…`,
//! `connections/…`, `channelEnds/ports/…`, `commitments/…`) with the value bytes the ICS
//! specs define. The child trie's root is part of the state root, so every entry can be
//! proven against a finalized header, and the root itself is recorded per block as this
//! chain's consensus state ([`crate::HostConsensusStates`]). Bookkeeping nobody proves
//! (counters, update metadata, consensus-state heights) is ordinary pallet storage.

use alloc::{format, string::String, string::ToString, vec::Vec};
use core::{marker::PhantomData, time::Duration};

use ibc::core::channel::types::channel::ChannelEnd;
use ibc::core::channel::types::commitment::{AcknowledgementCommitment, PacketCommitment};
use ibc::core::channel::types::packet::Receipt;
use ibc::core::client::context::{
    ClientExecutionContext, ClientValidationContext, ExtClientValidationContext,
};
use ibc::core::client::types::Height;
use ibc::core::commitment_types::commitment::CommitmentPrefix;
use ibc::core::connection::types::ConnectionEnd;
use ibc::core::handler::types::events::IbcEvent;
use ibc::core::host::types::error::HostError;
use ibc::core::host::types::identifiers::{ClientId, ConnectionId, Sequence};
use ibc::core::host::types::path::{
    AckPath, ChannelEndPath, ClientConnectionPath, ClientConsensusStatePath, ClientStatePath,
    CommitmentPath, ConnectionPath, Path, ReceiptPath, SeqAckPath, SeqRecvPath, SeqSendPath,
};
use ibc::core::host::{ExecutionContext, ValidationContext};
use ibc::core::primitives::proto::{Any, Protobuf};
use ibc::core::primitives::{Signer, Timestamp};
use ibc_proto::ibc::core::connection::v1::ClientPaths;
use prost::Message;
use sp_core::storage::ChildInfo;

use crate::client::{decode_tm_consensus, TendermintClient, TendermintConsensusState};
use crate::self_client::{SelfClient, SelfClientState, SelfConsensusState};
use crate::{
    ClientUpdateMeta, Config, ConsensusHeights, HostConsensusStates, IbcCounters, Pallet,
};

/// Name of the child trie holding all provable IBC state.
pub const IBC_CHILD_TRIE: &[u8] = b"ibc";

/// The commitment prefix counterparties use to look up our provable paths.
pub const COMMITMENT_PREFIX: &[u8] = b"ibc";

pub fn child_info() -> ChildInfo {
    ChildInfo::new_default(IBC_CHILD_TRIE)
}

/// Reads the value stored under an ICS-24 path.
pub fn read_path(path: &Path) -> Option<Vec<u8>> {
    sp_io::default_child_storage::get(IBC_CHILD_TRIE, path.to_string().as_bytes())
}

fn write_path(path: &Path, value: &[u8]) {
    sp_io::default_child_storage::set(IBC_CHILD_TRIE, path.to_string().as_bytes(), value)
}

fn clear_path(path: &Path) {
    sp_io::default_child_storage::clear(IBC_CHILD_TRIE, path.to_string().as_bytes())
}

/// The root of the IBC child trie as of now (what a counterparty's client of this chain
/// proves paths against, below the state root).
pub fn commitment_root() -> [u8; 32] {
    let root = sp_io::default_child_storage::root(IBC_CHILD_TRIE, sp_runtime::StateVersion::V1);
    let mut out = [0u8; 32];
    if let Some(bytes) = root.get(..32) {
        out.copy_from_slice(bytes);
    }
    out
}

fn height_key(height: &Height) -> (u64, u64) {
    (height.revision_number(), height.revision_height())
}

fn to_height(key: (u64, u64)) -> Result<Height, HostError> {
    Height::new(key.0, key.1).map_err(HostError::invalid_state)
}

pub(crate) fn client_key(client_id: &ClientId) -> Result<crate::IdBytes, HostError> {
    client_id
        .as_str()
        .as_bytes()
        .to_vec()
        .try_into()
        .map_err(|_| HostError::invalid_state("client identifier too long"))
}

fn decode_any(bytes: &[u8]) -> Result<Any, HostError> {
    Any::decode(bytes).map_err(HostError::invalid_state)
}

/// The IBC host context. It holds no data: every read and write goes to storage, so the
/// transactional layer of the extrinsic rolls all of it back when a message fails. Events
/// ibc-rs emits are collected and deposited by the pallet after the message succeeded.
pub struct IbcContext<T: Config> {
    pub(crate) events: Vec<IbcEvent>,
    pub(crate) logs: Vec<String>,
    _marker: PhantomData<T>,
}

/// The light-client context is the host context itself.
pub type ClientCtx<T> = IbcContext<T>;

impl<T: Config> Default for IbcContext<T> {
    fn default() -> Self {
        Self { events: Vec::new(), logs: Vec::new(), _marker: PhantomData }
    }
}

impl<T: Config> IbcContext<T> {
    pub fn new() -> Self {
        Self::default()
    }

    /// This chain's height as IBC sees it: (revision, block number).
    pub fn current_height() -> Result<Height, HostError> {
        let number: u64 = Pallet::<T>::block_number_u64();
        Height::new(T::RevisionNumber::get(), number.max(1)).map_err(HostError::invalid_state)
    }

    pub fn now() -> Timestamp {
        Timestamp::from_nanoseconds(Pallet::<T>::now_nanos())
    }
}

use frame_support::traits::Get;

impl<T: Config> ClientValidationContext for IbcContext<T> {
    type ClientStateRef = TendermintClient;
    type ConsensusStateRef = TendermintConsensusState;

    fn client_state(&self, client_id: &ClientId) -> Result<Self::ClientStateRef, HostError> {
        let bytes = read_path(&Path::ClientState(ClientStatePath::new(client_id.clone())))
            .ok_or_else(|| HostError::missing_state(format!("client {client_id}")))?;
        TendermintClient::try_from(decode_any(&bytes)?).map_err(HostError::invalid_state)
    }

    fn consensus_state(
        &self,
        path: &ClientConsensusStatePath,
    ) -> Result<Self::ConsensusStateRef, HostError> {
        let bytes = read_path(&Path::ClientConsensusState(path.clone())).ok_or_else(|| {
            HostError::missing_state(format!(
                "consensus state of {} at {}-{}",
                path.client_id, path.revision_number, path.revision_height
            ))
        })?;
        decode_tm_consensus(decode_any(&bytes)?).map_err(HostError::invalid_state)
    }

    fn client_update_meta(
        &self,
        client_id: &ClientId,
        height: &Height,
    ) -> Result<(Timestamp, Height), HostError> {
        let (time, host_height) = ClientUpdateMeta::<T>::get(client_key(client_id)?, height_key(height))
            .ok_or_else(|| HostError::missing_state(format!("update meta of {client_id} at {height}")))?;
        Ok((Timestamp::from_nanoseconds(time), to_height(host_height)?))
    }
}

impl<T: Config> ClientExecutionContext for IbcContext<T> {
    type ClientStateMut = TendermintClient;

    fn store_client_state(
        &mut self,
        path: ClientStatePath,
        client_state: Self::ClientStateRef,
    ) -> Result<(), HostError> {
        let any: Any = client_state.into();
        write_path(&Path::ClientState(path), &any.encode_to_vec());
        Ok(())
    }

    fn store_consensus_state(
        &mut self,
        path: ClientConsensusStatePath,
        consensus_state: Self::ConsensusStateRef,
    ) -> Result<(), HostError> {
        let client = client_key(&path.client_id)?;
        let height = (path.revision_number, path.revision_height);
        ConsensusHeights::<T>::try_mutate(&client, |heights| -> Result<(), HostError> {
            if heights.binary_search(&height).is_err() {
                if heights.is_full() {
                    // Over the bound: the oldest consensus state goes (the Tendermint client
                    // prunes expired ones itself; this only caps a burst of updates).
                    if let Some(oldest) = heights.first().copied() {
                        heights.remove(0);
                        clear_path(&Path::ClientConsensusState(ClientConsensusStatePath::new(
                            path.client_id.clone(),
                            oldest.0,
                            oldest.1,
                        )));
                        ClientUpdateMeta::<T>::remove(&client, oldest);
                    }
                }
                let pos = heights.binary_search(&height).unwrap_or_else(|p| p);
                heights
                    .try_insert(pos, height)
                    .map_err(|_| HostError::failed_to_store("consensus height list full"))?;
            }
            Ok(())
        })?;
        let any: Any = consensus_state.into();
        write_path(&Path::ClientConsensusState(path), &any.encode_to_vec());
        Ok(())
    }

    fn delete_consensus_state(&mut self, path: ClientConsensusStatePath) -> Result<(), HostError> {
        let client = client_key(&path.client_id)?;
        let height = (path.revision_number, path.revision_height);
        ConsensusHeights::<T>::mutate(&client, |heights| {
            if let Ok(pos) = heights.binary_search(&height) {
                heights.remove(pos);
            }
        });
        clear_path(&Path::ClientConsensusState(path));
        Ok(())
    }

    fn store_update_meta(
        &mut self,
        client_id: ClientId,
        height: Height,
        host_timestamp: Timestamp,
        host_height: Height,
    ) -> Result<(), HostError> {
        ClientUpdateMeta::<T>::insert(
            client_key(&client_id)?,
            height_key(&height),
            (host_timestamp.nanoseconds(), height_key(&host_height)),
        );
        Ok(())
    }

    fn delete_update_meta(&mut self, client_id: ClientId, height: Height) -> Result<(), HostError> {
        ClientUpdateMeta::<T>::remove(client_key(&client_id)?, height_key(&height));
        Ok(())
    }
}

impl<T: Config> ExtClientValidationContext for IbcContext<T> {
    fn host_timestamp(&self) -> Result<Timestamp, HostError> {
        Ok(Self::now())
    }

    fn host_height(&self) -> Result<Height, HostError> {
        Self::current_height()
    }

    fn consensus_state_heights(&self, client_id: &ClientId) -> Result<Vec<Height>, HostError> {
        ConsensusHeights::<T>::get(client_key(client_id)?)
            .into_iter()
            .map(to_height)
            .collect()
    }

    fn next_consensus_state(
        &self,
        client_id: &ClientId,
        height: &Height,
    ) -> Result<Option<Self::ConsensusStateRef>, HostError> {
        let target = height_key(height);
        let heights = ConsensusHeights::<T>::get(client_key(client_id)?);
        match heights.iter().find(|h| **h > target) {
            Some(h) => self
                .consensus_state(&ClientConsensusStatePath::new(client_id.clone(), h.0, h.1))
                .map(Some),
            None => Ok(None),
        }
    }

    fn prev_consensus_state(
        &self,
        client_id: &ClientId,
        height: &Height,
    ) -> Result<Option<Self::ConsensusStateRef>, HostError> {
        let target = height_key(height);
        let heights = ConsensusHeights::<T>::get(client_key(client_id)?);
        match heights.iter().rev().find(|h| **h < target) {
            Some(h) => self
                .consensus_state(&ClientConsensusStatePath::new(client_id.clone(), h.0, h.1))
                .map(Some),
            None => Ok(None),
        }
    }
}

fn read_sequence(path: Path) -> Result<Sequence, HostError> {
    let bytes = read_path(&path).ok_or_else(|| HostError::missing_state(path.to_string()))?;
    let array: [u8; 8] =
        bytes.as_slice().try_into().map_err(|_| HostError::invalid_state("sequence encoding"))?;
    Ok(Sequence::from(u64::from_be_bytes(array)))
}

impl<T: Config> ValidationContext for IbcContext<T> {
    type V = Self;
    type HostClientState = SelfClientState;
    type HostConsensusState = SelfConsensusState;

    fn get_client_validation_context(&self) -> &Self::V {
        self
    }

    fn host_height(&self) -> Result<Height, HostError> {
        Self::current_height()
    }

    fn host_timestamp(&self) -> Result<Timestamp, HostError> {
        Ok(Self::now())
    }

    fn host_consensus_state(&self, height: &Height) -> Result<Self::HostConsensusState, HostError> {
        if height.revision_number() != T::RevisionNumber::get() {
            return Err(HostError::invalid_state(format!("height {height} is of another revision")));
        }
        let record = HostConsensusStates::<T>::get(height.revision_height()).ok_or_else(|| {
            HostError::missing_state(format!("no consensus state of this chain at {height}"))
        })?;
        Ok(T::SelfClient::consensus_state(height, &record))
    }

    fn client_counter(&self) -> Result<u64, HostError> {
        Ok(IbcCounters::<T>::get().clients)
    }

    fn connection_end(&self, conn_id: &ConnectionId) -> Result<ConnectionEnd, HostError> {
        let bytes = read_path(&Path::Connection(ConnectionPath::new(conn_id)))
            .ok_or_else(|| HostError::missing_state(format!("connection {conn_id}")))?;
        ConnectionEnd::decode_vec(&bytes).map_err(HostError::invalid_state)
    }

    fn validate_self_client(&self, client_state: Self::HostClientState) -> Result<(), HostError> {
        let host_height = Self::current_height()?;
        T::SelfClient::validate(&client_state.any, &host_height).map_err(HostError::invalid_state)
    }

    fn commitment_prefix(&self) -> CommitmentPrefix {
        CommitmentPrefix::from(COMMITMENT_PREFIX.to_vec())
    }

    fn connection_counter(&self) -> Result<u64, HostError> {
        Ok(IbcCounters::<T>::get().connections)
    }

    fn channel_end(&self, path: &ChannelEndPath) -> Result<ChannelEnd, HostError> {
        let bytes = read_path(&Path::ChannelEnd(path.clone()))
            .ok_or_else(|| HostError::missing_state(format!("channel {}/{}", path.0, path.1)))?;
        ChannelEnd::decode_vec(&bytes).map_err(HostError::invalid_state)
    }

    fn get_next_sequence_send(&self, path: &SeqSendPath) -> Result<Sequence, HostError> {
        read_sequence(Path::SeqSend(path.clone()))
    }

    fn get_next_sequence_recv(&self, path: &SeqRecvPath) -> Result<Sequence, HostError> {
        read_sequence(Path::SeqRecv(path.clone()))
    }

    fn get_next_sequence_ack(&self, path: &SeqAckPath) -> Result<Sequence, HostError> {
        read_sequence(Path::SeqAck(path.clone()))
    }

    fn get_packet_commitment(&self, path: &CommitmentPath) -> Result<PacketCommitment, HostError> {
        read_path(&Path::Commitment(path.clone()))
            .map(PacketCommitment::from)
            .ok_or_else(|| HostError::missing_state(format!("packet commitment {}", path.sequence)))
    }

    fn get_packet_receipt(&self, path: &ReceiptPath) -> Result<Receipt, HostError> {
        Ok(match read_path(&Path::Receipt(path.clone())) {
            Some(_) => Receipt::Ok,
            None => Receipt::None,
        })
    }

    fn get_packet_acknowledgement(
        &self,
        path: &AckPath,
    ) -> Result<AcknowledgementCommitment, HostError> {
        read_path(&Path::Ack(path.clone()))
            .map(AcknowledgementCommitment::from)
            .ok_or_else(|| HostError::missing_state(format!("acknowledgement {}", path.sequence)))
    }

    fn channel_counter(&self) -> Result<u64, HostError> {
        Ok(IbcCounters::<T>::get().channels)
    }

    fn max_expected_time_per_block(&self) -> Duration {
        Duration::from_millis(T::ExpectedBlockTimeMillis::get())
    }

    fn validate_message_signer(&self, signer: &Signer) -> Result<(), HostError> {
        if signer.as_ref().is_empty() {
            return Err(HostError::invalid_state("empty signer"));
        }
        Ok(())
    }
}

impl<T: Config> ExecutionContext for IbcContext<T> {
    type E = Self;

    fn get_client_execution_context(&mut self) -> &mut Self::E {
        self
    }

    fn increase_client_counter(&mut self) -> Result<(), HostError> {
        IbcCounters::<T>::mutate(|c| c.clients = c.clients.saturating_add(1));
        Ok(())
    }

    fn store_connection(
        &mut self,
        path: &ConnectionPath,
        connection_end: ConnectionEnd,
    ) -> Result<(), HostError> {
        write_path(&Path::Connection(path.clone()), &connection_end.encode_vec());
        Ok(())
    }

    fn store_connection_to_client(
        &mut self,
        path: &ClientConnectionPath,
        conn_id: ConnectionId,
    ) -> Result<(), HostError> {
        let key = Path::ClientConnection(path.clone());
        let mut paths = match read_path(&key) {
            Some(bytes) => ClientPaths::decode(bytes.as_slice()).map_err(HostError::invalid_state)?,
            None => ClientPaths { paths: Vec::new() },
        };
        paths.paths.push(conn_id.to_string());
        write_path(&key, &paths.encode_to_vec());
        Ok(())
    }

    fn increase_connection_counter(&mut self) -> Result<(), HostError> {
        IbcCounters::<T>::mutate(|c| c.connections = c.connections.saturating_add(1));
        Ok(())
    }

    fn store_packet_commitment(
        &mut self,
        path: &CommitmentPath,
        commitment: PacketCommitment,
    ) -> Result<(), HostError> {
        write_path(&Path::Commitment(path.clone()), commitment.as_ref());
        Ok(())
    }

    fn delete_packet_commitment(&mut self, path: &CommitmentPath) -> Result<(), HostError> {
        clear_path(&Path::Commitment(path.clone()));
        Ok(())
    }

    fn store_packet_receipt(&mut self, path: &ReceiptPath, receipt: Receipt) -> Result<(), HostError> {
        if let Receipt::Ok = receipt {
            write_path(&Path::Receipt(path.clone()), &[1u8]);
        }
        Ok(())
    }

    fn store_packet_acknowledgement(
        &mut self,
        path: &AckPath,
        ack_commitment: AcknowledgementCommitment,
    ) -> Result<(), HostError> {
        write_path(&Path::Ack(path.clone()), ack_commitment.as_ref());
        Ok(())
    }

    fn delete_packet_acknowledgement(&mut self, path: &AckPath) -> Result<(), HostError> {
        clear_path(&Path::Ack(path.clone()));
        Ok(())
    }

    fn store_channel(&mut self, path: &ChannelEndPath, channel_end: ChannelEnd) -> Result<(), HostError> {
        write_path(&Path::ChannelEnd(path.clone()), &channel_end.encode_vec());
        Ok(())
    }

    fn store_next_sequence_send(&mut self, path: &SeqSendPath, seq: Sequence) -> Result<(), HostError> {
        write_path(&Path::SeqSend(path.clone()), &u64::from(seq).to_be_bytes());
        Ok(())
    }

    fn store_next_sequence_recv(&mut self, path: &SeqRecvPath, seq: Sequence) -> Result<(), HostError> {
        write_path(&Path::SeqRecv(path.clone()), &u64::from(seq).to_be_bytes());
        Ok(())
    }

    fn store_next_sequence_ack(&mut self, path: &SeqAckPath, seq: Sequence) -> Result<(), HostError> {
        write_path(&Path::SeqAck(path.clone()), &u64::from(seq).to_be_bytes());
        Ok(())
    }

    fn increase_channel_counter(&mut self) -> Result<(), HostError> {
        IbcCounters::<T>::mutate(|c| c.channels = c.channels.saturating_add(1));
        Ok(())
    }

    fn emit_ibc_event(&mut self, event: IbcEvent) -> Result<(), HostError> {
        self.events.push(event);
        Ok(())
    }

    fn log_message(&mut self, message: String) -> Result<(), HostError> {
        log::debug!(target: "ibc", "{message}");
        self.logs.push(message);
        Ok(())
    }
}
