//! Types of the asset-loan pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, CloneNoBound, DebugNoBound, DefaultNoBound, EqNoBound, PartialEqNoBound};
use persistence_primitives::{loans::LoanStatus, AssetId, Balance};
use scale_info::TypeInfo;
use sp_runtime::Perquintill;

pub use persistence_primitives::loans::LoanId;

/// Id of an asset class (a `pallet-uniques` collection of `pallet-asset-nft`).
pub type ClassId = u32;
/// Id of an asset within its class.
pub type ItemId = u32;
/// Unix time in milliseconds.
pub type Moment = u64;
/// A duration or a time in seconds (the unit of interest accrual).
pub type Seconds = u64;

/// How a loan is repaid. Durations are in **seconds** (not milliseconds).
///
/// In polkadot.js: `{ Bullet: { term: 2_592_000 } }` (30 days) or
/// `{ Installments: { count: 12, period: 2_592_000 } }` (12 payments, one every 30 days).
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug)]
pub enum Schedule {
	/// Principal and interest in one payment, `term` seconds after funding.
	Bullet {
		/// Seconds from funding to maturity (at least `MinTerm`, at most `MaxTerm`).
		term: Seconds,
	},
	/// `count` equal amortizing payments (principal + interest), one every `period` seconds
	/// from funding; the last one falls at maturity and absorbs the rounding dust.
	Installments {
		/// Number of payments (1 to `MaxInstallments`).
		count: u32,
		/// Seconds between payments (at least `MinTerm`; `count × period` at most
		/// `MaxTerm`).
		period: Seconds,
	},
}

impl Schedule {
	/// Seconds from funding to maturity.
	pub fn term(&self) -> Option<Seconds> {
		match self {
			Schedule::Bullet { term } => Some(*term),
			Schedule::Installments { count, period } => u64::checked_mul(*period, u64::from(*count)),
		}
	}
}

/// A loan's terms, fixed when it is requested.
///
/// In polkadot.js (50,000 USDT at 10 % for 30 days): `{ currency: 1984, principal:
/// 50_000_000_000n, annualRate: 100_000_000_000_000_000n, schedule: { Bullet: { term:
/// 2_592_000 } } }`.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug)]
pub struct LoanTerms {
	/// The stablecoin lent and repaid: a `pallet-assets` id governance lists (e.g. 1984 for
	/// USDT); must be the collateral's appraisal currency.
	pub currency: AssetId,
	/// Amount lent, in `currency`'s base units (6 decimals for USDT and USDC: 1 USDT =
	/// 1_000_000); at least its minimum balance, at most advance rate × appraised value.
	pub principal: Balance,
	/// Nominal annual interest rate, compounded per second: a `Perquintill`, 10^18 = 100 % a
	/// year (10 % = 100_000_000_000_000_000).
	pub annual_rate: Perquintill,
	/// How the loan is repaid.
	pub schedule: Schedule,
}

/// What the pallet keeps of an amortizing schedule so that "how much is due by now" is O(1):
/// every payment but the last is `installment`, the last is `last_installment`.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Amortization {
	/// Each of the first `count - 1` payments.
	pub installment: Balance,
	/// The final payment.
	pub last_installment: Balance,
}

/// Stored state of a loan. (`Overdue` is also derived from time: an `Active` loan past a due
/// date is reported `Overdue` before anyone marks it.)
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub enum LoanState {
	/// Waiting for a lender.
	Requested,
	/// Funded; not (yet) marked late.
	Active,
	/// Marked late: the debt accrues at the penalty rate (`Loan::penalty_accrual`) since `since` (Unix ms, the due date
	/// that was missed).
	Overdue {
		/// The missed due date.
		since: Moment,
	},
	/// Declared in default at `at`; `since` is the missed due date.
	Defaulted {
		/// The missed due date.
		since: Moment,
		/// When the default was declared (Unix ms).
		at: Moment,
	},
	/// The collateral is being auctioned (see `Auctions`).
	InAuction {
		/// The missed due date.
		since: Moment,
		/// When the default was first declared (Unix ms; kept across failed auctions).
		defaulted_at: Moment,
	},
}

/// How a loan is counted in its lender's portfolio.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub enum Booking {
	/// Not funded: not in any portfolio.
	Unbooked,
	/// Performing: its normalized debt is in the lender's bucket of its rate and accrues there.
	Performing,
	/// Late: valued at `value` (its `debt` then, written down by the policy) when last
	/// revalued.
	Late {
		/// Value booked.
		value: Balance,
		/// Debt when booked.
		debt: Balance,
	},
}

/// A lender's loans at one annual rate, with the interest accumulator their debt is normalized
/// against: it belongs to this lender's bucket alone, so valuing a portfolio reads nothing but
/// the portfolio.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct PortfolioBucket {
	/// The loans' annual rate.
	pub rate: Perquintill,
	/// Σ normalized debt of the performing loans at this rate.
	pub normalized: Balance,
	/// Funded loans at this rate, performing or late (the bucket lives as long as any does, so
	/// a cure always finds it).
	pub loans: u32,
	/// `Π (1 + rate/s)` since the bucket was opened, as last stored; the debt of a performing
	/// loan here is its normalized debt times this accumulator brought up to now.
	pub accumulator: persistence_primitives::interest::Accumulator,
}

/// A lender's portfolio: one set of books, changed in the same transaction as every loan.
#[derive(CloneNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, MaxEncodedLen, TypeInfo, DebugNoBound, DefaultNoBound)]
#[scale_info(skip_type_params(MaxRates))]
pub struct Portfolio<MaxRates: Get<u32>> {
	/// Performing debt by annual rate.
	pub buckets: BoundedVec<PortfolioBucket, MaxRates>,
	/// Σ booked value of the late loans.
	pub late_value: Balance,
	/// Σ debt of the late loans when booked.
	pub late_debt: Balance,
	/// Open funded loans.
	pub loans: u32,
	/// Every loss realised so far (debt not recovered when a loan closed), cumulative.
	pub realised_loss: Balance,
}

/// A loan.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Loan<AccountId> {
	/// Who borrows (the collateral's owner at request).
	pub borrower: AccountId,
	/// Who lent, once funded.
	pub lender: Option<AccountId>,
	/// The collateral NFT.
	pub collateral: (ClassId, ItemId),
	/// The terms.
	pub terms: LoanTerms,
	/// The governance parameters when it was requested (penalty rate, grace period, auction
	/// duration, bid increment): later changes do not apply to it.
	pub params: crate::LoanParameters,
	/// Stored state.
	pub state: LoanState,
	/// When it was funded (Unix ms; 0 while requested).
	pub funded_at: Moment,
	/// While the loan is late (overdue, defaulted, in auction): its own accumulator at
	/// `annual_rate + penalty_rate`, started when it went overdue. `None` while it performs:
	/// then its debt is normalized against its lender's portfolio bucket at `annual_rate`.
	pub penalty_accrual: Option<persistence_primitives::interest::Accumulator>,
	/// Debt divided by the accumulator it accrues by (the bucket's, or `penalty_accrual`).
	pub normalized_debt: Balance,
	/// Principal not yet repaid.
	pub outstanding_principal: Balance,
	/// Everything repaid so far (interest and principal).
	pub total_repaid: Balance,
	/// The amortization, for `Installments` loans once funded.
	pub amortization: Option<Amortization>,
	/// XPRT held from the borrower for this record.
	pub deposit: Balance,
	/// The collateral's appraisal when the loan was requested: what a seizure must not take
	/// the borrower's equity above (a later rejection cannot lower it).
	pub appraisal: Balance,
	/// How it is counted in the lender's portfolio.
	pub booking: Booking,
	/// When its valuation next goes out of date by time alone (a due date passing, a
	/// write-down step beginning), as indexed in `Checkpoints`.
	pub checkpoint: Option<Moment>,
}

/// A liquidation auction of a defaulted loan's collateral: English, in the loan's stablecoin.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Auction<AccountId> {
	/// The lowest acceptable bid, in the loan currency's base units.
	pub reserve: Balance,
	/// Bidding closes at this time (Unix ms).
	pub ends_at: Moment,
	/// The best bid so far, held in the pallet's escrow account.
	pub best: Option<(AccountId, Balance)>,
}

pub use persistence_primitives::loans::WriteDownStep;

/// A loan as a wallet or a pool sees it now (the runtime API's answer).
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct LoanView<AccountId> {
	/// The borrower.
	pub borrower: AccountId,
	/// The lender, once funded.
	pub lender: Option<AccountId>,
	/// The collateral NFT.
	pub collateral: (ClassId, ItemId),
	/// The terms.
	pub terms: LoanTerms,
	/// Status now (time-derived `Overdue` included).
	pub status: LoanStatus,
	/// Debt now (principal + interest + penalty).
	pub debt: Balance,
	/// Principal not yet repaid.
	pub outstanding_principal: Balance,
	/// Interest accrued and unpaid.
	pub accrued_interest: Balance,
	/// The next scheduled payment not yet fully paid: due date (Unix ms) and its amount.
	pub next_installment: Option<(Moment, Balance)>,
	/// What must be paid now to be up to date with the schedule (late amounts).
	pub amount_due: Balance,
	/// Maturity (Unix ms), once funded.
	pub maturity: Option<Moment>,
	/// Present value by the write-down policy.
	pub present_value: Balance,
}
