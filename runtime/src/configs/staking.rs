//! Nominated proof of stake: staking, the voter bags list, the on-chain election and XPRT
//! inflation.

use crate::{
	AccountId, Balance, Balances, Runtime, RuntimeEvent, RuntimeHoldReason, Session,
	Staking, Timestamp, VoterList, HOURS,
};
use frame_election_provider_support::{
	bounds::{ElectionBounds, ElectionBoundsBuilder},
	onchain, SequentialPhragmen, VoteWeight,
};
use frame_support::{
	parameter_types,
	traits::{ConstU32, ConstU64},
};
use persistence_primitives::inflation::{self, InflationParams};
use sp_runtime::Perquintill;
use sp_runtime::Perbill;
use sp_staking::EraIndex;

parameter_types! {
	/// Stake stays bonded for 28 eras after `unbond`.
	pub const BondingDuration: EraIndex = 28;
	/// Slashes are applied 27 eras after the offence (one less than the bonding duration), so
	/// governance can cancel a wrong one with `cancel_deferred_slash`.
	pub const SlashDeferDuration: EraIndex = 27;
	pub const MaxExposurePageSize: u32 = 256;
	pub const MaxValidatorSet: u32 = 100;
	/// Rewards can be claimed for this many past eras.
	pub const HistoryDepth: u32 = 84;
	pub const MaxControllersInDeprecationBatch: u32 = 512;
	pub const MaxUnlockingChunks: u32 = 32;
	pub ElectionBoundsOnChain: ElectionBounds = ElectionBoundsBuilder::default()
		.voters_count(5_000.into())
		.targets_count(1_000.into())
		.build();
	pub const MaxBackersPerWinner: u32 = 512;
	pub const MaxWinnersPerPage: u32 = MaxValidatorSet::get();
}

parameter_types! {
	/// The inflation schedule until genesis or governance sets another: 7–20 % a year steering
	/// toward 67 % bonded, both bounds halving every 2 years.
	pub DefaultInflation: InflationParams = InflationParams {
		min_rate: Perquintill::from_percent(7),
		max_rate: Perquintill::from_percent(20),
		target_bonded: Perquintill::from_percent(67),
		halving_period_years: 2,
	};
	pub const MaxAnnualRate: Perquintill = Perquintill::from_percent(20);
}

/// XPRT economics: the governable inflation schedule and the network's session timing.
impl pallet_economics::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	// Root, or a passed `general_admin` referendum.
	type AdminOrigin = crate::governance::GeneralAdminOrRoot;
	type DefaultInflation = DefaultInflation;
	// No schedule may pay more than the genesis maximum.
	type MaxAnnualRate = MaxAnnualRate;
	type UnixTime = crate::Timestamp;
	// Production timing unless a genesis preset says otherwise: 1-hour sessions, 6 per era.
	type DefaultEpochDuration = ConstU64<{ HOURS as u64 }>;
	type DefaultSessionsPerEra = ConstU32<6>;
	type WeightInfo = pallet_economics::weights::SubstrateWeight<Runtime>;
}

/// Blocks in a year of 365.25 days.
pub use persistence_primitives::time::BLOCKS_PER_YEAR;

/// Pays stakers from XPRT inflation at the rate of [`inflation::annual_rate`] for the era's
/// bonded ratio, under the schedule in force — after applying every halving the economics
/// pallet's wall-clock halving clock has passed (stateful: the stored bounds halve).
pub struct XprtEraPayout;
impl sp_staking::EraPayout<Balance> for XprtEraPayout {
	fn era_payout(
		total_staked: Balance,
		total_issuance: Balance,
		era_duration_millis: u64,
	) -> (Balance, Balance) {
		let params = pallet_economics::Pallet::<Runtime>::apply_due_halvings(
			pallet_economics::Pallet::<Runtime>::now(),
		);
		let payout =
			inflation::era_inflation(&params, total_staked, total_issuance, era_duration_millis);
		// All minted XPRT goes to the stakers of the era; nothing is left over.
		(payout, 0)
	}
}

pub struct OnChainSeqPhragmen;
impl onchain::Config for OnChainSeqPhragmen {
	type System = Runtime;
	type Solver = SequentialPhragmen<AccountId, Perbill>;
	type DataProvider = Staking;
	type WeightInfo = frame_election_provider_support::weights::SubstrateWeight<Runtime>;
	type MaxBackersPerWinner = MaxBackersPerWinner;
	type MaxWinnersPerPage = MaxWinnersPerPage;
	type Bounds = ElectionBoundsOnChain;
	type Sort = frame_support::traits::ConstBool<true>;
}

/// Staking benchmark sizes.
pub struct StakingBenchmarkingConfig;
impl pallet_staking::BenchmarkingConfig for StakingBenchmarkingConfig {
	type MaxNominators = ConstU32<1000>;
	type MaxValidators = ConstU32<100>;
}

impl pallet_staking::Config for Runtime {
	type OldCurrency = Balances;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type CurrencyBalance = Balance;
	type UnixTime = Timestamp;
	// Balances fit in u64 (10^14 uxprt supply), so votes are the balances themselves.
	type CurrencyToVote = sp_staking::currency_to_vote::U128CurrencyToVote;
	type ElectionProvider = onchain::OnChainExecution<OnChainSeqPhragmen>;
	type GenesisElectionProvider = onchain::OnChainExecution<OnChainSeqPhragmen>;
	type NominationsQuota = pallet_staking::FixedNominationsQuota<16>;
	type HistoryDepth = HistoryDepth;
	// The era reward remainder and slashes go to the treasury.
	type RewardRemainder = crate::configs::ToTreasury;
	type RuntimeEvent = RuntimeEvent;
	type Slash = crate::configs::ToTreasury;
	type Reward = ();
	// Per network, from genesis (`pallet-economics`).
	type SessionsPerEra = pallet_economics::SessionsPerEraOf<Runtime>;
	type BondingDuration = BondingDuration;
	type SlashDeferDuration = SlashDeferDuration;
	// Root or a `staking_admin` referendum: deferred-slash cancellation, minimum commission,
	// ledger repair, manual slashes (the validator count stays Root-only in the pallet).
	type AdminOrigin = crate::governance::StakingAdminOrRoot;
	type SessionInterface = Self;
	type EraPayout = XprtEraPayout;
	type NextNewSession = Session;
	type MaxExposurePageSize = MaxExposurePageSize;
	type MaxValidatorSet = MaxValidatorSet;
	type VoterList = VoterList;
	type TargetList = pallet_staking::UseValidatorsMap<Self>;
	type MaxUnlockingChunks = MaxUnlockingChunks;
	type MaxControllersInDeprecationBatch = MaxControllersInDeprecationBatch;
	type EventListeners = ();
	type Filter = frame_support::traits::Nothing;
	type BenchmarkingConfig = StakingBenchmarkingConfig;
	type WeightInfo = crate::weights::pallet_staking::WeightInfo<Runtime>;
}

/// Bag thresholds of the voter list: 200 bags growing by 10 % from 10 XPRT, the last one
/// unbounded. Computed at compile time.
pub const VOTER_BAG_THRESHOLDS: [VoteWeight; 200] = {
	let mut t = [0u64; 200];
	let mut v: u64 = 10_000_000;
	let mut i = 0;
	while i < 199 {
		t[i] = v;
		v = v / 10 * 11;
		i += 1;
	}
	t[199] = VoteWeight::MAX;
	t
};

parameter_types! {
	pub const BagThresholds: &'static [VoteWeight] = &VOTER_BAG_THRESHOLDS;
}

impl pallet_bags_list::Config<pallet_bags_list::Instance1> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = crate::weights::pallet_bags_list::WeightInfo<Runtime>;
	// Staking is the source of truth for scores.
	type ScoreProvider = Staking;
	type BagThresholds = BagThresholds;
	type MaxAutoRebagPerBlock = ConstU32<10>;
	type Score = VoteWeight;
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn bag_thresholds_strictly_increase() {
		for w in VOTER_BAG_THRESHOLDS.windows(2) {
			assert!(w[0] < w[1]);
		}
		// The largest finite bag is above the whole genesis supply (10^14 uxprt).
		assert!(VOTER_BAG_THRESHOLDS[198] > 100_000_000 * 1_000_000);
	}
}
