//! Benchmarks of the asset-loan pallet. Each call is measured on its most expensive path
//! (e.g. `repay` of a late installment, which moves the loan onto its penalty accrual and back);
//! `repay_with_existing_loans` shows that the cost does not depend on how many loans exist.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate as FunMutate, EnsureOrigin, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use persistence_primitives::{rwa::AssetKind, Balance};
use sp_runtime::{Perbill, Perquintill};

const SEED: u32 = 0;
/// One dollar in a 6-decimal stablecoin.
const D: Balance = 1_000_000;
const APPRAISED: Balance = 1_000_000 * D;
const PRINCIPAL: Balance = 500_000 * D;
/// The benchmarks' start of time: 1 Jan 2027.
const T0: Moment = 1_798_761_600_000;
const DAY_MS: Moment = 86_400_000;

fn account_with_funds<T: Config>(name: &'static str, i: u32) -> T::AccountId
where
	T::Currency: FunMutate<T::AccountId>,
{
	let who: T::AccountId = account(name, i, SEED);
	let _ = T::Currency::set_balance(&who, 1_000_000_000_000_000);
	T::BenchmarkHelper::fund_stablecoin(&who, 100 * APPRAISED);
	who
}

fn terms<T: Config>(schedule: Schedule) -> LoanTerms {
	LoanTerms {
		currency: T::BenchmarkHelper::stablecoin(),
		principal: PRINCIPAL,
		annual_rate: Perquintill::from_percent(12),
		schedule,
	}
}

/// The most expensive schedule: the most installments.
fn long_schedule<T: Config>() -> Schedule {
	let count = T::MaxInstallments::get();
	let period = (T::MaxTerm::get() / u64::from(count).max(1)).max(T::MinTerm::get());
	Schedule::Installments { count, period }
}

/// A borrower with verified collateral, and the advance rate and parameters in place.
fn borrower<T: Config>() -> (T::AccountId, ClassId, ItemId)
where
	T::Currency: FunMutate<T::AccountId>,
{
	borrower_with::<T>(APPRAISED, Perbill::from_percent(80))
}

/// A borrower with collateral appraised at `appraised`, and `advance` for invoices.
fn borrower_with<T: Config>(appraised: Balance, advance: Perbill) -> (T::AccountId, ClassId, ItemId)
where
	T::Currency: FunMutate<T::AccountId>,
{
	T::BenchmarkHelper::set_time(T0);
	AdvanceRates::<T>::insert(AssetKind::Invoice, advance);
	Parameters::<T>::put(LoanParameters {
		penalty_rate: Perquintill::from_percent(5),
		grace_period: 30 * DAY_MS,
		auction_duration: 3 * DAY_MS,
		min_bid_increment: Perbill::from_percent(1),
	});
	let who = account_with_funds::<T>("borrower", 0);
	let (class, item) = T::BenchmarkHelper::verified_collateral(&who, appraised);
	(who, class, item)
}

fn requested<T: Config>(schedule: Schedule) -> (T::AccountId, LoanId)
where
	T::Currency: FunMutate<T::AccountId>,
{
	let (who, class, item) = borrower::<T>();
	let id = Pallet::<T>::do_request(who.clone(), class, item, terms::<T>(schedule)).expect("requested");
	(who, id)
}

fn funded<T: Config>(schedule: Schedule) -> (T::AccountId, T::AccountId, LoanId)
where
	T::Currency: FunMutate<T::AccountId>,
{
	let (who, id) = requested::<T>(schedule);
	let lender = account_with_funds::<T>("lender", 0);
	Pallet::<T>::do_fund(lender.clone(), id).expect("funded");
	(who, lender, id)
}

/// A bullet loan of 30 days, unpaid and declared in default.
fn defaulted<T: Config>() -> (T::AccountId, T::AccountId, LoanId)
where
	T::Currency: FunMutate<T::AccountId>,
{
	let (who, lender, id) = funded::<T>(Schedule::Bullet { term: 30 * 86_400 });
	T::BenchmarkHelper::set_time(T0 + 61 * DAY_MS);
	Pallet::<T>::do_mark_default(id).expect("defaulted");
	(who, lender, id)
}

/// A bullet loan against collateral appraised at its principal, unpaid and declared in
/// default: its debt exceeds the appraisal, so the lender may seize it.
fn defaulted_underwater<T: Config>() -> (T::AccountId, LoanId)
where
	T::Currency: FunMutate<T::AccountId>,
{
	let (who, class, item) = borrower_with::<T>(PRINCIPAL, Perbill::one());
	let id = Pallet::<T>::do_request(who, class, item, terms::<T>(Schedule::Bullet { term: 30 * 86_400 }))
		.expect("requested");
	let lender = account_with_funds::<T>("lender", 0);
	Pallet::<T>::do_fund(lender.clone(), id).expect("funded");
	T::BenchmarkHelper::set_time(T0 + 61 * DAY_MS);
	Pallet::<T>::do_mark_default(id).expect("defaulted");
	(lender, id)
}

/// A loan with one installment missed by ten days: repaying it moves the loan onto its penalty
/// accrual and back into its lender's bucket.
fn late_installment<T: Config>() -> (T::AccountId, LoanId, Balance)
where
	T::Currency: FunMutate<T::AccountId>,
{
	let schedule = long_schedule::<T>();
	let Schedule::Installments { period, .. } = schedule else { unreachable!() };
	let (who, _, id) = funded::<T>(schedule);
	T::BenchmarkHelper::set_time(T0 + period * 1000 + 10 * DAY_MS);
	let amount = Loans::<T>::get(id).and_then(|l| l.amortization).map(|a| a.installment).unwrap_or(D);
	(who, id, amount)
}

#[benchmarks(where T::Currency: FunMutate<T::AccountId>)]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn request() {
		let (who, class, item) = borrower::<T>();
		let t = terms::<T>(long_schedule::<T>());
		#[extrinsic_call]
		_(RawOrigin::Signed(who), class, item, t);
		assert!(Loans::<T>::contains_key(0));
	}

	#[benchmark]
	fn cancel() {
		let (who, id) = requested::<T>(long_schedule::<T>());
		#[extrinsic_call]
		_(RawOrigin::Signed(who), id);
		assert!(!Loans::<T>::contains_key(id));
	}

	#[benchmark]
	fn fund() {
		let (_, id) = requested::<T>(long_schedule::<T>());
		let lender = account_with_funds::<T>("lender", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(lender), id);
		assert!(Loans::<T>::get(id).is_some_and(|l| l.state == LoanState::Active));
	}

	#[benchmark]
	fn repay() {
		let (who, id, amount) = late_installment::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(who), id, amount);
		assert!(Loans::<T>::get(id).is_some_and(|l| l.total_repaid == amount));
	}

	#[benchmark]
	fn repay_in_full() {
		let (who, id, _) = late_installment::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(who), id);
		assert!(!Loans::<T>::contains_key(id));
	}

	/// `repay` with `n` other loans open: its cost must not depend on `n`.
	#[benchmark]
	fn repay_with_existing_loans(n: Linear<10, 10_000>) {
		let (who, id, amount) = late_installment::<T>();
		let template = Loans::<T>::get(id).expect("loan");
		for i in 0..n {
			Loans::<T>::insert(id + 1 + u64::from(i), template.clone());
		}
		#[block]
		{
			Pallet::<T>::do_repay(who, id, Some(amount)).expect("repaid");
		}
		assert!(Loans::<T>::get(id).is_some_and(|l| l.total_repaid == amount));
	}

	#[benchmark]
	fn mark_overdue() {
		let (_, _, id) = funded::<T>(Schedule::Bullet { term: 30 * 86_400 });
		T::BenchmarkHelper::set_time(T0 + 31 * DAY_MS);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);
		assert!(Loans::<T>::get(id).is_some_and(|l| matches!(l.state, LoanState::Overdue { .. })));
	}

	#[benchmark]
	fn mark_default() {
		let (_, _, id) = funded::<T>(Schedule::Bullet { term: 30 * 86_400 });
		T::BenchmarkHelper::set_time(T0 + 61 * DAY_MS);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);
		assert!(Loans::<T>::get(id).is_some_and(|l| matches!(l.state, LoanState::Defaulted { .. })));
	}

	#[benchmark]
	fn seize() {
		let (lender, id) = defaulted_underwater::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(lender), id);
		assert!(!Loans::<T>::contains_key(id));
	}

	#[benchmark]
	fn start_auction() {
		let (_, lender, id) = defaulted::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(lender), id, PRINCIPAL / 2);
		assert!(Auctions::<T>::contains_key(id));
	}

	/// Outbidding someone: the previous bid is refunded.
	#[benchmark]
	fn bid() {
		let (_, lender, id) = defaulted::<T>();
		Pallet::<T>::do_start_auction(lender, id, PRINCIPAL / 2).expect("auction");
		let first = account_with_funds::<T>("bidder", 0);
		Pallet::<T>::do_bid(first, id, PRINCIPAL / 2).expect("first bid");
		let second = account_with_funds::<T>("bidder", 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(second.clone()), id, PRINCIPAL);
		assert!(Auctions::<T>::get(id).is_some_and(|a| a.best == Some((second, PRINCIPAL))));
	}

	/// A winning bid above the debt: lender and borrower are both paid.
	#[benchmark]
	fn settle_auction() {
		let (_, lender, id) = defaulted::<T>();
		Pallet::<T>::do_start_auction(lender, id, PRINCIPAL / 2).expect("auction");
		let bidder = account_with_funds::<T>("bidder", 0);
		Pallet::<T>::do_bid(bidder, id, 2 * PRINCIPAL).expect("bid");
		T::BenchmarkHelper::set_time(T0 + 65 * DAY_MS);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);
		assert!(!Loans::<T>::contains_key(id));
	}

	/// A late loan whose next write-down step has begun: state and the lender's books change.
	#[benchmark]
	fn revalue() {
		let (_, lender, id) = funded::<T>(Schedule::Bullet { term: 30 * 86_400 });
		WriteDownPolicy::<T>::put(BoundedVec::truncate_from(alloc::vec![
			WriteDownStep { days_overdue: 0, write_down: Perbill::zero() },
			WriteDownStep { days_overdue: 10, write_down: Perbill::from_percent(20) },
		]));
		T::BenchmarkHelper::set_time(T0 + 31 * DAY_MS);
		Pallet::<T>::do_revalue(id).expect("overdue");
		T::BenchmarkHelper::set_time(T0 + 45 * DAY_MS);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);
		assert!(Pallet::<T>::valuation(&lender, T0 + 45 * DAY_MS).is_ok_and(|v| v.unrealised_loss > 0));
	}

	/// A refund held for a bidder, paid out.
	#[benchmark]
	fn claim() {
		let currency = T::BenchmarkHelper::stablecoin();
		let who = account_with_funds::<T>("claimant", 0);
		let escrow = Pallet::<T>::escrow_account();
		T::BenchmarkHelper::fund_stablecoin(&escrow, PRINCIPAL);
		Claims::<T>::insert(currency, &who, PRINCIPAL);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), currency);
		assert_eq!(Claims::<T>::get(currency, &who), 0);
	}

	#[benchmark]
	fn set_advance_rate() -> Result<(), BenchmarkError> {
		let origin = T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, AssetKind::Equipment, Some(Perbill::from_percent(40)));
		assert_eq!(AdvanceRates::<T>::get(AssetKind::Equipment), Some(Perbill::from_percent(40)));
		Ok(())
	}

	#[benchmark]
	fn set_write_down_policy(s: Linear<0, { T::MaxWriteDownSteps::get() }>) -> Result<(), BenchmarkError> {
		let origin = T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let steps: alloc::vec::Vec<WriteDownStep> = (0..s)
			.map(|i| WriteDownStep { days_overdue: 30 * (i + 1), write_down: Perbill::from_percent(10 * i.min(10)) })
			.collect();
		let steps = BoundedVec::truncate_from(steps);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, steps);
		assert_eq!(WriteDownPolicy::<T>::get().len() as u32, s);
		Ok(())
	}

	#[benchmark]
	fn set_parameters() -> Result<(), BenchmarkError> {
		let origin = T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let p = LoanParameters { penalty_rate: Perquintill::from_percent(3), ..Default::default() };
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, p);
		assert_eq!(Parameters::<T>::get(), p);
		Ok(())
	}

	#[benchmark]
	fn set_lendable_currency() -> Result<(), BenchmarkError> {
		let origin = T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let currency = T::BenchmarkHelper::stablecoin();
		LendableCurrencies::<T>::remove(currency);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, currency, true);
		assert!(LendableCurrencies::<T>::contains_key(currency));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
