//! Weights for `pallet_debt_pool`. Provisional figures until `benchmarks/weights.sh`
//! regenerates this file from the pallet's `benchmarking.rs`.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_debt_pool`.
pub trait WeightInfo {
	fn create(t: u32, ) -> Weight;
	fn approve() -> Weight;
	fn set_approval_required() -> Weight;
	fn set_manager() -> Weight;
	fn invest() -> Weight;
	fn redeem() -> Weight;
	fn cancel_redemption() -> Weight;
	fn finance() -> Weight;
	fn update_loan() -> Weight;
	fn close() -> Weight;
	fn book_repayment() -> Weight;
	fn book_closing() -> Weight;
	fn serve_redemptions(n: u32, ) -> Weight;
	fn invest_with_loans(n: u32, ) -> Weight;
	fn book_repayment_with_loans(n: u32, ) -> Weight;
	fn nav(n: u32, ) -> Weight;
}

/// Weights for `pallet_debt_pool` with the runtime's `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn create(t: u32, ) -> Weight {
		Weight::from_parts(100_000_000, 8_000)
			.saturating_add(Weight::from_parts(30_000_000, 3_000).saturating_mul(t.into()))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	fn approve() -> Weight {
		Weight::from_parts(20_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn set_approval_required() -> Weight {
		Weight::from_parts(15_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(0_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn set_manager() -> Weight {
		Weight::from_parts(20_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn invest() -> Weight {
		Weight::from_parts(150_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(7_u64))
	}
	fn redeem() -> Weight {
		Weight::from_parts(120_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	fn cancel_redemption() -> Weight {
		Weight::from_parts(90_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	fn finance() -> Weight {
		Weight::from_parts(200_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(14_u64))
			.saturating_add(T::DbWeight::get().writes(12_u64))
	}
	fn update_loan() -> Weight {
		Weight::from_parts(90_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn close() -> Weight {
		Weight::from_parts(120_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	fn book_repayment() -> Weight {
		Weight::from_parts(60_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn book_closing() -> Weight {
		Weight::from_parts(60_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn serve_redemptions(n: u32, ) -> Weight {
		Weight::from_parts(20_000_000, 4_000)
			.saturating_add(Weight::from_parts(60_000_000, 8_000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64.saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(5_u64.saturating_mul(n.into())))
	}
	fn invest_with_loans(_n: u32, ) -> Weight {
		Self::invest()
	}
	fn book_repayment_with_loans(_n: u32, ) -> Weight {
		Self::book_repayment()
	}
	fn nav(_n: u32, ) -> Weight {
		Weight::from_parts(30_000_000, 4_000)
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn create(t: u32, ) -> Weight {
		Weight::from_parts(100_000_000, 8_000)
			.saturating_add(Weight::from_parts(30_000_000, 3_000).saturating_mul(t.into()))
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().writes(8_u64))
	}
	fn approve() -> Weight {
		Weight::from_parts(20_000_000, 12_000)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn set_approval_required() -> Weight {
		Weight::from_parts(15_000_000, 12_000)
			.saturating_add(ParityDbWeight::get().reads(0_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn set_manager() -> Weight {
		Weight::from_parts(20_000_000, 12_000)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn invest() -> Weight {
		Weight::from_parts(150_000_000, 12_000)
			.saturating_add(ParityDbWeight::get().reads(8_u64))
			.saturating_add(ParityDbWeight::get().writes(7_u64))
	}
	fn redeem() -> Weight {
		Weight::from_parts(120_000_000, 12_000)
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
	}
	fn cancel_redemption() -> Weight {
		Weight::from_parts(90_000_000, 12_000)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
	fn finance() -> Weight {
		Weight::from_parts(200_000_000, 12_000)
			.saturating_add(ParityDbWeight::get().reads(14_u64))
			.saturating_add(ParityDbWeight::get().writes(12_u64))
	}
	fn update_loan() -> Weight {
		Weight::from_parts(90_000_000, 12_000)
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn close() -> Weight {
		Weight::from_parts(120_000_000, 12_000)
			.saturating_add(ParityDbWeight::get().reads(8_u64))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
	}
	fn book_repayment() -> Weight {
		Weight::from_parts(60_000_000, 12_000)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn book_closing() -> Weight {
		Weight::from_parts(60_000_000, 12_000)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn serve_redemptions(n: u32, ) -> Weight {
		Weight::from_parts(20_000_000, 4_000)
			.saturating_add(Weight::from_parts(60_000_000, 8_000).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads(3_u64.saturating_mul(n.into())))
			.saturating_add(ParityDbWeight::get().writes(5_u64.saturating_mul(n.into())))
	}
	fn invest_with_loans(_n: u32, ) -> Weight {
		Self::invest()
	}
	fn book_repayment_with_loans(_n: u32, ) -> Weight {
		Self::book_repayment()
	}
	fn nav(_n: u32, ) -> Weight {
		Weight::from_parts(30_000_000, 4_000)
	}
}
