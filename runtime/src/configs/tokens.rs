//! XPRT (balances), fees, stablecoins and other fungible assets, NFTs.

use crate::{
	AccountId, AssetId, Balance, Balances, Runtime, RuntimeEvent, RuntimeFreezeReason,
	RuntimeHoldReason, CENTS, EXISTENTIAL_DEPOSIT, MILLICENTS, UNITS,
};
use frame_support::{
	parameter_types,
	traits::{AsEnsureOriginWithArg, ConstU32, VariantCountOf},
	weights::{
		constants::ExtrinsicBaseWeight, WeightToFeeCoefficient, WeightToFeeCoefficients,
		WeightToFeePolynomial,
	},
};
use frame_system::{EnsureRoot, EnsureSigned};
use pallet_transaction_payment::{FungibleAdapter, Multiplier, TargetedFeeAdjustment};
use persistence_primitives::currency::deposit;
use smallvec::smallvec;
use sp_runtime::{FixedPointNumber, Perbill, Perquintill};

parameter_types! {
	pub const ExistentialDeposit: Balance = EXISTENTIAL_DEPOSIT;
	pub const MaxLocks: u32 = 50;
	pub const MaxReserves: u32 = 50;
}

impl pallet_balances::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type WeightInfo = crate::weights::pallet_balances::WeightInfo<Runtime>;
	type Balance = Balance;
	// Dust below the existential deposit is burnt.
	type DustRemoval = ();
	type ExistentialDeposit = ExistentialDeposit;
	type AccountStore = frame_system::Pallet<Runtime>;
	type ReserveIdentifier = [u8; 8];
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxLocks = MaxLocks;
	type MaxReserves = MaxReserves;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type DoneSlashHandler = ();
}

/// Fee for the weight of an extrinsic: the base weight of an extrinsic costs one cent
/// (0.01 XPRT); a plain transfer costs a little more than that.
pub struct WeightToFee;
impl WeightToFeePolynomial for WeightToFee {
	type Balance = Balance;
	fn polynomial() -> WeightToFeeCoefficients<Self::Balance> {
		let p = CENTS;
		let q = Balance::from(ExtrinsicBaseWeight::get().ref_time());
		smallvec![WeightToFeeCoefficient {
			degree: 1,
			negative: false,
			coeff_frac: Perbill::from_rational(p % q, q),
			coeff_integer: p / q,
		}]
	}
}

parameter_types! {
	/// 0.00001 XPRT (10 planck) per byte of extrinsic: a full block of 3.75 MB costs 37.5 XPRT
	/// in length fees alone.
	pub const TransactionByteFee: Balance = MILLICENTS;
	pub const OperationalFeeMultiplier: u8 = 5;
	/// Fees rise when blocks are fuller than a quarter, fall when emptier (Polkadot's rule).
	pub const TargetBlockFullness: Perquintill = Perquintill::from_percent(25);
	pub AdjustmentVariable: Multiplier = Multiplier::saturating_from_rational(3, 100_000);
	pub MinimumMultiplier: Multiplier = Multiplier::saturating_from_rational(1, 10u128);
	pub MaximumMultiplier: Multiplier = Multiplier::saturating_from_integer(100);
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	// 80 % of fees to the treasury, 20 % and the tip to the block author.
	type OnChargeTransaction = FungibleAdapter<Balances, crate::configs::DealWithFees>;
	type OperationalFeeMultiplier = OperationalFeeMultiplier;
	type WeightToFee = WeightToFee;
	type LengthToFee = frame_support::weights::ConstantMultiplier<Balance, TransactionByteFee>;
	type FeeMultiplierUpdate = TargetedFeeAdjustment<
		Self,
		TargetBlockFullness,
		AdjustmentVariable,
		MinimumMultiplier,
		MaximumMultiplier,
	>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// Deposit to create a fungible asset class.
	pub const AssetDeposit: Balance = 10 * UNITS;
	/// Deposit an account pays to hold an asset it has no XPRT-funded account for.
	pub const AssetAccountDeposit: Balance = deposit(1, 16);
	pub const ApprovalDeposit: Balance = EXISTENTIAL_DEPOSIT;
	pub const AssetsStringLimit: u32 = 50;
	pub const MetadataDepositBase: Balance = deposit(1, 68);
	pub const MetadataDepositPerByte: Balance = deposit(0, 1);
}

/// Asset ids from here up are minted by pallets only: tranche share tokens of debt pools
/// (1,000,000 …) and IBC vouchers (2,000,000,000 …). Nobody may create an asset there with
/// `assets.create`, so no one can squat the ids pools and IBC need (Root still can, with
/// `force_create`).
pub const SHARE_ASSET_ID_START: AssetId = 1_000_000;
/// The first IBC voucher id (inside the reserved range).
pub const IBC_VOUCHER_ID_START: AssetId = 2_000_000_000;

/// `assets.create` origin: any signed account, for an id below the reserved range.
pub struct SignedBelowReservedIds;
impl frame_support::traits::EnsureOriginWithArg<crate::RuntimeOrigin, AssetId> for SignedBelowReservedIds {
	type Success = AccountId;

	fn try_origin(o: crate::RuntimeOrigin, id: &AssetId) -> Result<Self::Success, crate::RuntimeOrigin> {
		if *id >= SHARE_ASSET_ID_START {
			return Err(o);
		}
		<EnsureSigned<AccountId> as frame_support::traits::EnsureOrigin<crate::RuntimeOrigin>>::try_origin(o)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin(id: &AssetId) -> Result<crate::RuntimeOrigin, ()> {
		if *id >= SHARE_ASSET_ID_START {
			return Err(());
		}
		<EnsureSigned<AccountId> as frame_support::traits::EnsureOrigin<crate::RuntimeOrigin>>::try_successful_origin()
	}
}

/// Stablecoins (USDT, USDC), tranche share tokens and IBC vouchers.
impl pallet_assets::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = AssetId;
	type AssetIdParameter = codec::Compact<AssetId>;
	type ReserveData = ();
	type Currency = Balances;
	// Anyone may create an asset class, with a deposit — below the ids reserved for pools and
	// IBC vouchers.
	type CreateOrigin = SignedBelowReservedIds;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetDeposit = AssetDeposit;
	type AssetAccountDeposit = AssetAccountDeposit;
	type MetadataDepositBase = MetadataDepositBase;
	type MetadataDepositPerByte = MetadataDepositPerByte;
	type ApprovalDeposit = ApprovalDeposit;
	type StringLimit = AssetsStringLimit;
	type Freezer = ();
	type Holder = ();
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	type WeightInfo = crate::weights::pallet_assets::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

parameter_types! {
	// Collections and items are created only by `pallet-asset-nft` (which owns the collections
	// and charges its own deposits), so uniques charges none.
	pub const CollectionDeposit: Balance = 0;
	pub const ItemDeposit: Balance = 0;
	pub const UniquesKeyLimit: u32 = 32;
	pub const UniquesValueLimit: u32 = 256;
	pub const UniquesStringLimit: u32 = 128;
	pub const UniquesMetadataDepositBase: Balance = deposit(1, 129);
	pub const AttributeDepositBase: Balance = deposit(1, 0);
	pub const DepositPerByte: Balance = deposit(0, 1);
}

/// The chain's NFT ledger: real-world-asset NFTs are uniques items. Collections are created
/// only through `pallet-asset-nft` (or by Root with `force_create`); asset-nft is the `Locker`
/// that keeps uniques' own transfer and burn off its items.
impl pallet_uniques::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type CollectionId = u32;
	type ItemId = u32;
	type Currency = Balances;
	type ForceOrigin = EnsureRoot<AccountId>;
	type CreateOrigin = AsEnsureOriginWithArg<frame_support::traits::NeverEnsureOrigin<AccountId>>;
	type Locker = crate::AssetNft;
	type CollectionDeposit = CollectionDeposit;
	type ItemDeposit = ItemDeposit;
	type MetadataDepositBase = UniquesMetadataDepositBase;
	type AttributeDepositBase = AttributeDepositBase;
	type DepositPerByte = DepositPerByte;
	type StringLimit = UniquesStringLimit;
	type KeyLimit = UniquesKeyLimit;
	type ValueLimit = UniquesValueLimit;
	#[cfg(feature = "runtime-benchmarks")]
	type Helper = ();
	type WeightInfo = pallet_uniques::weights::SubstrateWeight<Runtime>;
}
