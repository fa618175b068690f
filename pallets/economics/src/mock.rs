//! Mock runtime for the economics pallet.

use crate as pallet_economics;
use frame_support::{construct_runtime, derive_impl, parameter_types};
use persistence_primitives::inflation::InflationParams;
use sp_runtime::{BuildStorage, Perquintill};

type Block = frame_system::mocking::MockBlock<Test>;

construct_runtime!(
	pub enum Test {
		System: frame_system,
		Economics: pallet_economics,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

parameter_types! {
	pub DefaultSchedule: InflationParams = InflationParams {
		min_rate: Perquintill::from_percent(7),
		max_rate: Perquintill::from_percent(20),
		target_bonded: Perquintill::from_percent(67),
		halving_period_years: 2,
	};
}

impl pallet_economics::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type AdminOrigin = frame_system::EnsureRoot<u64>;
	type DefaultInflation = DefaultSchedule;
	type DefaultEpochDuration = frame_support::traits::ConstU64<600>;
	type DefaultSessionsPerEra = frame_support::traits::ConstU32<6>;
	type WeightInfo = ();
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
