//! The pallets whose benchmarks the runtime exposes to `benchmark pallet`.

frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_utility, Utility]
	[pallet_assets, Assets]
	[pallet_uniques, Uniques]
	[pallet_preimage, Preimage]
	[pallet_scheduler, Scheduler]
	[pallet_sudo, Sudo]
	[pallet_asset_nft, AssetNft]
	[pallet_asset_loan, AssetLoan]
	[pallet_debt_pool, DebtPool]
	[pallet_app_chain_registry, AppChainRegistry]
	[pallet_economics, Economics]
);
