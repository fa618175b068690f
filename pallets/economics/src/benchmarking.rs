//! Benchmarks of the economics pallet.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::EnsureOrigin;
use sp_runtime::Perquintill;

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn set_inflation() -> Result<(), BenchmarkError> {
		let origin = T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		// Worst case: a halving is due (the call applies it first, two writes and an event more).
		NextHalving::<T>::put(0);
		let params = InflationParams {
			min_rate: Perquintill::from_percent(5),
			max_rate: Perquintill::from_percent(15),
			target_bonded: Perquintill::from_percent(60),
			halving_period_years: 4,
		};
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, params);
		assert_eq!(Inflation::<T>::get(), params);
		assert!(NextHalving::<T>::get().is_some());
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
