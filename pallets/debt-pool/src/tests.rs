//! Unit tests of the debt-pool pallet on a mock runtime with the real loan stack underneath.

use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, fungibles::Inspect as FunsInspect},
};
use pallet_asset_loan::Loans;
use persistence_primitives::loans::LoanStatus;
use sp_runtime::{traits::BadOrigin, BoundedVec, DispatchResult, FixedU128, Perbill, Perquintill};

const K: Balance = 1_000 * D;

fn usdt(who: AccountId) -> Balance {
	<Assets as FunsInspect<AccountId>>::balance(USDT, &who)
}

fn shares(pool: PoolId, tranche: usize, who: AccountId) -> Balance {
	let asset = Pools::<Test>::get(pool).unwrap().tranches[tranche].share_asset;
	<Assets as FunsInspect<AccountId>>::balance(asset, &who)
}

fn view(pool: PoolId) -> PoolView {
	DebtPool::view(pool).expect("pool")
}

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::DebtPool(e) = r.event { Some(e) } else { None })
		.collect()
}

fn spec(yield_percent: u64, sub_percent: u32) -> TrancheSpec {
	TrancheSpec {
		yield_rate: Perquintill::from_percent(yield_percent),
		min_subordination: Perbill::from_percent(sub_percent),
	}
}

/// A pool by the originator: junior + senior (8 %, 20 % subordination), `cover` first-loss
/// cover, no fee, reserve up to 10 M.
fn two_tranche_pool(cover: Balance) -> PoolId {
	create_pool(vec![spec(0, 0), spec(8, 20)], cover, Perquintill::zero())
}

fn create_pool(specs: Vec<TrancheSpec>, cover: Balance, fee: Perquintill) -> PoolId {
	let id = NextPoolId::<Test>::get();
	assert_ok!(DebtPool::create(
		RuntimeOrigin::signed(ORIGINATOR),
		USDT,
		BoundedVec::truncate_from(b"trade-receivables-B".to_vec()),
		BoundedVec::truncate_from(specs),
		10_000 * K,
		cover,
		fee,
	));
	id
}

/// The 80/20 pool funded: junior 200 k, senior 800 k.
fn funded_pool(cover: Balance) -> PoolId {
	let pool = two_tranche_pool(cover);
	assert_ok!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, 200 * K));
	assert_ok!(DebtPool::invest(RuntimeOrigin::signed(SENIOR), pool, 1, 800 * K));
	pool
}

/// Σ USDT held by every party, the pool accounts and the loan escrow.
fn total_usdt(pools: &[PoolId]) -> Balance {
	let parties = [BORROWER, ORIGINATOR, SENIOR, JUNIOR, BUSINESS2, MANAGER, VERIFIER, ISSUER, POOR];
	parties.iter().map(|a| usdt(*a)).sum::<Balance>() +
		pools.iter().map(|p| usdt(DebtPool::pool_account(*p))).sum::<Balance>() +
		usdt(AssetLoan::escrow_account())
}

// ----- create -----

#[test]
fn create_makes_share_tokens_and_takes_cover_and_deposit() {
	new_test_ext().execute_with(|| {
		let pool = two_tranche_pool(20 * K);
		let p = Pools::<Test>::get(pool).unwrap();
		assert_eq!(p.state, PoolState::Open);
		assert_eq!(p.tranches.len(), 2);
		assert_eq!(p.tranches[0].share_asset, SHARE_ASSETS_START);
		assert_eq!(p.tranches[1].share_asset, SHARE_ASSETS_START + 1);
		// The junior tranche never has a yield or a subordination requirement.
		assert_eq!(p.tranches[0].yield_rate, Perquintill::zero());
		assert!(<Assets as FunsInspect<AccountId>>::asset_exists(SHARE_ASSETS_START + 1));
		assert_eq!(usdt(DebtPool::pool_account(pool)), 20 * K);
		assert_eq!(p.first_loss_cover, 20 * K);
		assert_eq!(
			<Balances as InspectHold<AccountId>>::balance_on_hold(&HoldReason::PoolDeposit.into(), &ORIGINATOR),
			POOL_DEPOSIT
		);
		assert!(matches!(events().last(), Some(Event::Created { open: true, .. })));
	});
}

#[test]
fn create_refuses_bad_tranches() {
	new_test_ext().execute_with(|| {
		let create = |specs: Vec<TrancheSpec>| {
			DebtPool::create(
				RuntimeOrigin::signed(ORIGINATOR),
				USDT,
				BoundedVec::new(),
				BoundedVec::truncate_from(specs),
				K,
				0,
				Perquintill::zero(),
			)
		};
		assert_noop!(create(vec![]), Error::<Test>::BadTrancheCount);
		assert_noop!(create(vec![spec(0, 0), spec(5, 100)]), Error::<Test>::BadSubordination);
		// Five tranches are fine.
		assert_ok!(create(vec![spec(0, 0), spec(12, 10), spec(10, 20), spec(8, 30), spec(6, 40)]));
	});
}

#[test]
fn create_refuses_a_taken_share_asset_id() {
	new_test_ext().execute_with(|| {
		// A squatted id is skipped …
		assert_ok!(Assets::create(RuntimeOrigin::signed(ISSUER), SHARE_ASSETS_START + 1, ISSUER, 1));
		let pool = two_tranche_pool(0);
		let ids: Vec<_> = Pools::<Test>::get(pool).unwrap().tranches.iter().map(|t| t.share_asset).collect();
		assert_eq!(ids, vec![SHARE_ASSETS_START, SHARE_ASSETS_START + 2]);
		// … but not a long run of them.
		for i in 3..3 + functions::SHARE_ID_PROBES {
			assert_ok!(Assets::create(RuntimeOrigin::signed(ISSUER), SHARE_ASSETS_START + i, ISSUER, 1));
		}
		assert_noop!(
			DebtPool::create(
				RuntimeOrigin::signed(ORIGINATOR),
				USDT,
				BoundedVec::new(),
				BoundedVec::truncate_from(vec![spec(0, 0), spec(5, 10)]),
				K,
				0,
				Perquintill::zero()
			),
			Error::<Test>::ShareAssetUnavailable
		);
	});
}

#[test]
fn approval_when_governance_requires_it() {
	new_test_ext().execute_with(|| {
		assert_noop!(DebtPool::set_approval_required(RuntimeOrigin::signed(ORIGINATOR), true), BadOrigin);
		assert_ok!(DebtPool::set_approval_required(RuntimeOrigin::root(), true));
		let pool = two_tranche_pool(0);
		assert_eq!(Pools::<Test>::get(pool).unwrap().state, PoolState::PendingApproval);
		assert_noop!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, K), Error::<Test>::NotOpen);
		let loan = request_loan(BORROWER, K, 10, 30);
		assert_noop!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, loan), Error::<Test>::NotOpen);
		assert_noop!(DebtPool::approve(RuntimeOrigin::signed(ORIGINATOR), pool), BadOrigin);
		assert_ok!(DebtPool::approve(RuntimeOrigin::root(), pool));
		assert_eq!(Pools::<Test>::get(pool).unwrap().state, PoolState::Open);
		assert_noop!(DebtPool::approve(RuntimeOrigin::root(), pool), Error::<Test>::NotPendingApproval);
		assert_noop!(DebtPool::approve(RuntimeOrigin::root(), 77), Error::<Test>::UnknownPool);
		assert_ok!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, K));
	});
}

// ----- invest -----

#[test]
fn invest_mints_shares_at_the_price() {
	new_test_ext().execute_with(|| {
		let pool = funded_pool(0);
		assert_eq!(shares(pool, 0, JUNIOR), 200 * K);
		assert_eq!(shares(pool, 1, SENIOR), 800 * K);
		assert_eq!(usdt(SENIOR), START_USDT - 800 * K);
		let v = view(pool);
		assert_eq!(v.nav, 1_000 * K);
		assert_eq!(v.reserve, 1_000 * K);
		assert_eq!(v.tranches[1].subordination, Perbill::from_percent(20));
		assert_eq!(v.tranches[0].price, FixedU128::from_u32(1));
		assert!(matches!(
			events().last(),
			Some(Event::Invested { tranche: 1, who: SENIOR, amount, shares, .. }) if *amount == 800 * K && *shares == 800 * K
		));
	});
}

#[test]
fn invest_refused_when_it_breaks_subordination() {
	new_test_ext().execute_with(|| {
		let pool = two_tranche_pool(0);
		// No junior capital: a senior deposit has 0 % below it.
		assert_noop!(DebtPool::invest(RuntimeOrigin::signed(SENIOR), pool, 1, K), Error::<Test>::SubordinationBreached);
		assert_ok!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, 200 * K));
		// 200 / (200 + 800 + 1) < 20 %.
		assert_noop!(
			DebtPool::invest(RuntimeOrigin::signed(SENIOR), pool, 1, 800 * K + 1),
			Error::<Test>::SubordinationBreached
		);
		assert_ok!(DebtPool::invest(RuntimeOrigin::signed(SENIOR), pool, 1, 800 * K));
	});
}

#[test]
fn invest_refusals() {
	new_test_ext().execute_with(|| {
		let pool = two_tranche_pool(0);
		assert_noop!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), 9, 0, K), Error::<Test>::UnknownPool);
		assert_noop!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 2, K), Error::<Test>::UnknownTranche);
		assert_noop!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, 0), Error::<Test>::ZeroAmount);
		assert_noop!(
			DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, 10_000 * K + 1),
			Error::<Test>::MaxReserveExceeded
		);
		// Not enough USDT.
		assert!(DebtPool::invest(RuntimeOrigin::signed(POOR), pool, 0, START_USDT + 1).is_err());
	});
}

#[test]
fn invest_too_small_for_one_share_unit() {
	new_test_ext().execute_with(|| {
		let pool = funded_pool(0);
		let loan = request_loan(BORROWER, 1_000 * K, 20, 365);
		assert_ok!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, loan));
		advance(100 * DAY);
		// Junior shares are worth more than 1 unit each now: 1 unit buys nothing.
		assert!(view(pool).tranches[0].price > FixedU128::from_u32(1));
		assert_noop!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, 1), Error::<Test>::TooSmall);
	});
}

// ----- finance and repayments -----

#[test]
fn finance_funds_a_loan_from_the_reserve_and_repayments_return() {
	new_test_ext().execute_with(|| {
		let pool = funded_pool(0);
		let loan = request_loan(BORROWER, 500 * K, 10, 365);
		assert_noop!(DebtPool::finance(RuntimeOrigin::signed(SENIOR), pool, loan), Error::<Test>::NotAdminOrManager);
		assert_ok!(DebtPool::set_manager(RuntimeOrigin::signed(ORIGINATOR), pool, Some(MANAGER)));
		assert_ok!(DebtPool::finance(RuntimeOrigin::signed(MANAGER), pool, loan));
		assert_eq!(Loans::<Test>::get(loan).unwrap().lender, Some(DebtPool::pool_account(pool)));
		let v = view(pool);
		assert_eq!(v.reserve, 500 * K);
		assert_eq!(v.active_loans, 1);
		assert_eq!(v.nav, 1_000 * K);
		assert_noop!(DebtPool::finance(RuntimeOrigin::signed(MANAGER), pool, loan), Error::<Test>::LoanNotRequested);
		// Half a year later the pool's books agree with the loan's debt.
		advance(182 * DAY);
		let debt = AssetLoan::view(loan, Timestamp::get()).unwrap().debt;
		let v = view(pool);
		assert!(v.nav.abs_diff(500 * K + debt) <= 2, "{} vs {}", v.nav, 500 * K + debt);
		// Repayment in full: cash back in the reserve.
		assert_ok!(AssetLoan::repay_in_full(RuntimeOrigin::signed(BORROWER), loan));
		let v = view(pool);
		assert_eq!(v.reserve, 500 * K + debt);
		assert_eq!(v.active_loans, 0);
		assert!(v.nav.abs_diff(500 * K + debt) <= 2);
		assert!(PoolLoans::<Test>::get(loan).is_none());
		assert_eq!(usdt(DebtPool::pool_account(pool)), 500 * K + debt);
		assert!(events().iter().any(|e| matches!(e, Event::LoanRepaid { .. })));
	});
}

#[test]
fn finance_refusals() {
	new_test_ext().execute_with(|| {
		let pool = funded_pool(0);
		let big = request_loan(BORROWER, 1_000 * K + 1, 10, 365);
		assert_noop!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, big), Error::<Test>::InsufficientReserve);
		assert_noop!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, 99), Error::<Test>::LoanNotRequested);
		assert_noop!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), 9, big), Error::<Test>::UnknownPool);
		// A pool in another currency cannot fund a USDT loan.
		assert_ok!(DebtPool::create(
			RuntimeOrigin::signed(ORIGINATOR),
			OTHER_COIN,
			BoundedVec::new(),
			BoundedVec::truncate_from(vec![spec(0, 0)]),
			K,
			0,
			Perquintill::zero()
		));
		assert_noop!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), 1, big), Error::<Test>::CurrencyMismatch);
	});
}

#[test]
fn rate_buckets_are_bounded() {
	new_test_ext().execute_with(|| {
		let pool = funded_pool(0);
		for rate in [5u64, 6, 7, 8] {
			let loan = request_loan(BORROWER, K, rate, 365);
			assert_ok!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, loan));
		}
		// A fifth loan at a known rate shares its bucket …
		let same = request_loan(BORROWER, K, 5, 365);
		assert_ok!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, same));
		assert_eq!(Pools::<Test>::get(pool).unwrap().buckets.len(), 4);
		// … a fifth rate does not fit.
		let other = request_loan(BORROWER, K, 9, 365);
		assert_noop!(
			DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, other),
			Error::<Test>::TooManyRateBuckets
		);
	});
}

#[test]
fn set_manager_is_for_the_admin() {
	new_test_ext().execute_with(|| {
		let pool = two_tranche_pool(0);
		assert_noop!(DebtPool::set_manager(RuntimeOrigin::signed(SENIOR), pool, Some(SENIOR)), Error::<Test>::NotAdmin);
		assert_noop!(DebtPool::set_manager(RuntimeOrigin::signed(SENIOR), 5, None), Error::<Test>::UnknownPool);
	});
}

// ----- the worked example -----

/// 80 % senior at 8 %, 20 % junior, 20 k first-loss cover. 900 k lent at 10 % for two years,
/// 100 k at 10 % for 300 days. After a year the 100 k loan (≈ 10 % of NAV) defaults and the
/// pool seizes its collateral: the cover absorbs 20 k, the junior tranche the rest, the senior
/// tranche's price does not move.
#[test]
fn worked_example_default_hits_cover_then_junior_and_spares_the_senior() {
	new_test_ext().execute_with(|| {
		let pool = funded_pool(20 * K);
		let a = request_loan(BORROWER, 900 * K, 10, 730);
		let b = request_loan(BUSINESS2, 100 * K, 10, 300);
		assert_ok!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, a));
		assert_ok!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, b));
		assert_eq!(view(pool).reserve, 0);

		// One year.
		Timestamp::set_timestamp(GENESIS_TIME + YEAR_S * 1000);
		let before = view(pool);
		// Hand computation (per-second compounding ≈ continuous): NAV = 1 M × e^0.10,
		// senior = 800 k × e^0.08, junior = the rest.
		let nav = 1_000_000.0 * 0.10f64.exp();
		let senior = 800_000.0 * 0.08f64.exp();
		let close = |got: Balance, want: f64| (got as f64 / 1e6 - want).abs() < 0.01;
		assert!(close(before.nav, nav), "nav {}", before.nav);
		assert!(close(before.tranches[1].value, senior), "senior {}", before.tranches[1].value);
		assert!(close(before.tranches[0].value, nav - senior), "junior {}", before.tranches[0].value);
		assert_eq!(before.tranches[0].value + before.tranches[1].value, before.nav);

		// Loan b: matured at day 300, 65 days overdue > 30 days of grace.
		assert_ok!(AssetLoan::mark_default(RuntimeOrigin::signed(SENIOR), b));
		let book_b = {
			let p = Pools::<Test>::get(pool).unwrap();
			let pl = PoolLoans::<Test>::get(b).unwrap();
			let mut bucket = p.buckets.iter().find(|x| x.rate == pl.rate).copied().unwrap();
			bucket.accumulator.accrue(Timestamp::get() / 1000).unwrap();
			bucket.accumulator.debt(pl.normalized).unwrap()
		};
		assert!(close(book_b, 100_000.0 * 0.10f64.exp()), "{book_b}");
		// ≈ 10 % of NAV.
		assert_eq!(Perbill::from_rational(book_b, before.nav).deconstruct() / 10_000_000, 10);
		let pool_account = DebtPool::pool_account(pool);
		assert_ok!(AssetLoan::seize(RuntimeOrigin::signed(pool_account), b));

		let after = view(pool);
		// The cover paid 20 k into the reserve …
		assert_eq!(after.first_loss_cover, 0);
		assert_eq!(after.reserve, 20 * K);
		assert!(events().contains(&Event::LossBooked { pool, loss: book_b, covered: 20 * K }));
		// … the junior tranche lost the rest …
		// (± 1 unit: the bucket's debt is rounded up once for all its loans.)
		let expected = before.tranches[0].value - (book_b - 20 * K);
		assert!(after.tranches[0].value.abs_diff(expected) <= 1, "{} vs {expected}", after.tranches[0].value);
		// … and the senior tranche is untouched.
		assert_eq!(after.tranches[1].value, before.tranches[1].value);
		assert_eq!(after.tranches[1].price, before.tranches[1].price);
		assert_eq!(after.state, PoolState::Open);
	});
}

#[test]
fn a_wiped_out_junior_tranche_impairs_the_pool() {
	new_test_ext().execute_with(|| {
		let pool = funded_pool(0);
		let loan = request_loan(BORROWER, 500 * K, 10, 30);
		assert_ok!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, loan));
		advance(61 * DAY);
		assert_ok!(AssetLoan::mark_default(RuntimeOrigin::signed(SENIOR), loan));
		assert_ok!(AssetLoan::seize(RuntimeOrigin::signed(DebtPool::pool_account(pool)), loan));
		let v = view(pool);
		assert_eq!(v.state, PoolState::Impaired);
		assert_eq!(v.tranches[0].value, 0);
		assert!(events().contains(&Event::Impaired { pool }));
		assert_noop!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, K), Error::<Test>::NotOpen);
		// Senior holders can still leave with what is there.
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(SENIOR), pool, 1, 100 * K));
		assert!(events().iter().any(|e| matches!(e, Event::RedemptionServed { tranche: 1, .. })));
	});
}

#[test]
fn write_downs_follow_the_loan_valuation_and_hit_the_cover_first() {
	new_test_ext().execute_with(|| {
		let pool = funded_pool(50 * K);
		let loan = request_loan(BORROWER, 400 * K, 0, 30);
		assert_ok!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, loan));
		assert_noop!(DebtPool::update_loan(RuntimeOrigin::signed(SENIOR), 77), Error::<Test>::NotPoolLoan);
		// Overdue 30 days: the genesis policy writes down 10 %.
		Timestamp::set_timestamp(GENESIS_TIME + 60 * DAY + 1_000);
		let pv = AssetLoan::view(loan, Timestamp::get()).unwrap().present_value;
		let debt = AssetLoan::view(loan, Timestamp::get()).unwrap().debt;
		assert_eq!(pv, debt - Perbill::from_percent(10) * debt);
		assert_ok!(DebtPool::update_loan(RuntimeOrigin::signed(SENIOR), loan));
		let p = Pools::<Test>::get(pool).unwrap();
		assert_eq!(p.written_down_value, pv);
		assert_eq!(PoolLoans::<Test>::get(loan).unwrap().written_down, Some(pv));
		// The drop (from the book value at 0 %: 400 k) came out of the cover.
		assert_eq!(p.first_loss_cover, 50 * K - (400 * K - pv));
		// Paying in full restores everything: NAV = original capital + cover used + penalty.
		assert_ok!(AssetLoan::repay_in_full(RuntimeOrigin::signed(BORROWER), loan));
		let v = view(pool);
		assert_eq!(v.active_loans, 0);
		assert_eq!(Pools::<Test>::get(pool).unwrap().written_down_value, 0);
		assert_eq!(v.reserve, 600 * K + debt + (50 * K - v.first_loss_cover));
	});
}

// ----- redemptions -----

#[test]
fn redemptions_are_served_senior_first_then_first_in_first_out() {
	new_test_ext().execute_with(|| {
		let pool = funded_pool(0);
		// All cash lent out.
		let loan = request_loan(BORROWER, 1_000 * K, 0, 365);
		assert_ok!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, loan));
		// Junior wants out first, then two senior requests (the second senior holder got
		// shares by transfer: share tokens are ordinary assets).
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(SENIOR), SHARE_ASSETS_START + 1, MANAGER, 100 * K));
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(JUNIOR), pool, 0, 10 * K));
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(SENIOR), pool, 1, 300 * K));
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(MANAGER), pool, 1, 100 * K));
		let v = view(pool);
		assert_eq!(v.tranches[0].queue_length, 1);
		assert_eq!(v.tranches[1].queue_length, 2);
		assert_eq!(v.tranches[1].queued_shares, 400 * K);
		assert_eq!(DebtPool::position(pool, &SENIOR)[1].queued, 300 * K);
		// Nothing served: no cash.
		assert!(!events().iter().any(|e| matches!(e, Event::RedemptionServed { .. })));
		// 350 k comes back: senior 300 k in full, then 50 k of the second senior request; the
		// junior request waits.
		assert_ok!(AssetLoan::repay(RuntimeOrigin::signed(BORROWER), loan, 350 * K));
		let served: Vec<_> = events()
			.into_iter()
			.filter_map(|e| match e {
				Event::RedemptionServed { tranche, who, amount, .. } => Some((tranche, who, amount)),
				_ => None,
			})
			.collect();
		assert_eq!(served, vec![(1, SENIOR, 300 * K), (1, MANAGER, 50 * K)]);
		assert_eq!(usdt(SENIOR), START_USDT - 800 * K + 300 * K);
		let v = view(pool);
		assert_eq!(v.tranches[1].queue_length, 1);
		assert_eq!(v.tranches[1].queued_shares, 50 * K);
		assert_eq!(v.tranches[0].queue_length, 1);
		// The manager cancels the rest; the junior request is served on the next cash.
		assert_noop!(
			DebtPool::cancel_redemption(RuntimeOrigin::signed(SENIOR), pool, 1, 1),
			Error::<Test>::NotRedemptionOwner
		);
		assert_ok!(DebtPool::cancel_redemption(RuntimeOrigin::signed(MANAGER), pool, 1, 1));
		assert_eq!(shares(pool, 1, MANAGER), 50 * K);
		assert_noop!(
			DebtPool::cancel_redemption(RuntimeOrigin::signed(MANAGER), pool, 1, 1),
			Error::<Test>::UnknownRedemption
		);
		assert_ok!(AssetLoan::repay(RuntimeOrigin::signed(BORROWER), loan, 20 * K));
		assert!(matches!(
			events().into_iter().filter(|e| matches!(e, Event::RedemptionServed { .. })).last(),
			Some(Event::RedemptionServed { tranche: 0, who: JUNIOR, amount, .. }) if amount == 10 * K
		));
	});
}

#[test]
fn junior_redemption_waits_for_subordination() {
	new_test_ext().execute_with(|| {
		let pool = funded_pool(0);
		// Exactly 20 % junior: redeeming any junior share would break the senior's minimum.
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(JUNIOR), pool, 0, 10 * K));
		assert!(!events().iter().any(|e| matches!(e, Event::RedemptionServed { .. })));
		// The senior redeems 100 k: now 200 / 900 > 20 %, room for 200 − 0.2·900 = 20 k / 0.8 = 25 k.
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(SENIOR), pool, 1, 100 * K));
		assert!(events().iter().any(|e| matches!(e, Event::RedemptionServed { tranche: 0, amount, .. } if *amount == 10 * K)));
		let v = view(pool);
		assert!(v.tranches[1].subordination >= Perbill::from_percent(20));
		assert_noop!(DebtPool::redeem(RuntimeOrigin::signed(JUNIOR), pool, 0, 0), Error::<Test>::ZeroAmount);
		assert_noop!(DebtPool::redeem(RuntimeOrigin::signed(JUNIOR), pool, 3, 1), Error::<Test>::UnknownTranche);
		assert_noop!(DebtPool::cancel_redemption(RuntimeOrigin::signed(JUNIOR), 8, 0, 0), Error::<Test>::UnknownPool);
	});
}

#[test]
fn senior_earns_exactly_its_yield_and_junior_the_rest() {
	new_test_ext().execute_with(|| {
		let pool = funded_pool(0);
		let loan = request_loan(BORROWER, 1_000 * K, 12, 366);
		assert_ok!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, loan));
		Timestamp::set_timestamp(GENESIS_TIME + YEAR_S * 1000);
		assert_ok!(AssetLoan::repay_in_full(RuntimeOrigin::signed(BORROWER), loan));
		let senior_claim = {
			let p = Pools::<Test>::get(pool).unwrap();
			p.tranches[1].accumulator.debt(p.tranches[1].normalized_claim).unwrap()
		};
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(SENIOR), pool, 1, 800 * K));
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(JUNIOR), pool, 0, 200 * K));
		let senior_gain = usdt(SENIOR) - (START_USDT - 800 * K);
		assert_eq!(senior_gain, senior_claim);
		assert!(((senior_gain as f64 / 1e6) - 800_000.0 * 0.08f64.exp()).abs() < 0.01);
		assert!(usdt(JUNIOR) > START_USDT, "junior earned the excess spread");
		// Everything redeemed: the pool can close.
		assert_eq!(view(pool).tranches[0].supply + view(pool).tranches[1].supply, 0);
		assert_noop!(DebtPool::close(RuntimeOrigin::signed(SENIOR), pool), Error::<Test>::NotAdmin);
		assert_ok!(DebtPool::close(RuntimeOrigin::signed(ORIGINATOR), pool));
		assert!(Pools::<Test>::get(pool).is_none());
	});
}

#[test]
fn close_refused_while_loans_or_shares_remain() {
	new_test_ext().execute_with(|| {
		let pool = funded_pool(5 * K);
		assert_noop!(DebtPool::close(RuntimeOrigin::signed(ORIGINATOR), pool), Error::<Test>::PoolNotEmpty);
		assert_noop!(DebtPool::close(RuntimeOrigin::signed(ORIGINATOR), 4), Error::<Test>::UnknownPool);
		let empty = two_tranche_pool(5 * K);
		let before = usdt(ORIGINATOR);
		assert_ok!(DebtPool::close(RuntimeOrigin::signed(ORIGINATOR), empty));
		assert_eq!(usdt(ORIGINATOR), before + 5 * K);
		assert!(matches!(events().last(), Some(Event::Closed { returned, .. }) if *returned == 5 * K));
	});
}

#[test]
fn the_originator_fee_is_paid_before_the_tranches() {
	new_test_ext().execute_with(|| {
		let pool = create_pool(vec![spec(0, 0)], 0, Perquintill::from_percent(1));
		assert_ok!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, 1_000 * K));
		Timestamp::set_timestamp(GENESIS_TIME + YEAR_S * 1000);
		let before = usdt(ORIGINATOR);
		assert_ok!(DebtPool::process_redemptions(RuntimeOrigin::signed(SENIOR), pool));
		// 1 % of 1 M for a year.
		assert_eq!(usdt(ORIGINATOR) - before, 10 * K);
		assert_eq!(view(pool).nav, 990 * K);
	});
}

// ----- property: conservation, Σ tranche values = NAV, subordination -----

mod properties {
	use super::*;
	use proptest::prelude::*;

	#[derive(Clone, Debug)]
	enum Op {
		Invest(u8, u16),
		Redeem(u8, u16),
		Cancel(u8, u8),
		Finance(u8, u16),
		Repay(u8, u16),
		Wait(u16),
		Default(u8),
		Seize(u8),
		WriteDown(u8),
	}

	fn op() -> impl Strategy<Value = Op> {
		prop_oneof![
			(0u8..2, 1u16..1000).prop_map(|(t, a)| Op::Invest(t, a)),
			(0u8..2, 1u16..1000).prop_map(|(t, a)| Op::Redeem(t, a)),
			(0u8..2, 0u8..6).prop_map(|(t, p)| Op::Cancel(t, p)),
			(0u8..3, 1u16..500).prop_map(|(r, a)| Op::Finance(r, a)),
			(0u8..6, 1u16..500).prop_map(|(l, a)| Op::Repay(l, a)),
			(1u16..2000).prop_map(Op::Wait),
			(0u8..6).prop_map(Op::Default),
			(0u8..6).prop_map(Op::Seize),
			(0u8..6).prop_map(Op::WriteDown),
		]
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(40))]
		#[test]
		fn stablecoin_conserved_values_sum_to_nav_and_subordination_kept(ops in proptest::collection::vec(op(), 1..40)) {
			new_test_ext().execute_with(|| {
				let pool = funded_pool(10 * K);
				let start = total_usdt(&[pool]);
				let holders = [JUNIOR, SENIOR];
				let mut loans = Vec::new();
				for op in ops {
					let o = RuntimeOrigin::signed;
					let mut check_sub = false;
					// Yields accrue between calls and can erode subordination by themselves; what a
					// call must never do is take a tranche below its minimum.
					let held_before = {
						let p = Pools::<Test>::get(pool).unwrap();
						let values: Vec<Balance> = view(pool).tranches.iter().map(|t| t.value).collect();
						DebtPool::subordination_holds(&p, &values)
					};
					let r: DispatchResult = match op {
						Op::Invest(t, a) => { check_sub = true; DebtPool::invest(o(holders[t as usize]), pool, t, a as u128 * K).map(|_| ()).map_err(|e| e.error) },
						Op::Redeem(t, a) => { check_sub = true; DebtPool::redeem(o(holders[t as usize]), pool, t, a as u128 * K).map(|_| ()).map_err(|e| e.error) },
						Op::Cancel(t, p) => DebtPool::cancel_redemption(o(holders[t as usize]), pool, t, p as u64),
						Op::Finance(r, a) => {
							let loan = request_loan(BORROWER, a as u128 * K, 5 + r as u64, 30);
							let res = DebtPool::finance(o(ORIGINATOR), pool, loan);
							if res.is_ok() { loans.push(loan); } else { let _ = AssetLoan::cancel(o(BORROWER), loan); }
							res
						},
						Op::Repay(l, a) => match loans.get(l as usize) {
							Some(id) => AssetLoan::repay(o(BORROWER), *id, a as u128 * K).map(|_| ()).map_err(|e| e.error),
							None => Ok(()),
						},
						Op::Wait(h) => { advance(h as u64 * 3_600_000); Ok(()) },
						Op::Default(l) => loans.get(l as usize).map(|id| AssetLoan::mark_default(o(SENIOR), *id)).unwrap_or(Ok(())),
						Op::Seize(l) => loans.get(l as usize).map(|id| AssetLoan::seize(o(DebtPool::pool_account(pool)), *id).map(|_| ()).map_err(|e| e.error)).unwrap_or(Ok(())),
						Op::WriteDown(l) => loans.get(l as usize).map(|id| DebtPool::update_loan(o(SENIOR), *id)).unwrap_or(Ok(())),
					};
					prop_assert_eq!(total_usdt(&[pool]), start);
					let p = Pools::<Test>::get(pool).unwrap();
					// The pool account holds exactly reserve + cover.
					prop_assert_eq!(usdt(DebtPool::pool_account(pool)), p.reserve + p.first_loss_cover);
					let v = view(pool);
					let sum: Balance = v.tranches.iter().map(|t| t.value).sum();
					prop_assert_eq!(sum, v.nav);
					if check_sub && r.is_ok() && held_before {
						let values: Vec<Balance> = v.tranches.iter().map(|t| t.value).collect();
						prop_assert!(DebtPool::subordination_holds(&p, &values), "{:?}", v);
					}
					// Loans open in the loan pallet and in the pool's books agree.
					let open = loans.iter().filter(|id| Loans::<Test>::contains_key(**id)).count() as u32;
					prop_assert_eq!(p.active_loans, open);
					let _ = LoanStatus::Active;
				}
				Ok(())
			})?;
		}
	}
}

#[test]
fn calls_charge_only_for_the_redemptions_they_serve() {
	use crate::weights::WeightInfo;
	new_test_ext().execute_with(|| {
		let pool = funded_pool(0);
		// Nothing queued: no serving weight beyond the fixed part.
		let info = DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, K).unwrap();
		assert_eq!(info.actual_weight, Some(<() as WeightInfo>::invest() + <() as WeightInfo>::serve_redemptions(0)));
		// A redemption served at once: one entry.
		let info = DebtPool::redeem(RuntimeOrigin::signed(SENIOR), pool, 1, K).unwrap();
		assert_eq!(info.actual_weight, Some(<() as WeightInfo>::redeem() + <() as WeightInfo>::serve_redemptions(1)));
	});
}
