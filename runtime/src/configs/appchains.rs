//! App chains registered here and secured by this chain's validators.

use crate::{AccountId, Balance, Balances, Offences, Runtime, RuntimeEvent, RuntimeHoldReason, Staking, DAYS, UNITS};
use frame_support::{
	parameter_types,
	traits::{ConstU32, Get},
};
use persistence_primitives::{currency::deposit, validators::ValidatorSet};
use sp_runtime::traits::Convert;
use sp_staking::StakingInterface;

parameter_types! {
	/// Reserving an app-chain id holds 100 XPRT.
	pub const AppChainReserveDeposit: Balance = 100 * UNITS;
	pub const AppChainDepositPerByte: Balance = deposit(0, 1);
	/// Opting in holds 1 XPRT from the validator.
	pub const AppChainOptInDeposit: Balance = UNITS;
}

/// A retired app chain's deposit is released after a week; after a minute on the development
/// networks (fast tracks), so the whole lifecycle can be tried there.
pub struct AppChainRetirementDelay;
impl Get<crate::BlockNumber> for AppChainRetirementDelay {
	fn get() -> crate::BlockNumber {
		if crate::governance::origins::FastTracks::<Runtime>::get() { crate::MINUTES } else { 7 * DAYS }
	}
}

/// This chain's validators, read through staking's `StakingInterface`: bonded accounts that
/// declared their intent to validate, with their total bond.
pub struct StakingValidators;
impl ValidatorSet<AccountId> for StakingValidators {
	fn is_validator(who: &AccountId) -> bool {
		<Staking as StakingInterface>::is_validator(who)
	}
	fn stake(who: &AccountId) -> Balance {
		<Staking as StakingInterface>::stake(who).map(|s| s.total).unwrap_or(0)
	}
	fn era() -> u32 {
		<Staking as StakingInterface>::current_era()
	}
}

/// The offences pallet's identification of a validator: its stash and `()` (this runtime's
/// `FullIdentification`).
pub struct OffenderOf;
impl Convert<AccountId, Option<pallet_session::historical::IdentificationTuple<Runtime>>> for OffenderOf {
	fn convert(who: AccountId) -> Option<pallet_session::historical::IdentificationTuple<Runtime>> {
		Some((who, ()))
	}
}

/// The current session index.
pub struct CurrentSession;
impl Get<sp_staking::SessionIndex> for CurrentSession {
	fn get() -> sp_staking::SessionIndex {
		pallet_session::Pallet::<Runtime>::current_index()
	}
}

impl pallet_app_chain_registry::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Validators = StakingValidators;
	type Offender = pallet_session::historical::IdentificationTuple<Runtime>;
	type OffenderOf = OffenderOf;
	// Equivocations go to the offences pallet; staking slashes and disables.
	type ReportOffence = Offences;
	type CurrentSession = CurrentSession;
	// Root, or a passed `general_admin` referendum.
	type GovernanceOrigin = crate::governance::GeneralAdminOrRoot;
	type ReserveDeposit = AppChainReserveDeposit;
	type DepositPerByte = AppChainDepositPerByte;
	type OptInDeposit = AppChainOptInDeposit;
	type RetirementDelay = AppChainRetirementDelay;
	type NameLimit = ConstU32<32>;
	type UrlLimit = ConstU32<128>;
	type MaxCandidates = ConstU32<64>;
	type MaxAssigned = ConstU32<32>;
	type MaxActiveChains = ConstU32<32>;
	type MaxCheckpoints = ConstU32<16>;
	type MaxCodeHistory = ConstU32<16>;
	type WeightInfo = pallet_app_chain_registry::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = AppChainBenchmarkHelper;
}

/// Bonds and declares validators for the registry's benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct AppChainBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_app_chain_registry::BenchmarkHelper<AccountId> for AppChainBenchmarkHelper {
	fn make_validator(who: &AccountId, stake: Balance) {
		use frame_support::traits::fungible::Mutate;
		let bond = stake.max(20_000 * UNITS);
		let _ = Balances::mint_into(who, bond.saturating_mul(2));
		let _ = <Staking as StakingInterface>::bond(who, bond, who);
		let _ = Staking::validate(frame_system::RawOrigin::Signed(who.clone()).into(), Default::default());
	}
}
