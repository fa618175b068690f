//! # Asset loan pallet
//!
//! Stablecoin loans against verified real-world-asset NFTs (`pallet-asset-nft`).
//!
//! - **Request**: the owner of a `Verified` asset NFT asks for a loan in the asset's appraisal
//!   currency — principal, annual rate, and a schedule (`Bullet` or equal amortizing
//!   `Installments`). The principal may not exceed the governance **advance rate** for the
//!   asset's kind times its appraised value. The NFT is locked, an XPRT deposit held.
//! - **Fund**: any account (or a debt pool, through [`LoanProvider`]) pays the principal to the
//!   borrower and becomes the lender.
//! - **Interest** compounds every second. A lender's loans at one rate share one accumulator,
//!   kept in the lender's portfolio; a loan's debt is stored *normalized* against it, so accrual
//!   never loops over loans. A late loan accrues its penalty on an accumulator of its own.
//! - **Repay**: anyone may pay any amount up to the debt — interest first, then principal —
//!   straight to the lender; paying the whole debt closes the loan and unlocks the NFT.
//! - **Late**: a missed installment or maturity makes the loan `Overdue`; the penalty rate is
//!   added from the missed due date. Catching up returns it to the normal rate.
//! - **Default**: after the grace period anyone may declare default. The lender then **seizes**
//!   the NFT or **auctions** it (English auction in the loan's stablecoin, reserve price, fixed
//!   duration; bids held in escrow until outbid; on settlement the lender gets up to the debt,
//!   the borrower any surplus, and a shortfall is reported as a loss).
//! - **Valuation**: a loan's present value is its debt, written down by the governance policy
//!   (a percentage per number of days overdue) once late.
//!
//! Every call costs the same whatever the number of loans: loans live in per-loan maps and
//! each lender's accumulators in its portfolio (at most `MaxPortfolioRates`).

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

pub use persistence_primitives::{
	loans::{LoanProvider, LoanStatus, LoanSummary, PortfolioValuation},
	rwa::{AssetKind, LockId, RwaCollateral},
};

/// The collateral lock this pallet places on NFTs.
pub const LOCK_ID: LockId = *b"aloan   ";

/// What benchmarks need from the runtime: verified collateral and stablecoin balances.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// The stablecoin loans are made in (created if needed).
	fn stablecoin() -> persistence_primitives::AssetId;
	/// A verified asset NFT owned by `owner`, appraised at `value` of [`Self::stablecoin`].
	fn verified_collateral(owner: &AccountId, value: persistence_primitives::Balance) -> (ClassId, ItemId);
	/// Give `who` `amount` of the stablecoin (and XPRT for deposits and existence).
	fn fund_stablecoin(who: &AccountId, amount: persistence_primitives::Balance);
	/// Set the wall clock to `now` (Unix ms).
	fn set_time(now: Moment);
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
	use sp_runtime::{Perbill, Perquintill};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds XPRT.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Deposit for a loan record, held from the borrower until the loan ends.
		LoanDeposit,
	}

	/// Parameters governance tunes without a runtime upgrade. Each loan keeps the values in
	/// force when it was requested.
	///
	/// In polkadot.js (5 %, 30 days, 3 days, 1 %): `{ penaltyRate: 50_000_000_000_000_000n,
	/// gracePeriod: 2_592_000_000, auctionDuration: 259_200_000, minBidIncrement: 10_000_000 }`.
	#[derive(
		Clone, Copy, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
		serde::Serialize, serde::Deserialize,
	)]
	#[serde(rename_all = "camelCase")]
	pub struct LoanParameters {
		/// Annual rate added to a loan's rate while it is overdue (fixed into each loan at
		/// request): a `Perquintill`, 10^18 = 100 % a year (5 % = 50_000_000_000_000_000).
		/// A request whose rate plus this exceeds 100 % is refused (`RateTooHigh`).
		pub penalty_rate: Perquintill,
		/// How long a loan must be overdue before anyone may declare default, in milliseconds
		/// from the missed due date (30 days = 2_592_000_000).
		pub grace_period: Moment,
		/// How long a liquidation auction takes bids, in milliseconds (3 days = 259_200_000).
		pub auction_duration: Moment,
		/// How much a bid must beat the best one by, as a share of the best bid: a `Perbill`,
		/// 10^9 = 100 % (1 % = 10_000_000); at least one base unit.
		pub min_bid_increment: Perbill,
	}

	impl Default for LoanParameters {
		fn default() -> Self {
			Self {
				penalty_rate: Perquintill::from_percent(5),
				grace_period: 30 * 24 * 60 * 60 * 1000,
				auction_duration: 3 * 24 * 60 * 60 * 1000,
				min_bid_increment: Perbill::from_percent(1),
			}
		}
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// XPRT, for the loan record deposit (held, not reserved).
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ FunInspect<Self::AccountId, Balance = Balance>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Stablecoins (`pallet-assets`).
		type Assets: fungibles::Mutate<Self::AccountId, AssetId = AssetId, Balance = Balance>;

		/// The asset NFTs: inspected, locked, unlocked and seized through this trait only.
		type Collateral: RwaCollateral<Self::AccountId, ClassId = ClassId, ItemId = ItemId>;

		/// Wall-clock time (Unix ms).
		type Time: Time<Moment = Moment>;

		/// Who sets advance rates, the write-down policy and the loan parameters.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The pallet's id; its account holds auction bids in escrow.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// XPRT held from the borrower per loan (uxprt: 1 XPRT = 1_000_000).
		#[pallet::constant]
		type LoanDeposit: Get<Balance>;

		/// Most installments in a schedule.
		#[pallet::constant]
		type MaxInstallments: Get<u32>;

		/// Shortest term and shortest installment period (seconds).
		#[pallet::constant]
		type MinTerm: Get<Seconds>;

		/// Longest term (seconds).
		#[pallet::constant]
		type MaxTerm: Get<Seconds>;

		/// Most steps in the write-down policy.
		#[pallet::constant]
		type MaxWriteDownSteps: Get<u32>;

		/// Most distinct annual rates among one lender's open loans.
		#[pallet::constant]
		type MaxPortfolioRates: Get<u32>;

		/// Shortest grace period governance may set (ms).
		#[pallet::constant]
		type MinGracePeriod: Get<Moment>;

		/// Longest grace period governance may set (ms): a longer one would leave a late loan
		/// beyond anyone's reach for that long.
		#[pallet::constant]
		type MaxGracePeriod: Get<Moment>;

		/// Shortest auction governance may set (ms): bidders need time to see and bid.
		#[pallet::constant]
		type MinAuctionDuration: Get<Moment>;

		/// Longest auction governance may set (ms): the collateral and the lender's money
		/// stay locked while it runs.
		#[pallet::constant]
		type MaxAuctionDuration: Get<Moment>;

		/// Largest minimum bid increment governance may set: a larger one would keep a
		/// second bidder out.
		#[pallet::constant]
		type MaxBidIncrement: Get<Perbill>;

		/// Weights of the calls.
		type WeightInfo: WeightInfo;

		/// Verified collateral and stablecoins for benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The id the next loan gets.
	#[pallet::storage]
	pub type NextLoanId<T> = StorageValue<_, LoanId, ValueQuery>;

	/// Open loans (requested, active, overdue, defaulted, in auction). Closed loans are removed;
	/// their history is in the events.
	#[pallet::storage]
	pub type Loans<T: Config> = StorageMap<_, Twox64Concat, LoanId, Loan<T::AccountId>>;

	/// Liquidation auctions, by loan.
	#[pallet::storage]
	pub type Auctions<T: Config> = StorageMap<_, Twox64Concat, LoanId, Auction<T::AccountId>>;

	/// Advance rate per asset kind: the most that may be lent against an asset, as a share of
	/// its appraised value. A kind without one cannot be borrowed against.
	#[pallet::storage]
	pub type AdvanceRates<T> = StorageMap<_, Twox64Concat, AssetKind, Perbill>;

	/// The write-down policy: steps ordered by days overdue, write-downs non-decreasing.
	#[pallet::storage]
	pub type WriteDownPolicy<T: Config> =
		StorageValue<_, BoundedVec<WriteDownStep, T::MaxWriteDownSteps>, ValueQuery>;

	/// Penalty rate, grace period, auction duration, bid increment (for loans requested from
	/// now on: every loan keeps the parameters it was requested under).
	#[pallet::storage]
	pub type Parameters<T> = StorageValue<_, LoanParameters, ValueQuery>;

	/// Every lender's portfolio: performing debt by rate, late loans at their booked value,
	/// realised losses. Changed in the same transaction as every loan; what debt pools value
	/// their loans by.
	#[pallet::storage]
	pub type Portfolios<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Portfolio<T::MaxPortfolioRates>, ValueQuery>;

	/// When each funded loan's valuation next goes out of date, per lender, ordered by time:
	/// the key is the time (Unix ms) and the loan id, both big-endian, so the first key of a
	/// lender is its most urgent revaluation.
	#[pallet::storage]
	pub type Checkpoints<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Identity, [u8; 16], (), OptionQuery>;

	/// Stablecoins owed to an account that could not receive them when they were paid (an
	/// outbid bidder's refund, an auction surplus, a recovery); `claim` pays them out.
	#[pallet::storage]
	pub type Claims<T: Config> =
		StorageDoubleMap<_, Twox64Concat, AssetId, Blake2_128Concat, T::AccountId, Balance, ValueQuery>;

	/// Lenders that value their late loans by their own write-down policy (debt pools that set
	/// one) instead of `WriteDownPolicy`. Fixed while the lender has a loan open.
	#[pallet::storage]
	pub type LenderPolicies<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BoundedVec<WriteDownStep, T::MaxWriteDownSteps>, OptionQuery>;

	/// The currencies loans (and debt pools) may be made in: stablecoins governance lists.
	/// Delisting stops new loans and pools in it; open ones run to their end.
	#[pallet::storage]
	pub type LendableCurrencies<T: Config> = StorageMap<_, Twox64Concat, AssetId, (), OptionQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Currencies loans may be made in.
		pub lendable_currencies: alloc::vec::Vec<AssetId>,
		/// Advance rates per asset kind.
		pub advance_rates: alloc::vec::Vec<(AssetKind, Perbill)>,
		/// The write-down policy.
		pub write_down_policy: alloc::vec::Vec<WriteDownStep>,
		/// Penalty rate, grace period, auction duration, bid increment.
		pub parameters: LoanParameters,
		#[serde(skip)]
		pub _marker: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// A genesis that breaks the rules the calls enforce is refused: building the
			// chain spec stops with the named error.
			if let Err(e) = self.try_build() {
				panic!("pallet-asset-loan genesis refused: {e:?}");
			}
		}
	}

	impl<T: Config> GenesisConfig<T> {
		/// Check the configuration as `set_write_down_policy` and `set_parameters` would,
		/// then write it. Nothing is written if a check fails.
		pub fn try_build(&self) -> Result<(), Error<T>> {
			let policy: BoundedVec<WriteDownStep, T::MaxWriteDownSteps> =
				BoundedVec::try_from(self.write_down_policy.clone()).map_err(|_| Error::<T>::InvalidPolicy)?;
			ensure!(Pallet::<T>::valid_policy(&policy), Error::<T>::InvalidPolicy);
			Pallet::<T>::check_parameters(&self.parameters)?;
			for currency in &self.lendable_currencies {
				LendableCurrencies::<T>::insert(currency, ());
			}
			for (kind, rate) in &self.advance_rates {
				AdvanceRates::<T>::insert(kind, rate);
			}
			WriteDownPolicy::<T>::put(policy);
			Parameters::<T>::put(self.parameters);
			Ok(())
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A loan was requested and its collateral locked.
		Requested { loan: LoanId, borrower: T::AccountId, collateral: (ClassId, ItemId), terms: LoanTerms },
		/// A requested loan was cancelled by its borrower; the collateral is unlocked.
		Cancelled { loan: LoanId },
		/// A loan was funded: `principal` moved from the lender to the borrower.
		Funded { loan: LoanId, lender: T::AccountId, principal: Balance, maturity: Moment },
		/// `payer` repaid `interest` and `principal`; `remaining` debt is left.
		Repaid { loan: LoanId, payer: T::AccountId, interest: Balance, principal: Balance, remaining: Balance },
		/// The debt is paid in full; the collateral is unlocked and the loan removed.
		Closed { loan: LoanId },
		/// A payment due at `since` was missed: the penalty rate applies.
		Overdue { loan: LoanId, since: Moment },
		/// The borrower caught up with the schedule: back to the normal rate.
		Cured { loan: LoanId },
		/// The loan was declared in default with `debt` owed.
		Defaulted { loan: LoanId, debt: Balance },
		/// The lender took the collateral in place of `debt`.
		Seized { loan: LoanId, lender: T::AccountId, debt: Balance },
		/// The lender put the collateral up for auction.
		AuctionStarted { loan: LoanId, reserve: Balance, ends_at: Moment },
		/// A bid became the best; the previous best bidder was refunded.
		BidPlaced { loan: LoanId, bidder: T::AccountId, amount: Balance },
		/// The auction closed: the collateral went to `winner` for `price`; `to_lender` repaid the
		/// lender, `to_borrower` was surplus, `shortfall` is the lender's loss.
		AuctionSettled {
			loan: LoanId,
			winner: T::AccountId,
			price: Balance,
			to_lender: Balance,
			to_borrower: Balance,
			shortfall: Balance,
		},
		/// The auction closed without bids; the loan is `Defaulted` again.
		AuctionFailed { loan: LoanId },
		/// A late loan's valuation changed: it is booked at `value` (of `debt`) in its lender's
		/// portfolio.
		Revalued { loan: LoanId, value: Balance, debt: Balance },
		/// `amount` could not be paid to `who` and is held for them to `claim`.
		ClaimCredited { currency: AssetId, who: T::AccountId, amount: Balance },
		/// `who` claimed `amount` held for them.
		Claimed { currency: AssetId, who: T::AccountId, amount: Balance },
		/// Governance set (or, with `None`, removed) the advance rate of an asset kind.
		AdvanceRateSet { kind: AssetKind, rate: Option<Perbill> },
		/// Governance listed (`true`) or delisted a currency for new loans and pools.
		LendableCurrencySet { currency: AssetId, lendable: bool },
		/// Governance replaced the write-down policy.
		WriteDownPolicySet { steps: u32 },
		/// Governance replaced the loan parameters.
		ParametersSet { parameters: LoanParameters },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No such asset NFT.
		UnknownCollateral,
		/// Only the asset's owner may borrow against it.
		NotCollateralOwner,
		/// The asset is not verified, or its appraisal has expired.
		CollateralNotVerified,
		/// The asset is already locked as collateral.
		CollateralLocked,
		/// The invoice has been settled by its debtor; it secures nothing.
		CollateralSettled,
		/// Loans must be in the currency the asset is appraised in.
		CurrencyMismatch,
		/// Governance has set no advance rate for this kind of asset.
		NoAdvanceRate,
		/// The principal exceeds advance rate × appraised value.
		ExceedsAdvanceRate,
		/// The principal is zero.
		ZeroPrincipal,
		/// Governance has not listed this currency for lending.
		CurrencyNotLendable,
		/// The principal is below the currency's minimum balance.
		PrincipalTooSmall,
		/// The lender still has loans open: its portfolio cannot be closed.
		PortfolioNotEmpty,
		/// The payment would leave less than the currency's minimum balance of debt: pay the
		/// whole debt instead.
		DustRemainder,
		/// An installment schedule needs 1 to `MaxInstallments` payments.
		BadInstallmentCount,
		/// The term or installment period is shorter than `MinTerm`.
		TermTooShort,
		/// The term is longer than `MaxTerm`.
		TermTooLong,
		/// Rate plus penalty rate exceeds 100 % a year.
		RateTooHigh,
		/// No such open loan.
		UnknownLoan,
		/// Only a requested (unfunded) loan allows this.
		NotRequested,
		/// Only the borrower may do this.
		NotBorrower,
		/// Only the lender may do this.
		NotLender,
		/// A borrower cannot fund their own loan.
		BorrowerCannotFund,
		/// The loan is not in a state that takes repayments.
		NotRepayable,
		/// The amount is zero.
		ZeroAmount,
		/// The payment exceeds the debt.
		Overpayment,
		/// No payment is late.
		NotOverdue,
		/// The loan has not been overdue for the grace period yet.
		GracePeriodNotOver,
		/// Only a defaulted loan allows this.
		NotDefaulted,
		/// The reserve price is below the currency's minimum balance.
		ReserveTooLow,
		/// No auction for this loan.
		NoAuction,
		/// The auction has ended.
		AuctionEnded,
		/// The auction is still taking bids.
		AuctionNotEnded,
		/// The bid is below the reserve or does not beat the best bid by the minimum increment.
		BidTooLow,
		/// Write-down steps must have increasing days and non-decreasing write-downs.
		InvalidPolicy,
		/// A lender's own write-down policy must write late loans down at least as far as
		/// governance's, at every age.
		PolicyTooLax,
		/// No such asset: a currency must exist before governance lists it.
		UnknownCurrency,
		/// The lender already holds loans at `MaxPortfolioRates` distinct rates.
		TooManyRates,
		/// The collateral's appraisal exceeds the debt: seizing it would take the borrower's
		/// equity; auction it instead (the surplus goes to the borrower).
		EquityAboveDebt,
		/// Nothing is held for the caller in this currency.
		NothingToClaim,
		/// The loan's state and valuation are already up to date.
		AlreadyCurrent,
		/// The grace period is outside `MinGracePeriod ..= MaxGracePeriod`.
		GracePeriodOutOfRange,
		/// The auction duration is outside `MinAuctionDuration ..= MaxAuctionDuration`.
		AuctionDurationOutOfRange,
		/// The minimum bid increment is above `MaxBidIncrement`.
		BidIncrementTooHigh,
		/// An amount or a time overflowed.
		Overflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// try-runtime: [`Pallet::do_try_state`] — every lender's portfolio equals its loans,
		/// every open loan's collateral is locked by this pallet, the checkpoint index and the
		/// loans' penalty accruals match the loans, the escrow holds every best bid and claim.
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}

		/// The runtime's bounds admit at least one valid value each (a zero-length auction
		/// never, a minimum above its maximum would refuse every `set_parameters`).
		fn integrity_test() {
			assert!(
				T::MinGracePeriod::get() <= T::MaxGracePeriod::get(),
				"MinGracePeriod must not exceed MaxGracePeriod"
			);
			assert!(
				T::MinAuctionDuration::get() > 0 && T::MinAuctionDuration::get() <= T::MaxAuctionDuration::get(),
				"MinAuctionDuration must be above 0 and not exceed MaxAuctionDuration"
			);
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Request a loan against asset NFT `(class, item)`, which the caller owns.
		///
		/// The asset must be verified (appraisal unexpired), unlocked, and for an invoice
		/// unsettled; `terms.currency` must be its appraisal currency and `terms.principal`
		/// at most advance rate × appraised value. Locks the NFT and holds `LoanDeposit` XPRT.
		///
		/// - `class`, `item`: the collateral (`pallet-asset-nft` class and item ids).
		/// - `terms`: [`LoanTerms`]: `currency` (a listed `pallet-assets` id, e.g. 1984 for
		///   USDT); `principal` in its base units (6 decimals: 50,000 USDT = 50_000_000_000),
		///   at least its minimum balance; `annual_rate` a `Perquintill`, 10^18 = 100 % a year
		///   (10 % = 100_000_000_000_000_000); `schedule` either `Bullet { term }` or
		///   `Installments { count, period }`, `term` and `period` in **seconds** (30 days =
		///   2_592_000), each at least `MinTerm`, the whole term at most `MaxTerm`, `count`
		///   1 to `MaxInstallments`.
		///
		/// Emits `Requested`, whose `loan` is the new loan's id.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::request())]
		pub fn request(origin: OriginFor<T>, class: ClassId, item: ItemId, terms: LoanTerms) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_request(who, class, item, terms).map(|_| ())
		}

		/// Cancel the loan `loan` (its id) that nobody has funded yet. Borrower only; the NFT
		/// unlocks, the deposit returns.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::cancel())]
		pub fn cancel(origin: OriginFor<T>, loan: LoanId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel(who, loan)
		}

		/// Fund the requested loan `loan`: the principal (in the loan's currency) moves from
		/// the caller to the borrower, and the caller becomes the lender. The schedule's clock
		/// starts now.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::fund())]
		pub fn fund(origin: OriginFor<T>, loan: LoanId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_fund(who, loan)
		}

		/// Pay `amount` towards a loan's debt (anyone may pay for the borrower): accrued interest
		/// first, then principal, straight to the lender. More than the debt is refused; exactly
		/// the debt closes the loan.
		///
		/// - `loan`: the loan id.
		/// - `amount`: base units of the loan's currency (10,000 USDT = 10_000_000_000); what
		///   it leaves owed must be 0 or at least the currency's minimum balance.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::repay().max(T::WeightInfo::repay_in_full()))]
		pub fn repay(origin: OriginFor<T>, loan: LoanId, amount: Balance) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_repay(who, loan, Some(amount))
		}

		/// Pay the whole debt of `loan` as it stands when the transaction executes, and close
		/// the loan.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::repay_in_full())]
		pub fn repay_in_full(origin: OriginFor<T>, loan: LoanId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_repay(who, loan, None)
		}

		/// Record that a payment of `loan` is late, moving the loan to its penalty rate from the
		/// missed due date. Anyone may call (loans also become overdue on their next repayment
		/// or in queries without it; this makes it visible to lenders' books).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::mark_overdue())]
		pub fn mark_overdue(origin: OriginFor<T>, loan: LoanId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_mark_overdue(loan)
		}

		/// Declare `loan` in default: it must have been overdue for its `grace_period`
		/// (milliseconds from the missed due date, fixed at request). Anyone may call.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::mark_default())]
		pub fn mark_default(origin: OriginFor<T>, loan: LoanId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_mark_default(loan)
		}

		/// Lender of the defaulted `loan`: take the collateral NFT in place of the debt. Refused
		/// while the collateral's appraisal exceeds the debt (`EquityAboveDebt`): the borrower's
		/// equity is then realised by an auction, whose surplus goes to the borrower.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::seize())]
		pub fn seize(origin: OriginFor<T>, loan: LoanId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_seize(who, loan)
		}

		/// Lender of a defaulted loan: auction the collateral for bids of at least `reserve`
		/// (in the loan's stablecoin, at least its minimum balance), for the auction duration
		/// the loan was requested under (ms).
		///
		/// - `loan`: the loan id.
		/// - `reserve`: base units of the loan's currency (5,000 USDT = 5_000_000_000).
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::start_auction())]
		pub fn start_auction(origin: OriginFor<T>, loan: LoanId, reserve: Balance) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_start_auction(who, loan, reserve)
		}

		/// Bid `amount` for an auctioned collateral. The amount is held in escrow until outbid
		/// (then refunded — or, if the bidder's account cannot receive it, held for them to
		/// `claim`) or the auction settles.
		///
		/// - `loan`: the loan whose collateral is auctioned.
		/// - `amount`: base units of the loan's currency; at least the reserve, and above the
		///   best bid by at least `min_bid_increment` of it (by at least one base unit).
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::bid())]
		pub fn bid(origin: OriginFor<T>, loan: LoanId, amount: Balance) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_bid(who, loan, amount)
		}

		/// Close the auction of `loan` after its end. Anyone may call. The NFT goes to the best
		/// bidder; the price repays the lender up to the debt and any surplus goes to the
		/// borrower. Without bids the loan returns to `Defaulted`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::settle_auction())]
		pub fn settle_auction(origin: OriginFor<T>, loan: LoanId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_settle_auction(loan)
		}

		/// Governance: set the advance rate of an asset kind, or remove it (`None`: no new loans
		/// against that kind).
		///
		/// - `kind`: the asset kind (`Invoice`, `Inventory`, …).
		/// - `rate`: the most a principal may be, as a share of the appraised value: a `Perbill`,
		///   10^9 = 100 % (80 % = 800_000_000).
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::set_advance_rate())]
		pub fn set_advance_rate(origin: OriginFor<T>, kind: AssetKind, rate: Option<Perbill>) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			AdvanceRates::<T>::set(kind, rate);
			Self::deposit_event(Event::AdvanceRateSet { kind, rate });
			Ok(())
		}

		/// Governance: replace the write-down policy (steps with increasing days overdue and
		/// non-decreasing write-downs).
		///
		/// - `steps`: at most `MaxWriteDownSteps` [`WriteDownStep`]s: `days_overdue` in whole
		///   days (86,400,000 ms) since the missed due date, `write_down` a `Perbill` share of
		///   the debt (10^9 = 100 %; 10 % = 100_000_000).
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::set_write_down_policy(steps.len() as u32))]
		pub fn set_write_down_policy(
			origin: OriginFor<T>,
			steps: BoundedVec<WriteDownStep, T::MaxWriteDownSteps>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(Self::valid_policy(&steps), Error::<T>::InvalidPolicy);
			let n = steps.len() as u32;
			WriteDownPolicy::<T>::put(steps);
			Self::deposit_event(Event::WriteDownPolicySet { steps: n });
			Ok(())
		}

		/// Governance: set the penalty rate (for new loans), the grace period, the auction
		/// duration and the minimum bid increment.
		///
		/// - `parameters`: [`LoanParameters`]: `penalty_rate` annual `Perquintill` (10^18 =
		///   100 %), `grace_period` and `auction_duration` in **milliseconds**,
		///   `min_bid_increment` a `Perbill` (10^9 = 100 %). Loans keep the parameters they
		///   were requested under.
		///
		/// Refused outside the runtime's bounds (constants `MinGracePeriod`, `MaxGracePeriod`,
		/// `MinAuctionDuration`, `MaxAuctionDuration`, `MaxBidIncrement`):
		/// `GracePeriodOutOfRange`, `AuctionDurationOutOfRange`, `BidIncrementTooHigh`.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::set_parameters())]
		pub fn set_parameters(origin: OriginFor<T>, parameters: LoanParameters) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::check_parameters(&parameters)?;
			Parameters::<T>::put(parameters);
			Self::deposit_event(Event::ParametersSet { parameters });
			Ok(())
		}

		/// Bring the funded `loan`'s state and its lender's books up to date: a missed payment
		/// makes it overdue, a passed write-down step writes it down further. Anyone may call;
		/// debt pools refuse to price while one of their loans is out of date
		/// (`PortfolioValuation::stale_loan`), so keepers call this.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::revalue())]
		pub fn revalue(origin: OriginFor<T>, loan: LoanId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_revalue(loan)
		}

		/// Pay out what is held for the caller in `currency` (a `pallet-assets` id): refunds
		/// and surpluses that could not be paid when they fell due.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::claim())]
		pub fn claim(origin: OriginFor<T>, currency: AssetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_claim(who, currency)
		}

		/// Governance: list (`lendable = true`) or delist a currency (a pallet-assets id) for new
		/// loans and new debt pools. Loans and pools already open in a delisted currency run
		/// to their end.
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::set_lendable_currency())]
		pub fn set_lendable_currency(origin: OriginFor<T>, currency: AssetId, lendable: bool) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			if lendable {
				// Listing an id nobody created yet would let the first to create it hold its
				// mint and freeze powers.
				ensure!(<T::Assets as fungibles::Inspect<T::AccountId>>::asset_exists(currency), Error::<T>::UnknownCurrency);
				LendableCurrencies::<T>::insert(currency, ());
			} else {
				LendableCurrencies::<T>::remove(currency);
			}
			Self::deposit_event(Event::LendableCurrencySet { currency, lendable });
			Ok(())
		}
	}
}
