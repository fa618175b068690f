//! A mock runtime: System, Balances and the registry, with a validator set and an offence
//! reporter that record what they are asked.

use crate as pallet_app_chain_registry;
use crate::CheckpointEquivocation;
use frame_support::{
	construct_runtime, derive_impl,
	traits::{ConstU128, ConstU32, ConstU64},
};
use frame_system::EnsureRoot;
use persistence_primitives::validators::ValidatorSet;
use sp_runtime::{traits::Convert, BuildStorage};
use sp_staking::offence::{OffenceError, ReportOffence};
use std::{cell::RefCell, collections::BTreeMap};

pub type AccountId = u64;
pub type Balance = u128;
type Block = frame_system::mocking::MockBlock<Test>;

construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		AppChains: pallet_app_chain_registry,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = sp_runtime::traits::IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type ExistentialDeposit = ConstU128<1>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

thread_local! {
	/// Validators and their stake.
	pub static VALIDATORS: RefCell<BTreeMap<AccountId, Balance>> = const { RefCell::new(BTreeMap::new()) };
	/// The current era.
	pub static ERA: RefCell<u32> = const { RefCell::new(0) };
	/// Offences reported: (offender, chain, height, validator set count).
	pub static OFFENCES: RefCell<Vec<(AccountId, (u32, u64), u32)>> = const { RefCell::new(Vec::new()) };
}

pub struct MockValidators;
impl ValidatorSet<AccountId> for MockValidators {
	fn is_validator(who: &AccountId) -> bool {
		VALIDATORS.with(|v| v.borrow().contains_key(who))
	}
	fn stake(who: &AccountId) -> Balance {
		VALIDATORS.with(|v| v.borrow().get(who).copied().unwrap_or(0))
	}
	fn era() -> u32 {
		ERA.with(|e| *e.borrow())
	}
}

pub fn set_validator(who: AccountId, stake: Balance) {
	VALIDATORS.with(|v| v.borrow_mut().insert(who, stake));
}
pub fn remove_validator(who: AccountId) {
	VALIDATORS.with(|v| v.borrow_mut().remove(&who));
}
pub fn set_era(era: u32) {
	ERA.with(|e| *e.borrow_mut() = era);
}
pub fn offences() -> Vec<(AccountId, (u32, u64), u32)> {
	OFFENCES.with(|o| o.borrow().clone())
}

pub struct Identity;
impl Convert<AccountId, Option<AccountId>> for Identity {
	fn convert(a: AccountId) -> Option<AccountId> {
		Some(a)
	}
}

pub struct RecordOffences;
impl ReportOffence<AccountId, AccountId, CheckpointEquivocation<AccountId>> for RecordOffences {
	fn report_offence(_reporters: Vec<AccountId>, o: CheckpointEquivocation<AccountId>) -> Result<(), OffenceError> {
		OFFENCES.with(|r| r.borrow_mut().push((o.offender, o.slot, o.validator_set_count)));
		Ok(())
	}
	fn is_known_offence(_offenders: &[AccountId], _slot: &(u32, u64)) -> bool {
		false
	}
}

pub const RESERVE_DEPOSIT: Balance = 1_000;
pub const PER_BYTE: Balance = 2;
pub const OPT_IN_DEPOSIT: Balance = 100;
pub const RETIREMENT_DELAY: u64 = 10;

impl pallet_app_chain_registry::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Validators = MockValidators;
	type Offender = AccountId;
	type OffenderOf = Identity;
	type ReportOffence = RecordOffences;
	type CurrentSession = ConstU32<7>;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type ReserveDeposit = ConstU128<RESERVE_DEPOSIT>;
	type DepositPerByte = ConstU128<PER_BYTE>;
	type OptInDeposit = ConstU128<OPT_IN_DEPOSIT>;
	type RetirementDelay = ConstU64<RETIREMENT_DELAY>;
	type NameLimit = ConstU32<16>;
	type UrlLimit = ConstU32<64>;
	type MaxCandidates = ConstU32<8>;
	type MaxAssigned = ConstU32<6>;
	type MaxActiveChains = ConstU32<2>;
	type MaxCheckpoints = ConstU32<3>;
	type MaxCodeHistory = ConstU32<3>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockHelper;
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for MockHelper {
	fn make_validator(who: &AccountId, stake: Balance) {
		set_validator(*who, stake);
	}
}

/// The app-chain team.
pub const TEAM: AccountId = 1;
/// Someone else.
pub const OTHER: AccountId = 2;
/// Validators 10..=15 (stakes 1,000 … 6,000).
pub const V: [AccountId; 6] = [10, 11, 12, 13, 14, 15];
/// A staker who is not a validator.
pub const NOMINATOR: AccountId = 20;
/// An account without XPRT.
pub const POOR: AccountId = 30;

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [TEAM, OTHER, NOMINATOR].iter().chain(V.iter()).map(|a| (*a, 1_000_000)).chain([(POOR, 5)]).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	// Benchmarks sign checkpoints with keys in the host keystore.
	ext.register_extension(sp_keystore::KeystoreExt::new(sp_keystore::testing::MemoryKeystore::new()));
	ext.execute_with(|| {
		System::set_block_number(1);
		VALIDATORS.with(|v| v.borrow_mut().clear());
		OFFENCES.with(|o| o.borrow_mut().clear());
		set_era(0);
		for (i, v) in V.iter().enumerate() {
			set_validator(*v, 1_000 * (i as Balance + 1));
		}
	});
	ext
}
