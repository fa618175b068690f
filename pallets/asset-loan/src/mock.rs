//! A mock runtime with the real collateral: System, Balances, Timestamp, Assets (USDT),
//! Uniques, the asset-NFT pallet and this pallet. An observer records what a lender is told.

use crate as pallet_asset_loan;
use crate::{LoanParameters, WriteDownStep};
use frame_support::{
	assert_ok, construct_runtime, derive_impl, parameter_types,
	traits::{AsEnsureOriginWithArg, ConstU128, ConstU32, ConstU64, NeverEnsureOrigin},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
use pallet_asset_nft::{AssetParams, ClassId, ItemId};
use persistence_primitives::{rwa::AssetKind, AssetId};
use sp_core::H256;
use sp_runtime::{BoundedVec, BuildStorage, Perbill, Perquintill};

pub type AccountId = u128;
pub type Balance = u128;
type Block = frame_system::mocking::MockBlock<Test>;

construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Timestamp: pallet_timestamp,
		Assets: pallet_assets,
		Uniques: pallet_uniques,
		AssetNft: pallet_asset_nft,
		AssetLoan: pallet_asset_loan,
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

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config for Test {
	type Balance = Balance;
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type Freezer = ();
	type Holder = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
}

impl pallet_uniques::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type CollectionId = u32;
	type ItemId = u32;
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<NeverEnsureOrigin<AccountId>>;
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

parameter_types! {
	pub const MaxBidIncrement: Perbill = Perbill::from_percent(50);
	pub const AssetNftPalletId: PalletId = PalletId(*b"py/rwnft");
	pub const AssetLoanPalletId: PalletId = PalletId(*b"py/aloan");
}

/// A day in ms.
pub const DAY: u64 = 86_400_000;
/// A year of 365.25 days in seconds.
pub const YEAR_S: u64 = persistence_primitives::time::SECONDS_PER_YEAR;

impl pallet_asset_nft::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Nfts = Uniques;
	type Time = Timestamp;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type PalletId = AssetNftPalletId;
	type ClassDeposit = ConstU128<1_000>;
	type AssetDepositBase = ConstU128<100>;
	type DepositPerByte = ConstU128<1>;
	type SchemaLimit = ConstU32<32>;
	type MetadataLimit = ConstU32<64>;
	type MaxPrivateFields = ConstU32<2>;
	type RevealLimit = ConstU32<64>;
	type MaxVerifiers = ConstU32<3>;
	type MaxAppraisalHorizon = ConstU64<{ 5 * 366 * DAY }>;
	type WeightInfo = ();
}

/// The XPRT deposit per loan.
pub const LOAN_DEPOSIT: Balance = 500;

impl pallet_asset_loan::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Assets = Assets;
	type Collateral = AssetNft;
	type Time = Timestamp;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type PalletId = AssetLoanPalletId;
	type LoanDeposit = ConstU128<LOAN_DEPOSIT>;
	type MaxInstallments = ConstU32<360>;
	type MinTerm = ConstU64<60>;
	type MaxTerm = ConstU64<{ 30 * YEAR_S }>;
	type MaxWriteDownSteps = ConstU32<4>;
	type MaxPortfolioRates = ConstU32<4>;
	// The runtime's bounds.
	type MinGracePeriod = ConstU64<30_000>;
	type MaxGracePeriod = ConstU64<{ 365 * 24 * 60 * 60 * 1000 }>;
	type MinAuctionDuration = ConstU64<30_000>;
	type MaxAuctionDuration = ConstU64<{ 30 * 24 * 60 * 60 * 1000 }>;
	type MaxBidIncrement = MaxBidIncrement;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockHelper;
}

/// Accounts: 1 business (borrower), 2 lender, 3 and 4 bidders, 5 a second business,
/// 10 verifier, 99 the stablecoin issuer.
pub const BORROWER: AccountId = 1;
pub const LENDER: AccountId = 2;
pub const BIDDER: AccountId = 3;
pub const BIDDER2: AccountId = 4;
pub const BUSINESS2: AccountId = 5;
pub const VERIFIER: AccountId = 10;
pub const ISSUER: AccountId = 99;
/// An account without XPRT for deposits.
pub const POOR: AccountId = 50;

/// The stablecoin and a second asset.
pub const USDT: AssetId = 1984;
pub const OTHER_COIN: AssetId = 7;
/// One dollar.
pub const D: Balance = 1_000_000;
/// USDT's minimum balance, as on the runtime: 0.01 USDT.
pub const USDT_MIN: Balance = 10_000;
/// Every account's starting USDT.
pub const START_USDT: Balance = 1_000_000 * D;

/// Now at genesis: 1 Jan 2027 (Unix ms).
pub const GENESIS_TIME: u64 = 1_798_761_600_000;

/// The advance rate for invoices at genesis.
pub const INVOICE_ADVANCE: Perbill = Perbill::from_percent(80);

/// Parameters at genesis: 5 % penalty, 30-day grace, 3-day auctions, 1 % bid increment.
pub fn params() -> LoanParameters {
	LoanParameters {
		penalty_rate: Perquintill::from_percent(5),
		grace_period: 30 * DAY,
		auction_duration: 3 * DAY,
		min_bid_increment: Perbill::from_percent(1),
	}
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let accounts = [BORROWER, LENDER, BIDDER, BIDDER2, BUSINESS2, VERIFIER, ISSUER];
	pallet_balances::GenesisConfig::<Test> {
		balances: accounts.iter().map(|a| (*a, 1_000_000)).chain([(POOR, 10)]).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	pallet_assets::GenesisConfig::<Test> {
		assets: vec![(USDT, ISSUER, true, USDT_MIN), (OTHER_COIN, ISSUER, true, USDT_MIN)],
		metadata: vec![],
		accounts: accounts
			.iter()
			.chain([POOR].iter())
			.map(|a| (USDT, *a, START_USDT))
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	pallet_asset_nft::GenesisConfig::<Test> { verifiers: vec![VERIFIER] }
		.assimilate_storage(&mut t)
		.unwrap();
	pallet_asset_loan::GenesisConfig::<Test> {
		lendable_currencies: vec![USDT],
		advance_rates: vec![(AssetKind::Invoice, INVOICE_ADVANCE), (AssetKind::Inventory, Perbill::from_percent(50))],
		write_down_policy: vec![
			WriteDownStep { days_overdue: 30, write_down: Perbill::from_percent(10) },
			WriteDownStep { days_overdue: 60, write_down: Perbill::from_percent(50) },
			WriteDownStep { days_overdue: 90, write_down: Perbill::from_percent(100) },
		],
		parameters: params(),
		_marker: Default::default(),
	}
	.assimilate_storage(&mut t)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| {
		System::set_block_number(1);
		Timestamp::set_timestamp(GENESIS_TIME);
	});
	ext
}

/// Move the clock forward by `ms`.
pub fn advance(ms: u64) {
	Timestamp::set_timestamp(Timestamp::get() + ms);
	System::set_block_number(System::block_number() + 1);
}

/// A class of `kind` owned by `owner`, and an asset in it worth `value` USDT appraised by the
/// verifier for two years. Returns `(class, item)`.
pub fn verified_asset(owner: AccountId, kind: AssetKind, value: Balance) -> (ClassId, ItemId) {
	let class = pallet_asset_nft::NextClassId::<Test>::get();
	assert_ok!(AssetNft::create_class(
		RuntimeOrigin::signed(owner),
		kind,
		BoundedVec::truncate_from(b"schema".to_vec())
	));
	let now = Timestamp::get();
	let (issue, maturity) = if kind == AssetKind::Invoice { (Some(now), Some(now + 90 * DAY)) } else { (None, None) };
	assert_ok!(AssetNft::mint(
		RuntimeOrigin::signed(owner),
		class,
		AssetParams {
			face_value: value,
			currency: USDT,
			issue_date: issue,
			maturity_date: maturity,
			document_hash: H256::repeat_byte(1),
			metadata: BoundedVec::truncate_from(b"{}".to_vec()),
			private_fields: BoundedVec::new(),
		}
	));
	assert_ok!(AssetNft::verify(RuntimeOrigin::signed(VERIFIER), class, 0, H256::repeat_byte(1), value, now + 2 * 365 * DAY));
	(class, 0)
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for MockHelper {
	fn stablecoin() -> AssetId {
		USDT
	}
	fn verified_collateral(owner: &AccountId, value: Balance) -> (ClassId, ItemId) {
		use frame_support::traits::fungible::Mutate;
		let _ = Balances::mint_into(owner, 1_000_000);
		let class = pallet_asset_nft::Pallet::<Test>::do_create_class(
			*owner,
			AssetKind::Invoice,
			BoundedVec::truncate_from(b"s".to_vec()),
		)
		.unwrap();
		let now = Timestamp::get();
		let params = AssetParams {
			face_value: value,
			currency: USDT,
			issue_date: Some(now),
			maturity_date: Some(now + 1),
			document_hash: H256::repeat_byte(1),
			metadata: BoundedVec::new(),
			private_fields: BoundedVec::new(),
		};
		let item = pallet_asset_nft::Pallet::<Test>::do_mint(*owner, class, params).unwrap();
		pallet_asset_nft::Verifiers::<Test>::insert(VERIFIER, ());
		pallet_asset_nft::Pallet::<Test>::do_verify(VERIFIER, class, item, H256::repeat_byte(1), value, now + 365 * DAY).unwrap();
		(class, item)
	}
	fn fund_stablecoin(who: &AccountId, amount: Balance) {
		use frame_support::traits::fungibles::Mutate;
		Assets::mint_into(USDT, who, amount).unwrap();
		let _ = <Balances as frame_support::traits::fungible::Mutate<AccountId>>::mint_into(who, 1_000_000);
	}
	fn set_time(now: u64) {
		Timestamp::set_timestamp(now);
	}
}
