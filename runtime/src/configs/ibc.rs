//! IBC: Tendermint light clients of Cosmos chains, connections, channels and ICS-20 transfers.

use crate::{Assets, Balance, Balances, Runtime, RuntimeEvent, RuntimeHoldReason, Timestamp, UNITS};
use frame_support::{
	parameter_types,
	traits::{ConstU32, ConstU64},
	PalletId,
};
use persistence_primitives::{time::MILLISECS_PER_BLOCK, AssetId};

parameter_types! {
	pub const IbcPalletId: PalletId = PalletId(*b"py/ibcbr");
	/// XPRT's base unit, as on Persistence's Cosmos chain.
	pub const IbcNativeDenom: &'static str = "uxprt";
	/// The chain id counterparties' clients of this chain carry (revision 1).
	pub const IbcChainId: &'static str = "persistence-1";
	/// SS58 prefix of ICS-20 sender addresses (this chain's).
	pub const IbcSs58Prefix: u16 = persistence_primitives::SS58_PREFIX;
	/// Creating a client, connection or channel holds 10 XPRT (a channel's is returned when
	/// it closes).
	pub const IbcObjectDeposit: Balance = 10 * UNITS;
}

impl pallet_ibc_bridge::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type AssetId = AssetId;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Assets = Assets;
	type TimeProvider = Timestamp;
	// Root, or a passed `general_admin` referendum.
	type GovernanceOrigin = crate::governance::GeneralAdminOrRoot;
	type SelfClient = pallet_ibc_bridge::self_client::SubstrateSelfClient<IbcChainId, ConstU64<1>>;
	type RevisionNumber = ConstU64<1>;
	type ExpectedBlockTimeMillis = ConstU64<MILLISECS_PER_BLOCK>;
	type NativeDenom = IbcNativeDenom;
	type Ss58Prefix = IbcSs58Prefix;
	type PalletId = IbcPalletId;
	// Local assets below 1,000,000, tranche shares from 1,000,000, vouchers from 2,000,000,000.
	type FirstVoucherId = ConstU32<{ super::tokens::IBC_VOUCHER_ID_START }>;
	type ObjectDeposit = IbcObjectDeposit;
	type MaxMessages = ConstU32<16>;
	// A Tendermint header of a 150-validator set with its trusted validators is ~60 KB.
	type MaxMessageSize = ConstU32<131_072>;
	type MaxConsensusStates = ConstU32<256>;
	// Ten hours of this chain's consensus states for counterparty handshakes.
	type HostHistory = ConstU32<6_000>;
	type WeightInfo = pallet_ibc_bridge::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = IbcBenchmarkHelper;
}

/// Sets the clock to the signed fixtures' time and provides a local asset.
#[cfg(feature = "runtime-benchmarks")]
pub struct IbcBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_ibc_bridge::BenchmarkHelper<AssetId> for IbcBenchmarkHelper {
	fn set_time(unix_ms: u64) {
		// Not `set_timestamp`: it would tell BABE a slot the benchmark block does not have.
		pallet_timestamp::Now::<Runtime>::put(unix_ms);
	}
	fn create_asset() -> AssetId {
		use frame_support::traits::fungibles::{Create, Inspect};
		const BENCH_ASSET: AssetId = 4_243;
		if !<Assets as Inspect<crate::AccountId>>::asset_exists(BENCH_ASSET) {
			use sp_runtime::traits::AccountIdConversion;
			let admin: crate::AccountId = IbcPalletId::get().into_account_truncating();
			let _ = <Assets as Create<crate::AccountId>>::create(BENCH_ASSET, admin, true, 1);
		}
		BENCH_ASSET
	}
}
