//! Benchmarks of the debt-pool pallet. Pools have the most tranches and loans at
//! `MaxPortfolioRates`-many rates; `invest_with_loans` and `nav` take the number of loans the
//! pool holds as a component to show that their cost does not depend on it (the pool reads its
//! loan value from the loan pallet's portfolio of the pool account, whose size does not grow
//! with the loans).

use super::*;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate as FunMutate, EnsureOrigin, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use persistence_primitives::{loans::WriteDownStep, Balance};
use sp_runtime::{Perbill, Perquintill};

const SEED: u32 = 0;
const D: Balance = 1_000_000;
const K: Balance = 1_000 * D;
/// 1 Jan 2027.
const T0: Moment = 1_798_761_600_000;
const DAY_MS: Moment = 86_400_000;

fn funded<T: Config>(name: &'static str, i: u32) -> T::AccountId
where
	T::Currency: FunMutate<T::AccountId>,
{
	let who: T::AccountId = account(name, i, SEED);
	let _ = T::Currency::set_balance(&who, 1_000_000_000_000_000);
	T::BenchmarkHelper::fund(&who, 1_000_000 * K);
	who
}

/// `MaxTranches` tranches: junior, then seniors each needing 5 % more subordination.
fn specs<T: Config>(n: u32) -> BoundedVec<TrancheSpec, T::MaxTranches> {
	let v: alloc::vec::Vec<TrancheSpec> = (0..n)
		.map(|i| TrancheSpec { yield_rate: Perquintill::from_percent(12 - u64::from(i.min(10))), min_subordination: Perbill::from_percent(i.saturating_sub(1) * 5) })
		.collect();
	BoundedVec::truncate_from(v)
}

/// An open pool with every tranche funded (each holding 1 M) and loans financed at as many
/// distinct rates as a portfolio may hold (the worst case of a valuation: one accumulator of
/// the portfolio brought up to date per rate). Returns (pool, admin, investor, loans).
fn busy_pool<T: Config>() -> (PoolId, T::AccountId, T::AccountId, alloc::vec::Vec<LoanId>)
where
	T::Currency: FunMutate<T::AccountId>,
{
	T::BenchmarkHelper::set_time(T0);
	let admin = funded::<T>("admin", 0);
	let investor = funded::<T>("investor", 0);
	let n = T::MaxTranches::get();
	let pool = Pallet::<T>::do_create(
		admin.clone(),
		T::BenchmarkHelper::stablecoin(),
		BoundedVec::truncate_from(alloc::vec![b'r'; T::LabelLimit::get() as usize]),
		specs::<T>(n),
		Balance::MAX,
		100 * K,
		Perquintill::from_percent(1),
	)
	.expect("pool");
	for t in 0..n {
		Pallet::<T>::do_invest(investor.clone(), pool, t as TrancheIndex, 1_000 * K, 0).expect("invest");
	}
	let mut loans = alloc::vec::Vec::new();
	for r in 0..T::BenchmarkHelper::max_loan_rates() {
		let loan = T::BenchmarkHelper::requested_loan(10 * K, Perquintill::from_percent(5 + u64::from(r)));
		Pallet::<T>::do_finance(admin.clone(), pool, loan).expect("finance");
		loans.push(loan);
	}
	T::BenchmarkHelper::set_time(T0 + 30 * DAY_MS);
	(pool, admin, investor, loans)
}

/// Queue `n` redemptions of the most senior tranche while one loan's valuation is stale, so
/// none is served.
fn queued<T: Config>(pool: PoolId, investor: &T::AccountId, n: u32) -> TrancheIndex {
	let top = (T::MaxTranches::get() - 1) as TrancheIndex;
	T::BenchmarkHelper::set_time(T0 + 400 * DAY_MS);
	for _ in 0..n {
		Pallet::<T>::do_redeem(investor.clone(), pool, top, K, 0).expect("queued");
	}
	top
}

#[benchmarks(where T::Currency: FunMutate<T::AccountId>)]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create(t: Linear<1, { T::MaxTranches::get() }>) {
		T::BenchmarkHelper::set_time(T0);
		let admin = funded::<T>("admin", 0);
		let currency = T::BenchmarkHelper::stablecoin();
		let label = BoundedVec::truncate_from(alloc::vec![b'r'; T::LabelLimit::get() as usize]);
		#[extrinsic_call]
		_(RawOrigin::Signed(admin), currency, label, specs::<T>(t), Balance::MAX, 100 * K, Perquintill::from_percent(1));
		assert!(Pools::<T>::contains_key(0));
	}

	#[benchmark]
	fn approve() -> Result<(), BenchmarkError> {
		let origin = T::ApprovalOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		ApprovalRequired::<T>::put(true);
		let admin = funded::<T>("admin", 0);
		let pool = Pallet::<T>::do_create(
			admin,
			T::BenchmarkHelper::stablecoin(),
			BoundedVec::new(),
			specs::<T>(2),
			Balance::MAX,
			0,
			Perquintill::zero(),
		)
		.expect("pool");
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, pool);
		assert!(Pools::<T>::get(pool).is_some_and(|p| p.state == PoolState::Open));
		Ok(())
	}

	#[benchmark]
	fn set_approval_required() -> Result<(), BenchmarkError> {
		let origin = T::ApprovalOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, true);
		assert!(ApprovalRequired::<T>::get());
		Ok(())
	}

	#[benchmark]
	fn set_manager() {
		let (pool, admin, investor, _) = busy_pool::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(admin), pool, Some(investor.clone()));
		assert!(Pools::<T>::get(pool).is_some_and(|p| p.manager == Some(investor)));
	}

	#[benchmark]
	fn set_write_down_policy(s: Linear<1, { T::MaxWriteDownSteps::get() }>) {
		T::BenchmarkHelper::set_time(T0);
		let admin = funded::<T>("admin", 0);
		let pool = Pallet::<T>::do_create(
			admin.clone(),
			T::BenchmarkHelper::stablecoin(),
			BoundedVec::new(),
			specs::<T>(1),
			Balance::MAX,
			0,
			Perquintill::zero(),
		)
		.expect("pool");
		// Everything written off from the first day late: at least governance's at every age,
		// whatever governance's is.
		let steps: alloc::vec::Vec<WriteDownStep> =
			(0..s).map(|i| WriteDownStep { days_overdue: i + 1, write_down: Perbill::one() }).collect();
		#[extrinsic_call]
		_(RawOrigin::Signed(admin), pool, Some(BoundedVec::truncate_from(steps)));
		let event: <T as Config>::RuntimeEvent = Event::WriteDownPolicySet { pool, steps: Some(s) }.into();
		frame_system::Pallet::<T>::assert_last_event(event.into());
	}

	#[benchmark]
	fn invest() {
		let (pool, _, investor, _) = busy_pool::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(investor), pool, 0, 10 * K, 1);
	}

	/// `invest` in a pool with `n` more loans: the cost must not depend on `n`.
	#[benchmark]
	fn invest_with_loans(n: Linear<10, 10_000>) {
		let (pool, _, investor, _) = busy_pool::<T>();
		T::BenchmarkHelper::add_loans(&Pallet::<T>::pool_account(pool), n);
		#[block]
		{
			Pallet::<T>::do_invest(investor, pool, 0, 10 * K, 0).expect("invest");
		}
	}

	#[benchmark]
	fn redeem() {
		let (pool, _, investor, _) = busy_pool::<T>();
		let top = (T::MaxTranches::get() - 1) as TrancheIndex;
		#[extrinsic_call]
		_(RawOrigin::Signed(investor), pool, top, K, 1);
	}

	#[benchmark]
	fn cancel_redemption() {
		let (pool, _, investor, _) = busy_pool::<T>();
		let top = queued::<T>(pool, &investor, 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(investor), pool, top, 0);
		assert!(Queues::<T>::get((pool, top), 0).is_none());
	}

	/// Serving `n` queued redemptions.
	#[benchmark]
	fn serve_redemptions(n: Linear<1, { T::MaxServedPerCall::get() }>) {
		let (pool, _, investor, loans) = busy_pool::<T>();
		let top = queued::<T>(pool, &investor, n);
		for loan in loans {
			T::BenchmarkHelper::repay(loan);
		}
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		process_redemptions(RawOrigin::Signed(caller), pool);
		assert!(Pools::<T>::get(pool).is_some_and(|p| p.tranches.get(usize::from(top)).is_some_and(|t| t.queue_head == u64::from(n))));
	}

	#[benchmark]
	fn finance() {
		let (pool, admin, _, _) = busy_pool::<T>();
		let loan = T::BenchmarkHelper::requested_loan(10 * K, Perquintill::from_percent(5));
		#[extrinsic_call]
		_(RawOrigin::Signed(admin), pool, loan);
		assert!(Pallet::<T>::pool_of(loan) == Ok(pool));
	}

	/// Revaluing an overdue pool loan in the loan pallet's books.
	#[benchmark]
	fn update_loan() {
		let (_, _, _, loans) = busy_pool::<T>();
		// A year and a month later the one-year bullet loans are overdue.
		T::BenchmarkHelper::set_time(T0 + 400 * DAY_MS);
		let loan = loans.first().copied().expect("a loan");
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), loan);
	}

	/// A keeper liquidating a defaulted pool loan after the delay.
	#[benchmark]
	fn liquidate() {
		let (_, _, _, loans) = busy_pool::<T>();
		let loan = loans.first().copied().expect("a loan");
		T::BenchmarkHelper::set_time(T0 + 400 * DAY_MS);
		T::BenchmarkHelper::default_loan(loan);
		LiquidationDelay::<T>::put(0);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), loan, None);
	}

	#[benchmark]
	fn top_up_cover() {
		let (pool, admin, _, _) = busy_pool::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(admin), pool, 10 * K);
		assert!(Pools::<T>::get(pool).is_some_and(|p| p.first_loss_cover == 110 * K));
	}

	/// Claiming a served redemption, which removes the entry and releases its deposit.
	#[benchmark]
	fn claim() {
		let (pool, _, investor, _) = busy_pool::<T>();
		let top = (T::MaxTranches::get() - 1) as TrancheIndex;
		Pallet::<T>::do_redeem(investor.clone(), pool, top, K, 0).expect("served");
		#[extrinsic_call]
		_(RawOrigin::Signed(investor), pool, top, 0);
		assert!(Queues::<T>::get((pool, top), 0).is_none());
	}

	#[benchmark]
	fn close() {
		T::BenchmarkHelper::set_time(T0);
		let admin = funded::<T>("admin", 0);
		let pool = Pallet::<T>::do_create(
			admin.clone(),
			T::BenchmarkHelper::stablecoin(),
			BoundedVec::new(),
			specs::<T>(T::MaxTranches::get()),
			Balance::MAX,
			100 * K,
			Perquintill::zero(),
		)
		.expect("pool");
		#[extrinsic_call]
		_(RawOrigin::Signed(admin), pool);
		assert!(!Pools::<T>::contains_key(pool));
	}

	/// Computing NAV and tranche prices of a pool with `n` more loans.
	#[benchmark]
	fn nav(n: Linear<10, 10_000>) {
		let (pool, _, _, _) = busy_pool::<T>();
		T::BenchmarkHelper::add_loans(&Pallet::<T>::pool_account(pool), n);
		#[block]
		{
			assert!(Pallet::<T>::view(pool).is_some());
		}
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
