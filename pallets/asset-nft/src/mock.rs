//! A mock runtime: System, Balances (u128), Timestamp, Uniques (with this pallet as its
//! `Locker`) and the asset-NFT pallet.

use crate as pallet_asset_nft;
use frame_support::{
	construct_runtime, derive_impl, parameter_types,
	traits::{ConstU128, ConstU32, ConstU64, NeverEnsureOrigin},
	PalletId,
};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;

pub type AccountId = u64;
pub type Balance = u128;
type Block = frame_system::mocking::MockBlock<Test>;

construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Timestamp: pallet_timestamp,
		Uniques: pallet_uniques,
		AssetNft: pallet_asset_nft,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = sp_runtime::traits::IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type ExistentialDeposit = ConstU128<1>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

impl pallet_timestamp::Config for Test {
	type Moment = u64;
	type OnTimestampSet = ();
	type MinimumPeriod = ConstU64<1>;
	type WeightInfo = ();
}

impl pallet_uniques::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type CollectionId = u32;
	type ItemId = u32;
	type Currency = Balances;
	type CreateOrigin = frame_support::traits::AsEnsureOriginWithArg<NeverEnsureOrigin<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type Locker = AssetNft;
	type CollectionDeposit = ConstU128<0>;
	type ItemDeposit = ConstU128<0>;
	type MetadataDepositBase = ConstU128<1>;
	type AttributeDepositBase = ConstU128<1>;
	type DepositPerByte = ConstU128<1>;
	type StringLimit = ConstU32<50>;
	type KeyLimit = ConstU32<50>;
	type ValueLimit = ConstU32<50>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type Helper = ();
}

/// Governance in the mock: account 100, or root.
pub const GOVERNANCE: AccountId = 100;

parameter_types! {
	pub const AssetNftPalletId: PalletId = PalletId(*b"py/rwnft");
	pub const Governance: AccountId = GOVERNANCE;
}

pub const CLASS_DEPOSIT: Balance = 1_000;
pub const ASSET_DEPOSIT_BASE: Balance = 100;
pub const DEPOSIT_PER_BYTE: Balance = 1;
/// A day in ms.
pub const DAY: u64 = 86_400_000;

impl pallet_asset_nft::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Nfts = Uniques;
	type Time = Timestamp;
	type GovernanceOrigin = frame_support::traits::EitherOfDiverse<
		EnsureRoot<AccountId>,
		frame_system::EnsureSignedBy<GovernanceMembers, AccountId>,
	>;
	type PalletId = AssetNftPalletId;
	type ClassDeposit = ConstU128<CLASS_DEPOSIT>;
	type AssetDepositBase = ConstU128<ASSET_DEPOSIT_BASE>;
	type DepositPerByte = ConstU128<DEPOSIT_PER_BYTE>;
	type SchemaLimit = ConstU32<32>;
	type MetadataLimit = ConstU32<256>;
	type MaxPrivateFields = ConstU32<4>;
	type RevealLimit = ConstU32<64>;
	type MaxVerifiers = ConstU32<3>;
	type MaxAppraisalHorizon = ConstU64<{ 365 * DAY }>;
	type WeightInfo = ();
}

pub struct GovernanceMembers;
impl frame_support::traits::SortedMembers<AccountId> for GovernanceMembers {
	fn sorted_members() -> Vec<AccountId> {
		vec![GOVERNANCE]
	}
}

/// Accounts: 1 (business, class owner), 2 (another business), 3 (buyer), 10 (verifier),
/// 11 (another verifier, not approved at genesis).
pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const VERIFIER: AccountId = 10;
pub const OTHER_VERIFIER: AccountId = 11;
pub const POOR: AccountId = 50;

/// Now in the mock at genesis: 1 Jan 2027 (Unix ms).
pub const GENESIS_TIME: u64 = 1_798_761_600_000;

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![
			(ALICE, 1_000_000),
			(BOB, 1_000_000),
			(CHARLIE, 1_000_000),
			(VERIFIER, 1_000_000),
			(OTHER_VERIFIER, 1_000_000),
			(GOVERNANCE, 1_000_000),
			(POOR, 10),
		],
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	pallet_asset_nft::GenesisConfig::<Test> { verifiers: vec![VERIFIER] }
		.assimilate_storage(&mut t)
		.unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| {
		System::set_block_number(1);
		Timestamp::set_timestamp(GENESIS_TIME);
	});
	ext
}
