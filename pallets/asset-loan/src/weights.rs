//! Weights for `pallet_asset_loan`. Provisional figures until `benchmarks/weights.sh`
//! regenerates this file from the pallet's `benchmarking.rs`.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_asset_loan`.
pub trait WeightInfo {
	fn request() -> Weight;
	fn cancel() -> Weight;
	fn fund() -> Weight;
	fn repay() -> Weight;
	fn repay_in_full() -> Weight;
	fn mark_overdue() -> Weight;
	fn mark_default() -> Weight;
	fn seize() -> Weight;
	fn start_auction() -> Weight;
	fn bid() -> Weight;
	fn settle_auction() -> Weight;
	fn set_advance_rate() -> Weight;
	fn set_parameters() -> Weight;
	fn set_write_down_policy(s: u32, ) -> Weight;
	fn repay_with_existing_loans(n: u32, ) -> Weight;
}

/// Weights for `pallet_asset_loan` with the runtime's `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn request() -> Weight {
		Weight::from_parts(120_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	fn cancel() -> Weight {
		Weight::from_parts(90_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	fn fund() -> Weight {
		Weight::from_parts(150_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	fn repay() -> Weight {
		Weight::from_parts(140_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(7_u64))
	}
	fn repay_in_full() -> Weight {
		Weight::from_parts(180_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
	}
	fn mark_overdue() -> Weight {
		Weight::from_parts(80_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn mark_default() -> Weight {
		Weight::from_parts(80_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn seize() -> Weight {
		Weight::from_parts(150_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(9_u64))
	}
	fn start_auction() -> Weight {
		Weight::from_parts(60_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn bid() -> Weight {
		Weight::from_parts(140_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	fn settle_auction() -> Weight {
		Weight::from_parts(220_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(14_u64))
			.saturating_add(T::DbWeight::get().writes(12_u64))
	}
	fn set_advance_rate() -> Weight {
		Weight::from_parts(20_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(0_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn set_parameters() -> Weight {
		Weight::from_parts(20_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(0_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn set_write_down_policy(s: u32, ) -> Weight {
		Weight::from_parts(20_000_000, 1_500)
			.saturating_add(Weight::from_parts(100_000, 0).saturating_mul(s.into()))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn repay_with_existing_loans(_n: u32, ) -> Weight {
		Self::repay()
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn request() -> Weight {
		Weight::from_parts(120_000_000, 12_000)
			.saturating_add(ParityDbWeight::get().reads(9_u64))
			.saturating_add(ParityDbWeight::get().writes(8_u64))
	}
	fn cancel() -> Weight {
		Weight::from_parts(90_000_000, 12_000)
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
	}
	fn fund() -> Weight {
		Weight::from_parts(150_000_000, 12_000)
			.saturating_add(ParityDbWeight::get().reads(10_u64))
			.saturating_add(ParityDbWeight::get().writes(8_u64))
	}
	fn repay() -> Weight {
		Weight::from_parts(140_000_000, 12_000)
			.saturating_add(ParityDbWeight::get().reads(10_u64))
			.saturating_add(ParityDbWeight::get().writes(7_u64))
	}
	fn repay_in_full() -> Weight {
		Weight::from_parts(180_000_000, 12_000)
			.saturating_add(ParityDbWeight::get().reads(12_u64))
			.saturating_add(ParityDbWeight::get().writes(10_u64))
	}
	fn mark_overdue() -> Weight {
		Weight::from_parts(80_000_000, 12_000)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn mark_default() -> Weight {
		Weight::from_parts(80_000_000, 12_000)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn seize() -> Weight {
		Weight::from_parts(150_000_000, 12_000)
			.saturating_add(ParityDbWeight::get().reads(10_u64))
			.saturating_add(ParityDbWeight::get().writes(9_u64))
	}
	fn start_auction() -> Weight {
		Weight::from_parts(60_000_000, 12_000)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn bid() -> Weight {
		Weight::from_parts(140_000_000, 12_000)
			.saturating_add(ParityDbWeight::get().reads(8_u64))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
	}
	fn settle_auction() -> Weight {
		Weight::from_parts(220_000_000, 12_000)
			.saturating_add(ParityDbWeight::get().reads(14_u64))
			.saturating_add(ParityDbWeight::get().writes(12_u64))
	}
	fn set_advance_rate() -> Weight {
		Weight::from_parts(20_000_000, 12_000)
			.saturating_add(ParityDbWeight::get().reads(0_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn set_parameters() -> Weight {
		Weight::from_parts(20_000_000, 12_000)
			.saturating_add(ParityDbWeight::get().reads(0_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn set_write_down_policy(s: u32, ) -> Weight {
		Weight::from_parts(20_000_000, 1_500)
			.saturating_add(Weight::from_parts(100_000, 0).saturating_mul(s.into()))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn repay_with_existing_loans(_n: u32, ) -> Weight {
		Self::repay()
	}
}
