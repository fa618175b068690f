//! Weights of the standard FRAME pallets as configured in this runtime, generated on our
//! reference machine by `benchmarks/weights.sh --standard` (each file records its command,
//! machine, steps and repeats). Custom pallets keep theirs in `pallets/*/src/weights.rs`.
//!
//! Not here: BABE and GRANDPA keep upstream's `()` weights (a formula over the benchmarked
//! equivocation-proof check, not a generated `WeightInfo`); uniques keeps upstream's
//! `SubstrateWeight` (its `redeposit` benchmark assumes a non-zero item deposit — asset-nft holds
//! ours — and fails its own check); transaction-payment and election-provider-support keep
//! upstream's `SubstrateWeight` (not in the runtime's benchmark list).

pub mod frame_system;
pub mod pallet_assets;
pub mod pallet_bags_list;
pub mod pallet_balances;
pub mod pallet_collective;
pub mod pallet_conviction_voting;
pub mod pallet_identity;
pub mod pallet_multisig;
pub mod pallet_preimage;
pub mod pallet_proxy;
pub mod pallet_referenda;
pub mod pallet_scheduler;
pub mod pallet_session;
pub mod pallet_staking;
pub mod pallet_sudo;
pub mod pallet_timestamp;
pub mod pallet_utility;
pub mod pallet_vesting;
pub mod pallet_whitelist;
