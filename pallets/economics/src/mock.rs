//! Mock runtime for the economics pallet: the runtime's schedule and cap, and a settable clock.

use crate as pallet_economics;
use core::cell::Cell;
use frame_support::{construct_runtime, derive_impl, parameter_types, traits::UnixTime};
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
	pub const MaxAnnualRate: Perquintill = Perquintill::from_percent(20);
}

thread_local! {
	static NOW: Cell<u64> = const { Cell::new(0) };
}

/// The mock's wall clock (Unix ms).
pub struct Clock;
impl Clock {
	pub fn set(ms: u64) {
		NOW.with(|n| n.set(ms));
	}
}
impl UnixTime for Clock {
	fn now() -> core::time::Duration {
		core::time::Duration::from_millis(NOW.with(|n| n.get()))
	}
}

impl pallet_economics::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type AdminOrigin = frame_system::EnsureRoot<u64>;
	type DefaultInflation = DefaultSchedule;
	type MaxAnnualRate = MaxAnnualRate;
	type UnixTime = Clock;
	type DefaultEpochDuration = frame_support::traits::ConstU64<600>;
	type DefaultSessionsPerEra = frame_support::traits::ConstU32<6>;
	type WeightInfo = ();
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| {
		System::set_block_number(1);
		Clock::set(0);
	});
	ext
}
