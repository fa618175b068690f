//! Nominated proof of stake: staking, the voter bags list, the on-chain election and XPRT
//! inflation.

use crate::{
	AccountId, Balance, Balances, DelegatedStaking, NominationPools, Runtime, RuntimeEvent,
	RuntimeFreezeReason, RuntimeHoldReason, Session, Staking, Timestamp, VoterList, HOURS,
};
use frame_election_provider_support::{
	bounds::{ElectionBounds, ElectionBoundsBuilder},
	onchain, SequentialPhragmen, VoteWeight,
};
use frame_support::{
	parameter_types,
	traits::{ConstU32, ConstU64},
	PalletId,
};
use sp_core::U256;
use sp_runtime::{traits::Convert, FixedU128};
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
	// Pools and delegations see every slash and unbonding, so a slash reaches the pool members
	// who were bonded at the offence (unbonding sub-pools included).
	type EventListeners = (NominationPools, DelegatedStaking);
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

parameter_types! {
	pub const PoolsPalletId: PalletId = PalletId(*b"py/nopls");
	pub const DelegatedStakingPalletId: PalletId = PalletId(*b"py/dlstk");
	/// Whoever applies a pending slash to a pool member (`nominationPools.applySlash`, anyone
	/// may) gets this share of it — enough to pay for the call, too little to reward a
	/// validator for equivocating against its own pools' members (found in review: 10 % was).
	pub const DelegatedSlashRewardFraction: Perbill = Perbill::from_percent(1);
	/// More unbonding sub-pools than eras in the bonding period, so a (deferred) slash always
	/// finds the sub-pools of the members who were bonded at the offence.
	pub const MaxUnbondingPools: u32 = BondingDuration::get() + 4;
}

/// Pool points and balances as `U256` (the pallet's reward arithmetic).
pub struct BalanceToU256;
impl Convert<Balance, U256> for BalanceToU256 {
	fn convert(n: Balance) -> U256 {
		n.into()
	}
}

/// Back from `U256`, saturating: a value above `Balance::MAX` cannot exist (total issuance is
/// 10^14 uxprt), so saturation never changes a real amount.
pub struct U256ToBalance;
impl Convert<U256, Balance> for U256ToBalance {
	fn convert(n: U256) -> Balance {
		n.try_into().unwrap_or(Balance::MAX)
	}
}

/// Delegated stake: a pool's members keep their XPRT on their own accounts, held for the pool
/// (`DelegateStake`), instead of transferring it to the pool's account.
impl pallet_delegated_staking::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type PalletId = DelegatedStakingPalletId;
	type Currency = Balances;
	// What is slashed from delegators (less the applier's 1 %) goes where every other slash goes.
	type OnSlash = crate::configs::ToTreasury;
	type SlashRewardFraction = DelegatedSlashRewardFraction;
	type RuntimeHoldReason = RuntimeHoldReason;
	type CoreStaking = Staking;
}

/// Nomination pools: holders of less than the nominator minimum (100 XPRT) stake together.
/// Joining costs 1 XPRT at least; creating a pool bonds 100 XPRT of the creator's own, which
/// stays bonded until the pool is destroyed.
impl pallet_nomination_pools::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	// Upstream's weights (with this runtime's ParityDB read/write costs) until
	// `benchmarks/weights.sh pallet_nomination_pools` regenerates them on this runtime.
	type WeightInfo = pallet_nomination_pools::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type RewardCounter = FixedU128;
	type BalanceToU256 = BalanceToU256;
	type U256ToBalance = U256ToBalance;
	type StakeAdapter =
		pallet_nomination_pools::adapter::DelegateStake<Self, Staking, DelegatedStaking>;
	type MaxUnbondingPools = MaxUnbondingPools;
	type MaxMetadataLen = ConstU32<256>;
	// A member has as many unbonding chunks as a direct staker.
	type MaxUnbonding = MaxUnlockingChunks;
	type PalletId = PoolsPalletId;
	// Points may reach 10× the pool's balance (a pool slashed by 90 %) before it must close.
	type MaxPointsToBalance = frame_support::traits::ConstU8<10>;
	// Pool limits (minimum bonds, counts, the global commission cap): root or `staking_admin`.
	type AdminOrigin = crate::governance::StakingAdminOrRoot;
	type BlockNumberProvider = crate::System;
	type Filter = frame_support::traits::Nothing;
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
