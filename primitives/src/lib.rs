//! # Persistence primitives
//!
//! Types shared by the runtime, the node and the pallets, and the small traits through which
//! pallets talk to each other without reading each other's storage.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

/// Balance of an account, in the smallest unit (`uxprt` for XPRT, 10^-6 of a stablecoin).
pub type Balance = u128;

/// Index of a transaction in the chain.
pub type Nonce = u32;

/// Identifier of a fungible asset (stablecoins, tranche share tokens, IBC vouchers) in
/// `pallet-assets`.
pub type AssetId = u32;

/// The SS58 address prefix of Persistence accounts (unregistered in the SS58 registry; 75 is
/// free there).
pub const SS58_PREFIX: u16 = 75;

/// The native token.
pub mod currency {
	use super::Balance;

	/// Symbol of the native token, reported in the chain properties.
	pub const TOKEN_SYMBOL: &str = "XPRT";
	/// Decimals of the native token: one XPRT is 10^6 `uxprt`, as on Persistence's Cosmos chain.
	pub const TOKEN_DECIMALS: u8 = 6;

	/// One XPRT.
	pub const UNITS: Balance = 1_000_000;
	/// A hundredth of an XPRT.
	pub const CENTS: Balance = UNITS / 100;
	/// A thousandth of a cent.
	pub const MILLICENTS: Balance = CENTS / 1_000;

	/// The smallest balance an account may hold: 0.01 XPRT. Below it the account is reaped.
	pub const EXISTENTIAL_DEPOSIT: Balance = CENTS;

	/// Deposit for storing `items` items taking `bytes` bytes in state, paid by whoever creates
	/// them and refunded when they are removed.
	pub const fn deposit(items: u32, bytes: u32) -> Balance {
		(items as Balance) * 20 * UNITS / 100 + (bytes as Balance) * 10 * MILLICENTS
	}

	/// Decimals of the dev/test stablecoins (USDT, USDC).
	pub const STABLECOIN_DECIMALS: u8 = 6;
	/// One dollar in a 6-decimal stablecoin.
	pub const DOLLARS: Balance = 1_000_000;
}

/// Time and blocks.
pub mod time {
	/// Block number.
	pub type BlockNumber = u32;
	/// Milliseconds since the Unix epoch.
	pub type Moment = u64;

	/// A block every 6 seconds, as on Persistence's Cosmos chain.
	pub const MILLISECS_PER_BLOCK: Moment = 6000;
	/// BABE slot duration: one slot per block.
	pub const SLOT_DURATION: Moment = MILLISECS_PER_BLOCK;

	/// One minute of blocks.
	pub const MINUTES: BlockNumber = 60_000 / (MILLISECS_PER_BLOCK as BlockNumber);
	/// One hour of blocks.
	pub const HOURS: BlockNumber = MINUTES * 60;
	/// One day of blocks.
	pub const DAYS: BlockNumber = HOURS * 24;

	/// 1 in 4 blocks (on average, not counting collisions) will be primary BABE blocks.
	pub const PRIMARY_PROBABILITY: (u64, u64) = (1, 4);

	/// Seconds in a year of 365.25 days: the one definition of a year, the basis of every annual
	/// rate (inflation, interest, yields, fees).
	pub const SECONDS_PER_YEAR: u64 = 60 * 60 * 24 * 36525 / 100;
	/// Milliseconds in a year of 365.25 days.
	pub const MILLISECS_PER_YEAR: Moment = SECONDS_PER_YEAR * 1000;
	/// Blocks in a year of 365.25 days at the target block time.
	pub const BLOCKS_PER_YEAR: BlockNumber = (MILLISECS_PER_YEAR / MILLISECS_PER_BLOCK) as BlockNumber;
}

/// XPRT inflation: Persistence's model of an annual rate between a minimum and a maximum that
/// steers toward a target bonded ratio, with both bounds halved every `halving_period_years`
/// (Persistence's `x/halving`). The halving itself is stateful — `pallet-economics` halves the
/// stored bounds when its clock passes — so these functions take the bounds in force.
pub mod inflation {
	use super::Balance;
	use sp_runtime::{traits::Saturating, Perquintill};

	pub use crate::time::MILLISECS_PER_YEAR;

	/// Parameters of the inflation curve.
	#[derive(
		Clone,
		Copy,
		PartialEq,
		Eq,
		Debug,
		codec::Encode,
		codec::Decode,
		codec::DecodeWithMemTracking,
		codec::MaxEncodedLen,
		scale_info::TypeInfo,
		serde::Serialize,
		serde::Deserialize,
	)]
	#[serde(rename_all = "camelCase")]
	pub struct InflationParams {
		/// Annual rate in force when the bonded ratio is at or above the target: a
		/// `Perquintill`, 10^18 = 100 % a year (7 % = 70_000_000_000_000_000).
		pub min_rate: Perquintill,
		/// Annual rate in force when nothing is bonded: a `Perquintill`, 10^18 = 100 % a year
		/// (20 % = 200_000_000_000_000_000).
		pub max_rate: Perquintill,
		/// The bonded ratio (bonded XPRT / total issuance) the curve steers toward: a
		/// `Perquintill`, 10^18 = 100 % (67 % = 670_000_000_000_000_000).
		pub target_bonded: Perquintill,
		/// Both bounds halve every this many years of wall-clock time, a year being 365.25 days
		/// (`MILLISECS_PER_YEAR`); 0: never.
		pub halving_period_years: u32,
	}

	/// Halve `rate` `n` times, rounding down (64 or more halvings leave nothing).
	pub fn halve(rate: Perquintill, n: u32) -> Perquintill {
		Perquintill::from_parts(rate.deconstruct().checked_shr(n).unwrap_or(0))
	}

	/// The annual inflation rate for a bonded ratio under the bounds in force.
	///
	/// Below the target the rate falls linearly from `max` (nothing bonded) to `min` (target
	/// reached), so staking is rewarded most when security is lowest; at or above the target it
	/// is `min`.
	pub fn annual_rate(params: &InflationParams, bonded: Perquintill) -> Perquintill {
		let min = params.min_rate;
		let max = params.max_rate.max(min);
		if params.target_bonded.is_zero() || bonded >= params.target_bonded {
			return min;
		}
		// progress = bonded / target, in [0, 1).
		let progress = Perquintill::from_rational(bonded.deconstruct(), params.target_bonded.deconstruct());
		let span = max.saturating_sub(min);
		max.saturating_sub(progress * span)
	}

	/// The bonded ratio `total_staked / total_issuance` (0 with no issuance).
	pub fn bonded_ratio(total_staked: Balance, total_issuance: Balance) -> Perquintill {
		if total_issuance == 0 {
			return Perquintill::zero();
		}
		Perquintill::from_rational(total_staked.min(total_issuance), total_issuance)
	}

	/// XPRT minted for one era of `era_duration_millis` with `total_staked` of `total_issuance`
	/// bonded: `issuance × rate × era / year`, rounded down.
	pub fn era_inflation(
		params: &InflationParams,
		total_staked: Balance,
		total_issuance: Balance,
		era_duration_millis: u64,
	) -> Balance {
		if total_issuance == 0 {
			return 0;
		}
		let rate = annual_rate(params, bonded_ratio(total_staked, total_issuance));
		let portion = Perquintill::from_rational(
			era_duration_millis.min(MILLISECS_PER_YEAR),
			MILLISECS_PER_YEAR,
		);
		let annual = rate * total_issuance;
		portion * annual
	}

	#[cfg(test)]
	mod tests {
		use super::*;

		const P: InflationParams = InflationParams {
			min_rate: Perquintill::from_percent(7),
			max_rate: Perquintill::from_percent(20),
			target_bonded: Perquintill::from_percent(67),
			halving_period_years: 2,
		};

		#[test]
		fn rate_at_key_bonded_ratios() {
			assert_eq!(annual_rate(&P, Perquintill::zero()), Perquintill::from_percent(20));
			assert_eq!(annual_rate(&P, Perquintill::from_percent(67)), Perquintill::from_percent(7));
			assert_eq!(annual_rate(&P, Perquintill::one()), Perquintill::from_percent(7));
			// Half way to the target: half way between max and min (13.5 %), within rounding.
			let mid = annual_rate(&P, Perquintill::from_rational(335u64, 1000u64));
			let expected = Perquintill::from_rational(135u64, 1000u64);
			let diff = mid.deconstruct().abs_diff(expected.deconstruct());
			assert!(diff < 10, "{mid:?}");
		}

		#[test]
		fn halve_halves_and_runs_out() {
			assert_eq!(halve(Perquintill::from_percent(20), 0), Perquintill::from_percent(20));
			assert_eq!(halve(Perquintill::from_percent(20), 1), Perquintill::from_percent(10));
			assert_eq!(halve(Perquintill::from_percent(7), 1), Perquintill::from_rational(35u64, 1000u64));
			assert_eq!(halve(Perquintill::from_percent(20), 2), Perquintill::from_percent(5));
			assert_eq!(halve(Perquintill::one(), 64), Perquintill::zero());
			assert_eq!(halve(Perquintill::one(), u32::MAX), Perquintill::zero());
		}

		#[test]
		fn one_simulated_year_matches_the_formula() {
			// 100 M XPRT, 67 % bonded: 7 % a year. Eras of 3 minutes, compounded era by era.
			let mut issuance: Balance = 100_000_000 * 1_000_000;
			let era_ms: u64 = 3 * 60 * 1000;
			let eras = MILLISECS_PER_YEAR / era_ms;
			for _ in 0..eras {
				let staked = issuance * 67 / 100;
				issuance += era_inflation(&P, staked, issuance, era_ms);
			}
			// Closed form: (1 + 0.07 × era/year)^eras ≈ e^0.07 for many eras.
			let expected = 100_000_000f64 * 1_000_000f64 * (0.07f64).exp();
			let got = issuance as f64;
			assert!((got - expected).abs() / expected < 1e-6, "{got} vs {expected}");
		}

		#[test]
		fn no_issuance_no_inflation() {
			assert_eq!(era_inflation(&P, 0, 0, 1000), 0);
			assert_eq!(bonded_ratio(5, 0), Perquintill::zero());
		}
	}
}

/// Real-world assets as NFTs: the kinds, and the trait through which other pallets (loans,
/// pools) inspect and lock an asset as collateral without reading `pallet-asset-nft`'s storage.
pub mod rwa {
	use super::{AssetId, Balance};
	use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
	use scale_info::TypeInfo;
	use sp_runtime::{DispatchError, DispatchResult};

	/// What a real-world asset is.
	#[derive(
		Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Encode, Decode, DecodeWithMemTracking,
		MaxEncodedLen, TypeInfo, Debug, serde::Serialize, serde::Deserialize,
	)]
	pub enum AssetKind {
		/// An unpaid invoice (has issue and maturity dates).
		Invoice,
		/// Goods in stock.
		Inventory,
		/// A receivable other than an invoice.
		Receivable,
		/// Machinery and equipment.
		Equipment,
		/// Land and buildings.
		RealEstate,
		/// Anything else.
		Other,
	}

	/// Where an asset stands with the verifiers, as seen now.
	#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug)]
	pub enum VerificationState {
		/// Never verified, or changed since, or rejected and resubmitted.
		Pending,
		/// Verified, and the appraisal is still valid.
		Verified,
		/// Verified once, but the appraisal's validity horizon has passed.
		Expired,
		/// A verifier rejected it.
		Rejected,
	}

	/// A lock's owner: the pallet (or other holder) that locked an asset, e.g. `*b"aloan   "`.
	pub type LockId = [u8; 8];

	/// What a lender needs to know about an asset.
	#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
	pub struct CollateralInfo<AccountId> {
		/// Current owner (from the NFT ledger).
		pub owner: AccountId,
		/// What the asset is.
		pub kind: AssetKind,
		/// Verification state now.
		pub state: VerificationState,
		/// The verifier's appraised value, in `currency` (0 unless verified).
		pub appraised_value: Balance,
		/// Unix time (ms) until which the appraisal is valid (0 unless verified).
		pub appraisal_valid_until: u64,
		/// Face value, in `currency`.
		pub face_value: Balance,
		/// The stablecoin the values are denominated in.
		pub currency: AssetId,
		/// Maturity date of an invoice (Unix ms).
		pub maturity: Option<u64>,
		/// Whether an invoice has been settled by its debtor.
		pub settled: bool,
		/// Who holds a collateral lock on it, if anyone.
		pub locked_by: Option<LockId>,
	}

	/// Inspect, lock, unlock and seize real-world-asset NFTs as collateral.
	///
	/// While an asset is locked it cannot be transferred, burnt, changed or locked again; only
	/// the lock holder can unlock it or seize it (move it to another account, which also
	/// unlocks it).
	pub trait RwaCollateral<AccountId> {
		/// NFT class (collection) id.
		type ClassId;
		/// NFT item id within a class.
		type ItemId;

		/// The asset's collateral-relevant facts, or `None` if it does not exist.
		fn collateral_info(class: &Self::ClassId, item: &Self::ItemId) -> Option<CollateralInfo<AccountId>>;
		/// Lock the asset for `by`. Fails if it is missing or already locked.
		fn lock(class: &Self::ClassId, item: &Self::ItemId, by: LockId) -> DispatchResult;
		/// Release `by`'s lock. Fails if `by` does not hold the lock.
		fn unlock(class: &Self::ClassId, item: &Self::ItemId, by: LockId) -> DispatchResult;
		/// Move the asset to `to` and release `by`'s lock. Fails if `by` does not hold the lock.
		fn seize_to(
			class: &Self::ClassId,
			item: &Self::ItemId,
			by: LockId,
			to: &AccountId,
		) -> Result<(), DispatchError>;
	}
}

/// Interest by rate accumulators (MakerDAO "jug" / Centrifuge style): one accumulator per
/// distinct rate grows by `(1 + r)` every second; a debt is stored *normalized* (divided by the
/// accumulator when it was taken), so accruing interest for every loan at a rate costs one
/// accumulator update, never a loop over loans.
pub mod interest {
	use super::Balance;
	use sp_runtime::{
		traits::{CheckedAdd, CheckedDiv, CheckedMul, One, Zero},
		FixedPointNumber, FixedU128, Perquintill,
	};

	/// A per-second rate or an accumulator value, 18 decimals.
	pub type Rate = FixedU128;

	pub use crate::time::SECONDS_PER_YEAR;

	/// The per-second rate of a nominal annual rate (`annual / SECONDS_PER_YEAR`).
	pub fn per_second(annual: Perquintill) -> Rate {
		// Perquintill and FixedU128 both have 18 decimals: the inner value divides directly.
		Rate::from_inner(u128::from(annual.deconstruct()) / u128::from(SECONDS_PER_YEAR))
	}

	/// `base^exp` by squaring; `None` on overflow.
	pub fn checked_pow(base: Rate, mut exp: u64) -> Option<Rate> {
		let mut result = Rate::one();
		let mut b = base;
		while exp > 0 {
			if exp & 1 == 1 {
				result = result.checked_mul(&b)?;
			}
			exp >>= 1;
			if exp > 0 {
				b = b.checked_mul(&b)?;
			}
		}
		Some(result)
	}

	/// The growth factor of `seconds` at `rate_per_sec`: `(1 + r)^seconds`.
	pub fn growth(rate_per_sec: Rate, seconds: u64) -> Option<Rate> {
		checked_pow(Rate::one().checked_add(&rate_per_sec)?, seconds)
	}

	/// The accumulator of one rate.
	#[derive(
		Clone,
		Copy,
		PartialEq,
		Eq,
		Debug,
		codec::Encode,
		codec::Decode,
		codec::MaxEncodedLen,
		scale_info::TypeInfo,
	)]
	pub struct Accumulator {
		/// Interest per second.
		pub rate_per_sec: Rate,
		/// Product of `(1 + r)` over every second since creation; starts at 1.
		pub value: Rate,
		/// Unix time (s) of the last update.
		pub last_updated: u64,
	}

	impl Accumulator {
		/// A new accumulator for `annual`, starting at 1 at `now` (s).
		pub fn new(annual: Perquintill, now: u64) -> Self {
			Self { rate_per_sec: per_second(annual), value: Rate::one(), last_updated: now }
		}

		/// Bring the accumulator up to `now` (s). Time never runs backwards here: an earlier
		/// `now` changes nothing.
		pub fn accrue(&mut self, now: u64) -> Option<()> {
			let dt = now.saturating_sub(self.last_updated);
			if dt > 0 {
				self.value = self.value.checked_mul(&growth(self.rate_per_sec, dt)?)?;
				self.last_updated = now;
			}
			Some(())
		}

		/// The normalized amount to record for a new debt of `amount`, rounded up so the
		/// recorded debt is never less than what was lent.
		pub fn normalize(&self, amount: Balance) -> Option<Balance> {
			if self.value.is_zero() {
				return None;
			}
			let n = Rate::checked_from_integer(amount)?.checked_div(&self.value)?;
			let whole = n.into_inner() / Rate::accuracy();
			let frac = n.into_inner() % Rate::accuracy();
			if frac > 0 { whole.checked_add(1) } else { Some(whole) }
		}

		/// The debt now owed for a `normalized` amount, rounded up (the lender is never
		/// short-changed by rounding).
		pub fn debt(&self, normalized: Balance) -> Option<Balance> {
			let d = Rate::checked_from_integer(normalized)?.checked_mul(&self.value)?;
			let whole = d.into_inner() / Rate::accuracy();
			let frac = d.into_inner() % Rate::accuracy();
			if frac > 0 { whole.checked_add(1) } else { Some(whole) }
		}

		/// How much normalized debt a payment of `amount` retires, rounded down (a payment
		/// never retires more debt than it covers).
		pub fn normalized_payment(&self, amount: Balance) -> Option<Balance> {
			if self.value.is_zero() {
				return None;
			}
			let n = Rate::checked_from_integer(amount)?.checked_div(&self.value)?;
			Some(n.into_inner() / Rate::accuracy())
		}
	}

	#[cfg(test)]
	mod tests {
		use super::*;

		const PRINCIPAL: Balance = 10_000_000_000; // 10,000 USDT (6 decimals)

		#[test]
		fn one_year_at_ten_percent_matches_the_per_second_compound_formula() {
			let mut acc = Accumulator::new(Perquintill::from_percent(10), 0);
			acc.accrue(SECONDS_PER_YEAR).unwrap();
			let normalized = acc_at_start_normalize(PRINCIPAL);
			let debt = acc.debt(normalized).unwrap();
			// Exact: P × (1 + r)^n with the same per-second r, via ln_1p for precision.
			let r = per_second(Perquintill::from_percent(10)).into_inner() as f64 / 1e18;
			let exact = PRINCIPAL as f64 * ((SECONDS_PER_YEAR as f64) * r.ln_1p()).exp();
			assert!((debt as f64 - exact).abs() <= 1.0, "{debt} vs {exact}");
			// And close to continuous compounding, P × e^0.1 (the difference is the truncated
			// per-second rate and the discreteness: a few units in 10^10).
			let continuous = PRINCIPAL as f64 * 0.1f64.exp();
			assert!((debt as f64 - continuous).abs() <= 3.0, "{debt} vs {continuous}");
		}

		fn acc_at_start_normalize(amount: Balance) -> Balance {
			Accumulator::new(Perquintill::from_percent(10), 0).normalize(amount).unwrap()
		}

		#[test]
		fn accruing_in_steps_equals_accruing_at_once() {
			let mut once = Accumulator::new(Perquintill::from_percent(12), 0);
			let mut steps = once;
			once.accrue(86_400 * 30).unwrap();
			for day in 1..=30u64 {
				steps.accrue(86_400 * day).unwrap();
			}
			let a = once.debt(PRINCIPAL).unwrap();
			let b = steps.debt(PRINCIPAL).unwrap();
			assert!(a.abs_diff(b) <= 1, "{a} vs {b}");
		}

		#[test]
		fn zero_rate_and_no_time_change_nothing() {
			let mut acc = Accumulator::new(Perquintill::zero(), 5);
			acc.accrue(SECONDS_PER_YEAR).unwrap();
			assert_eq!(acc.value, Rate::one());
			let mut acc = Accumulator::new(Perquintill::from_percent(50), 100);
			acc.accrue(100).unwrap();
			acc.accrue(50).unwrap();
			assert_eq!(acc.value, Rate::one());
			assert_eq!(acc.last_updated, 100);
		}

		#[test]
		fn rounding_favours_the_lender() {
			let mut acc = Accumulator::new(Perquintill::from_percent(7), 0);
			acc.accrue(12_345_678).unwrap();
			for amount in [1u128, 3, 999_999, PRINCIPAL, PRINCIPAL + 7] {
				let n = acc.normalize(amount).unwrap();
				// Recorded debt covers what was lent …
				assert!(acc.debt(n).unwrap() >= amount);
				// … and paying it back retires at most the normalized debt.
				assert!(acc.normalized_payment(acc.debt(n).unwrap()).unwrap() <= n + 1);
			}
		}

		#[test]
		fn checked_pow_agrees_with_repeated_multiplication() {
			let b = Rate::saturating_from_rational(1_000_001u128, 1_000_000u128);
			let mut m = Rate::one();
			for _ in 0..1000 {
				m = m.checked_mul(&b).unwrap();
			}
			let p = checked_pow(b, 1000).unwrap();
			assert!(p.into_inner().abs_diff(m.into_inner()) < 1_000);
			assert_eq!(checked_pow(Rate::from_u32(2), 200), None);
		}
	}
}

/// Asset-backed loans: the trait through which a lender that is not a plain account (a debt
/// pool) funds, values and liquidates loans without reading the loan pallet's storage.
///
/// There is one set of books: the loan pallet keeps every lender's **portfolio** (performing
/// debt by rate, the value of late loans as last revalued, realised losses) in the same
/// transaction as every loan change, and a pool asks it instead of keeping a copy.
pub mod loans {
	use super::{AssetId, Balance};
	use alloc::vec::Vec;
	use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
	use scale_info::TypeInfo;
	use sp_runtime::{DispatchError, DispatchResult, Perbill, Perquintill};

	/// Identifier of a loan.
	pub type LoanId = u64;

	/// One step of a write-down policy: a loan overdue by at least `days_overdue` days is
	/// valued at its debt less `write_down`.
	///
	/// In polkadot.js: `{ daysOverdue: 30, writeDown: 100_000_000 }` (10 % after 30 days).
	#[derive(
		Clone, Copy, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
		serde::Serialize, serde::Deserialize,
	)]
	#[serde(rename_all = "camelCase")]
	pub struct WriteDownStep {
		/// Whole days (of 86,400,000 ms) since the missed due date.
		pub days_overdue: u32,
		/// Share of the debt written off: a `Perbill`, 10^9 = 100 % (25 % = 250_000_000).
		pub write_down: Perbill,
	}

	/// Where a loan stands, as seen now (an `Active` loan past a due date reads `Overdue` even
	/// before anyone has marked it).
	#[derive(
		Clone, Copy, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
	)]
	pub enum LoanStatus {
		/// Requested by the borrower, waiting for a lender; the collateral is locked.
		Requested,
		/// Funded and paid according to schedule.
		Active,
		/// A payment is late; the penalty rate applies.
		Overdue,
		/// Overdue past the grace period and declared in default; the lender chooses between
		/// seizing the collateral and auctioning it.
		Defaulted,
		/// The collateral is being auctioned.
		InAuction,
	}

	/// What a lender (or a pool valuing its portfolio) needs to know about a loan.
	#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
	pub struct LoanSummary<AccountId> {
		/// The borrower.
		pub borrower: AccountId,
		/// The lender, once funded.
		pub lender: Option<AccountId>,
		/// The stablecoin lent and repaid.
		pub currency: AssetId,
		/// Amount lent, in `currency`'s base units.
		pub principal: Balance,
		/// Nominal annual interest rate (`Perquintill`: 10^18 = 100 % a year).
		pub annual_rate: Perquintill,
		/// Status now.
		pub status: LoanStatus,
		/// Debt now: outstanding principal plus accrued interest (and penalty).
		pub debt: Balance,
		/// Present value now: the debt, written down by the lender's policy when late.
		pub present_value: Balance,
		/// When the loan was declared in default (Unix ms), while it is defaulted or in auction.
		pub defaulted_at: Option<u64>,
	}

	/// A lender's portfolio as the loan pallet books it, valued now.
	#[derive(Clone, Copy, PartialEq, Eq, Default, Encode, Decode, TypeInfo, Debug)]
	pub struct PortfolioValuation {
		/// Value of every open funded loan: performing loans at their debt now, late loans at
		/// their value when last revalued.
		pub value: Balance,
		/// Open funded loans.
		pub loans: u32,
		/// Debt of the late loans when last revalued, less their value: the write-downs not yet
		/// realised (a cure or a recovery may still return them).
		pub unrealised_loss: Balance,
		/// Every loss realised so far (debt a closing did not recover), cumulative: a lender
		/// that books losses remembers how much of it it has seen.
		pub realised_loss: Balance,
		/// A loan whose valuation is out of date (a due date passed or a write-down step began
		/// since it was last revalued), if any: pricing on `value` should wait until someone
		/// revalues it.
		pub stale_loan: Option<LoanId>,
	}

	/// Fund, value and liquidate loans on behalf of a lender account (a pool's account).
	pub trait LoanProvider<AccountId> {
		/// Fund a requested loan from `lender`'s balance: the principal moves to the borrower
		/// and the loan becomes active with `lender` as its lender.
		fn fund(lender: &AccountId, loan: LoanId) -> DispatchResult;
		/// The loan's summary, or `None` if there is no such (open) loan.
		fn summary(loan: LoanId) -> Option<LoanSummary<AccountId>>;
		/// `lender`'s portfolio valued now.
		fn portfolio(lender: &AccountId) -> Result<PortfolioValuation, DispatchError>;
		/// Bring a funded loan's state and valuation up to date (anyone may ask).
		fn revalue(loan: LoanId) -> DispatchResult;
		/// Auction the collateral of a defaulted loan on behalf of its lender, for bids of at
		/// least `reserve`; proceeds go to the lender, surplus to the borrower.
		fn start_auction(lender: &AccountId, loan: LoanId, reserve: Balance) -> DispatchResult;
		/// Whether governance lists `currency` for new loans (and so for new lenders' pools).
		fn is_lendable(currency: AssetId) -> bool;
		/// Value `lender`'s late loans by its own write-down `policy` (steps in increasing days
		/// and write-down) instead of governance's; `None` returns to governance's. Refused
		/// while the lender has a loan open, so no loan is revalued under new terms.
		fn set_write_down_policy(lender: &AccountId, policy: Option<Vec<WriteDownStep>>) -> DispatchResult;
		/// `lender` is going away (a pool closing): forget its portfolio — the realised losses
		/// it remembers included. Refused while it has a loan open.
		fn close_portfolio(lender: &AccountId) -> DispatchResult;
	}
}

/// App chains: what the app-chain registry needs to know about this chain's validators,
/// without reading the staking pallet's storage.
pub mod validators {
	use super::Balance;

	/// The validator set of this chain, as staking sees it.
	pub trait ValidatorSet<AccountId> {
		/// Whether `who` is a validator (stash) in the current staking set.
		fn is_validator(who: &AccountId) -> bool;
		/// `who`'s total bonded stake (0 if none).
		fn stake(who: &AccountId) -> Balance;
		/// The current staking era.
		fn era() -> u32;
	}
}
