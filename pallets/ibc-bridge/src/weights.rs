//! Weights of pallet-ibc-bridge.
//!
//! PROVISIONAL: hand-set upper bounds until `benchmarks/weights.sh pallet_ibc_bridge` replaces
//! this file with measured values (see `benchmarking.rs`).

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::RocksDbWeight, Weight}};

/// Weight functions of this pallet.
pub trait WeightInfo {
    fn create_client() -> Weight;
    /// A client update (or misbehaviour) signed by `v` validators.
    fn update_client(v: u32) -> Weight;
    fn transfer() -> Weight;
    fn freeze_client() -> Weight;
    fn unfreeze_client() -> Weight;
    fn recover_client() -> Weight;
    fn set_channel_transfers() -> Weight;
    fn set_rate_limit() -> Weight;
    fn map_denom() -> Weight;
    fn unmap_denom() -> Weight;
    fn on_finalize() -> Weight;
}

/// Weights for a runtime `T`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
    fn create_client() -> Weight { Weight::from_parts(400_000_000, 20_000).saturating_add(T::DbWeight::get().reads_writes(6, 8)) }
    fn update_client(n: u32) -> Weight {
        Weight::from_parts(600_000_000, 40_000)
            .saturating_add(Weight::from_parts(60_000_000, 600).saturating_mul(n.into()))
            .saturating_add(T::DbWeight::get().reads_writes(10, 6))
    }
    fn transfer() -> Weight { Weight::from_parts(300_000_000, 20_000).saturating_add(T::DbWeight::get().reads_writes(10, 6)) }
    fn freeze_client() -> Weight { Weight::from_parts(60_000_000, 8_000).saturating_add(T::DbWeight::get().reads_writes(1, 1)) }
    fn unfreeze_client() -> Weight { Self::freeze_client() }
    fn recover_client() -> Weight { Weight::from_parts(200_000_000, 20_000).saturating_add(T::DbWeight::get().reads_writes(8, 6)) }
    fn set_channel_transfers() -> Weight { Weight::from_parts(20_000_000, 0).saturating_add(T::DbWeight::get().writes(1)) }
    fn set_rate_limit() -> Weight { Weight::from_parts(30_000_000, 0).saturating_add(T::DbWeight::get().writes(3)) }
    fn map_denom() -> Weight { Weight::from_parts(40_000_000, 4_000).saturating_add(T::DbWeight::get().reads_writes(3, 2)) }
    fn unmap_denom() -> Weight { Weight::from_parts(40_000_000, 4_000).saturating_add(T::DbWeight::get().reads_writes(2, 2)) }
    fn on_finalize() -> Weight { Weight::from_parts(30_000_000, 2_000).saturating_add(T::DbWeight::get().reads_writes(2, 2)) }
}

impl WeightInfo for () {
    fn create_client() -> Weight { Weight::from_parts(400_000_000, 20_000) }
    fn update_client(n: u32) -> Weight { Weight::from_parts(600_000_000, 40_000).saturating_add(Weight::from_parts(60_000_000, 600).saturating_mul(n.into())) }
    fn transfer() -> Weight { Weight::from_parts(300_000_000, 20_000) }
    fn freeze_client() -> Weight { Weight::from_parts(60_000_000, 8_000) }
    fn unfreeze_client() -> Weight { Weight::from_parts(60_000_000, 8_000) }
    fn recover_client() -> Weight { Weight::from_parts(200_000_000, 20_000) }
    fn set_channel_transfers() -> Weight { Weight::from_parts(20_000_000, 0) }
    fn set_rate_limit() -> Weight { Weight::from_parts(30_000_000, 0) }
    fn map_denom() -> Weight { Weight::from_parts(40_000_000, 4_000) }
    fn unmap_denom() -> Weight { Weight::from_parts(40_000_000, 4_000) }
    fn on_finalize() -> Weight { Weight::from_parts(30_000_000, 2_000) }
}
