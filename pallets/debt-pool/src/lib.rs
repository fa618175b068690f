//! # Debt pool pallet
//!
//! Securitized pools of asset-backed loans, split into risk tranches that stablecoin holders
//! fund for a return.
//!
//! - **Create**: an originator opens a pool in one stablecoin with 1–5 tranches, junior first.
//!   Every tranche above the junior has a fixed annual yield and a **minimum subordination**
//!   (share of pool value that must sit below it). The originator may post **first-loss
//!   cover**, which absorbs losses before any tranche, and earns an optional fee (share of NAV
//!   per year). Governance may require approval before a pool opens.
//! - **Invest**: deposits buy a tranche's **share tokens** (`pallet-assets` tokens created per
//!   tranche — transferable, visible in wallets) at the tranche's price now.
//! - **Redeem**: shares are queued and served **first in, first out**, most senior tranche
//!   first, from the reserve whenever cash arrives (deposits, repayments) and subordination
//!   allows; the unserved part can be cancelled. No epochs, no off-chain solver.
//! - **Finance**: the pool admin (or a delegated manager) funds requested asset loans from the
//!   reserve; the pool's account is the lender (through `LoanProvider`).
//! - **One set of books**: the pool keeps no copy of its loans. Its cash is what its account
//!   holds (less the cover and the payouts set aside); its loans are worth what the loan
//!   pallet's portfolio of the pool account says (performing debt by rate, late loans as last
//!   revalued), kept in the same transaction as every loan change. Repayments and recoveries
//!   land in the account and are part of NAV at once.
//! - **Waterfall**: NAV = cash + loans + what the cover stands behind − fees owed. Walking from
//!   the most senior tranche down, each takes the lesser of what it is owed (invested, grown at
//!   its yield, less what its redeemed shares were owed) and what is left; the junior tranche
//!   takes the rest. The cover stands behind unrealised write-downs and pays realised losses;
//!   beyond it losses hit the junior tranche, then upward. A pool whose junior tranche is wiped
//!   out is `Impaired`: no financing, only junior recapitalisation.
//! - **Recovery**: the admin or manager — or anyone, once a loan has been in default for the
//!   governance `LiquidationDelay` — `liquidate`s a defaulted pool loan by auction.
//! - **Pull payouts**: redemption proceeds and fees are set aside and claimed; no recipient can
//!   block anyone else.
//! - **O(1)**: NAV, deposits, redemptions, financing and liquidation cost the same with 10 or
//!   10,000 loans.

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

pub use persistence_primitives::loans::{LoanId, LoanProvider, LoanStatus, WriteDownStep};

/// What benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// The pools' stablecoin (created if needed).
	fn stablecoin() -> persistence_primitives::AssetId;
	/// Give `who` XPRT and `amount` of the stablecoin.
	fn fund(who: &AccountId, amount: persistence_primitives::Balance);
	/// A loan of `principal` at `rate`, requested by a new borrower and not yet funded.
	fn requested_loan(principal: persistence_primitives::Balance, rate: sp_runtime::Perquintill) -> LoanId;
	/// Put `n` more open loans (due in the far future) into `lender`'s portfolio.
	fn add_loans(lender: &AccountId, n: u32);
	/// Declare a funded loan that is past its grace period in default.
	fn default_loan(loan: LoanId);
	/// Repay a loan in full (by its borrower).
	fn repay(loan: LoanId);
	/// Set the wall clock (Unix ms).
	fn set_time(now: Moment);
	/// The most distinct loan rates a lender's portfolio may hold (the loan pallet's
	/// `MaxPortfolioRates`): valuing a pool brings one interest accumulator per rate up to
	/// date, so the benchmarks finance a loan at each.
	fn max_loan_rates() -> u32;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect as FunInspect, MutateHold},
			fungibles, Time,
		},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use persistence_primitives::{AssetId, Balance};
	use sp_runtime::Perquintill;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds XPRT.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Deposit for a pool, held from its admin until it closes.
		PoolDeposit,
		/// Deposit for a queued redemption, held from the holder until it is claimed or
		/// cancelled.
		QueueDeposit,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// XPRT, for pool deposits (held).
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ FunInspect<Self::AccountId, Balance = Balance>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Stablecoins and tranche share tokens (`pallet-assets`).
		type Assets: fungibles::Mutate<Self::AccountId, AssetId = AssetId, Balance = Balance>
			+ fungibles::Create<Self::AccountId>;

		/// The loans the pools finance.
		type Loans: LoanProvider<Self::AccountId>;

		/// Wall-clock time (Unix ms).
		type Time: Time<Moment = Moment>;

		/// Who approves pools and decides whether approval is required (governance).
		type ApprovalOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The pallet's id; pool accounts derive from it.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// XPRT held from the admin per pool (uxprt: 1 XPRT = 1_000_000).
		#[pallet::constant]
		type PoolDeposit: Get<Balance>;

		/// The first asset id given to tranche share tokens; later ones count up.
		#[pallet::constant]
		type ShareAssetIdStart: Get<AssetId>;

		/// Most tranches in a pool (the issue of record says 5).
		#[pallet::constant]
		type MaxTranches: Get<u32>;

		/// XPRT held per queued redemption until it is claimed or cancelled (uxprt).
		#[pallet::constant]
		type QueueDeposit: Get<Balance>;

		/// Longest risk-class label (bytes).
		#[pallet::constant]
		type LabelLimit: Get<u32>;

		/// Most queued redemptions served (or skipped) by one call.
		#[pallet::constant]
		type MaxServedPerCall: Get<u32>;

		/// Longest liquidation delay governance may set (ms): past it, anyone may liquidate a
		/// defaulted pool loan, so a pool whose admin and manager are gone still recovers.
		#[pallet::constant]
		type MaxLiquidationDelay: Get<Moment>;

		/// Longest write-down policy a pool may set (the loan pallet's bound).
		#[pallet::constant]
		type MaxWriteDownSteps: Get<u32>;

		/// Weights of the calls.
		type WeightInfo: WeightInfo;

		/// Stablecoins and loans for benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Pool type for runtime `T`.
	pub type PoolOf<T> =
		Pool<<T as frame_system::Config>::AccountId, <T as Config>::MaxTranches, <T as Config>::LabelLimit>;

	/// The id the next pool gets.
	#[pallet::storage]
	pub type NextPoolId<T> = StorageValue<_, PoolId, ValueQuery>;

	/// The id the next tranche share token gets (0: start at `ShareAssetIdStart`).
	#[pallet::storage]
	pub type NextShareAsset<T> = StorageValue<_, AssetId, ValueQuery>;

	/// Pools.
	#[pallet::storage]
	pub type Pools<T: Config> = StorageMap<_, Twox64Concat, PoolId, PoolOf<T>>;

	/// Redemption queues: (pool, tranche) and position → request.
	#[pallet::storage]
	pub type Queues<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		(PoolId, TrancheIndex),
		Twox64Concat,
		QueuePosition,
		Redemption<T::AccountId>,
	>;

	/// Shares each holder has queued and proceeds not yet claimed, per (pool, tranche); removed
	/// when both are zero.
	#[pallet::storage]
	pub type QueuedBy<T: Config> =
		StorageDoubleMap<_, Twox64Concat, (PoolId, TrancheIndex), Blake2_128Concat, T::AccountId, Holding, OptionQuery>;

	/// Whether new pools wait for governance approval.
	#[pallet::storage]
	pub type ApprovalRequired<T> = StorageValue<_, bool, ValueQuery>;

	/// How long (ms) a pool loan must have been in default before anyone — not only the pool's
	/// admin or manager — may liquidate it.
	#[pallet::storage]
	pub type LiquidationDelay<T> = StorageValue<_, Moment, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Whether new pools wait for governance approval.
		pub approval_required: bool,
		/// How long (ms) a pool loan must have been in default before anyone may liquidate it.
		pub liquidation_delay: Moment,
		#[serde(skip)]
		pub _marker: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			assert!(
				self.liquidation_delay <= T::MaxLiquidationDelay::get(),
				"pallet-debt-pool genesis refused: LiquidationDelayTooLong"
			);
			ApprovalRequired::<T>::put(self.approval_required);
			LiquidationDelay::<T>::put(self.liquidation_delay);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A pool was created; `share_assets` are its tranches' tokens, junior first.
		Created {
			pool: PoolId,
			admin: T::AccountId,
			currency: AssetId,
			share_assets: alloc::vec::Vec<AssetId>,
			first_loss_cover: Balance,
			open: bool,
		},
		/// Governance approved a pool; it is open.
		Approved { pool: PoolId },
		/// Governance changed whether new pools need approval.
		ApprovalRequiredSet { required: bool },
		/// The admin set or removed the pool's manager.
		ManagerSet { pool: PoolId, manager: Option<T::AccountId> },
		/// `who` invested `amount` in a tranche for `shares`.
		Invested { pool: PoolId, tranche: TrancheIndex, who: T::AccountId, amount: Balance, shares: Balance },
		/// `who` queued `shares` for redemption at `position`.
		RedemptionQueued { pool: PoolId, tranche: TrancheIndex, who: T::AccountId, position: QueuePosition, shares: Balance },
		/// A queued redemption was (partly) served: `shares` burnt for `amount`, set aside for
		/// `who` to claim.
		RedemptionServed {
			pool: PoolId,
			tranche: TrancheIndex,
			who: T::AccountId,
			position: QueuePosition,
			shares: Balance,
			amount: Balance,
		},
		/// The unserved `shares` of a redemption were returned.
		RedemptionCancelled { pool: PoolId, tranche: TrancheIndex, who: T::AccountId, position: QueuePosition, shares: Balance },
		/// `who` claimed `amount` of proceeds set aside for them.
		Claimed { pool: PoolId, who: T::AccountId, amount: Balance },
		/// The pool funded a loan.
		LoanFinanced { pool: PoolId, loan: LoanId, principal: Balance },
		/// A defaulted pool loan's collateral went to auction, started by `by`.
		Liquidated { pool: PoolId, loan: LoanId, reserve: Balance, by: T::AccountId },
		/// A realised loss of `loss` (debt a closing loan did not recover): `covered` paid by the
		/// first-loss cover, the rest borne by the tranches (junior first).
		LossBooked { pool: PoolId, loss: Balance, covered: Balance },
		/// The originator added `amount` to the first-loss cover.
		CoverToppedUp { pool: PoolId, amount: Balance },
		/// A tranche with no holders held `amount`: it became the originator's, as `amount`
		/// shares at 1, before new shares were priced.
		ResidualToOriginator { pool: PoolId, tranche: TrancheIndex, amount: Balance },
		/// The originator fee was set aside for the admin to claim.
		FeePaid { pool: PoolId, amount: Balance },
		/// Governance set the liquidation delay (ms).
		LiquidationDelaySet { delay: Moment },
		/// The pool admin set the pool's own write-down policy (`steps`), or returned it to
		/// governance's (`None`).
		WriteDownPolicySet { pool: PoolId, steps: Option<u32> },
		/// The junior tranche is wiped out: no new investment.
		Impaired { pool: PoolId },
		/// The junior tranche has value again: the pool is open.
		Reopened { pool: PoolId },
		/// The pool was closed; the admin got back `returned` (cover, cash, anchor) and the
		/// deposit.
		Closed { pool: PoolId, returned: Balance },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No such pool.
		UnknownPool,
		/// Only the pool admin may do this.
		NotAdmin,
		/// Only the pool admin or its manager may do this.
		NotAdminOrManager,
		/// A pool has 1 to `MaxTranches` tranches.
		BadTrancheCount,
		/// Governance has not listed this currency for lending (`assetLoan.setLendableCurrency`).
		CurrencyNotLendable,
		/// The pool holds loans: its write-down policy is fixed until they are closed.
		LoansOpen,
		/// The pool has investors: its write-down policy is fixed while they are in.
		InvestorsIn,
		/// A minimum subordination must be below 100 %.
		BadSubordination,
		/// The pool is waiting for approval, or impaired (then only junior deposits are taken).
		NotOpen,
		/// The pool is impaired: it finances no new loans until recapitalised.
		PoolImpaired,
		/// The pool is not waiting for approval.
		NotPendingApproval,
		/// No such tranche.
		UnknownTranche,
		/// The amount is zero.
		ZeroAmount,
		/// The deposit would take the reserve over its maximum.
		MaxReserveExceeded,
		/// The deposit would leave a tranche with less subordination than its minimum.
		SubordinationBreached,
		/// The deposit is too small to buy one share unit.
		TooSmall,
		/// No such queued redemption.
		UnknownRedemption,
		/// Only the holder may cancel their redemption.
		NotRedemptionOwner,
		/// The loan is not a requested (unfunded) loan.
		LoanNotRequested,
		/// The loan is in another currency than the pool.
		CurrencyMismatch,
		/// The reserve cannot cover the principal.
		InsufficientReserve,
		/// The loan was not financed by a pool.
		NotPoolLoan,
		/// One of the pool's loans has an out-of-date valuation (see the pool view's
		/// `stale_loan`): revalue it (`update_loan`) before deposits and redemptions are priced.
		NavStale,
		/// Fewer shares (invest) or less value (redeem) than the caller's minimum.
		Slippage,
		/// Only a defaulted loan can be liquidated.
		LoanNotDefaulted,
		/// Only the admin or manager may liquidate before the liquidation delay has passed.
		LiquidationDelayNotOver,
		/// Only the admin or manager may choose the reserve price.
		ReserveNotAllowed,
		/// Nothing to claim.
		NothingToClaim,
		/// The pool account holds less than its books say (a defensive check no test reaches).
		BooksBroken,
		/// The pool still has loans or shares outstanding.
		PoolNotEmpty,
		/// A share token could not be created (id taken).
		ShareAssetUnavailable,
		/// The liquidation delay is above `MaxLiquidationDelay`.
		LiquidationDelayTooLong,
		/// An amount overflowed.
		Overflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// try-runtime: every pool's account holds what its books set aside, and its payouts,
		/// queued shares and holders' records agree with its queues.
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Create a pool in `currency` with `tranches` (junior first), a cash ceiling, optional
		/// first-loss cover (moved from the caller to the pool) and an annual originator fee.
		/// Holds `PoolDeposit` XPRT; creates one share token per tranche.
		///
		/// - `currency`: the pool's stablecoin, a `pallet-assets` id governance lists for
		///   lending (e.g. 1984 for USDT).
		/// - `risk_class`: a label, e.g. `trade-receivables-EU-B` (bytes, at most
		///   `LabelLimit`).
		/// - `tranches`: 1 to `MaxTranches` [`TrancheSpec`]s, junior (index 0) first. For each
		///   tranche above the junior: `yield_rate` an annual `Perquintill` (10^18 = 100 %;
		///   8 % = 80_000_000_000_000_000) and `min_subordination` a `Perbill` below 100 %
		///   (10^9 = 100 %; 20 % = 200_000_000). The junior's two values are ignored (0).
		/// - `max_reserve`: the most cash the pool may hold, in `currency`'s base units
		///   (6 decimals for USDT: 1,000,000 USDT = 1_000_000_000_000).
		/// - `first_loss_cover`: moved from the caller into the pool now, in `currency`'s base
		///   units (0 for none); the currency's minimum balance is moved with it as the pool
		///   account's anchor.
		/// - `fee_rate`: the originator's annual fee as a share of NAV, a `Perquintill`
		///   (1 % = 10_000_000_000_000_000; 0 for none).
		///
		/// Emits `Created`, whose `pool` is the new pool's id and `share_assets` the tranches'
		/// share tokens, junior first.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create(tranches.len() as u32))]
		pub fn create(
			origin: OriginFor<T>,
			currency: AssetId,
			risk_class: BoundedVec<u8, T::LabelLimit>,
			tranches: BoundedVec<TrancheSpec, T::MaxTranches>,
			max_reserve: Balance,
			first_loss_cover: Balance,
			fee_rate: Perquintill,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_create(who, currency, risk_class, tranches, max_reserve, first_loss_cover, fee_rate).map(|_| ())
		}

		/// Governance: open the pool `pool` (its id), waiting for approval.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::approve())]
		pub fn approve(origin: OriginFor<T>, pool: PoolId) -> DispatchResult {
			T::ApprovalOrigin::ensure_origin(origin)?;
			Pools::<T>::try_mutate(pool, |p| -> DispatchResult {
				let p = p.as_mut().ok_or(Error::<T>::UnknownPool)?;
				ensure!(p.state == PoolState::PendingApproval, Error::<T>::NotPendingApproval);
				p.state = PoolState::Open;
				Ok(())
			})?;
			Self::deposit_event(Event::Approved { pool });
			Ok(())
		}

		/// Governance: require (`required = true`) or stop requiring approval of new pools.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_approval_required())]
		pub fn set_approval_required(origin: OriginFor<T>, required: bool) -> DispatchResult {
			T::ApprovalOrigin::ensure_origin(origin)?;
			ApprovalRequired::<T>::put(required);
			Self::deposit_event(Event::ApprovalRequiredSet { required });
			Ok(())
		}

		/// Admin of `pool`: delegate loan financing and liquidation to the account `manager`,
		/// or remove the manager (`None`).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_manager())]
		pub fn set_manager(origin: OriginFor<T>, pool: PoolId, manager: Option<T::AccountId>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Pools::<T>::try_mutate(pool, |p| -> DispatchResult {
				let p = p.as_mut().ok_or(Error::<T>::UnknownPool)?;
				ensure!(p.admin == who, Error::<T>::NotAdmin);
				p.manager = manager.clone();
				Ok(())
			})?;
			Self::deposit_event(Event::ManagerSet { pool, manager });
			Ok(())
		}

		/// Invest `amount` of the pool currency in a tranche, for shares at its price now, and at
		/// least `min_shares` of them (`Slippage` otherwise; 0 for no bound).
		///
		/// - `pool`: the pool id; `tranche`: its index, 0 the junior, the last the most senior.
		/// - `amount`: base units of the pool currency (800,000 USDT = 800_000_000_000).
		/// - `min_shares`: base units of the tranche's share token (the first deposit into a
		///   tranche gets one share unit per base unit of the currency).
		///
		/// Refused if the pool is not open (an impaired pool takes junior deposits only), one of
		/// its loans needs revaluing (`NavStale`), the reserve would exceed its maximum, or any
		/// tranche's subordination would fall below its minimum. Serves queued redemptions with
		/// the new cash.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::invest().saturating_add(T::WeightInfo::serve_redemptions(T::MaxServedPerCall::get())))]
		pub fn invest(
			origin: OriginFor<T>,
			pool: PoolId,
			tranche: TrancheIndex,
			amount: Balance,
			min_shares: Balance,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let served = Self::do_invest(who, pool, tranche, amount, min_shares)?;
			Ok(Some(T::WeightInfo::invest().saturating_add(T::WeightInfo::serve_redemptions(served))).into())
		}

		/// Queue `shares` of a tranche for redemption (they move to the pool account until
		/// served or cancelled; `QueueDeposit` XPRT is held until the entry is claimed or
		/// cancelled), and serve the queue as far as cash and subordination allow. Refused if
		/// the shares are worth less than `min_value` now (`Slippage`; 0 for no bound).
		///
		/// - `pool`, `tranche`: as for `invest`.
		/// - `shares`: base units of the tranche's share token.
		/// - `min_value`: base units of the pool currency.
		///
		/// Emits `RedemptionQueued`, whose `position` names the entry for `claim` and
		/// `cancel_redemption`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::redeem().saturating_add(T::WeightInfo::serve_redemptions(T::MaxServedPerCall::get())))]
		pub fn redeem(
			origin: OriginFor<T>,
			pool: PoolId,
			tranche: TrancheIndex,
			shares: Balance,
			min_value: Balance,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let served = Self::do_redeem(who, pool, tranche, shares, min_value)?;
			Ok(Some(T::WeightInfo::redeem().saturating_add(T::WeightInfo::serve_redemptions(served))).into())
		}

		/// Take back the unserved shares of the queued redemption at `position` (from
		/// `RedemptionQueued`) in `tranche` of `pool`; proceeds already served stay claimable.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::cancel_redemption())]
		pub fn cancel_redemption(
			origin: OriginFor<T>,
			pool: PoolId,
			tranche: TrancheIndex,
			position: QueuePosition,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel_redemption(who, pool, tranche, position)
		}

		/// Set the fee owed by `pool` aside and serve queued redemptions from the reserve (most
		/// senior first, first in first out). Anyone may call. Refused with `NavStale` while a
		/// loan of the pool needs revaluing.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::serve_redemptions(T::MaxServedPerCall::get()))]
		pub fn process_redemptions(origin: OriginFor<T>, pool: PoolId) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let mut p = Pools::<T>::get(pool).ok_or(Error::<T>::UnknownPool)?;
			let mut books = Self::books(pool, &mut p)?;
			ensure!(books.stale_loan.is_none(), Error::<T>::NavStale);
			Self::accrue(&mut p, &books)?;
			let served = Self::serve(pool, &mut p, &mut books)?;
			Pools::<T>::insert(pool, p);
			Ok(Some(T::WeightInfo::serve_redemptions(served)).into())
		}

		/// Admin or manager of `pool`: fund the requested asset loan `loan` (an `assetLoan` loan
		/// id) in the pool's currency from the reserve, after serving the redemptions queued
		/// before it (so new loans never take cash queued investors are waiting for). Refused
		/// while the pool is impaired or one of its loans needs revaluing.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::finance().saturating_add(T::WeightInfo::serve_redemptions(T::MaxServedPerCall::get())))]
		pub fn finance(origin: OriginFor<T>, pool: PoolId, loan: LoanId) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let served = Self::do_finance(who, pool, loan)?;
			Ok(Some(T::WeightInfo::finance().saturating_add(T::WeightInfo::serve_redemptions(served))).into())
		}

		/// Bring the pool loan `loan`'s valuation up to date in the loan pallet's books (a missed
		/// payment makes it overdue and written down; a new write-down step writes it down
		/// further). Anyone may call; pools refuse to price while one of their loans needs it.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::update_loan())]
		pub fn update_loan(origin: OriginFor<T>, loan: LoanId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_update_loan(loan)
		}

		/// Admin: close `pool`, which has no loans and no shares outstanding and nothing left to
		/// claim; the cover, the anchor and any remaining cash return to the admin, and the
		/// deposit is released.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::close())]
		pub fn close(origin: OriginFor<T>, pool: PoolId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_close(who, pool)
		}

		/// Liquidate a defaulted pool loan: auction its collateral, the pool being the lender.
		/// The proceeds (up to the debt) come into the pool's cash, a surplus goes to the
		/// borrower, a shortfall is a realised loss (cover first, then junior up).
		///
		/// The pool's admin or manager may liquidate at once and may choose the `reserve`
		/// price (at least the currency's minimum balance); anyone else only once the loan has
		/// been in default for `LiquidationDelay`, at the loan's present value by the
		/// write-down policy (so the reserve falls as the write-down grows). An auction that
		/// gets no bids returns the loan to `Defaulted`, and it can be liquidated again.
		///
		/// - `loan`: the `assetLoan` loan id.
		/// - `reserve`: base units of the pool currency, or `None` for the loan's present value
		///   (anyone but the admin or manager must pass `None`).
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::liquidate())]
		pub fn liquidate(origin: OriginFor<T>, loan: LoanId, reserve: Option<Balance>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_liquidate(who, loan, reserve)
		}

		/// Admin: add `amount` of the pool currency (base units) to the first-loss cover of
		/// `pool` (recapitalising an impaired pool).
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::top_up_cover())]
		pub fn top_up_cover(origin: OriginFor<T>, pool: PoolId, amount: Balance) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_top_up_cover(who, pool, amount)
		}

		/// Pay the proceeds of the redemption at `position` (from `RedemptionQueued`) in
		/// `tranche` of `pool` to its holder (anyone may push them; they go to the holder
		/// only). When nothing of the request is left to serve, the entry goes and its deposit
		/// is released.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::claim())]
		pub fn claim(
			origin: OriginFor<T>,
			pool: PoolId,
			tranche: TrancheIndex,
			position: QueuePosition,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_claim(who, pool, tranche, position)
		}

		/// Admin: receive the originator fee of `pool` set aside.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::claim())]
		pub fn claim_fee(origin: OriginFor<T>, pool: PoolId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_claim_fee(who, pool)
		}

		/// Governance: how long a pool loan must have been in default before anyone may
		/// liquidate it. `delay` is in **milliseconds** (7 days = 604_800_000); at most
		/// `MaxLiquidationDelay` (`LiquidationDelayTooLong`).
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::set_approval_required())]
		pub fn set_liquidation_delay(origin: OriginFor<T>, delay: Moment) -> DispatchResult {
			T::ApprovalOrigin::ensure_origin(origin)?;
			ensure!(delay <= T::MaxLiquidationDelay::get(), Error::<T>::LiquidationDelayTooLong);
			LiquidationDelay::<T>::put(delay);
			Self::deposit_event(Event::LiquidationDelaySet { delay });
			Ok(())
		}

		/// Pool admin: value this pool's late loans by its own write-down policy — steps of
		/// (days overdue, share of the debt written off), days increasing, write-downs never
		/// decreasing, at every age at least governance's (`PolicyTooLax`) — instead of
		/// governance's (`None`: back to governance's). Only before the pool takes investors
		/// or loans (`InvestorsIn`, `LoansOpen`): nobody invests under one policy and is valued
		/// under another by the admin; investors read it at `assetLoan.lenderPolicies(pool
		/// account)`. (Governance's own policy changes apply to the loans of pools without one.)
		///
		/// - `policy`: at most `MaxWriteDownSteps` [`WriteDownStep`]s, `days_overdue` in whole
		///   days (86,400,000 ms) since the missed due date, `write_down` a `Perbill` share of
		///   the debt (10^9 = 100 %; 40 % = 400_000_000); or `None`.
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::set_write_down_policy(T::MaxWriteDownSteps::get()))]
		pub fn set_write_down_policy(
			origin: OriginFor<T>,
			pool: PoolId,
			policy: Option<BoundedVec<WriteDownStep, T::MaxWriteDownSteps>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_write_down_policy(who, pool, policy)
		}
	}
}
