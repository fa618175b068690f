//! Weights for `pallet_asset_nft`.
//!
//! Placeholder values until `benchmarks/weights.sh` regenerates this file from
//! `benchmarking.rs` (see `benchmarks/README.md`). Each call touches a constant number of
//! storage items: O(1) in the number of assets and classes.

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::RocksDbWeight, Weight}};

/// Weight functions needed for `pallet_asset_nft`.
pub trait WeightInfo {
	fn create_class() -> Weight;
	fn destroy_class() -> Weight;
	fn mint() -> Weight;
	fn update_metadata() -> Weight;
	fn reveal() -> Weight;
	fn add_verifier() -> Weight;
	fn remove_verifier() -> Weight;
	fn verify_asset() -> Weight;
	fn reject() -> Weight;
	fn settle() -> Weight;
	fn transfer() -> Weight;
	fn burn() -> Weight;
	fn force_lock() -> Weight;
	fn force_unlock() -> Weight;
}

/// Weights for `pallet_asset_nft` using the Substrate node and recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn create_class() -> Weight { Weight::from_parts(40_000_000, 3_600).saturating_add(T::DbWeight::get().reads_writes(3, 4)) }
	fn destroy_class() -> Weight { Weight::from_parts(40_000_000, 3_600).saturating_add(T::DbWeight::get().reads_writes(3, 4)) }
	fn mint() -> Weight { Weight::from_parts(50_000_000, 7_000).saturating_add(T::DbWeight::get().reads_writes(4, 5)) }
	fn update_metadata() -> Weight { Weight::from_parts(45_000_000, 7_000).saturating_add(T::DbWeight::get().reads_writes(3, 3)) }
	fn reveal() -> Weight { Weight::from_parts(20_000_000, 5_000).saturating_add(T::DbWeight::get().reads(1)) }
	fn add_verifier() -> Weight { Weight::from_parts(15_000_000, 3_500).saturating_add(T::DbWeight::get().reads_writes(2, 2)) }
	fn remove_verifier() -> Weight { Weight::from_parts(15_000_000, 3_500).saturating_add(T::DbWeight::get().reads_writes(2, 2)) }
	fn verify_asset() -> Weight { Weight::from_parts(25_000_000, 5_000).saturating_add(T::DbWeight::get().reads_writes(3, 1)) }
	fn reject() -> Weight { Weight::from_parts(22_000_000, 5_000).saturating_add(T::DbWeight::get().reads_writes(2, 1)) }
	fn settle() -> Weight { Weight::from_parts(25_000_000, 5_000).saturating_add(T::DbWeight::get().reads_writes(2, 1)) }
	fn transfer() -> Weight { Weight::from_parts(45_000_000, 5_000).saturating_add(T::DbWeight::get().reads_writes(5, 5)) }
	fn burn() -> Weight { Weight::from_parts(55_000_000, 5_000).saturating_add(T::DbWeight::get().reads_writes(6, 7)) }
	fn force_lock() -> Weight { Weight::from_parts(20_000_000, 5_000).saturating_add(T::DbWeight::get().reads_writes(2, 1)) }
	fn force_unlock() -> Weight { Weight::from_parts(20_000_000, 5_000).saturating_add(T::DbWeight::get().reads_writes(1, 1)) }
}

// For tests.
impl WeightInfo for () {
	fn create_class() -> Weight { Weight::from_parts(40_000_000, 3_600).saturating_add(RocksDbWeight::get().reads_writes(3, 4)) }
	fn destroy_class() -> Weight { Weight::from_parts(40_000_000, 3_600).saturating_add(RocksDbWeight::get().reads_writes(3, 4)) }
	fn mint() -> Weight { Weight::from_parts(50_000_000, 7_000).saturating_add(RocksDbWeight::get().reads_writes(4, 5)) }
	fn update_metadata() -> Weight { Weight::from_parts(45_000_000, 7_000).saturating_add(RocksDbWeight::get().reads_writes(3, 3)) }
	fn reveal() -> Weight { Weight::from_parts(20_000_000, 5_000).saturating_add(RocksDbWeight::get().reads(1)) }
	fn add_verifier() -> Weight { Weight::from_parts(15_000_000, 3_500).saturating_add(RocksDbWeight::get().reads_writes(2, 2)) }
	fn remove_verifier() -> Weight { Weight::from_parts(15_000_000, 3_500).saturating_add(RocksDbWeight::get().reads_writes(2, 2)) }
	fn verify_asset() -> Weight { Weight::from_parts(25_000_000, 5_000).saturating_add(RocksDbWeight::get().reads_writes(3, 1)) }
	fn reject() -> Weight { Weight::from_parts(22_000_000, 5_000).saturating_add(RocksDbWeight::get().reads_writes(2, 1)) }
	fn settle() -> Weight { Weight::from_parts(25_000_000, 5_000).saturating_add(RocksDbWeight::get().reads_writes(2, 1)) }
	fn transfer() -> Weight { Weight::from_parts(45_000_000, 5_000).saturating_add(RocksDbWeight::get().reads_writes(5, 5)) }
	fn burn() -> Weight { Weight::from_parts(55_000_000, 5_000).saturating_add(RocksDbWeight::get().reads_writes(6, 7)) }
	fn force_lock() -> Weight { Weight::from_parts(20_000_000, 5_000).saturating_add(RocksDbWeight::get().reads_writes(2, 1)) }
	fn force_unlock() -> Weight { Weight::from_parts(20_000_000, 5_000).saturating_add(RocksDbWeight::get().reads_writes(1, 1)) }
}
