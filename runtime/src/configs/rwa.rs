//! Real-world-asset finance: asset NFTs (on `pallet-uniques`).

use crate::{
	AccountId, Balance, Balances, Runtime, RuntimeEvent, RuntimeHoldReason, Timestamp, Uniques,
	DAYS, UNITS,
};
use frame_support::{parameter_types, traits::ConstU32, PalletId};
use frame_system::EnsureRoot;
use persistence_primitives::currency::deposit;

parameter_types! {
	pub const AssetNftPalletId: PalletId = PalletId(*b"py/rwnft");
	/// Creating an asset class costs 10 XPRT, returned when it is destroyed.
	pub const AssetClassDeposit: Balance = 10 * UNITS;
	/// Every asset holds a base deposit plus its stored bytes.
	pub const AssetDepositBase: Balance = deposit(1, 200);
	pub const AssetDepositPerByte: Balance = deposit(0, 1);
	/// An appraisal may be valid for at most a year.
	pub const MaxAppraisalHorizon: u64 = 366 * (DAYS as u64) * 6_000;
}

impl pallet_asset_nft::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Nfts = Uniques;
	type Time = Timestamp;
	// Governance tracks replace Root here (OpenGov `general_admin`).
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type PalletId = AssetNftPalletId;
	type ClassDeposit = AssetClassDeposit;
	type AssetDepositBase = AssetDepositBase;
	type DepositPerByte = AssetDepositPerByte;
	type SchemaLimit = ConstU32<64>;
	type MetadataLimit = ConstU32<1024>;
	type MaxPrivateFields = ConstU32<16>;
	type RevealLimit = ConstU32<256>;
	type MaxVerifiers = ConstU32<64>;
	type MaxAppraisalHorizon = MaxAppraisalHorizon;
	type WeightInfo = pallet_asset_nft::weights::SubstrateWeight<Runtime>;
}
