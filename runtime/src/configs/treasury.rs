//! The treasury, where fees and slashes go; vesting of genesis allocations; on-chain identity.
//!
//! Fees: 80 % of every transaction fee goes to the treasury, 20 % and all of the tip to the
//! block author (Polkadot's split). Staking slashes, slashed referendum deposits and slashed
//! identity deposits go to the treasury (an era reward remainder would too: today there is
//! none, the whole era payout goes to stakers). The treasury spends
//! through OpenGov: a `treasurer` referendum up to 1 M XPRT a spend, a `root` one any amount.

use crate::{
	governance::{origins::FastTracks, GeneralAdminOrRoot, Treasurer, TreasurySpender},
	AccountId, Authorship, Balance, Balances, BlockNumber, Runtime, RuntimeEvent, Signature, System,
	Treasury, DAYS, MINUTES, UNITS,
};
use frame_support::{
	parameter_types,
	traits::{
		fungible::{Balanced, Credit},
		tokens::{imbalance::ResolveTo, pay::PayFromAccount, UnityAssetBalanceConversion},
		ConstU32, EitherOf, Get, Imbalance, OnUnbalanced, WithdrawReasons,
	},
	PalletId,
};
use frame_system::EnsureRootWithSuccess;
use persistence_primitives::currency::deposit;
use sp_runtime::{
	traits::{AccountIdConversion, ConvertInto, IdentityLookup, Verify},
	Permill,
};

parameter_types! {
	pub const TreasuryPalletId: PalletId = PalletId(*b"py/trsry");
	pub TreasuryAccount: AccountId = TreasuryPalletId::get().into_account_truncating();
	/// Nothing of the treasury's balance is burnt at the end of a spend period.
	pub const TreasuryBurn: Permill = Permill::zero();
	pub const MaxApprovals: u32 = 100;
	pub const MaxSpend: Balance = Balance::MAX;
}

/// Approved spends are paid out every 24 days; every 10 blocks (one minute) on the development
/// networks (fast tracks), so a spend can be tried there.
pub struct SpendPeriod;
impl Get<BlockNumber> for SpendPeriod {
	fn get() -> BlockNumber {
		if FastTracks::<Runtime>::get() { MINUTES } else { 24 * DAYS }
	}
}

/// A spend can be claimed for 30 days after it becomes payable (10 minutes on development
/// networks); after that it expires and anyone may remove it with `check_status`.
pub struct PayoutPeriod;
impl Get<BlockNumber> for PayoutPeriod {
	fn get() -> BlockNumber {
		if FastTracks::<Runtime>::get() { 10 * MINUTES } else { 30 * DAYS }
	}
}

impl pallet_treasury::Config for Runtime {
	type Currency = Balances;
	// Root or a `treasurer` referendum may void a pending spend (Root's included) or remove an
	// approval.
	type RejectOrigin = EitherOf<frame_system::EnsureRoot<AccountId>, Treasurer>;
	type RuntimeEvent = RuntimeEvent;
	type SpendPeriod = SpendPeriod;
	type Burn = TreasuryBurn;
	type PalletId = TreasuryPalletId;
	type BurnDestination = ();
	type WeightInfo = pallet_treasury::weights::SubstrateWeight<Runtime>;
	type SpendFunds = ();
	type MaxApprovals = MaxApprovals;
	// Root: any amount; a `treasurer` referendum: up to 1 M XPRT.
	type SpendOrigin = EitherOf<EnsureRootWithSuccess<AccountId, MaxSpend>, TreasurySpender>;
	// XPRT only: `treasury.spend(assetKind: (), amount, beneficiary, validFrom)`.
	type AssetKind = ();
	type Beneficiary = AccountId;
	type BeneficiaryLookup = IdentityLookup<AccountId>;
	type Paymaster = PayFromAccount<Balances, TreasuryAccount>;
	type BalanceConverter = UnityAssetBalanceConversion;
	type PayoutPeriod = PayoutPeriod;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
	type BlockNumberProvider = System;
}

/// Credits the block author; without one (no author recorded) the credit is burnt.
pub struct ToAuthor;
impl OnUnbalanced<Credit<AccountId, Balances>> for ToAuthor {
	fn on_nonzero_unbalanced(credit: Credit<AccountId, Balances>) {
		if let Some(author) = Authorship::author() {
			// The author is a bonded stash, so it exists; a credit it cannot take is burnt.
			let _ = <Balances as Balanced<AccountId>>::resolve(&author, credit);
		}
	}
}

/// Transaction fees: 80 % to the treasury, 20 % to the block author; tips to the author.
pub struct DealWithFees;
impl OnUnbalanced<Credit<AccountId, Balances>> for DealWithFees {
	fn on_unbalanceds(mut fees_then_tips: impl Iterator<Item = Credit<AccountId, Balances>>) {
		if let Some(fees) = fees_then_tips.next() {
			let (to_treasury, mut to_author) = fees.ration(80, 20);
			if let Some(tips) = fees_then_tips.next() {
				tips.merge_into(&mut to_author);
			}
			ResolveTo::<TreasuryAccount, Balances>::on_unbalanced(to_treasury);
			ToAuthor::on_unbalanced(to_author);
		}
	}
}

/// Slashes and other penalties (staking, referendum and identity deposits) go to the treasury.
pub type ToTreasury = ResolveTo<TreasuryAccount, Balances>;

parameter_types! {
	/// A vested transfer moves at least 1 XPRT (a schedule is state every later transfer of the
	/// account pays to read).
	pub const MinVestedTransfer: Balance = UNITS;
	/// Polkadot's setting. pallet-balances' freezes ignore withdraw reasons: locked (unvested)
	/// XPRT can be staked and voted with (locks overlap) but pays no fees and cannot move.
	pub UnvestedFundsAllowedWithdrawReasons: WithdrawReasons =
		WithdrawReasons::except(WithdrawReasons::TRANSFER | WithdrawReasons::RESERVE);
}

impl pallet_vesting::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	// Schedules are in blocks: `perBlock` XPRT unlock each block from `startingBlock`.
	type BlockNumberToBalance = ConvertInto;
	type MinVestedTransfer = MinVestedTransfer;
	type WeightInfo = crate::weights::pallet_vesting::WeightInfo<Runtime>;
	type UnvestedFundsAllowedWithdrawReasons = UnvestedFundsAllowedWithdrawReasons;
	type BlockNumberProvider = System;
	const MAX_VESTING_SCHEDULES: u32 = 28;
}

parameter_types! {
	/// An identity holds 0.2017 XPRT for its record plus 0.0001 XPRT per byte of it.
	pub const BasicDeposit: Balance = deposit(1, 17);
	pub const ByteDeposit: Balance = deposit(0, 1);
	pub const UsernameDeposit: Balance = deposit(0, 32);
	pub const SubAccountDeposit: Balance = deposit(1, 53);
	pub const MaxSubAccounts: u32 = 100;
	pub const MaxAdditionalFields: u32 = 100;
	pub const MaxRegistrars: u32 = 20;
}

impl pallet_identity::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type BasicDeposit = BasicDeposit;
	type ByteDeposit = ByteDeposit;
	type UsernameDeposit = UsernameDeposit;
	type SubAccountDeposit = SubAccountDeposit;
	type MaxSubAccounts = MaxSubAccounts;
	type IdentityInformation = pallet_identity::legacy::IdentityInfo<MaxAdditionalFields>;
	type MaxRegistrars = MaxRegistrars;
	// A registrar's or governance's slash of a deposit goes to the treasury.
	type Slashed = Treasury;
	// Registrars (the verifiers and originators' KYC providers) are added by governance.
	type ForceOrigin = GeneralAdminOrRoot;
	type RegistrarOrigin = GeneralAdminOrRoot;
	type OffchainSignature = Signature;
	type SigningPublicKey = <Signature as Verify>::Signer;
	type UsernameAuthorityOrigin = GeneralAdminOrRoot;
	type PendingUsernameExpiration = PendingUsernameExpiration;
	type UsernameGracePeriod = UsernameGracePeriod;
	type MaxSuffixLength = ConstU32<7>;
	type MaxUsernameLength = ConstU32<32>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
	type WeightInfo = crate::weights::pallet_identity::WeightInfo<Runtime>;
}

parameter_types! {
	/// A username a username authority granted must be accepted within 7 days.
	pub const PendingUsernameExpiration: BlockNumber = 7 * DAYS;
	/// A removed username can be reclaimed for 30 days.
	pub const UsernameGracePeriod: BlockNumber = 30 * DAYS;
}
