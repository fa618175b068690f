//! Real-world-asset finance: asset NFTs (on `pallet-uniques`), loans against them, and the
//! debt pools that finance the loans.

use crate::{
	AssetLoan, AssetNft, Assets, Balance, Balances, Runtime, RuntimeEvent, RuntimeHoldReason, Timestamp,
	Uniques, DAYS, UNITS,
};
use frame_support::{
	parameter_types,
	traits::{ConstU32, ConstU64},
	PalletId,
};
use persistence_primitives::currency::deposit;
use super::tokens::SHARE_ASSET_ID_START;
use sp_runtime::Perbill;

/// A day in milliseconds (loan parameters are in ms).
const LOAN_DAY_MS: u64 = 86_400_000;

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
	// Root, or a passed `general_admin` referendum.
	type GovernanceOrigin = crate::governance::GeneralAdminOrRoot;
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

parameter_types! {
	pub const AssetLoanPalletId: PalletId = PalletId(*b"py/aloan");
	/// Every open loan holds 1 XPRT from its borrower, returned when it ends.
	pub const LoanDeposit: Balance = UNITS;
}

/// Seconds in a year, for the longest term.
const YEAR_SECS: u64 = persistence_primitives::time::SECONDS_PER_YEAR;

/// Steps in a write-down policy (governance's, and each pool's own).
pub type MaxWriteDownSteps = ConstU32<8>;

impl pallet_asset_loan::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Assets = Assets;
	type Collateral = AssetNft;
	type Time = Timestamp;
	// Root, or a passed `general_admin` referendum.
	type GovernanceOrigin = crate::governance::GeneralAdminOrRoot;
	type PalletId = AssetLoanPalletId;
	type LoanDeposit = LoanDeposit;
	// Thirty years of monthly payments.
	type MaxInstallments = ConstU32<360>;
	// One minute: short enough for test networks, harmless in production.
	type MinTerm = ConstU64<60>;
	type MaxTerm = ConstU64<{ 30 * YEAR_SECS }>;
	type MaxWriteDownSteps = MaxWriteDownSteps;
	// Distinct annual rates among one lender's (a pool's) open loans.
	type MaxPortfolioRates = ConstU32<16>;
	// What governance may set: grace 30 s (the dev timing) to a year, auctions 30 s to
	// 30 days, bid increments up to 50 %.
	type MinGracePeriod = ConstU64<30_000>;
	type MaxGracePeriod = ConstU64<{ 365 * LOAN_DAY_MS }>;
	type MinAuctionDuration = ConstU64<30_000>;
	type MaxAuctionDuration = ConstU64<{ 30 * LOAN_DAY_MS }>;
	type MaxBidIncrement = MaxBidIncrement;
	type WeightInfo = pallet_asset_loan::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helper::LoanBenchmarkHelper;
}

parameter_types! {
	pub const MaxBidIncrement: Perbill = Perbill::from_percent(50);
	pub const DebtPoolPalletId: PalletId = PalletId(*b"py/dpool");
	/// Opening a pool holds 100 XPRT from its originator until it closes.
	pub const PoolDeposit: Balance = 100 * UNITS;
	/// Tranche share tokens get asset ids from 1,000,000 up (reserved: see `tokens.rs`).
	pub const ShareAssetIdStart: persistence_primitives::AssetId = SHARE_ASSET_ID_START;
	/// A queued redemption holds a record's deposit until it is claimed or cancelled.
	pub const QueueDeposit: Balance = deposit(1, 96);
}

impl pallet_debt_pool::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Assets = Assets;
	type Loans = AssetLoan;
	type Time = Timestamp;
	// Root, or a passed `general_admin` referendum.
	type ApprovalOrigin = crate::governance::GeneralAdminOrRoot;
	type PalletId = DebtPoolPalletId;
	type PoolDeposit = PoolDeposit;
	type ShareAssetIdStart = ShareAssetIdStart;
	type MaxTranches = ConstU32<5>;
	type QueueDeposit = QueueDeposit;
	type LabelLimit = ConstU32<64>;
	type MaxServedPerCall = ConstU32<8>;
	// Past 90 days in default anyone may liquidate a pool loan.
	type MaxLiquidationDelay = ConstU64<{ 90 * LOAN_DAY_MS }>;
	// A pool's own write-down policy is bounded like governance's.
	type MaxWriteDownSteps = MaxWriteDownSteps;
	type WeightInfo = pallet_debt_pool::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helper::PoolBenchmarkHelper;
}

/// Verified collateral and stablecoins for the loan benchmarks, made with the real pallets.
#[cfg(feature = "runtime-benchmarks")]
pub mod benchmark_helper {
	use super::*;
	use crate::AccountId;
	use frame_support::traits::{fungible::Mutate as _, fungibles::{Create, Mutate as _}};
	use persistence_primitives::{rwa::AssetKind, AssetId};

	/// The benchmarks' stablecoin.
	pub const BENCH_STABLECOIN: AssetId = 4_242;

	pub struct LoanBenchmarkHelper;
	impl pallet_asset_loan::BenchmarkHelper<AccountId> for LoanBenchmarkHelper {
		fn stablecoin() -> AssetId {
			if !<Assets as frame_support::traits::fungibles::Inspect<AccountId>>::asset_exists(BENCH_STABLECOIN) {
				let admin: AccountId = AssetLoanPalletId::get().into_account_truncating();
				let _ = <Assets as Create<AccountId>>::create(BENCH_STABLECOIN, admin, true, 1);
			}
			pallet_asset_loan::LendableCurrencies::<Runtime>::insert(BENCH_STABLECOIN, ());
			BENCH_STABLECOIN
		}
		fn verified_collateral(owner: &AccountId, value: Balance) -> (u32, u32) {
			let _ = Balances::mint_into(owner, 1_000_000 * UNITS);
			let class = pallet_asset_nft::Pallet::<Runtime>::do_create_class(
				owner.clone(),
				AssetKind::Invoice,
				Default::default(),
			)
			.expect("class");
			let now = pallet_asset_nft::Pallet::<Runtime>::now();
			let params = pallet_asset_nft::AssetParams {
				face_value: value,
				currency: Self::stablecoin(),
				issue_date: Some(now),
				maturity_date: Some(now.saturating_add(1)),
				document_hash: Default::default(),
				metadata: Default::default(),
				private_fields: Default::default(),
			};
			let item = pallet_asset_nft::Pallet::<Runtime>::do_mint(owner.clone(), class, params).expect("mint");
			let verifier: AccountId = AssetNftPalletId::get().into_sub_account_truncating(b"verifier");
			pallet_asset_nft::Verifiers::<Runtime>::insert(&verifier, ());
			pallet_asset_nft::Pallet::<Runtime>::do_verify(
				verifier,
				class,
				item,
				Default::default(),
				value,
				now.saturating_add(100 * (DAYS as u64) * 6_000),
			)
			.expect("verify");
			(class, item)
		}
		fn fund_stablecoin(who: &AccountId, amount: Balance) {
			let id = Self::stablecoin();
			let _ = Balances::mint_into(who, 1_000 * UNITS);
			let _ = Assets::mint_into(id, who, amount);
		}
		fn set_time(now: u64) {
			pallet_timestamp::Now::<Runtime>::put(now);
		}
	}
	use sp_runtime::traits::AccountIdConversion;

	pub struct PoolBenchmarkHelper;
	impl pallet_debt_pool::BenchmarkHelper<AccountId> for PoolBenchmarkHelper {
		fn stablecoin() -> AssetId {
			<LoanBenchmarkHelper as pallet_asset_loan::BenchmarkHelper<AccountId>>::stablecoin()
		}
		fn fund(who: &AccountId, amount: Balance) {
			<LoanBenchmarkHelper as pallet_asset_loan::BenchmarkHelper<AccountId>>::fund_stablecoin(who, amount)
		}
		fn requested_loan(principal: Balance, rate: sp_runtime::Perquintill) -> pallet_asset_loan::LoanId {
			use pallet_asset_loan::BenchmarkHelper as _;
			let n = pallet_asset_loan::NextLoanId::<Runtime>::get();
			let borrower: AccountId = AssetLoanPalletId::get().into_sub_account_truncating(n);
			pallet_asset_loan::AdvanceRates::<Runtime>::insert(AssetKind::Invoice, sp_runtime::Perbill::from_percent(80));
			let (class, item) = LoanBenchmarkHelper::verified_collateral(&borrower, principal.saturating_mul(2));
			pallet_asset_loan::Pallet::<Runtime>::do_request(
				borrower,
				class,
				item,
				pallet_asset_loan::LoanTerms {
					currency: Self::stablecoin(),
					principal,
					annual_rate: rate,
					schedule: pallet_asset_loan::Schedule::Bullet { term: 365 * 86_400 },
				},
			)
			.expect("loan requested")
		}
		fn set_time(now: u64) {
			pallet_timestamp::Now::<Runtime>::put(now);
		}
		fn max_loan_rates() -> u32 {
			<<Runtime as pallet_asset_loan::Config>::MaxPortfolioRates as frame_support::traits::Get<u32>>::get()
		}
		fn add_loans(lender: &AccountId, n: u32) {
			pallet_asset_loan::Portfolios::<Runtime>::mutate(lender, |p| p.loans = p.loans.saturating_add(n));
			for i in 0..n {
				let key = pallet_asset_loan::functions::checkpoint_key(
					u64::MAX - u64::from(i),
					1_000_000 + u64::from(i),
				);
				pallet_asset_loan::Checkpoints::<Runtime>::insert(lender, key, ());
			}
		}
		fn default_loan(loan: pallet_asset_loan::LoanId) {
			let keeper: AccountId = AssetLoanPalletId::get().into_sub_account_truncating(b"keeper");
			let _ = AssetLoan::mark_default(frame_system::RawOrigin::Signed(keeper).into(), loan);
		}
		fn repay(loan: pallet_asset_loan::LoanId) {
			let Some(borrower) = pallet_asset_loan::Loans::<Runtime>::get(loan).map(|l| l.borrower) else { return };
			<LoanBenchmarkHelper as pallet_asset_loan::BenchmarkHelper<AccountId>>::fund_stablecoin(
				&borrower,
				1_000_000_000_000,
			);
			let _ = AssetLoan::repay_in_full(frame_system::RawOrigin::Signed(borrower).into(), loan);
		}
	}
}
