//! # App-chain registry
//!
//! Business-specific app chains register here and are secured by this chain's validators.
//!
//! - **Reserve** the next free app-chain id (deposit held), then **register** metadata: name,
//!   genesis and runtime code hashes, token, RPC and website URLs, the number of validators
//!   wanted and their minimum stake (deposit grows with the stored bytes).
//! - **Lifecycle** `Reserved → Registered → Approved → Active ⇄ Paused → Retired`, or
//!   `Registered → Rejected`. Governance approves, rejects, pauses and resumes; the chain
//!   becomes `Active` once enough eligible validators opted in; the owner retires it and gets the
//!   deposit back after a delay.
//! - **Validators** of this chain's staking set **opt in** with an app-chain key (sr25519 or
//!   ed25519) and opt out. Every era the registry assigns up to the wanted number, by stake,
//!   respecting the minimum stake (read through [`ValidatorSet`], not staking's storage);
//!   assignment changes are events.
//! - **Checkpoints**: assigned validators sign `(app_chain_id, height, block_hash, state_root)`
//!   with their app key; when at least two thirds of the assigned set signed the same checkpoint
//!   it is finalized and kept (the latest `MaxCheckpoints`). Signatures are verified on chain. A
//!   validator that signs two different checkpoints at one height is reported to the offences
//!   pallet (staking slashes) and loses its assignment.
//! - **Upgrades**: the owner proposes a new runtime code hash; for an `Active` (or `Paused`)
//!   chain governance must approve it. The history of code hashes is kept.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

pub mod functions;
pub mod runtime_api;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use persistence_primitives::validators::ValidatorSet;

/// What benchmarks need from the runtime: accounts that count as validators.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Make `who` a validator with `stake`.
	fn make_validator(who: &AccountId, stake: persistence_primitives::Balance);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{Inspect as FunInspect, MutateHold},
	};
	use frame_system::pallet_prelude::*;
	use persistence_primitives::Balance;
	use sp_core::H256;
	use sp_runtime::traits::Convert;
	use sp_staking::{offence::ReportOffence, SessionIndex};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds XPRT.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// An app chain's id and metadata.
		ChainDeposit,
		/// A validator's opt-in record.
		OptInDeposit,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// XPRT, for deposits (held).
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ FunInspect<Self::AccountId, Balance = Balance>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// This chain's validators and their stake.
		type Validators: ValidatorSet<Self::AccountId>;

		/// An offender as the offences pallet identifies it.
		type Offender: Parameter;

		/// The offender record of a validator account.
		type OffenderOf: Convert<Self::AccountId, Option<Self::Offender>>;

		/// Where equivocations are reported (the offences pallet; staking slashes).
		type ReportOffence: ReportOffence<Self::AccountId, Self::Offender, CheckpointEquivocation<Self::Offender>>;

		/// The current session index, for offence reports.
		type CurrentSession: Get<SessionIndex>;

		/// Who approves, rejects, pauses and resumes app chains and approves their upgrades.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// XPRT held for reserving an id (uxprt: 1 XPRT = 1_000_000).
		#[pallet::constant]
		type ReserveDeposit: Get<Balance>;

		/// XPRT held per byte of registered metadata (uxprt).
		#[pallet::constant]
		type DepositPerByte: Get<Balance>;

		/// XPRT held from a validator per opt-in (uxprt).
		#[pallet::constant]
		type OptInDeposit: Get<Balance>;

		/// Blocks (not seconds) between retirement and the deposit's release.
		#[pallet::constant]
		type RetirementDelay: Get<BlockNumberFor<Self>>;

		/// Longest name and token symbol (bytes).
		#[pallet::constant]
		type NameLimit: Get<u32>;

		/// Longest URL (bytes).
		#[pallet::constant]
		type UrlLimit: Get<u32>;

		/// Most validators opted in to one app chain.
		#[pallet::constant]
		type MaxCandidates: Get<u32>;

		/// Most validators assigned to one app chain.
		#[pallet::constant]
		type MaxAssigned: Get<u32>;

		/// Most app chains active at once.
		#[pallet::constant]
		type MaxActiveChains: Get<u32>;

		/// Finalized checkpoints kept per app chain.
		#[pallet::constant]
		type MaxCheckpoints: Get<u32>;

		/// Code hashes kept per app chain.
		#[pallet::constant]
		type MaxCodeHistory: Get<u32>;

		/// Weights.
		type WeightInfo: WeightInfo;

		/// Validators for benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Chain info type of runtime `T`.
	pub type ChainInfoOf<T> = ChainInfo<
		<T as frame_system::Config>::AccountId,
		BlockNumberFor<T>,
		<T as Config>::NameLimit,
		<T as Config>::UrlLimit,
	>;
	/// Metadata type of runtime `T`.
	pub type ChainMetadataOf<T> = ChainMetadata<<T as Config>::NameLimit, <T as Config>::UrlLimit>;

	/// The id the next reservation gets.
	#[pallet::storage]
	pub type NextChainId<T> = StorageValue<_, ChainId, ValueQuery>;

	/// App chains.
	#[pallet::storage]
	pub type Chains<T: Config> = StorageMap<_, Twox64Concat, ChainId, ChainInfoOf<T>>;

	/// Runtime code hashes of each app chain, oldest first, with the block they took effect.
	#[pallet::storage]
	pub type CodeHistory<T: Config> =
		StorageMap<_, Twox64Concat, ChainId, BoundedVec<(H256, BlockNumberFor<T>), T::MaxCodeHistory>, ValueQuery>;

	/// A code upgrade of an active app chain waiting for governance.
	#[pallet::storage]
	pub type PendingUpgrade<T> = StorageMap<_, Twox64Concat, ChainId, H256>;

	/// Validators opted in to an app chain, with their app keys.
	#[pallet::storage]
	pub type Candidates<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ChainId, Blake2_128Concat, T::AccountId, AppKey>;

	/// How many validators opted in to an app chain.
	#[pallet::storage]
	pub type CandidateCount<T> = StorageMap<_, Twox64Concat, ChainId, u32, ValueQuery>;

	/// Validators assigned to an app chain now.
	#[pallet::storage]
	pub type Assigned<T: Config> =
		StorageMap<_, Twox64Concat, ChainId, BoundedVec<(T::AccountId, AppKey), T::MaxAssigned>, ValueQuery>;

	/// Active app chains (assigned validators every era).
	#[pallet::storage]
	pub type ActiveChains<T: Config> = StorageValue<_, BoundedVec<ChainId, T::MaxActiveChains>, ValueQuery>;

	/// App chains still to be reassigned this era (one per block).
	#[pallet::storage]
	pub type RotationQueue<T: Config> = StorageValue<_, BoundedVec<ChainId, T::MaxActiveChains>, ValueQuery>;

	/// The era of the last rotation.
	#[pallet::storage]
	pub type LastEra<T> = StorageValue<_, u32, ValueQuery>;

	/// Votes on checkpoints not yet finalized: (chain, height), validator → vote.
	#[pallet::storage]
	pub type Votes<T: Config> = StorageDoubleMap<_, Twox64Concat, (ChainId, u64), Blake2_128Concat, T::AccountId, Vote>;

	/// Finalized checkpoints of each app chain, the latest last.
	#[pallet::storage]
	pub type Finalized<T: Config> = StorageMap<
		_,
		Twox64Concat,
		ChainId,
		BoundedVec<FinalizedCheckpoint<BlockNumberFor<T>>, T::MaxCheckpoints>,
		ValueQuery,
	>;

	/// Recorded equivocations: (chain, height), validator → the two conflicting checkpoints.
	#[pallet::storage]
	pub type Equivocations<T: Config> =
		StorageDoubleMap<_, Twox64Concat, (ChainId, u64), Blake2_128Concat, T::AccountId, (H256, H256)>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An id was reserved.
		Reserved { chain: ChainId, owner: T::AccountId, deposit: Balance },
		/// Metadata was registered (or replaced before approval).
		Registered { chain: ChainId, deposit: Balance },
		/// Governance approved the app chain.
		Approved { chain: ChainId },
		/// Governance rejected the app chain; its deposit was returned.
		Rejected { chain: ChainId },
		/// The app chain is active.
		Activated { chain: ChainId },
		/// Governance paused the app chain.
		Paused { chain: ChainId },
		/// Governance resumed the app chain.
		Resumed { chain: ChainId },
		/// The owner retired the app chain.
		Retired { chain: ChainId },
		/// The retired app chain's records were removed and its deposit returned.
		Withdrawn { chain: ChainId, deposit: Balance },
		/// A validator opted in.
		OptedIn { chain: ChainId, validator: T::AccountId, key: AppKey },
		/// A validator opted out.
		OptedOut { chain: ChainId, validator: T::AccountId },
		/// A validator was assigned to the app chain.
		ValidatorAssigned { chain: ChainId, validator: T::AccountId, era: u32 },
		/// A validator is no longer assigned.
		ValidatorUnassigned { chain: ChainId, validator: T::AccountId, era: u32 },
		/// A validator signed a checkpoint.
		CheckpointSigned { chain: ChainId, height: u64, validator: T::AccountId, signatures: u32 },
		/// Two thirds of the assigned validators signed a checkpoint: it is final.
		CheckpointFinalized { chain: ChainId, checkpoint: Checkpoint, signatures: u32 },
		/// A validator signed two different checkpoints at one height; it was reported.
		Equivocation { chain: ChainId, height: u64, validator: T::AccountId },
		/// The owner proposed a code upgrade that waits for governance.
		UpgradeProposed { chain: ChainId, code_hash: H256 },
		/// The app chain's runtime code hash changed.
		CodeUpdated { chain: ChainId, code_hash: H256 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No such app chain.
		UnknownChain,
		/// Only the app chain's owner may do this.
		NotOwner,
		/// The app chain is not in the state this needs.
		WrongState,
		/// Metadata must want at least one validator, and at most `MaxAssigned`.
		BadValidatorCount,
		/// Only validators of this chain's staking set may opt in.
		NotValidator,
		/// Already opted in.
		AlreadyOptedIn,
		/// Not opted in.
		NotOptedIn,
		/// `MaxCandidates` validators opted in already.
		TooManyCandidates,
		/// Fewer eligible validators opted in than the app chain wants.
		NotEnoughValidators,
		/// `MaxActiveChains` app chains are active already.
		TooManyActiveChains,
		/// Only validators assigned to the app chain may sign checkpoints.
		NotAssigned,
		/// The height is not above the latest finalized checkpoint.
		StaleCheckpoint,
		/// The signature does not verify with the validator's app key.
		BadSignature,
		/// This validator already signed this checkpoint.
		AlreadySigned,
		/// No upgrade is pending.
		NoPendingUpgrade,
		/// The code hash is the current one.
		SameCode,
		/// The retirement delay has not passed.
		RetirementDelayNotOver,
		/// An amount overflowed.
		Overflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// At a new era, queue every active app chain for reassignment; reassign one per block.
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			Self::rotate_step()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Reserve the next free app-chain id; holds `ReserveDeposit` XPRT. No arguments; the
		/// id is in the `Reserved` event (`chain`).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::reserve())]
		pub fn reserve(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_reserve(who).map(|_| ())
		}

		/// Register (or, before approval, replace) the metadata of a reserved app chain; holds
		/// `DepositPerByte` for its variable-length fields.
		///
		/// - `chain`: the id from `reserve` (the caller must own it).
		/// - `metadata`: [`ChainMetadata`]: `name` and `token_symbol` (bytes, at most
		///   `NameLimit` each), `genesis_hash` and `code_hash` (32-byte hashes),
		///   `token_decimals` (of the app chain's own token; the registry only stores it),
		///   `rpc_url` and `website` (bytes, at most `UrlLimit` each), `validators_wanted`
		///   (1 to `MaxAssigned`) and `min_stake` in uxprt (1 XPRT = 1_000_000), compared with
		///   a validator's total bonded stake on this chain.
		///
		/// The deposit held is then `ReserveDeposit + DepositPerByte × (bytes of name, token
		/// symbol, RPC URL and website)` XPRT in all.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::register())]
		pub fn register(origin: OriginFor<T>, chain: ChainId, metadata: ChainMetadataOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register(who, chain, metadata)
		}

		/// Governance: approve the registered app chain `chain`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::approve())]
		pub fn approve(origin: OriginFor<T>, chain: ChainId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::transition(chain, |s| matches!(s, Lifecycle::Registered), Lifecycle::Approved)?;
			Self::deposit_event(Event::Approved { chain });
			Ok(())
		}

		/// Governance: reject the registered app chain `chain`; its deposit is returned.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::reject())]
		pub fn reject(origin: OriginFor<T>, chain: ChainId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_reject(chain)
		}

		/// A validator of this chain opts in to the app chain `chain` with its app-chain `key`
		/// (`AppKey::Sr25519` or `AppKey::Ed25519`, a 32-byte public key); holds `OptInDeposit`
		/// XPRT.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::opt_in())]
		pub fn opt_in(origin: OriginFor<T>, chain: ChainId, key: AppKey) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_opt_in(who, chain, key)
		}

		/// Opt out of the app chain `chain` (and leave the assignment at once).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::opt_out())]
		pub fn opt_out(origin: OriginFor<T>, chain: ChainId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_opt_out(who, chain)
		}

		/// Activate the approved app chain `chain` once at least `validators_wanted` eligible
		/// validators opted in; assigns its first validators. Anyone may call.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::activate(T::MaxCandidates::get()))]
		pub fn activate(origin: OriginFor<T>, chain: ChainId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_activate(chain)
		}

		/// An assigned validator signs a checkpoint of an active app chain with its app key.
		/// Finalizes it at two thirds of the assigned set; a second, different checkpoint at
		/// the same height from the same validator is reported as an equivocation.
		///
		/// - `chain`: the app chain id.
		/// - `checkpoint`: [`Checkpoint`]: `height` (a block number of the app chain, above
		///   the latest finalized one), `block_hash` and `state_root` (32 bytes each).
		/// - `signature`: the app key's signature (`Sr25519` or `Ed25519`, 64 bytes) of
		///   [`checkpoint_payload`]`(chain, checkpoint)`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::submit_checkpoint(T::MaxAssigned::get()).max(T::WeightInfo::report_equivocation(T::MaxAssigned::get())))]
		pub fn submit_checkpoint(
			origin: OriginFor<T>,
			chain: ChainId,
			checkpoint: Checkpoint,
			signature: AppSignature,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_submit_checkpoint(who, chain, checkpoint, signature)
		}

		/// The owner proposes `code_hash` (32 bytes), the app chain's new runtime code hash, for
		/// `chain`. Takes effect at once before activation;
		/// for an active or paused app chain it waits for governance.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::propose_upgrade())]
		pub fn propose_upgrade(origin: OriginFor<T>, chain: ChainId, code_hash: H256) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_propose_upgrade(who, chain, code_hash)
		}

		/// Governance: apply the pending code upgrade of `chain`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::approve_upgrade())]
		pub fn approve_upgrade(origin: OriginFor<T>, chain: ChainId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let code_hash = PendingUpgrade::<T>::take(chain).ok_or(Error::<T>::NoPendingUpgrade)?;
			Self::set_code(chain, code_hash);
			Ok(())
		}

		/// Governance: pause the active app chain `chain` (no checkpoints until resumed).
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::pause())]
		pub fn pause(origin: OriginFor<T>, chain: ChainId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::transition(chain, |s| matches!(s, Lifecycle::Active), Lifecycle::Paused)?;
			Self::deposit_event(Event::Paused { chain });
			Ok(())
		}

		/// Governance: resume the paused app chain `chain`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::resume())]
		pub fn resume(origin: OriginFor<T>, chain: ChainId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::transition(chain, |s| matches!(s, Lifecycle::Paused), Lifecycle::Active)?;
			Self::deposit_event(Event::Resumed { chain });
			Ok(())
		}

		/// The owner retires the app chain `chain`: validators are released; the deposit can be
		/// withdrawn `RetirementDelay` **blocks** later (7 days = 100,800 blocks of 6 s in the
		/// runtime).
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::retire(T::MaxAssigned::get()))]
		pub fn retire(origin: OriginFor<T>, chain: ChainId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_retire(who, chain)
		}

		/// After the retirement delay (`RetirementDelay` blocks from the block of `retire`):
		/// remove the records of the app chain `chain`, return the owner's deposit and the
		/// remaining validators' opt-in deposits. Anyone may call.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::withdraw(T::MaxCandidates::get()))]
		pub fn withdraw(origin: OriginFor<T>, chain: ChainId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_withdraw(chain)
		}
	}
}
