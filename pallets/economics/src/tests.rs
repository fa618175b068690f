//! Unit tests of the economics pallet.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok, traits::Get};
use sp_runtime::{BuildStorage, DispatchError, Perquintill};

fn params(min: u64, max: u64, target: u64) -> InflationParams {
	InflationParams {
		min_rate: Perquintill::from_percent(min),
		max_rate: Perquintill::from_percent(max),
		target_bonded: Perquintill::from_percent(target),
		halving_period_years: 3,
	}
}

#[test]
fn defaults_apply_without_genesis_values() {
	new_test_ext().execute_with(|| {
		assert_eq!(InflationOf::<Test>::get(), DefaultSchedule::get());
		assert_eq!(EpochDurationOf::<Test>::get(), 600);
		assert_eq!(SessionsPerEraOf::<Test>::get(), 6);
	});
}

#[test]
fn genesis_sets_network_timing_and_schedule() {
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	crate::GenesisConfig::<Test> {
		inflation: Some(params(1, 2, 50)),
		epoch_duration: Some(10),
		sessions_per_era: Some(3),
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	sp_io::TestExternalities::new(t).execute_with(|| {
		assert_eq!(EpochDurationOf::<Test>::get(), 10);
		assert_eq!(SessionsPerEraOf::<Test>::get(), 3);
		assert_eq!(InflationOf::<Test>::get(), params(1, 2, 50));
	});
}

#[test]
fn governance_changes_the_schedule() {
	new_test_ext().execute_with(|| {
		let p = params(5, 15, 60);
		assert_ok!(Economics::set_inflation(RuntimeOrigin::root(), p));
		assert_eq!(InflationOf::<Test>::get(), p);
		System::assert_last_event(Event::<Test>::InflationChanged { params: p }.into());
	});
}

#[test]
fn err_bad_origin() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Economics::set_inflation(RuntimeOrigin::signed(1), params(5, 15, 60)),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn err_min_above_max() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Economics::set_inflation(RuntimeOrigin::root(), params(16, 15, 60)),
			Error::<Test>::MinAboveMax
		);
	});
}

#[test]
fn err_zero_target() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Economics::set_inflation(RuntimeOrigin::root(), params(5, 15, 0)),
			Error::<Test>::ZeroTarget
		);
	});
}
