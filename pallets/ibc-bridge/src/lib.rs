//! # IBC bridge
//!
//! Stablecoins and XPRT between Persistence and Cosmos chains over IBC. The runtime is an IBC
//! host built on ibc-rs 0.57:
//!
//! - **ICS-02/07** clients: Tendermint light clients of Cosmos chains, headers and
//!   misbehaviour verified with `sp_io` host functions (ed25519, sha256);
//! - **ICS-03** connections and **ICS-04** channels and packets, all provable state in a child
//!   trie keyed by ICS-24 paths (commitment prefix `ibc`), this chain's consensus state
//!   recorded per block;
//! - **ICS-20** transfers: XPRT and local assets are escrowed per channel, arriving foreign
//!   tokens mint vouchers in pallet-assets with a queryable denom trace, vouchers going home
//!   are burned; governance may map a bridged denomination onto an existing asset (USDT).
//!
//! Relayers call [`Pallet::deliver`] with a batch of protobuf `Any` messages, users call
//! [`Pallet::transfer`], governance freezes, unfreezes and recovers clients, switches
//! transfers per channel, sets rate limits and maps denominations.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod client;
mod functions;
pub mod host;
pub mod runtime_api;
pub mod self_client;
pub mod transfer;
pub mod types;
pub mod weights;

#[cfg(any(test, feature = "runtime-benchmarks", feature = "std"))]
pub mod benchmark_fixtures;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod testkit;
#[cfg(test)]
mod tests;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// What benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AssetId> {
    /// Sets the block's wall-clock time (Unix ms), so signed fixture headers are current.
    fn set_time(unix_ms: u64);
    /// An existing local asset (for denomination mappings).
    fn create_asset() -> AssetId;
}

/// Longest denomination with its trace.
pub const MAX_DENOM_LEN: u32 = 256;
/// Longest counterparty address.
pub const MAX_ADDRESS_LEN: u32 = 128;
/// Longest transfer memo.
pub const MAX_MEMO_LEN: u32 = 256;

#[frame_support::pallet]
pub mod pallet {
    use super::*;
    use alloc::vec::Vec;
    use frame_support::{
        pallet_prelude::*,
        traits::{
            fungible::{Inspect as FunInspect, Mutate as FunMutate, MutateHold},
            fungibles::{Create, Inspect as FunsInspect, Mutate as FunsMutate},
            UnixTime,
        },
        PalletId,
    };
    use frame_system::pallet_prelude::*;
    use sp_core::crypto::AccountId32;

    /// Balance of XPRT and assets.
    pub type BalanceOf<T> = <T as Config>::Balance;
    /// Asset id in pallet-assets.
    pub type AssetIdOf<T> = <T as Config>::AssetId;

    /// Why this pallet holds XPRT.
    #[pallet::composite_enum]
    pub enum HoldReason {
        /// Anti-spam deposit for a client, connection or channel a relayer created.
        IbcObjectDeposit,
    }

    #[pallet::config]
    pub trait Config: frame_system::Config<AccountId: From<AccountId32> + Into<AccountId32>> {
        /// The overarching event type.
        #[allow(deprecated)]
        type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

        /// Balance type of XPRT and assets (`u128`).
        type Balance: Parameter + Member + MaxEncodedLen + Copy + Default + From<u128> + Into<u128>
            + sp_runtime::traits::AtLeast32BitUnsigned;

        /// Asset id type of pallet-assets (`u32`).
        type AssetId: Parameter + Member + MaxEncodedLen + Copy + From<u32> + Into<u32> + Ord;

        /// XPRT: escrowed when sent abroad, held for deposits.
        type Currency: FunMutate<Self::AccountId, Balance = Self::Balance>
            + MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
            + FunInspect<Self::AccountId, Balance = Self::Balance>;

        /// The overarching hold reason.
        type RuntimeHoldReason: From<HoldReason>;

        /// pallet-assets: local tokens (escrowed) and vouchers (minted and burned).
        type Assets: FunsMutate<Self::AccountId, AssetId = Self::AssetId, Balance = Self::Balance>
            + Create<Self::AccountId>
            + FunsInspect<Self::AccountId, AssetId = Self::AssetId, Balance = Self::Balance>;

        /// Wall-clock time of the current block.
        type TimeProvider: UnixTime;

        /// Governance: freezes, unfreezes and recovers clients, switches channels, sets rate
        /// limits and denomination mappings.
        type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

        /// How counterparties describe this chain (see [`self_client`]).
        type SelfClient: self_client::SelfClient;

        /// Revision number of this chain's IBC heights.
        #[pallet::constant]
        type RevisionNumber: Get<u64>;

        /// Target block time, for connection delay periods.
        #[pallet::constant]
        type ExpectedBlockTimeMillis: Get<u64>;

        /// ICS-20 denomination of XPRT's base unit.
        #[pallet::constant]
        type NativeDenom: Get<&'static str>;

        /// SS58 prefix of ICS-20 sender addresses.
        #[pallet::constant]
        type Ss58Prefix: Get<u16>;

        /// Owner of vouchers, root of escrow accounts.
        #[pallet::constant]
        type PalletId: Get<PalletId>;

        /// The first asset id vouchers get (ids below are left to local assets).
        #[pallet::constant]
        type FirstVoucherId: Get<u32>;

        /// XPRT held from whoever creates a client, connection or channel (uxprt: 1 XPRT =
        /// 1_000_000).
        #[pallet::constant]
        type ObjectDeposit: Get<Self::Balance>;

        /// Most messages in one `deliver`.
        #[pallet::constant]
        type MaxMessages: Get<u32>;

        /// Largest encoded message, in bytes (a Tendermint header with a large validator set
        /// is the largest).
        #[pallet::constant]
        type MaxMessageSize: Get<u32>;

        /// Consensus states kept per client; beyond it the oldest is pruned.
        #[pallet::constant]
        type MaxConsensusStates: Get<u32>;

        /// Blocks for which this chain's own consensus state is kept (counterparty connection
        /// handshakes prove against one of them): a number of blocks.
        #[pallet::constant]
        type HostHistory: Get<u32>;

        /// Weights.
        type WeightInfo: WeightInfo;

        /// Clock and assets for benchmarks.
        #[cfg(feature = "runtime-benchmarks")]
        type BenchmarkHelper: BenchmarkHelper<Self::AssetId>;
    }

    /// An `Any`-encoded IBC message as a relayer submits it.
    #[derive(
        CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, DecodeWithMemTracking, TypeInfo,
    )]
    #[scale_info(skip_type_params(S))]
    pub struct RawMessage<S: Get<u32>> {
        /// Protobuf type URL, e.g. `/ibc.core.client.v1.MsgCreateClient`.
        pub type_url: BoundedVec<u8, ConstU32<128>>,
        /// Protobuf encoding of the message.
        pub value: BoundedVec<u8, S>,
    }

    /// Messages of one `deliver` call of runtime `T`.
    pub type MessagesOf<T> = BoundedVec<RawMessage<<T as Config>::MaxMessageSize>, <T as Config>::MaxMessages>;

    #[pallet::pallet]
    pub struct Pallet<T>(_);

    /// Client, connection and channel counters.
    #[pallet::storage]
    pub type IbcCounters<T> = StorageValue<_, Counters, ValueQuery>;

    /// When each consensus state of a client was stored: (host time in ns, host height).
    #[pallet::storage]
    pub type ClientUpdateMeta<T> =
        StorageDoubleMap<_, Blake2_128Concat, IdBytes, Twox64Concat, (u64, u64), (u64, (u64, u64))>;

    /// Heights of each client's stored consensus states, ascending.
    #[pallet::storage]
    pub type ConsensusHeights<T: Config> =
        StorageMap<_, Blake2_128Concat, IdBytes, BoundedVec<(u64, u64), T::MaxConsensusStates>, ValueQuery>;

    /// This chain's consensus state per block number (the last `HostHistory` blocks).
    #[pallet::storage]
    pub type HostConsensusStates<T> = StorageMap<_, Twox64Concat, u64, HostConsensusRecord>;

    /// Denomination trace → asset (vouchers and governance-mapped assets).
    #[pallet::storage]
    pub type DenomAssets<T: Config> = StorageMap<_, Blake2_128Concat, DenomBytes, T::AssetId>;

    /// Asset → its denomination trace: the registry that tells where a voucher comes from.
    #[pallet::storage]
    pub type AssetDenoms<T: Config> = StorageMap<_, Twox64Concat, T::AssetId, DenomTrace>;

    /// The id the next voucher gets (from `FirstVoucherId` on).
    #[pallet::storage]
    pub type NextVoucherId<T> = StorageValue<_, u32, OptionQuery>;

    /// Channels on which governance switched ICS-20 transfers off (both directions).
    #[pallet::storage]
    pub type TransfersDisabled<T> = StorageMap<_, Blake2_128Concat, IdBytes, ()>;

    /// Rate limit per denomination (as known on this chain: `uxprt`, `asset-<id>`, or trace).
    #[pallet::storage]
    pub type RateLimits<T: Config> =
        StorageMap<_, Blake2_128Concat, DenomBytes, RateLimit<T::Balance, BlockNumberFor<T>>>;

    /// Amount moved in the current window per denomination and direction.
    #[pallet::storage]
    pub type RateUsages<T: Config> = StorageDoubleMap<
        _,
        Blake2_128Concat,
        DenomBytes,
        Twox64Concat,
        Flow,
        RateUsage<T::Balance, BlockNumberFor<T>>,
        ValueQuery,
    >;

    /// Deposits held for created IBC objects: (kind, identifier) → (depositor, amount).
    #[pallet::storage]
    pub type Deposits<T: Config> =
        StorageDoubleMap<_, Twox64Concat, IbcObject, Blake2_128Concat, IdBytes, (T::AccountId, T::Balance)>;

    #[pallet::event]
    #[pallet::generate_deposit(pub(super) fn deposit_event)]
    pub enum Event<T: Config> {
        /// An IBC event as ibc-rs emitted it, in the Cosmos ABCI form relayers read: `kind`
        /// (e.g. `send_packet`, `create_client`) and its attributes (packet data in full).
        Ibc { kind: Vec<u8>, attributes: Vec<(Vec<u8>, Vec<u8>)> },
        /// A `deliver` message was processed.
        MessageProcessed { index: u32, type_url: Vec<u8> },
        /// A deposit was held for a created client, connection or channel.
        DepositHeld { who: T::AccountId, object: IbcObject, id: Vec<u8>, amount: T::Balance },
        /// A channel's deposit was returned after it closed.
        DepositReleased { who: T::AccountId, id: Vec<u8>, amount: T::Balance },
        /// A user sent tokens over a channel.
        TransferSent { sender: T::AccountId, channel: Vec<u8>, denom: Vec<u8>, amount: T::Balance, receiver: Vec<u8>, sequence: u64 },
        /// A voucher asset was created for a denomination arriving for the first time.
        VoucherCreated { asset: T::AssetId, denom: Vec<u8> },
        /// Governance froze a client.
        ClientFrozen { client: Vec<u8> },
        /// Governance unfroze a client.
        ClientUnfrozen { client: Vec<u8> },
        /// Governance recovered a client from a substitute.
        ClientRecovered { subject: Vec<u8>, substitute: Vec<u8> },
        /// Governance switched transfers on a channel.
        ChannelTransfersSet { channel: Vec<u8>, enabled: bool },
        /// Governance set or removed a rate limit.
        RateLimitSet { denom: Vec<u8>, limit: Option<RateLimit<T::Balance, BlockNumberFor<T>>> },
        /// Governance mapped a bridged denomination onto an asset.
        DenomMapped { denom: Vec<u8>, asset: T::AssetId },
        /// Governance removed a mapping.
        DenomUnmapped { denom: Vec<u8>, asset: T::AssetId },
    }

    #[pallet::error]
    pub enum Error<T> {
        /// `deliver` got no messages.
        NoMessages,
        /// A message is not a protobuf `Any` of an IBC message this chain knows.
        UndecodableMessage,
        /// Client recovery goes through governance (`recover_client`), not `deliver`.
        GovernanceOnlyMessage,
        /// ICS-02 refused a client message (create, update, misbehaviour, upgrade, recover):
        /// bad header or signatures, unknown client, frozen or expired client, …
        ClientError,
        /// ICS-03 refused a connection handshake message (bad proof, wrong state, …).
        ConnectionError,
        /// ICS-04 refused a channel or packet message (bad proof, wrong state, timeout not
        /// reached, packet already received, …).
        ChannelError,
        /// No module is bound to the port of the message.
        RouterError,
        /// The creator cannot pay the anti-spam deposit.
        InsufficientDeposit,
        /// The amount is zero.
        ZeroAmount,
        /// The channel identifier is not valid.
        InvalidChannel,
        /// The channel does not exist.
        UnknownChannel,
        /// Governance switched transfers off on this channel.
        TransfersDisabled,
        /// The asset cannot travel over IBC (not an existing local asset, voucher or mapped asset).
        UnknownAsset,
        /// The receiver address is empty.
        InvalidReceiver,
        /// A transfer needs a timeout height or a timeout timestamp.
        MissingTimeout,
        /// The denomination's rate limit for this window is used up.
        RateLimited,
        /// The sender's balance does not cover the transfer.
        InsufficientBalance,
        /// ibc-rs refused the transfer (see the node log for its reason).
        TransferFailed,
        /// The client identifier is not valid.
        InvalidClient,
        /// No such client.
        UnknownClient,
        /// The client is already frozen.
        ClientAlreadyFrozen,
        /// The client is not frozen.
        ClientNotFrozen,
        /// The denomination is not a valid ICS-20 trace of a token from another chain.
        InvalidDenom,
        /// The denomination already has an asset (voucher or mapping).
        DenomAlreadyMapped,
        /// The denomination has no governance mapping.
        DenomNotMapped,
        /// The asset already stands for another denomination.
        AssetAlreadyMapped,
        /// A rate limit needs a non-zero period.
        InvalidRateLimit,
    }

    #[pallet::hooks]
    impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
        fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
            T::WeightInfo::on_finalize()
        }

        /// Records this chain's consensus state of the block (timestamp, IBC commitment root)
        /// and prunes the one that fell out of `HostHistory`.
        fn on_finalize(n: BlockNumberFor<T>) {
            Self::record_host_consensus_state(n);
        }
    }

    #[pallet::call]
    impl<T: Config> Pallet<T> {
        /// Relayer entry point: processes a batch of `Any`-encoded IBC messages (client
        /// create/update/misbehaviour/upgrade, connection and channel handshakes, packet
        /// receive/acknowledge/timeout) through ibc-rs, atomically. Anyone may relay; whoever
        /// creates a client, connection or channel pays `ObjectDeposit` (held; a channel's is
        /// returned when it closes).
        ///
        /// - `messages`: 1 to `MaxMessages` [`RawMessage`]s, each a protobuf type URL
        ///   (`type_url`, e.g. `/ibc.core.client.v1.MsgUpdateClient`) and the protobuf bytes of
        ///   the message (`value`, at most `MaxMessageSize`).
        #[pallet::call_index(0)]
        #[pallet::weight(Pallet::<T>::deliver_weight(messages))]
        pub fn deliver(origin: OriginFor<T>, messages: MessagesOf<T>) -> DispatchResult {
            let who = ensure_signed(origin)?;
            ensure!(!messages.is_empty(), Error::<T>::NoMessages);
            Self::do_deliver(&who, messages.into_inner())
        }

        /// Sends XPRT or a pallet-assets token over `channel` to `receiver` on the other chain
        /// (ICS-20). XPRT and local assets are escrowed, vouchers and mapped assets burned.
        /// At least one timeout is required: a height on the counterparty
        /// (`revision`, `height`) or a timestamp in nanoseconds since the Unix epoch.
        ///
        /// - `channel`: this chain's channel id as ASCII bytes, e.g. `channel-0`.
        /// - `asset`: `Native` (XPRT) or `Asset(id)` (a `pallet-assets` id).
        /// - `amount`: in the token's base units: uxprt for XPRT (1 XPRT = 1_000_000), the
        ///   asset's base units otherwise (USDT: 1 USDT = 1_000_000); at most the spendable
        ///   balance, and within the denomination's rate limit.
        /// - `receiver`: the address on the other chain as bytes (bech32 for Cosmos chains,
        ///   at most 128).
        /// - `timeout_height`: `(revision_number, revision_height)` of the counterparty chain,
        ///   an absolute height (not a number of blocks from now), or `None`.
        /// - `timeout_timestamp`: an absolute time in **nanoseconds** since the Unix epoch
        ///   (Unix ms × 1_000_000), or `None`.
        /// - `memo`: ICS-20 memo, UTF-8 bytes (at most 256; empty for none).
        #[pallet::call_index(1)]
        #[pallet::weight(T::WeightInfo::transfer())]
        pub fn transfer(
            origin: OriginFor<T>,
            channel: IdBytes,
            asset: TransferAsset<T::AssetId>,
            amount: T::Balance,
            receiver: AddressBytes,
            timeout_height: Option<(u64, u64)>,
            timeout_timestamp: Option<u64>,
            memo: MemoBytes,
        ) -> DispatchResult {
            let who = ensure_signed(origin)?;
            Self::do_transfer(who, channel, asset, amount, receiver, timeout_height, timeout_timestamp, memo)
        }

        /// Governance: freezes a client; nothing verified against it is accepted until it is
        /// unfrozen or recovered. `client` is the client id as ASCII bytes, e.g.
        /// `07-tendermint-0`.
        #[pallet::call_index(2)]
        #[pallet::weight(T::WeightInfo::freeze_client())]
        pub fn freeze_client(origin: OriginFor<T>, client: IdBytes) -> DispatchResult {
            T::GovernanceOrigin::ensure_origin(origin)?;
            Self::set_frozen(client, true)
        }

        /// Governance: unfreezes a client frozen by governance or misbehaviour (`client`: the
        /// client id as ASCII bytes).
        #[pallet::call_index(3)]
        #[pallet::weight(T::WeightInfo::unfreeze_client())]
        pub fn unfreeze_client(origin: OriginFor<T>, client: IdBytes) -> DispatchResult {
            T::GovernanceOrigin::ensure_origin(origin)?;
            Self::set_frozen(client, false)
        }

        /// Governance: recovers a frozen or expired client from an active substitute client of
        /// the same chain (ibc-rs `MsgRecoverClient`). `subject` and `substitute` are client
        /// ids as ASCII bytes.
        #[pallet::call_index(4)]
        #[pallet::weight(T::WeightInfo::recover_client())]
        pub fn recover_client(origin: OriginFor<T>, subject: IdBytes, substitute: IdBytes) -> DispatchResult {
            T::GovernanceOrigin::ensure_origin(origin)?;
            Self::do_recover(subject, substitute)
        }

        /// Governance: switches ICS-20 transfers on `channel` (ASCII bytes, e.g. `channel-0`)
        /// on (`enabled = true`) or off (both directions; packets arriving on a switched-off
        /// channel are acknowledged with an error so the sender is refunded).
        #[pallet::call_index(5)]
        #[pallet::weight(T::WeightInfo::set_channel_transfers())]
        pub fn set_channel_transfers(origin: OriginFor<T>, channel: IdBytes, enabled: bool) -> DispatchResult {
            T::GovernanceOrigin::ensure_origin(origin)?;
            ensure!(
                ibc::core::host::types::identifiers::ChannelId::from_str(
                    core::str::from_utf8(&channel).map_err(|_| Error::<T>::InvalidChannel)?
                ).is_ok(),
                Error::<T>::InvalidChannel
            );
            if enabled {
                TransfersDisabled::<T>::remove(&channel);
            } else {
                TransfersDisabled::<T>::insert(&channel, ());
            }
            Self::deposit_event(Event::ChannelTransfersSet { channel: channel.into_inner(), enabled });
            Ok(())
        }

        /// Governance: limits how much of `denom` may leave and arrive (each) per `period`
        /// blocks; `None` removes the limit.
        ///
        /// - `denom`: the denomination as known on this chain, as bytes: `uxprt`,
        ///   `asset-<id>` for a local asset, or the trace of a voucher or a mapped asset such
        ///   as `transfer/channel-0/uatom`.
        /// - `limit`: [`RateLimit`] `{ max_amount, period }`: `max_amount` in the token's base
        ///   units, `period` a number of **blocks** (6 s each in the runtime; one day = 14,400),
        ///   not zero. Setting or removing a limit restarts its windows.
        #[pallet::call_index(6)]
        #[pallet::weight(T::WeightInfo::set_rate_limit())]
        pub fn set_rate_limit(
            origin: OriginFor<T>,
            denom: DenomBytes,
            limit: Option<RateLimit<T::Balance, BlockNumberFor<T>>>,
        ) -> DispatchResult {
            T::GovernanceOrigin::ensure_origin(origin)?;
            match limit {
                Some(l) => {
                    ensure!(!l.period.is_zero(), Error::<T>::InvalidRateLimit);
                    RateLimits::<T>::insert(&denom, l);
                },
                None => RateLimits::<T>::remove(&denom),
            }
            let _ = RateUsages::<T>::clear_prefix(&denom, 2, None);
            Self::deposit_event(Event::RateLimitSet { denom: denom.into_inner(), limit });
            Ok(())
        }

        /// Governance: tokens of `denom` (a trace such as `transfer/channel-0/uusdt`) arriving
        /// are minted as `asset` instead of a voucher, and `asset` sent back over that channel
        /// is burned. Lets a bridged stablecoin be the chain's own (lendable, investable) one.
        ///
        /// - `denom`: the trace as known on this chain after arrival (this chain's port and
        ///   channel first), as bytes.
        /// - `asset`: an existing `pallet-assets` id, e.g. 1984 (USDT).
        #[pallet::call_index(7)]
        #[pallet::weight(T::WeightInfo::map_denom())]
        pub fn map_denom(origin: OriginFor<T>, denom: DenomBytes, asset: T::AssetId) -> DispatchResult {
            T::GovernanceOrigin::ensure_origin(origin)?;
            Self::do_map_denom(denom, asset)
        }

        /// Governance: removes a mapping made by `map_denom` (`denom`: the same trace bytes).
        #[pallet::call_index(8)]
        #[pallet::weight(T::WeightInfo::unmap_denom())]
        pub fn unmap_denom(origin: OriginFor<T>, denom: DenomBytes) -> DispatchResult {
            T::GovernanceOrigin::ensure_origin(origin)?;
            Self::do_unmap_denom(denom)
        }
    }

    use core::str::FromStr;
}
