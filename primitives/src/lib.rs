//! # Persistence primitives
//!
//! Types shared by the runtime, the node and the pallets, and the small traits through which
//! pallets talk to each other without reading each other's storage.

#![cfg_attr(not(feature = "std"), no_std)]

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

	/// Milliseconds in a (non-leap) year, the basis of annual rates.
	pub const MILLISECS_PER_YEAR: Moment = 1000 * 60 * 60 * 24 * 36525 / 100;
}

/// XPRT inflation: Persistence's model of an annual rate between a minimum and a maximum that
/// steers toward a target bonded ratio, with both bounds halved every `halving_period_years`
/// (Persistence's `x/halving`).
pub mod inflation {
	use super::Balance;
	use sp_runtime::{traits::Saturating, Perquintill};

	/// Milliseconds in a year of 365.25 days.
	pub const MILLISECS_PER_YEAR: u64 = 1000 * 60 * 60 * 24 * 36525 / 100;

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
		/// Annual rate when the bonded ratio is at or above the target.
		pub min_rate: Perquintill,
		/// Annual rate when nothing is bonded.
		pub max_rate: Perquintill,
		/// The bonded ratio the curve steers toward.
		pub target_bonded: Perquintill,
		/// Both bounds halve every this many years (0: never).
		pub halving_period_years: u32,
	}

	/// Number of halvings that have happened after `years` whole years.
	pub fn halvings(params: &InflationParams, years: u32) -> u32 {
		years.checked_div(params.halving_period_years).unwrap_or(0)
	}

	/// Halve `rate` `n` times.
	fn halve(rate: Perquintill, n: u32) -> Perquintill {
		let parts = rate.deconstruct().checked_shr(n).unwrap_or(0);
		Perquintill::from_parts(parts)
	}

	/// The annual inflation rate for a bonded ratio, `years` after genesis.
	///
	/// Below the target the rate falls linearly from `max` (nothing bonded) to `min` (target
	/// reached), so staking is rewarded most when security is lowest; at or above the target it
	/// is `min`. Both bounds are halved once per elapsed halving period.
	pub fn annual_rate(params: &InflationParams, bonded: Perquintill, years: u32) -> Perquintill {
		let n = halvings(params, years);
		let min = halve(params.min_rate, n);
		let max = halve(params.max_rate, n).max(min);
		if params.target_bonded.is_zero() || bonded >= params.target_bonded {
			return min;
		}
		// progress = bonded / target, in [0, 1).
		let progress = Perquintill::from_rational(bonded.deconstruct(), params.target_bonded.deconstruct());
		let span = max.saturating_sub(min);
		max.saturating_sub(progress * span)
	}

	/// XPRT minted for one era of `era_duration_millis` with `total_staked` of `total_issuance`
	/// bonded, `years` after genesis: `issuance × rate × era / year`, rounded down.
	pub fn era_inflation(
		params: &InflationParams,
		total_staked: Balance,
		total_issuance: Balance,
		era_duration_millis: u64,
		years: u32,
	) -> Balance {
		if total_issuance == 0 {
			return 0;
		}
		let bonded = Perquintill::from_rational(total_staked.min(total_issuance), total_issuance);
		let rate = annual_rate(params, bonded, years);
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
			assert_eq!(annual_rate(&P, Perquintill::zero(), 0), Perquintill::from_percent(20));
			assert_eq!(annual_rate(&P, Perquintill::from_percent(67), 0), Perquintill::from_percent(7));
			assert_eq!(annual_rate(&P, Perquintill::one(), 0), Perquintill::from_percent(7));
			// Half way to the target: half way between max and min (13.5 %), within rounding.
			let mid = annual_rate(&P, Perquintill::from_rational(335u64, 1000u64), 0);
			let expected = Perquintill::from_rational(135u64, 1000u64);
			let diff = mid.deconstruct().abs_diff(expected.deconstruct());
			assert!(diff < 10, "{mid:?}");
		}

		#[test]
		fn halving_halves_both_bounds() {
			// Year 1: no halving yet; year 2: one; year 4: two.
			assert_eq!(annual_rate(&P, Perquintill::zero(), 1), Perquintill::from_percent(20));
			assert_eq!(annual_rate(&P, Perquintill::zero(), 2), Perquintill::from_percent(10));
			assert_eq!(
				annual_rate(&P, Perquintill::one(), 2),
				Perquintill::from_rational(35u64, 1000u64)
			);
			assert_eq!(annual_rate(&P, Perquintill::zero(), 4), Perquintill::from_percent(5));
			let never = InflationParams { halving_period_years: 0, ..P };
			assert_eq!(annual_rate(&never, Perquintill::zero(), 40), Perquintill::from_percent(20));
		}

		#[test]
		fn one_simulated_year_matches_the_formula() {
			// 100 M XPRT, 67 % bonded: 7 % a year. Eras of 3 minutes, compounded era by era.
			let mut issuance: Balance = 100_000_000 * 1_000_000;
			let era_ms: u64 = 3 * 60 * 1000;
			let eras = MILLISECS_PER_YEAR / era_ms;
			for _ in 0..eras {
				let staked = issuance * 67 / 100;
				issuance += era_inflation(&P, staked, issuance, era_ms, 0);
			}
			// Closed form: (1 + 0.07 × era/year)^eras ≈ e^0.07 for many eras.
			let expected = 100_000_000f64 * 1_000_000f64 * (0.07f64).exp();
			let got = issuance as f64;
			assert!((got - expected).abs() / expected < 1e-6, "{got} vs {expected}");
		}

		#[test]
		fn no_issuance_no_inflation() {
			assert_eq!(era_inflation(&P, 0, 0, 1000, 0), 0);
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
