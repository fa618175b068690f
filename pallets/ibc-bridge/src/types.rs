//! Storage and call types of the IBC bridge.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::ConstU32, BoundedVec};
use scale_info::TypeInfo;

/// An ICS-24 identifier (client, connection, channel, port): at most 64 ASCII bytes.
pub type IdBytes = BoundedVec<u8, ConstU32<64>>;

/// A full ICS-20 denomination with its trace, e.g. `transfer/channel-0/uatom`.
pub type DenomBytes = BoundedVec<u8, ConstU32<{ crate::MAX_DENOM_LEN }>>;

/// A receiver address on the counterparty chain (bech32 for Cosmos chains).
pub type AddressBytes = BoundedVec<u8, ConstU32<{ crate::MAX_ADDRESS_LEN }>>;

/// A transfer memo.
pub type MemoBytes = BoundedVec<u8, ConstU32<{ crate::MAX_MEMO_LEN }>>;

/// This chain's consensus state at one of its heights: what a counterparty's client of this
/// chain stores and proves our paths against.
#[derive(Clone, Copy, Encode, Decode, MaxEncodedLen, TypeInfo, PartialEq, Eq, Debug, Default)]
pub struct HostConsensusRecord {
    /// Block timestamp, nanoseconds since the Unix epoch.
    pub timestamp_nanos: u64,
    /// Root of the IBC child trie at the end of the block.
    pub root: [u8; 32],
}

/// Identifier counters (ibc-rs derives `07-tendermint-N`, `connection-N`, `channel-N` from them).
#[derive(Clone, Copy, Encode, Decode, MaxEncodedLen, TypeInfo, PartialEq, Eq, Debug, Default)]
pub struct Counters {
    pub clients: u64,
    pub connections: u64,
    pub channels: u64,
}

/// What a user sends with [`crate::Pallet::transfer`].
#[derive(
    Clone, Copy, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, PartialEq, Eq, Debug,
)]
pub enum TransferAsset<AssetId> {
    /// XPRT (escrowed here while abroad).
    Native,
    /// A pallet-assets token: a local asset (escrowed), an IBC voucher (burned, goes home) or
    /// a governance-mapped asset (burned, goes back to the chain it is bridged from).
    Asset(AssetId),
}

/// Where a voucher (or mapped asset) comes from.
#[derive(Clone, Encode, Decode, MaxEncodedLen, TypeInfo, PartialEq, Eq, Debug)]
pub struct DenomTrace {
    /// Full denomination with its trace as it is known on this chain,
    /// e.g. `transfer/channel-0/uatom`.
    pub denom: DenomBytes,
    /// `true` when governance mapped the denomination onto an existing asset
    /// ([`crate::Pallet::map_denom`]); `false` for a voucher this pallet created.
    pub mapped: bool,
}

/// Direction of a flow counted against a rate limit.
#[derive(
    Clone, Copy, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, PartialEq, Eq, Debug,
)]
pub enum Flow {
    /// Leaving this chain (escrow or burn on `transfer`).
    Out,
    /// Arriving (unescrow or mint on a received packet).
    In,
}

/// A rate limit on one denomination: at most `max_amount` per `period` blocks in each
/// direction.
///
/// In polkadot.js, 1,000,000 USDT a day: `{ maxAmount: 1_000_000_000_000n, period: 14_400 }`.
#[derive(
    Clone, Copy, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, PartialEq, Eq, Debug,
)]
pub struct RateLimit<Balance, BlockNumber> {
    /// Most that may move in one window, in the token's base units (uxprt for XPRT).
    pub max_amount: Balance,
    /// Length of a window in blocks (not seconds); not zero.
    pub period: BlockNumber,
}

/// Use of a rate limit in the current window.
#[derive(Clone, Copy, Encode, Decode, MaxEncodedLen, TypeInfo, PartialEq, Eq, Debug, Default)]
pub struct RateUsage<Balance, BlockNumber> {
    /// Block number at which the current window began.
    pub window_start: BlockNumber,
    /// Amount moved in the window so far, in the token's base units.
    pub used: Balance,
}

/// Kinds of IBC objects whose creation takes the anti-spam deposit.
#[derive(
    Clone, Copy, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, PartialEq, Eq, Debug,
)]
pub enum IbcObject {
    Client,
    Connection,
    Channel,
}
