//! Benchmarks of the debt-pool pallet. Pools have the most tranches and rate buckets;
//! `invest_with_loans`, `book_repayment_with_loans` and `nav` take the number of loans the pool
//! holds as a component to show that their cost does not depend on it.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate as FunMutate, EnsureOrigin, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use persistence_primitives::{loans::LoanObserver, Balance};
use sp_runtime::{Perbill, Perquintill};

const SEED: u32 = 0;
const D: Balance = 1_000_000;
const K: Balance = 1_000 * D;
/// 1 Jan 2027.
const T0: Moment = 1_798_761_600_000;

fn funded<T: Config>(name: &'static str, i: u32) -> T::AccountId
where
	T::Currency: FunMutate<T::AccountId>,
{
	let who: T::AccountId = account(name, i, SEED);
	let _ = T::Currency::set_balance(&who, 1_000_000_000_000_000);
	T::BenchmarkHelper::fund(&who, 1_000_000 * K);
	who
}

/// `MaxTranches` tranches: junior, then seniors each needing 10 % more subordination.
fn specs<T: Config>(n: u32) -> BoundedVec<TrancheSpec, T::MaxTranches> {
	let v: alloc::vec::Vec<TrancheSpec> = (0..n)
		.map(|i| TrancheSpec { yield_rate: Perquintill::from_percent(12 - u64::from(i.min(10))), min_subordination: Perbill::from_percent(i.saturating_sub(1) * 5) })
		.collect();
	BoundedVec::truncate_from(v)
}

/// An open pool with every tranche funded (each holding 100 k) and `MaxRateBuckets` loans
/// financed at distinct rates. Returns (pool, admin, investor).
fn busy_pool<T: Config>() -> (PoolId, T::AccountId, T::AccountId)
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
		Pallet::<T>::do_invest(investor.clone(), pool, t as TrancheIndex, 1_000 * K).expect("invest");
	}
	for r in 0..T::MaxRateBuckets::get() {
		let loan = T::BenchmarkHelper::requested_loan(10 * K, Perquintill::from_percent(5 + u64::from(r)));
		Pallet::<T>::do_finance(admin.clone(), pool, loan).expect("finance");
	}
	T::BenchmarkHelper::set_time(T0 + 30 * 86_400_000);
	(pool, admin, investor)
}

/// Pretend the pool holds `n` more loans (as far as its own storage goes).
fn with_loans<T: Config>(pool: PoolId, n: u32) {
	Pools::<T>::mutate(pool, |p| {
		if let Some(p) = p {
			p.active_loans = p.active_loans.saturating_add(n);
		}
	});
	let rate = Perquintill::from_percent(5);
	for i in 0..n {
		PoolLoans::<T>::insert(
			1_000_000 + u64::from(i),
			PoolLoan { pool, rate, normalized: 1_000, written_down: None },
		);
	}
}

/// Queue `n` redemptions of the most senior tranche, with no cash to serve them.
fn queued<T: Config>(pool: PoolId, investor: &T::AccountId, n: u32) -> TrancheIndex {
	let top = (T::MaxTranches::get() - 1) as TrancheIndex;
	Pools::<T>::mutate(pool, |p| {
		if let Some(p) = p {
			p.reserve = 0;
		}
	});
	for _ in 0..n {
		Pallet::<T>::do_redeem(investor.clone(), pool, top, K).expect("queued");
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
		let (pool, admin, investor) = busy_pool::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(admin), pool, Some(investor.clone()));
		assert!(Pools::<T>::get(pool).is_some_and(|p| p.manager == Some(investor)));
	}

	#[benchmark]
	fn invest() {
		let (pool, _, investor) = busy_pool::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(investor), pool, 0, 10 * K);
	}

	/// `invest` in a pool with `n` loans: the cost must not depend on `n`.
	#[benchmark]
	fn invest_with_loans(n: Linear<10, 10_000>) {
		let (pool, _, investor) = busy_pool::<T>();
		with_loans::<T>(pool, n);
		#[block]
		{
			Pallet::<T>::do_invest(investor, pool, 0, 10 * K).expect("invest");
		}
	}

	#[benchmark]
	fn redeem() {
		let (pool, _, investor) = busy_pool::<T>();
		let top = queued::<T>(pool, &investor, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(investor), pool, top, K);
	}

	#[benchmark]
	fn cancel_redemption() {
		let (pool, _, investor) = busy_pool::<T>();
		let top = queued::<T>(pool, &investor, 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(investor), pool, top, 0);
		assert!(Queues::<T>::get((pool, top), 0).is_none());
	}

	/// Serving `n` queued redemptions.
	#[benchmark]
	fn serve_redemptions(n: Linear<1, { T::MaxServedPerCall::get() }>) {
		let (pool, _, investor) = busy_pool::<T>();
		let top = queued::<T>(pool, &investor, n);
		Pools::<T>::mutate(pool, |p| {
			if let Some(p) = p {
				p.reserve = 1_000 * K;
			}
		});
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		process_redemptions(RawOrigin::Signed(caller), pool);
		assert!(Pools::<T>::get(pool).is_some_and(|p| p.tranches.get(usize::from(top)).is_some_and(|t| t.queue_head == u64::from(n))));
	}

	/// Financing a loan at a new rate (the pool has room for one more bucket).
	#[benchmark]
	fn finance() {
		let (pool, admin, _) = busy_pool::<T>();
		// Free one bucket by writing down nothing: drop the last bucket's bookkeeping.
		Pools::<T>::mutate(pool, |p| {
			if let Some(p) = p {
				p.buckets.pop();
			}
		});
		let loan = T::BenchmarkHelper::requested_loan(10 * K, Perquintill::from_percent(50));
		#[extrinsic_call]
		_(RawOrigin::Signed(admin), pool, loan);
		assert!(PoolLoans::<T>::contains_key(loan));
	}

	/// Writing a loan down: it leaves its bucket and the cover absorbs the drop.
	#[benchmark]
	fn update_loan() {
		let (pool, admin, _) = busy_pool::<T>();
		Pools::<T>::mutate(pool, |p| {
			if let Some(p) = p {
				p.buckets.pop();
			}
		});
		let loan = T::BenchmarkHelper::requested_loan(10 * K, Perquintill::from_percent(50));
		Pallet::<T>::do_finance(admin, pool, loan).expect("financed");
		// A year and a half later the one-year bullet loan is overdue.
		T::BenchmarkHelper::set_time(T0 + 548 * 86_400_000);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), loan);
		assert!(PoolLoans::<T>::get(loan).is_some_and(|l| l.written_down.is_some()));
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

	/// The loan pallet's repayment notification (without serving the queue).
	#[benchmark]
	fn book_repayment() {
		let (pool, admin, _) = busy_pool::<T>();
		let loan = PoolLoans::<T>::iter_keys().next().expect("a pool loan");
		#[block]
		{
			<Pallet<T> as LoanObserver<T::AccountId>>::on_repaid(&admin, loan, K, K);
		}
		assert!(Pools::<T>::get(pool).is_some());
	}

	/// `book_repayment` in a pool with `n` loans: the cost must not depend on `n`.
	#[benchmark]
	fn book_repayment_with_loans(n: Linear<10, 10_000>) {
		let (pool, admin, _) = busy_pool::<T>();
		let loan = PoolLoans::<T>::iter_keys().next().expect("a pool loan");
		with_loans::<T>(pool, n);
		#[block]
		{
			<Pallet<T> as LoanObserver<T::AccountId>>::on_repaid(&admin, loan, K, K);
		}
	}

	/// The loan pallet's closing notification with a loss absorbed by the cover.
	#[benchmark]
	fn book_closing() {
		let (pool, admin, _) = busy_pool::<T>();
		let loan = PoolLoans::<T>::iter_keys().next().expect("a pool loan");
		#[block]
		{
			<Pallet<T> as LoanObserver<T::AccountId>>::on_closed(&admin, loan, 0, 10 * K);
		}
		assert!(Pools::<T>::get(pool).is_some_and(|p| p.first_loss_cover < 100 * K));
	}

	/// Computing NAV and tranche prices of a pool with `n` loans.
	#[benchmark]
	fn nav(n: Linear<10, 10_000>) {
		let (pool, _, _) = busy_pool::<T>();
		with_loans::<T>(pool, n);
		#[block]
		{
			assert!(Pallet::<T>::view(pool).is_some());
		}
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
