//! Unit tests of the economics pallet.

use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::{Get, Hooks},
};
use persistence_primitives::inflation::MILLISECS_PER_YEAR;
use sp_runtime::{BuildStorage, DispatchError, Perquintill};

const GENESIS_TIME: u64 = 1_800_000_000_000; // the first block's timestamp
const YEAR: u64 = MILLISECS_PER_YEAR;

fn params(min: u64, max: u64, target: u64) -> InflationParams {
	InflationParams {
		min_rate: Perquintill::from_percent(min),
		max_rate: Perquintill::from_percent(max),
		target_bonded: Perquintill::from_percent(target),
		halving_period_years: 3,
	}
}

/// End block 1 at `GENESIS_TIME`: the halving clock starts.
fn first_block() {
	Clock::set(GENESIS_TIME);
	Economics::on_finalize(1);
}

fn rates() -> (Perquintill, Perquintill) {
	let p = Inflation::<Test>::get();
	(p.min_rate, p.max_rate)
}

#[test]
fn defaults_apply_without_genesis_values() {
	new_test_ext().execute_with(|| {
		assert_eq!(InflationOf::<Test>::get(), DefaultSchedule::get());
		assert_eq!(EpochDurationOf::<Test>::get(), 600);
		assert_eq!(SessionsPerEraOf::<Test>::get(), 6);
		assert_eq!(NextHalving::<Test>::get(), None);
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
fn the_halving_clock_starts_at_the_first_block_and_counts_wall_clock_time() {
	new_test_ext().execute_with(|| {
		first_block();
		// Default schedule: 7 %..20 %, halving every 2 years of wall-clock time.
		assert_eq!(NextHalving::<Test>::get(), Some(GENESIS_TIME + 2 * YEAR));
		// Block 2 does not move the clock.
		Clock::set(GENESIS_TIME + 5 * YEAR);
		Economics::on_finalize(2);
		assert_eq!(NextHalving::<Test>::get(), Some(GENESIS_TIME + 2 * YEAR));

		// 1 ms before the halving: nothing changes, nothing is written.
		let p = Economics::apply_due_halvings(GENESIS_TIME + 2 * YEAR - 1);
		assert_eq!((p.min_rate, p.max_rate), (Perquintill::from_percent(7), Perquintill::from_percent(20)));
		assert_eq!(System::events().len(), 0);

		// At the halving: both stored bounds halve; the clock moves one period on.
		let p = Economics::apply_due_halvings(GENESIS_TIME + 2 * YEAR);
		assert_eq!(rates(), (Perquintill::from_rational(35u64, 1000u64), Perquintill::from_percent(10)));
		assert_eq!(p, Inflation::<Test>::get());
		assert_eq!(NextHalving::<Test>::get(), Some(GENESIS_TIME + 4 * YEAR));
		System::assert_last_event(
			Event::<Test>::Halved { halvings: 1, params: p, next_halving: Some(GENESIS_TIME + 4 * YEAR) }.into(),
		);
		// Applying again at the same time is a no-op: halvings are not recomputed from genesis.
		Economics::apply_due_halvings(GENESIS_TIME + 2 * YEAR + 1);
		assert_eq!(rates().1, Perquintill::from_percent(10));

		// Two periods missed (no payout for 4 years): both halvings at once.
		let p = Economics::apply_due_halvings(GENESIS_TIME + 6 * YEAR + 7);
		assert_eq!(p.max_rate, Perquintill::from_rational(25u64, 1000u64));
		assert_eq!(NextHalving::<Test>::get(), Some(GENESIS_TIME + 8 * YEAR));
		System::assert_last_event(
			Event::<Test>::Halved { halvings: 2, params: p, next_halving: Some(GENESIS_TIME + 8 * YEAR) }.into(),
		);
	});
}

#[test]
fn the_schedule_in_force_is_reported_without_writing() {
	new_test_ext().execute_with(|| {
		first_block();
		let (p, next, n) = Economics::schedule_at(GENESIS_TIME + 2 * YEAR);
		assert_eq!((p.max_rate, next, n), (Perquintill::from_percent(10), Some(GENESIS_TIME + 4 * YEAR), 1));
		assert_eq!(rates().1, Perquintill::from_percent(20), "storage untouched");
		assert_eq!(NextHalving::<Test>::get(), Some(GENESIS_TIME + 2 * YEAR));
	});
}

#[test]
fn governance_sets_the_rates_in_force_not_pre_halving_values() {
	new_test_ext().execute_with(|| {
		first_block();
		Economics::apply_due_halvings(GENESIS_TIME + 2 * YEAR); // max 20 % → 10 %
		// Governance wants 12 % from now on; it gets 12 % (the old model would have halved it to 6 %).
		let p = InflationParams { halving_period_years: 2, ..params(4, 12, 67) };
		Clock::set(GENESIS_TIME + 3 * YEAR);
		assert_ok!(Economics::set_inflation(RuntimeOrigin::root(), p));
		assert_eq!(Inflation::<Test>::get(), p);
		// Same period: the clock keeps running (next halving still at year 4).
		assert_eq!(NextHalving::<Test>::get(), Some(GENESIS_TIME + 4 * YEAR));
		System::assert_last_event(
			Event::<Test>::InflationChanged { params: p, next_halving: Some(GENESIS_TIME + 4 * YEAR) }.into(),
		);
		assert_eq!(Economics::apply_due_halvings(GENESIS_TIME + 4 * YEAR).max_rate, Perquintill::from_percent(6));
	});
}

#[test]
fn a_new_halving_period_restarts_the_clock_and_zero_stops_it() {
	new_test_ext().execute_with(|| {
		first_block();
		Clock::set(GENESIS_TIME + YEAR);
		let p = params(5, 15, 60); // 3-year period
		assert_ok!(Economics::set_inflation(RuntimeOrigin::root(), p));
		assert_eq!(NextHalving::<Test>::get(), Some(GENESIS_TIME + 4 * YEAR));
		let never = InflationParams { halving_period_years: 0, ..p };
		assert_ok!(Economics::set_inflation(RuntimeOrigin::root(), never));
		assert_eq!(NextHalving::<Test>::get(), None);
		assert_eq!(Economics::apply_due_halvings(GENESIS_TIME + 40 * YEAR), never);
	});
}

#[test]
fn a_halving_due_when_governance_sets_a_schedule_is_applied_first() {
	new_test_ext().execute_with(|| {
		first_block();
		Clock::set(GENESIS_TIME + 2 * YEAR);
		let p = InflationParams { halving_period_years: 2, ..params(5, 15, 60) };
		assert_ok!(Economics::set_inflation(RuntimeOrigin::root(), p));
		// The due halving was consumed (event), so the new rates are not halved again at once.
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::Economics(Event::Halved { halvings: 1, .. })
		)));
		assert_eq!(NextHalving::<Test>::get(), Some(GENESIS_TIME + 4 * YEAR));
		assert_eq!(Economics::apply_due_halvings(GENESIS_TIME + 2 * YEAR + 1), p);
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

#[test]
fn err_rate_above_cap() {
	new_test_ext().execute_with(|| {
		// The cap is 20 %: 21 % (or the 100 % a general_admin referendum could set before) is refused.
		assert_noop!(
			Economics::set_inflation(RuntimeOrigin::root(), params(5, 21, 60)),
			Error::<Test>::RateAboveCap
		);
		assert_noop!(
			Economics::set_inflation(RuntimeOrigin::root(), params(5, 100, 60)),
			Error::<Test>::RateAboveCap
		);
		assert_ok!(Economics::set_inflation(RuntimeOrigin::root(), params(5, 20, 60)));
	});
}

#[test]
fn err_halving_period_too_long() {
	new_test_ext().execute_with(|| {
		let p = InflationParams { halving_period_years: MAX_HALVING_PERIOD_YEARS + 1, ..params(5, 15, 60) };
		assert_noop!(Economics::set_inflation(RuntimeOrigin::root(), p), Error::<Test>::HalvingPeriodTooLong);
	});
}

/// A block without a timestamp (`now` = 0) does not start the clock at 1970: the first block
/// with one does.
#[test]
fn the_clock_waits_for_a_block_with_a_timestamp() {
	new_test_ext().execute_with(|| {
		Clock::set(0);
		Economics::on_finalize(1);
		assert_eq!(NextHalving::<Test>::get(), None);
		Clock::set(GENESIS_TIME);
		Economics::on_finalize(2);
		assert_eq!(NextHalving::<Test>::get(), Some(GENESIS_TIME + 2 * YEAR));
		// Until then `on_initialize` accounts for starting it; after, one read.
		let db: frame_support::weights::RuntimeDbWeight = <Test as frame_system::Config>::DbWeight::get();
		assert_eq!(Economics::on_initialize(3), db.reads(1));
	});
}

/// A genesis schedule that never halves (period 0) has no clock; governance setting a period
/// starts it one period from then.
#[test]
fn a_genesis_without_halvings_starts_the_clock_when_governance_sets_a_period() {
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	crate::GenesisConfig::<Test> {
		inflation: Some(InflationParams { halving_period_years: 0, ..params(1, 2, 50) }),
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	sp_io::TestExternalities::new(t).execute_with(|| {
		System::set_block_number(1);
		first_block();
		assert_eq!(NextHalving::<Test>::get(), None);
		Clock::set(GENESIS_TIME + YEAR);
		Economics::on_finalize(100);
		assert_eq!(NextHalving::<Test>::get(), None, "period 0: nothing to start");
		assert_ok!(Economics::set_inflation(RuntimeOrigin::root(), params(1, 2, 50)));
		assert_eq!(NextHalving::<Test>::get(), Some(GENESIS_TIME + YEAR + 3 * YEAR));
	});
}

/// Governance setting a schedule in block 1, before the clock starts at its end: the clock
/// starts from the call (one new period on) and block 1's end leaves it there.
#[test]
fn a_schedule_set_in_block_one_starts_the_clock_once() {
	new_test_ext().execute_with(|| {
		Clock::set(GENESIS_TIME);
		assert_ok!(Economics::set_inflation(RuntimeOrigin::root(), params(5, 10, 50)));
		assert_eq!(NextHalving::<Test>::get(), Some(GENESIS_TIME + 3 * YEAR));
		Clock::set(GENESIS_TIME + 6);
		Economics::on_finalize(1);
		assert_eq!(NextHalving::<Test>::get(), Some(GENESIS_TIME + 3 * YEAR));
	});
}

/// More than 64 periods missed: both bounds reach 0, nothing overflows, the clock moves on by
/// the periods that ended.
#[test]
fn sixty_five_missed_halvings_leave_zero_rates() {
	let p = InflationParams { halving_period_years: 1, ..params(7, 20, 67) };
	let (after, next, halvings) = crate::pallet::due(p, Some(GENESIS_TIME), GENESIS_TIME + 64 * YEAR);
	assert_eq!(halvings, 65);
	assert_eq!((after.min_rate, after.max_rate), (Perquintill::zero(), Perquintill::zero()));
	assert_eq!(next, Some(GENESIS_TIME + 65 * YEAR));
	// An end of time far beyond u64 periods: still no overflow, and no next halving.
	let (after, next, _) = crate::pallet::due(p, Some(0), u64::MAX);
	assert_eq!(after.max_rate, Perquintill::zero());
	assert_eq!(next, None);
}
