//! Weights for `pallet_app_chain_registry`. Provisional figures until `benchmarks/weights.sh`
//! regenerates this file from the pallet's `benchmarking.rs`.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_app_chain_registry`.
pub trait WeightInfo {
	fn reserve() -> Weight;
	fn register() -> Weight;
	fn approve() -> Weight;
	fn reject() -> Weight;
	fn opt_in() -> Weight;
	fn opt_out() -> Weight;
	fn pause() -> Weight;
	fn resume() -> Weight;
	fn propose_upgrade() -> Weight;
	fn approve_upgrade() -> Weight;
	fn activate(c: u32, ) -> Weight;
	fn submit_checkpoint(v: u32, ) -> Weight;
	fn report_equivocation(v: u32, ) -> Weight;
	fn retire(v: u32, ) -> Weight;
	fn withdraw(c: u32, ) -> Weight;
	fn rotate(c: u32, ) -> Weight;
}

/// Weights with the runtime's `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn reserve() -> Weight {
		Weight::from_parts(60_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn register() -> Weight {
		Weight::from_parts(80_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn approve() -> Weight {
		Weight::from_parts(20_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn reject() -> Weight {
		Weight::from_parts(60_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn opt_in() -> Weight {
		Weight::from_parts(70_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn opt_out() -> Weight {
		Weight::from_parts(70_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn pause() -> Weight {
		Weight::from_parts(20_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn resume() -> Weight {
		Weight::from_parts(20_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn propose_upgrade() -> Weight {
		Weight::from_parts(30_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn approve_upgrade() -> Weight {
		Weight::from_parts(30_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn activate(c: u32, ) -> Weight {
		Weight::from_parts(200_000_000, 8_000)
			.saturating_add(Weight::from_parts(40_000_000, 200).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().reads(1_u64.saturating_mul(c.into())))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn submit_checkpoint(v: u32, ) -> Weight {
		Weight::from_parts(120_000_000, 8_000)
			.saturating_add(Weight::from_parts(10_000_000, 200).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().reads(1_u64.saturating_mul(v.into())))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn report_equivocation(v: u32, ) -> Weight {
		Weight::from_parts(150_000_000, 8_000)
			.saturating_add(Weight::from_parts(12_000_000, 200).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().reads(1_u64.saturating_mul(v.into())))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn retire(v: u32, ) -> Weight {
		Weight::from_parts(60_000_000, 8_000)
			.saturating_add(Weight::from_parts(4_000_000, 200).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().reads(1_u64.saturating_mul(v.into())))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn withdraw(c: u32, ) -> Weight {
		Weight::from_parts(80_000_000, 8_000)
			.saturating_add(Weight::from_parts(30_000_000, 200).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().reads(1_u64.saturating_mul(c.into())))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn rotate(c: u32, ) -> Weight {
		Weight::from_parts(100_000_000, 8_000)
			.saturating_add(Weight::from_parts(40_000_000, 200).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().reads(1_u64.saturating_mul(c.into())))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn reserve() -> Weight {
		Weight::from_parts(60_000_000, 8_000)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn register() -> Weight {
		Weight::from_parts(80_000_000, 8_000)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn approve() -> Weight {
		Weight::from_parts(20_000_000, 8_000)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn reject() -> Weight {
		Weight::from_parts(60_000_000, 8_000)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn opt_in() -> Weight {
		Weight::from_parts(70_000_000, 8_000)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn opt_out() -> Weight {
		Weight::from_parts(70_000_000, 8_000)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn pause() -> Weight {
		Weight::from_parts(20_000_000, 8_000)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn resume() -> Weight {
		Weight::from_parts(20_000_000, 8_000)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn propose_upgrade() -> Weight {
		Weight::from_parts(30_000_000, 8_000)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn approve_upgrade() -> Weight {
		Weight::from_parts(30_000_000, 8_000)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn activate(c: u32, ) -> Weight {
		Weight::from_parts(200_000_000, 8_000)
			.saturating_add(Weight::from_parts(40_000_000, 200).saturating_mul(c.into()))
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().reads(1_u64.saturating_mul(c.into())))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn submit_checkpoint(v: u32, ) -> Weight {
		Weight::from_parts(120_000_000, 8_000)
			.saturating_add(Weight::from_parts(10_000_000, 200).saturating_mul(v.into()))
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().reads(1_u64.saturating_mul(v.into())))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn report_equivocation(v: u32, ) -> Weight {
		Weight::from_parts(150_000_000, 8_000)
			.saturating_add(Weight::from_parts(12_000_000, 200).saturating_mul(v.into()))
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().reads(1_u64.saturating_mul(v.into())))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn retire(v: u32, ) -> Weight {
		Weight::from_parts(60_000_000, 8_000)
			.saturating_add(Weight::from_parts(4_000_000, 200).saturating_mul(v.into()))
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().reads(1_u64.saturating_mul(v.into())))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn withdraw(c: u32, ) -> Weight {
		Weight::from_parts(80_000_000, 8_000)
			.saturating_add(Weight::from_parts(30_000_000, 200).saturating_mul(c.into()))
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().reads(1_u64.saturating_mul(c.into())))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn rotate(c: u32, ) -> Weight {
		Weight::from_parts(100_000_000, 8_000)
			.saturating_add(Weight::from_parts(40_000_000, 200).saturating_mul(c.into()))
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().reads(1_u64.saturating_mul(c.into())))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
}
