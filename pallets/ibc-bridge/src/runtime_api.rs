//! Runtime API for relayers and wallets.
//!
//! Values at ICS-24 paths come from here; their **proofs** from the node's standard
//! `state_getChildReadProof` RPC (child key `:child_storage:default:ibc`, keys = the same path
//! strings) at the same block, verified against that block's state root.

use crate::{DenomTrace, HostConsensusRecord};
use alloc::vec::Vec;
use codec::Codec;

sp_api::decl_runtime_apis! {
    /// IBC state queries.
    pub trait IbcBridgeApi<AccountId, AssetId> where AccountId: Codec, AssetId: Codec {
        /// The value stored at an ICS-24 path (`clients/07-tendermint-0/clientState`,
        /// `connections/connection-0`, `channelEnds/ports/transfer/channels/channel-0`,
        /// `commitments/ports/transfer/channels/channel-0/sequences/1`, `receipts/…`, `acks/…`,
        /// `nextSequenceSend/…`), as counterparties verify it.
        fn path_value(path: Vec<u8>) -> Option<Vec<u8>>;
        /// Root of the IBC child trie now (before this block's `on_finalize`).
        fn commitment_root() -> [u8; 32];
        /// This chain's consensus state at one of its recent heights.
        fn host_consensus_state(height: u64) -> Option<HostConsensusRecord>;
        /// Where a voucher (or mapped asset) comes from.
        fn denom_trace(asset: AssetId) -> Option<DenomTrace>;
        /// The asset a denomination trace is held as here.
        fn denom_asset(denom: Vec<u8>) -> Option<AssetId>;
        /// The escrow account of a channel.
        fn escrow_account(channel: Vec<u8>) -> Option<AccountId>;
    }
}
