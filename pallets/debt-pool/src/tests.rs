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
	assert_ok!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, 200 * K, 0));
	assert_ok!(DebtPool::invest(RuntimeOrigin::signed(SENIOR), pool, 1, 800 * K, 0));
	pool
}

/// Σ USDT held by every party, the pool accounts and the loan escrow.
fn total_usdt(pools: &[PoolId]) -> Balance {
	let parties = [BORROWER, ORIGINATOR, SENIOR, JUNIOR, BUSINESS2, MANAGER, VERIFIER, ISSUER, POOR, BIDDER_A, BIDDER_B, NO_USDT];
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
		// The cover and the anchor (USDT's minimum balance, which keeps the account alive).
		assert_eq!(usdt(DebtPool::pool_account(pool)), 20 * K + USDT_MIN);
		assert_eq!(p.anchor, USDT_MIN);
		assert_eq!(p.first_loss_cover, 20 * K);
		// Share accounts cost what a USDT account costs; the pool holds one anchor share each.
		assert_eq!(<Assets as FunsInspect<AccountId>>::minimum_balance(SHARE_ASSETS_START), USDT_MIN);
		assert_eq!(shares(pool, 0, DebtPool::pool_account(pool)), USDT_MIN);
		assert_eq!(view(pool).tranches[0].supply, 0);
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
		// Only currencies governance lists for lending (4242: an asset nobody listed).
		assert_noop!(
			DebtPool::create(
				RuntimeOrigin::signed(ORIGINATOR),
				4242,
				BoundedVec::new(),
				BoundedVec::truncate_from(vec![spec(0, 0)]),
				K,
				0,
				Perquintill::zero(),
			),
			Error::<Test>::CurrencyNotLendable
		);
		assert_noop!(create(vec![spec(0, 0), spec(5, 100)]), Error::<Test>::BadSubordination);
		// Five tranches are fine.
		assert_ok!(create(vec![spec(0, 0), spec(12, 10), spec(10, 20), spec(8, 30), spec(6, 40)]));
	});
}

#[test]
fn create_refuses_a_taken_share_asset_id() {
	new_test_ext().execute_with(|| {
		// The runtime reserves share-token ids (nobody but a pool may create them: see the
		// runtime test); here the mock lets the issuer take one, and creation says so instead
		// of stepping around it.
		assert_ok!(Assets::create(RuntimeOrigin::signed(ISSUER), SHARE_ASSETS_START + 1, ISSUER, 1));
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
		assert_noop!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, K, 0), Error::<Test>::NotOpen);
		let loan = request_loan(BORROWER, K, 10, 30);
		assert_noop!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, loan), Error::<Test>::NotOpen);
		assert_noop!(DebtPool::approve(RuntimeOrigin::signed(ORIGINATOR), pool), BadOrigin);
		assert_ok!(DebtPool::approve(RuntimeOrigin::root(), pool));
		assert_eq!(Pools::<Test>::get(pool).unwrap().state, PoolState::Open);
		assert_noop!(DebtPool::approve(RuntimeOrigin::root(), pool), Error::<Test>::NotPendingApproval);
		assert_noop!(DebtPool::approve(RuntimeOrigin::root(), 77), Error::<Test>::UnknownPool);
		assert_ok!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, K, 0));
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
		assert_noop!(DebtPool::invest(RuntimeOrigin::signed(SENIOR), pool, 1, K, 0), Error::<Test>::SubordinationBreached);
		assert_ok!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, 200 * K, 0));
		// 200 / (200 + 800 + 1) < 20 %.
		assert_noop!(
			DebtPool::invest(RuntimeOrigin::signed(SENIOR), pool, 1, 800 * K + 1, 0),
			Error::<Test>::SubordinationBreached
		);
		assert_ok!(DebtPool::invest(RuntimeOrigin::signed(SENIOR), pool, 1, 800 * K, 0));
	});
}

#[test]
fn invest_refusals() {
	new_test_ext().execute_with(|| {
		let pool = two_tranche_pool(0);
		assert_noop!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), 9, 0, K, 0), Error::<Test>::UnknownPool);
		assert_noop!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 2, K, 0), Error::<Test>::UnknownTranche);
		assert_noop!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, 0, 0), Error::<Test>::ZeroAmount);
		assert_noop!(
			DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, 10_000 * K + 1, 0),
			Error::<Test>::MaxReserveExceeded
		);
		// Not enough USDT.
		assert!(DebtPool::invest(RuntimeOrigin::signed(POOR), pool, 0, START_USDT + 1, 0).is_err());
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
		assert_noop!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, 1, 0), Error::<Test>::TooSmall);
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
		assert_eq!(DebtPool::pool_of(loan), Ok(pool));
		let v = view(pool);
		assert_eq!(v.reserve, 500 * K);
		assert_eq!(v.active_loans, 1);
		assert_eq!(v.loan_value, 500 * K);
		assert_eq!(v.nav, 1_000 * K);
		assert_noop!(DebtPool::finance(RuntimeOrigin::signed(MANAGER), pool, loan), Error::<Test>::LoanNotRequested);
		// Half a year later the pool's value of the loan is the loan's debt: one set of books.
		advance(182 * DAY);
		let debt = AssetLoan::view(loan, Timestamp::get()).unwrap().debt;
		let v = view(pool);
		assert_eq!(v.loan_value, debt);
		assert_eq!(v.nav, 500 * K + debt);
		// Repayment in full, straight to the pool account: no notification, the cash is there.
		assert_ok!(AssetLoan::repay_in_full(RuntimeOrigin::signed(BORROWER), loan));
		let v = view(pool);
		assert_eq!(v.reserve, 500 * K + debt);
		assert_eq!(v.active_loans, 0);
		assert_eq!(v.loan_value, 0);
		assert_eq!(v.nav, 500 * K + debt);
		assert_eq!(usdt(DebtPool::pool_account(pool)), 500 * K + debt + USDT_MIN);
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
		let account = DebtPool::pool_account(pool);
		assert_eq!(pallet_asset_loan::Portfolios::<Test>::get(account).buckets.len(), 4);
		// … a fifth rate does not fit in the pool's portfolio.
		let other = request_loan(BORROWER, K, 9, 365);
		assert_noop!(
			DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, other),
			pallet_asset_loan::Error::<Test>::TooManyRates
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

// ----- helpers for the failure paths -----

/// The pool's books balance: its account holds exactly cash + cover + payouts set aside +
/// anchor.
fn assert_books_balance(pool: PoolId) {
	let p = Pools::<Test>::get(pool).unwrap();
	let v = view(pool);
	assert_eq!(
		usdt(DebtPool::pool_account(pool)),
		v.reserve + v.first_loss_cover + p.payable + p.fee_payable + p.anchor,
		"pool account vs books"
	);
	assert_eq!(v.tranches.iter().map(|t| t.value).sum::<Balance>(), v.nav, "Σ tranche values = NAV");
}

/// Claim every served redemption of `who` in `pool`.
fn claim_all(pool: PoolId, who: AccountId) {
	for t in 0..Pools::<Test>::get(pool).unwrap().tranches.len() as TrancheIndex {
		let positions: Vec<_> = Queues::<Test>::iter_prefix((pool, t))
			.filter(|(_, e)| e.who == who && e.payable > 0)
			.map(|(pos, _)| pos)
			.collect();
		for pos in positions {
			assert_ok!(DebtPool::claim(RuntimeOrigin::signed(who), pool, t, pos));
		}
	}
}

fn served(who: AccountId) -> Balance {
	events()
		.into_iter()
		.filter_map(|e| match e {
			Event::RedemptionServed { who: w, amount, .. } if w == who => Some(amount),
			_ => None,
		})
		.sum()
}

// ----- the worked example -----

/// 80 % senior at 8 %, 20 % junior, 20 k first-loss cover. 900 k lent at 10 % for two years,
/// 100 k at 10 % for 300 days. After a year the 100 k loan is 65 days late: revalued, it is
/// written down 50 %, and the cover stands behind 20 k of that. It defaults; the pool
/// liquidates it by auction; two bidders; the best pays 50 k. The cover pays the first 20 k of
/// the realised loss, the junior tranche the rest, and the senior tranche is untouched
/// throughout (its value is its claim).
#[test]
fn worked_example_default_hits_cover_then_junior_and_spares_the_senior() {
	new_test_ext().execute_with(|| {
		let pool = funded_pool(20 * K);
		let a = request_loan(BORROWER, 900 * K, 10, 730);
		let b = request_loan(BUSINESS2, 100 * K, 10, 300);
		assert_ok!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, a));
		assert_ok!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, b));
		assert_eq!(view(pool).reserve, 0);
		let senior_claim = || {
			let mut t = Pools::<Test>::get(pool).unwrap().tranches[1];
			t.accumulator.accrue(Timestamp::get() / 1000).unwrap();
			t.accumulator.debt(t.normalized_claim).unwrap()
		};

		// One year.
		Timestamp::set_timestamp(GENESIS_TIME + YEAR_S * 1000);
		let year = view(pool);
		// Hand computation (per-second compounding ≈ continuous): NAV = 1 M × e^0.10,
		// senior = 800 k × e^0.08, junior = the rest.
		let close = |got: Balance, want: f64| (got as f64 / 1e6 - want).abs() < 0.01;
		assert!(close(year.nav, 1_000_000.0 * 0.10f64.exp()), "nav {}", year.nav);
		assert!(close(year.tranches[1].value, 800_000.0 * 0.08f64.exp()));
		assert_eq!(year.tranches[1].value, senior_claim());
		// b matured on day 300 unpaid: until someone revalues it, nothing is priced.
		assert_eq!(year.stale_loan, Some(b));
		assert_noop!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, K, 0), Error::<Test>::NavStale);
		assert_noop!(DebtPool::process_redemptions(RuntimeOrigin::signed(JUNIOR), pool), Error::<Test>::NavStale);
		assert_ok!(DebtPool::update_loan(RuntimeOrigin::signed(SENIOR), b));

		// Revalued: overdue since day 300 (penalty 5 % on top), 65 days late → 50 % written down.
		let late = view(pool);
		let debt_b = AssetLoan::view(b, Timestamp::get()).unwrap().debt;
		let value_b = debt_b - Perbill::from_percent(50) * debt_b;
		let debt_a = AssetLoan::view(a, Timestamp::get()).unwrap().debt;
		assert_eq!(late.stale_loan, None);
		assert_eq!(late.loan_value, debt_a + value_b);
		// The cover stands behind 20 k of the unrealised loss (and is not spent): NAV falls by
		// the write-down less 20 k, all of it the junior's; the senior still has its claim.
		assert_eq!(late.first_loss_cover, 20 * K);
		assert_eq!(late.nav, debt_a + value_b + 20 * K);
		assert_eq!(late.tranches[1].value, senior_claim());
		assert_eq!(late.tranches[0].value, late.nav - senior_claim());

		// Default (65 days late > 30 days of grace) and liquidation by the originator.
		assert_ok!(AssetLoan::mark_default(RuntimeOrigin::signed(SENIOR), b));
		assert_ok!(DebtPool::liquidate(RuntimeOrigin::signed(ORIGINATOR), b, Some(30 * K)));
		assert!(events().contains(&Event::Liquidated { pool, loan: b, reserve: 30 * K, by: ORIGINATOR }));
		assert_ok!(AssetLoan::bid(RuntimeOrigin::signed(BIDDER_A), b, 40 * K));
		assert_ok!(AssetLoan::bid(RuntimeOrigin::signed(BIDDER_B), b, 50 * K));
		advance(3 * DAY);
		let debt_at_sale = AssetLoan::view(b, Timestamp::get()).unwrap().debt;
		let junior_before = view(pool).tranches[0].value;
		assert_ok!(AssetLoan::settle_auction(RuntimeOrigin::signed(BIDDER_A), b));

		// The cover paid the first 20 k of the realised loss, the junior the rest.
		let loss = debt_at_sale - 50 * K;
		let after = view(pool);
		assert!(events().contains(&Event::LossBooked { pool, loss, covered: 20 * K }));
		assert_eq!(after.first_loss_cover, 0);
		assert_eq!(after.reserve, 50 * K + 20 * K);
		assert_eq!(after.active_loans, 1);
		assert_eq!(after.tranches[1].value, senior_claim(), "the senior is untouched");
		// The junior loses what the write-down had not already taken: the sale's shortfall on
		// the value b was booked at (late loans are held at their booked value until revalued).
		assert_eq!(junior_before - after.tranches[0].value, value_b - 50 * K);
		assert_eq!(after.state, PoolState::Open);
		assert_books_balance(pool);
		// Numbers of the README's worked example.
		assert_eq!(
			(year.nav, year.tranches[1].value, year.tranches[0].value),
			(1_105_170_917_879, 866_629_654_035, 238_541_263_844)
		);
		assert_eq!(
			(debt_b, value_b, late.nav, late.tranches[0].value, late.tranches[1].value),
			(111_508_678_728, 55_754_339_364, 1_070_408_165_456, 203_778_511_421, 866_629_654_035)
		);
		assert_eq!(
			(debt_at_sale, loss, junior_before, after.nav, after.tranches[0].value, after.tranches[1].value),
			(111_646_145_748, 61_646_145_748, 204_026_175_377, 1_065_471_125_819, 198_271_836_013, 867_199_289_806)
		);
	});
}

// ----- defect 1: a pool liquidates its own defaulted loans, and can close -----

#[test]
fn a_pool_liquidates_its_defaulted_loan_and_then_closes_with_every_deposit_back() {
	new_test_ext().execute_with(|| {
		let xprt0: Vec<Balance> = [ORIGINATOR, SENIOR, JUNIOR].iter().map(|a| Balances::free_balance(a)).collect();
		let pool = funded_pool(20 * K);
		let loan = request_loan(BORROWER, 100 * K, 10, 30);
		assert_ok!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, loan));
		// Refusals before default.
		assert_noop!(DebtPool::liquidate(RuntimeOrigin::signed(ORIGINATOR), loan, None), Error::<Test>::LoanNotDefaulted);
		let plain = request_loan(BUSINESS2, K, 10, 30);
		assert_ok!(AssetLoan::fund(RuntimeOrigin::signed(MANAGER), plain));
		assert_noop!(DebtPool::liquidate(RuntimeOrigin::signed(ORIGINATOR), plain, None), Error::<Test>::NotPoolLoan);
		assert_noop!(DebtPool::liquidate(RuntimeOrigin::signed(ORIGINATOR), 999, None), Error::<Test>::NotPoolLoan);
		// 31 days past maturity: in default.
		Timestamp::set_timestamp(GENESIS_TIME + 61 * DAY + 1_000);
		assert_ok!(AssetLoan::mark_default(RuntimeOrigin::signed(SENIOR), loan));
		// A stranger may not liquidate before the delay, nor choose the reserve.
		assert_noop!(
			DebtPool::liquidate(RuntimeOrigin::signed(BIDDER_A), loan, None),
			Error::<Test>::LiquidationDelayNotOver
		);
		assert_noop!(
			DebtPool::liquidate(RuntimeOrigin::signed(BIDDER_A), loan, Some(K)),
			Error::<Test>::ReserveNotAllowed
		);
		// After the delay anyone may, at the loan's present value (31 days late: 10 % off).
		advance(LIQUIDATION_DELAY);
		let pv = AssetLoan::view(loan, Timestamp::get()).unwrap().present_value;
		assert_ok!(DebtPool::liquidate(RuntimeOrigin::signed(BIDDER_A), loan, None));
		assert_eq!(pallet_asset_loan::Auctions::<Test>::get(loan).unwrap().reserve, pv);
		assert_noop!(DebtPool::liquidate(RuntimeOrigin::signed(BIDDER_A), loan, None), Error::<Test>::LoanNotDefaulted);
		// Nobody bids: back to default; the admin re-auctions at a lower reserve.
		advance(3 * DAY);
		assert_ok!(AssetLoan::settle_auction(RuntimeOrigin::signed(BIDDER_A), loan));
		assert_ok!(DebtPool::liquidate(RuntimeOrigin::signed(ORIGINATOR), loan, Some(50 * K)));
		assert_ok!(AssetLoan::bid(RuntimeOrigin::signed(BIDDER_A), loan, 60 * K));
		assert_ok!(AssetLoan::bid(RuntimeOrigin::signed(BIDDER_B), loan, 80 * K));
		advance(3 * DAY);
		assert_ok!(AssetLoan::settle_auction(RuntimeOrigin::signed(BIDDER_A), loan));
		assert!(Loans::<Test>::get(loan).is_none());
		// The bidder that lost got its 60 k back; the winner owns the invoice.
		assert_eq!(usdt(BIDDER_A), START_USDT);
		assert_books_balance(pool);
		let v = view(pool);
		assert_eq!(v.active_loans, 0);
		assert_eq!(v.first_loss_cover, 0, "the 20 k cover paid part of the ~21 k shortfall");
		// Everyone leaves: senior first, then junior; proceeds claimed; the pool closes.
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(SENIOR), pool, 1, 800 * K, 0));
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(JUNIOR), pool, 0, 200 * K, 0));
		assert_eq!(view(pool).tranches[1].supply + view(pool).tranches[0].supply, 0);
		assert_noop!(DebtPool::close(RuntimeOrigin::signed(ORIGINATOR), pool), Error::<Test>::PoolNotEmpty);
		claim_all(pool, SENIOR);
		claim_all(pool, JUNIOR);
		// The senior was repaid in full with its yield; the junior took the loss.
		assert!(usdt(SENIOR) > START_USDT);
		assert!(usdt(JUNIOR) < START_USDT);
		assert_ok!(DebtPool::close(RuntimeOrigin::signed(ORIGINATOR), pool));
		assert!(Pools::<Test>::get(pool).is_none());
		assert_eq!(usdt(DebtPool::pool_account(pool)), 0);
		// Every XPRT deposit is back (pool deposit, queue deposits).
		for (a, x) in [ORIGINATOR, SENIOR, JUNIOR].iter().zip(xprt0) {
			assert_eq!(Balances::free_balance(a), x, "{a}");
		}
	});
}

// ----- defect 2: one set of books, pull payouts, dust -----

/// A repayment is in the pool's NAV the moment it lands (no notification to keep in sync); a
/// stray transfer into the pool account is cash of the tranches.
#[test]
fn the_pool_reads_its_loans_from_the_loan_books_and_its_cash_from_its_account() {
	new_test_ext().execute_with(|| {
		let pool = funded_pool(0);
		let loan = request_loan(BORROWER, 400 * K, 12, 365);
		assert_ok!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, loan));
		advance(100 * DAY);
		let nav = view(pool).nav;
		assert_ok!(AssetLoan::repay(RuntimeOrigin::signed(BORROWER), loan, 100 * K));
		assert_eq!(view(pool).nav, nav, "a repayment moves value from loans to cash");
		assert_eq!(view(pool).reserve, 700 * K);
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(ISSUER), USDT, DebtPool::pool_account(pool), 5 * K));
		assert_eq!(view(pool).nav, nav + 5 * K);
		assert_books_balance(pool);
	});
}

/// Defect: paying a redeemer below USDT's 0.01 minimum into an account with no USDT failed
/// and, pushed inside the queue loop, blocked every redemption behind it. Payouts are now
/// claimable: the dust holder can claim once it can hold USDT; nobody else waits.
#[test]
fn a_dust_redemption_from_an_empty_account_blocks_nobody() {
	new_test_ext().execute_with(|| {
		let pool = create_pool(vec![spec(0, 0)], 0, Perquintill::zero());
		assert_ok!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, 1_000 * K, 0));
		// Halve the share price: a 50 % write-down on a loan of all the cash.
		let loan = request_loan(BORROWER, 1_000 * K, 0, 30);
		assert_ok!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, loan));
		Timestamp::set_timestamp(GENESIS_TIME + 90 * DAY + 1);
		assert_ok!(DebtPool::update_loan(RuntimeOrigin::signed(SENIOR), loan));
		let price = view(pool).tranches[0].price;
		assert!(price < FixedU128::from_rational(6, 10));
		// NO_USDT holds one share account's minimum: 0.01 share, worth under 0.005 USDT.
		let asset = Pools::<Test>::get(pool).unwrap().tranches[0].share_asset;
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(JUNIOR), asset, NO_USDT, USDT_MIN));
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(NO_USDT), pool, 0, USDT_MIN, 0));
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(JUNIOR), pool, 0, 100 * K, 0));
		// Some cash comes back: both are served, in order.
		assert_ok!(AssetLoan::repay(RuntimeOrigin::signed(BORROWER), loan, 200 * K));
		assert_ok!(DebtPool::process_redemptions(RuntimeOrigin::signed(SENIOR), pool));
		let dust = served(NO_USDT);
		assert!(dust > 0 && dust < USDT_MIN, "{dust}");
		assert!(served(JUNIOR) > 0);
		claim_all(pool, JUNIOR);
		// The dust holder cannot receive 0.00x USDT into an empty account …
		assert_noop!(DebtPool::claim(RuntimeOrigin::signed(NO_USDT), pool, 0, 0), sp_runtime::TokenError::BelowMinimum);
		// … until it holds some USDT; then it claims.
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(ISSUER), USDT, NO_USDT, USDT_MIN));
		assert_ok!(DebtPool::claim(RuntimeOrigin::signed(NO_USDT), pool, 0, 0));
		assert_eq!(usdt(NO_USDT), USDT_MIN + dust);
		assert_books_balance(pool);
	});
}

#[test]
fn claims_and_queue_entries_are_bounded_by_deposits_and_cleaned_up() {
	new_test_ext().execute_with(|| {
		let pool = funded_pool(0);
		let held = || <Balances as InspectHold<AccountId>>::balance_on_hold(&HoldReason::QueueDeposit.into(), &SENIOR);
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(SENIOR), pool, 1, 100 * K, 0));
		assert_eq!(held(), QUEUE_DEPOSIT);
		assert_eq!(DebtPool::position(pool, &SENIOR)[1].claimable, 100 * K);
		assert_noop!(DebtPool::claim(RuntimeOrigin::signed(SENIOR), pool, 1, 7), Error::<Test>::UnknownRedemption);
		assert_noop!(DebtPool::claim(RuntimeOrigin::signed(SENIOR), pool, 4, 0), Error::<Test>::UnknownTranche);
		assert_noop!(DebtPool::claim(RuntimeOrigin::signed(SENIOR), 9, 1, 0), Error::<Test>::UnknownPool);
		// Anyone may push the claim; the money goes to the holder.
		let (junior0, senior0) = (usdt(JUNIOR), usdt(SENIOR));
		assert_ok!(DebtPool::claim(RuntimeOrigin::signed(JUNIOR), pool, 1, 0));
		assert_eq!((usdt(JUNIOR), usdt(SENIOR)), (junior0, senior0 + 100 * K));
		assert!(events().contains(&Event::Claimed { pool, who: SENIOR, amount: 100 * K }));
		// Served and claimed: the entry, the holder's record and the deposit are gone.
		assert!(Queues::<Test>::get((pool, 1), 0).is_none());
		assert!(QueuedBy::<Test>::get((pool, 1), SENIOR).is_none());
		assert_eq!(held(), 0);
		assert_noop!(DebtPool::claim(RuntimeOrigin::signed(SENIOR), pool, 1, 0), Error::<Test>::UnknownRedemption);
		// A redemption without the XPRT for its deposit is refused.
		let asset = Pools::<Test>::get(pool).unwrap().tranches[1].share_asset;
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(SENIOR), asset, POOR, K));
		assert!(DebtPool::redeem(RuntimeOrigin::signed(POOR), pool, 1, K, 0).is_err());
		// A deposit too small for a share account (0.01 share) into an account without one.
		assert_noop!(DebtPool::invest(RuntimeOrigin::signed(MANAGER), pool, 0, USDT_MIN - 1, 0), Error::<Test>::TooSmall);
	});
}

#[test]
fn the_fee_is_set_aside_for_the_admin_and_claimed() {
	new_test_ext().execute_with(|| {
		let pool = create_pool(vec![spec(0, 0)], 0, Perquintill::from_percent(1));
		assert_ok!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, 1_000 * K, 0));
		// Idle for two years: the fee is 1 % of NAV for each (it no longer loses the second).
		Timestamp::set_timestamp(GENESIS_TIME + 2 * YEAR_S * 1000);
		assert_ok!(DebtPool::process_redemptions(RuntimeOrigin::signed(SENIOR), pool));
		assert!(events().contains(&Event::FeePaid { pool, amount: 20 * K }));
		assert_eq!(Pools::<Test>::get(pool).unwrap().fee_payable, 20 * K);
		assert_eq!(view(pool).nav, 980 * K);
		assert_noop!(DebtPool::claim_fee(RuntimeOrigin::signed(SENIOR), pool), Error::<Test>::NotAdmin);
		let before = usdt(ORIGINATOR);
		assert_ok!(DebtPool::claim_fee(RuntimeOrigin::signed(ORIGINATOR), pool));
		assert_eq!(usdt(ORIGINATOR), before + 20 * K);
		assert_noop!(DebtPool::claim_fee(RuntimeOrigin::signed(ORIGINATOR), pool), Error::<Test>::NothingToClaim);
		assert_books_balance(pool);
	});
}

/// The fee is a share of NAV (what the tranches own), not of gross assets.
#[test]
fn the_fee_is_charged_on_nav() {
	new_test_ext().execute_with(|| {
		let pool = create_pool(vec![spec(0, 0)], 0, Perquintill::from_percent(10));
		assert_ok!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, 1_000 * K, 0));
		let loan = request_loan(BORROWER, 500 * K, 0, 30);
		assert_ok!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, loan));
		// 120 days: the loan is 90 days late and written down 100 %. NAV = 500 k cash.
		Timestamp::set_timestamp(GENESIS_TIME + 120 * DAY);
		assert_ok!(DebtPool::update_loan(RuntimeOrigin::signed(SENIOR), loan));
		let p0 = Pools::<Test>::get(pool).unwrap();
		// NAV: 500 k of cash, less the fee owed for the first 120 days.
		let nav0 = view(pool).nav;
		assert_eq!(nav0, 500 * K - p0.fee_owed);
		Timestamp::set_timestamp(GENESIS_TIME + 120 * DAY + YEAR_S * 1000);
		assert_ok!(DebtPool::process_redemptions(RuntimeOrigin::signed(SENIOR), pool));
		let fee = Pools::<Test>::get(pool).unwrap().fee_payable - p0.fee_payable - p0.fee_owed;
		// 10 % of NAV for the year — not of the 1 M of gross assets the loan's face says.
		assert_eq!(fee, Perquintill::from_percent(10) * nav0);
	});
}

#[test]
fn books_that_do_not_balance_refuse_every_priced_call() {
	new_test_ext().execute_with(|| {
		let pool = funded_pool(0);
		// Tamper: claim more set aside than the account holds (no call can do this).
		Pools::<Test>::mutate(pool, |p| p.as_mut().unwrap().payable = 2_000 * K);
		assert_noop!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, K, 0), Error::<Test>::BooksBroken);
		assert!(DebtPool::view(pool).is_none());
	});
}

#[test]
fn try_state_finds_books_that_do_not_balance() {
	new_test_ext().execute_with(|| {
		let pool = funded_pool(0);
		assert_eq!(DebtPool::do_try_state(), Ok(()));
		Pools::<Test>::mutate(pool, |p| p.as_mut().unwrap().payable = 2_000 * K);
		assert_eq!(
			DebtPool::do_try_state(),
			Err("debt-pool try_state: a pool account holds less than its books set aside".into())
		);
		// Payouts that no queue entry holds.
		Pools::<Test>::mutate(pool, |p| p.as_mut().unwrap().payable = 1);
		assert_eq!(
			DebtPool::do_try_state(),
			Err("debt-pool try_state: payouts set aside differ from the queues'".into())
		);
		Pools::<Test>::mutate(pool, |p| p.as_mut().unwrap().payable = 0);
		assert_eq!(DebtPool::do_try_state(), Ok(()));
		// A loss charged to the cover that no loan realised.
		Pools::<Test>::mutate(pool, |p| p.as_mut().unwrap().loss_seen = 1);
		assert_eq!(
			DebtPool::do_try_state(),
			Err("debt-pool try_state: the cover was charged for more loss than the loans realised".into())
		);
		Pools::<Test>::mutate(pool, |p| p.as_mut().unwrap().loss_seen = 0);
		// A queue whose head is past its tail, and an entry outside the queue.
		Pools::<Test>::mutate(pool, |p| p.as_mut().unwrap().tranches[0].queue_head = 1);
		assert_eq!(DebtPool::do_try_state(), Err("debt-pool try_state: a queue's head is past its tail".into()));
		Pools::<Test>::mutate(pool, |p| {
			let t = &mut p.as_mut().unwrap().tranches[0];
			t.queue_head = 0;
			t.queue_tail = 1;
		});
		assert_eq!(DebtPool::do_try_state(), Ok(()));
		Queues::<Test>::insert((pool, 0), 1, Redemption { who: SENIOR, shares: 0, payable: 0, deposit: 0 });
		assert_eq!(
			DebtPool::do_try_state(),
			Err("debt-pool try_state: a queue entry lies outside its head and tail".into())
		);
		Queues::<Test>::remove((pool, 0), 1);
		// Shares still to serve below the head: the queue would never reach them.
		Pools::<Test>::mutate(pool, |p| p.as_mut().unwrap().tranches[0].queue_head = 1);
		Queues::<Test>::insert((pool, 0), 0, Redemption { who: SENIOR, shares: 0, payable: 0, deposit: 0 });
		// (a served entry below the head, only proceeds left, is normal)
		assert_eq!(DebtPool::do_try_state(), Ok(()));
		Queues::<Test>::mutate((pool, 0), 0, |e| e.as_mut().unwrap().shares = 1);
		Pools::<Test>::mutate(pool, |p| p.as_mut().unwrap().tranches[0].queued_shares = 1);
		assert_eq!(
			DebtPool::do_try_state(),
			Err("debt-pool try_state: a queue entry lies outside its head and tail".into())
		);
	});
}

// ----- defect 3: the cover pays realised losses only -----

/// Defect: a borrower 30 days late who then cured moved 10 % of the loan from the cover to
/// the tranches, and could repeat it. The cover now only stands behind the write-down.
#[test]
fn a_cured_write_down_costs_the_cover_nothing() {
	new_test_ext().execute_with(|| {
		let pool = funded_pool(50 * K);
		let loan = request_loan(BORROWER, 400 * K, 0, 30);
		assert_ok!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, loan));
		// 30 days overdue: the policy writes down 10 % = 40 k (plus the penalty's share).
		Timestamp::set_timestamp(GENESIS_TIME + 60 * DAY + 1_000);
		assert_ok!(DebtPool::update_loan(RuntimeOrigin::signed(SENIOR), loan));
		let v = view(pool);
		let debt = AssetLoan::view(loan, Timestamp::get()).unwrap().debt;
		let pv = debt - Perbill::from_percent(10) * debt;
		assert_eq!(v.loan_value, pv);
		// The cover stands behind the write-down: NAV keeps the whole debt, the cover is intact.
		assert_eq!(v.first_loss_cover, 50 * K);
		assert_eq!(v.nav, 600 * K + pv + (debt - pv));
		// The borrower pays in full: the cover is still all there, and the tranches have the
		// penalty interest.
		assert_ok!(AssetLoan::repay_in_full(RuntimeOrigin::signed(BORROWER), loan));
		let v = view(pool);
		assert_eq!(v.first_loss_cover, 50 * K);
		assert_eq!(v.reserve, 600 * K + debt);
		assert_eq!(v.nav, 600 * K + debt);
		assert!(!events().iter().any(|e| matches!(e, Event::LossBooked { .. })));
		assert_books_balance(pool);
	});
}

// ----- defect 4: senior claims retire pro rata to the shares burnt -----

/// Defect: retiring a senior claim by the cash paid left a claim without holders after an
/// impaired redemption, which then soaked up recoveries ahead of the junior.
#[test]
fn senior_claims_are_retired_pro_rata_to_the_shares_burnt() {
	new_test_ext().execute_with(|| {
		let pool = funded_pool(0);
		let loan = request_loan(BORROWER, 1_000 * K, 0, 30);
		assert_ok!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, loan));
		// 60 days late: 50 % written down. NAV ≈ 500 k < the senior's 800 k claim.
		Timestamp::set_timestamp(GENESIS_TIME + 90 * DAY + 1);
		assert_ok!(DebtPool::update_loan(RuntimeOrigin::signed(SENIOR), loan));
		let claim0 = Pools::<Test>::get(pool).unwrap().tranches[1].normalized_claim;
		assert_eq!(view(pool).state, PoolState::Impaired);
		// 100 k of cash comes back; the senior redeems half its shares at the impaired price.
		assert_ok!(AssetLoan::repay(RuntimeOrigin::signed(BORROWER), loan, 100 * K));
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(SENIOR), pool, 1, 400 * K, 0));
		let v = view(pool);
		// (The supply counts the shares still queued: only the burnt ones have left it.)
		let burnt = 800 * K - v.tranches[1].supply;
		let claim1 = Pools::<Test>::get(pool).unwrap().tranches[1].normalized_claim;
		// The claim left is exactly the holders' share of it: claim0 × (800 k − burnt) / 800 k.
		let retired = sp_runtime::helpers_128bit::multiply_by_rational_with_rounding(
			claim0,
			burnt,
			800 * K,
			sp_runtime::Rounding::Down,
		)
		.unwrap();
		assert!(burnt > 0);
		assert_eq!(claim1, claim0 - retired);
		// Once every senior share is gone, so is the claim: a recovery goes to the junior.
		assert_ok!(AssetLoan::repay_in_full(RuntimeOrigin::signed(BORROWER), loan));
		assert_ok!(DebtPool::process_redemptions(RuntimeOrigin::signed(SENIOR), pool));
		let rest = shares(pool, 1, SENIOR);
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(SENIOR), pool, 1, rest, 0));
		let p = Pools::<Test>::get(pool).unwrap();
		assert_eq!(view(pool).tranches[1].supply, 0);
		assert_eq!(p.tranches[1].normalized_claim, 0);
		assert_eq!(view(pool).tranches[1].value, 0);
	});
}

// ----- defect 5: an empty tranche that holds value -----

/// Defect: an emptied junior tranche was priced at 1 whatever it held, so the first depositor
/// took its residual value. The residual becomes the originator's (as shares at 1).
#[test]
fn a_junior_tranche_nobody_holds_gives_its_residual_to_the_originator() {
	new_test_ext().execute_with(|| {
		let pool = create_pool(vec![spec(0, 0)], 0, Perquintill::zero());
		assert_ok!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, 100 * K, 0));
		let loan = request_loan(BORROWER, 50 * K, 0, 30);
		assert_ok!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, loan));
		// 90 days late: written down 100 %. The junior is worth its 50 k of cash; all leave.
		Timestamp::set_timestamp(GENESIS_TIME + 120 * DAY + 1);
		assert_ok!(DebtPool::update_loan(RuntimeOrigin::signed(SENIOR), loan));
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(JUNIOR), pool, 0, 100 * K, 0));
		assert_eq!(served(JUNIOR), 50 * K);
		assert_eq!(view(pool).tranches[0].supply, 0);
		// The borrower pays after all: the junior tranche holds value nobody owns.
		assert_ok!(AssetLoan::repay_in_full(RuntimeOrigin::signed(BORROWER), loan));
		let residual = view(pool).tranches[0].value;
		assert!(residual > 50 * K);
		// A newcomer's 1 k buys 1 k of value, not the residual.
		assert_ok!(DebtPool::invest(RuntimeOrigin::signed(MANAGER), pool, 0, K, 0));
		assert!(events().contains(&Event::ResidualToOriginator { pool, tranche: 0, amount: residual }));
		assert_eq!(shares(pool, 0, MANAGER), K);
		assert_eq!(shares(pool, 0, ORIGINATOR), residual);
		let v = view(pool);
		assert_eq!(v.tranches[0].value, residual + K);
		assert_eq!(v.tranches[0].price, FixedU128::from_u32(1));
		assert_books_balance(pool);
	});
}

/// Shares anyone sends to the pool account belong to nobody: they are not supply, and they
/// cannot keep the pool from closing.
#[test]
fn shares_sent_to_the_pool_account_do_not_block_its_close() {
	new_test_ext().execute_with(|| {
		let pool = two_tranche_pool(0);
		assert_ok!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, 100 * K, 0));
		let asset = Pools::<Test>::get(pool).unwrap().tranches[0].share_asset;
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(JUNIOR), asset, DebtPool::pool_account(pool), USDT_MIN));
		assert_eq!(view(pool).tranches[0].supply, 100 * K - USDT_MIN);
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(JUNIOR), pool, 0, 100 * K - USDT_MIN, 0));
		claim_all(pool, JUNIOR);
		assert_eq!(usdt(JUNIOR), START_USDT, "the sent shares' value stayed in the tranche for the rest");
		assert_ok!(DebtPool::close(RuntimeOrigin::signed(ORIGINATOR), pool));
		assert_eq!(<Assets as FunsInspect<AccountId>>::total_issuance(asset), 0);
	});
}

// ----- defect 11: an impaired pool -----

#[test]
fn an_impaired_pool_finances_nothing_and_junior_money_recapitalises_it() {
	new_test_ext().execute_with(|| {
		let pool = funded_pool(0);
		let loan = request_loan(BORROWER, 500 * K, 10, 30);
		assert_ok!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, loan));
		advance(121 * DAY);
		assert_ok!(DebtPool::update_loan(RuntimeOrigin::signed(SENIOR), loan));
		let v = view(pool);
		assert_eq!(v.state, PoolState::Impaired);
		assert_eq!(v.tranches[0].value, 0);
		assert!(events().contains(&Event::Impaired { pool }));
		// No new loans, no senior money.
		let next = request_loan(BUSINESS2, K, 10, 30);
		assert_noop!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, next), Error::<Test>::PoolImpaired);
		assert_noop!(DebtPool::invest(RuntimeOrigin::signed(SENIOR), pool, 1, K, 0), Error::<Test>::NotOpen);
		// Senior holders can still leave with what is there.
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(SENIOR), pool, 1, 100 * K, 0));
		assert!(served(SENIOR) > 0);
		// The originator tops up the cover (it stands behind the write-down) …
		assert_noop!(DebtPool::top_up_cover(RuntimeOrigin::signed(SENIOR), pool, K), Error::<Test>::NotAdmin);
		assert_noop!(DebtPool::top_up_cover(RuntimeOrigin::signed(ORIGINATOR), pool, 0), Error::<Test>::ZeroAmount);
		assert_ok!(DebtPool::top_up_cover(RuntimeOrigin::signed(ORIGINATOR), pool, 10 * K));
		assert!(events().contains(&Event::CoverToppedUp { pool, amount: 10 * K }));
		// … and junior money brings the junior tranche back to life: the pool reopens.
		let senior_gap = {
			let v = view(pool);
			let p = Pools::<Test>::get(pool).unwrap();
			let mut t = p.tranches[1];
			t.accumulator.accrue(Timestamp::get() / 1000).unwrap();
			t.accumulator.debt(t.normalized_claim).unwrap().saturating_sub(v.tranches[1].value)
		};
		assert_ok!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, senior_gap + 100 * K, 0));
		let v = view(pool);
		assert_eq!(v.state, PoolState::Open);
		assert!(events().contains(&Event::Reopened { pool }));
		assert!(v.tranches[0].value >= 100 * K - 1);
		assert_books_balance(pool);
	});
}

// ----- freshness and slippage -----

#[test]
fn prices_wait_for_a_late_loan_to_be_revalued() {
	new_test_ext().execute_with(|| {
		let pool = funded_pool(0);
		let loan = request_loan(BORROWER, 100 * K, 10, 30);
		assert_ok!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, loan));
		Timestamp::set_timestamp(GENESIS_TIME + 30 * DAY + 1);
		assert_eq!(view(pool).stale_loan, Some(loan));
		assert_noop!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, K, 0), Error::<Test>::NavStale);
		// A redemption is queued but not served until then; with a bound on its value it is
		// refused.
		assert_noop!(DebtPool::redeem(RuntimeOrigin::signed(SENIOR), pool, 1, K, 1), Error::<Test>::NavStale);
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(SENIOR), pool, 1, K, 0));
		assert_eq!(served(SENIOR), 0);
		assert_noop!(DebtPool::update_loan(RuntimeOrigin::signed(SENIOR), 77), Error::<Test>::NotPoolLoan);
		assert_ok!(DebtPool::update_loan(RuntimeOrigin::signed(SENIOR), loan));
		assert_noop!(
			DebtPool::update_loan(RuntimeOrigin::signed(SENIOR), loan),
			pallet_asset_loan::Error::<Test>::AlreadyCurrent
		);
		assert_ok!(DebtPool::process_redemptions(RuntimeOrigin::signed(SENIOR), pool));
		assert!(served(SENIOR) > 0);
		assert_ok!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, K, 0));
	});
}

#[test]
fn invest_and_redeem_take_a_minimum_out() {
	new_test_ext().execute_with(|| {
		let pool = funded_pool(0);
		assert_noop!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, K, K + 1), Error::<Test>::Slippage);
		assert_ok!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, K, K));
		assert_noop!(DebtPool::redeem(RuntimeOrigin::signed(SENIOR), pool, 1, K, K + 1), Error::<Test>::Slippage);
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(SENIOR), pool, 1, K, K));
	});
}

#[test]
fn governance_sets_the_liquidation_delay() {
	new_test_ext().execute_with(|| {
		assert_noop!(DebtPool::set_liquidation_delay(RuntimeOrigin::signed(ORIGINATOR), DAY), BadOrigin);
		assert_ok!(DebtPool::set_liquidation_delay(RuntimeOrigin::root(), DAY));
		assert_eq!(LiquidationDelay::<Test>::get(), DAY);
		assert!(events().contains(&Event::LiquidationDelaySet { delay: DAY }));
		// At most 90 days (u64::MAX would shut the public path to liquidation for good).
		assert_noop!(
			DebtPool::set_liquidation_delay(RuntimeOrigin::root(), 90 * DAY + 1),
			Error::<Test>::LiquidationDelayTooLong
		);
		assert_noop!(DebtPool::set_liquidation_delay(RuntimeOrigin::root(), u64::MAX), Error::<Test>::LiquidationDelayTooLong);
		assert_ok!(DebtPool::set_liquidation_delay(RuntimeOrigin::root(), 90 * DAY));
		assert_eq!(LiquidationDelay::<Test>::get(), 90 * DAY);
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
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(JUNIOR), pool, 0, 10 * K, 0));
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(SENIOR), pool, 1, 300 * K, 0));
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(MANAGER), pool, 1, 100 * K, 0));
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
		assert_ok!(DebtPool::process_redemptions(RuntimeOrigin::signed(JUNIOR), pool));
		let served: Vec<_> = events()
			.into_iter()
			.filter_map(|e| match e {
				Event::RedemptionServed { tranche, who, amount, .. } => Some((tranche, who, amount)),
				_ => None,
			})
			.collect();
		assert_eq!(served, vec![(1, SENIOR, 300 * K), (1, MANAGER, 50 * K)]);
		claim_all(pool, SENIOR);
		assert_eq!(usdt(SENIOR), START_USDT - 800 * K + 300 * K);
		let v = view(pool);
		assert_eq!(v.tranches[1].queue_length, 1);
		assert_eq!(v.tranches[1].queued_shares, 50 * K);
		assert_eq!(v.tranches[0].queue_length, 1);
		// The manager cancels the rest (keeping the 50 k served to claim); the junior request
		// is served on the next cash.
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
		assert_eq!(DebtPool::position(pool, &MANAGER)[1].claimable, 50 * K);
		claim_all(pool, MANAGER);
		assert_ok!(AssetLoan::repay(RuntimeOrigin::signed(BORROWER), loan, 20 * K));
		assert_ok!(DebtPool::process_redemptions(RuntimeOrigin::signed(MANAGER), pool));
		assert!(matches!(
			events().into_iter().filter(|e| matches!(e, Event::RedemptionServed { .. })).last(),
			Some(Event::RedemptionServed { tranche: 0, who: JUNIOR, amount, .. }) if amount == 10 * K
		));
		assert_books_balance(pool);
	});
}

#[test]
fn junior_redemption_waits_for_subordination() {
	new_test_ext().execute_with(|| {
		let pool = funded_pool(0);
		// Exactly 20 % junior: redeeming any junior share would break the senior's minimum.
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(JUNIOR), pool, 0, 10 * K, 0));
		assert!(!events().iter().any(|e| matches!(e, Event::RedemptionServed { .. })));
		// The senior redeems 100 k: now 200 / 900 > 20 %, room for 200 − 0.2·900 = 20 k / 0.8 = 25 k.
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(SENIOR), pool, 1, 100 * K, 0));
		assert!(events().iter().any(|e| matches!(e, Event::RedemptionServed { tranche: 0, amount, .. } if *amount == 10 * K)));
		let v = view(pool);
		assert!(v.tranches[1].subordination >= Perbill::from_percent(20));
		assert_noop!(DebtPool::redeem(RuntimeOrigin::signed(JUNIOR), pool, 0, 0, 0), Error::<Test>::ZeroAmount);
		assert_noop!(DebtPool::redeem(RuntimeOrigin::signed(JUNIOR), pool, 3, 1, 0), Error::<Test>::UnknownTranche);
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
			let mut t = Pools::<Test>::get(pool).unwrap().tranches[1];
			t.accumulator.accrue(Timestamp::get() / 1000).unwrap();
			t.accumulator.debt(t.normalized_claim).unwrap()
		};
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(SENIOR), pool, 1, 800 * K, 0));
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(JUNIOR), pool, 0, 200 * K, 0));
		claim_all(pool, SENIOR);
		claim_all(pool, JUNIOR);
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
fn close_refused_while_loans_shares_or_claims_remain() {
	new_test_ext().execute_with(|| {
		let pool = funded_pool(5 * K);
		assert_noop!(DebtPool::close(RuntimeOrigin::signed(ORIGINATOR), pool), Error::<Test>::PoolNotEmpty);
		assert_noop!(DebtPool::close(RuntimeOrigin::signed(ORIGINATOR), 4), Error::<Test>::UnknownPool);
		let empty = two_tranche_pool(5 * K);
		let before = usdt(ORIGINATOR);
		assert_ok!(DebtPool::close(RuntimeOrigin::signed(ORIGINATOR), empty));
		// The cover and the anchor come back.
		assert_eq!(usdt(ORIGINATOR), before + 5 * K + USDT_MIN);
		assert!(matches!(events().last(), Some(Event::Closed { returned, .. }) if *returned == 5 * K + USDT_MIN));
	});
}

// ----- property: conservation, Σ tranche values = NAV, books balance, subordination -----

mod properties {
	use super::*;
	use proptest::prelude::*;

	#[derive(Clone, Debug)]
	enum Op {
		Invest(u8, u16),
		Redeem(u8, u16),
		Cancel(u8, u8),
		Claim(u8, u8),
		Finance(u8, u16),
		Repay(u8, u16),
		Wait(u16),
		Default(u8),
		Liquidate(u8, u16),
		Bid(u8, u16),
		Settle(u8),
		Revalue(u8),
		Process,
	}

	fn op() -> impl Strategy<Value = Op> {
		prop_oneof![
			(0u8..2, 1u16..1000).prop_map(|(t, a)| Op::Invest(t, a)),
			(0u8..2, 1u16..1000).prop_map(|(t, a)| Op::Redeem(t, a)),
			(0u8..2, 0u8..6).prop_map(|(t, p)| Op::Cancel(t, p)),
			(0u8..2, 0u8..6).prop_map(|(t, p)| Op::Claim(t, p)),
			(0u8..3, 1u16..500).prop_map(|(r, a)| Op::Finance(r, a)),
			(0u8..6, 1u16..500).prop_map(|(l, a)| Op::Repay(l, a)),
			(1u16..2000).prop_map(Op::Wait),
			(0u8..6).prop_map(Op::Default),
			(0u8..6, 1u16..500).prop_map(|(l, r)| Op::Liquidate(l, r)),
			(0u8..6, 1u16..500).prop_map(|(l, a)| Op::Bid(l, a)),
			(0u8..6).prop_map(Op::Settle),
			(0u8..6).prop_map(Op::Revalue),
			Just(Op::Process),
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
					let held_before = DebtPool::view(pool).map(|v| {
						let p = Pools::<Test>::get(pool).unwrap();
						let values: Vec<Balance> = v.tranches.iter().map(|t| t.value).collect();
						DebtPool::subordination_holds(&p, &values)
					}).unwrap_or(false);
					let r: DispatchResult = match op {
						Op::Invest(t, a) => { check_sub = true; DebtPool::invest(o(holders[t as usize]), pool, t, a as u128 * K, 0).map(|_| ()).map_err(|e| e.error) },
						Op::Redeem(t, a) => { check_sub = true; DebtPool::redeem(o(holders[t as usize]), pool, t, a as u128 * K, 0).map(|_| ()).map_err(|e| e.error) },
						Op::Cancel(t, p) => DebtPool::cancel_redemption(o(holders[t as usize]), pool, t, p as u64),
						Op::Claim(t, p) => DebtPool::claim(o(holders[t as usize]), pool, t, p as u64),
						Op::Finance(r, a) => {
							let loan = request_loan(BORROWER, a as u128 * K, 5 + r as u64, 30);
							let res = DebtPool::finance(o(ORIGINATOR), pool, loan).map(|_| ()).map_err(|e| e.error);
							if res.is_ok() { loans.push(loan); } else { let _ = AssetLoan::cancel(o(BORROWER), loan); }
							res
						},
						Op::Repay(l, a) => match loans.get(l as usize) {
							Some(id) => AssetLoan::repay(o(BORROWER), *id, a as u128 * K),
							None => Ok(()),
						},
						Op::Wait(h) => { advance(h as u64 * 3_600_000); Ok(()) },
						Op::Default(l) => loans.get(l as usize).map(|id| AssetLoan::mark_default(o(SENIOR), *id)).unwrap_or(Ok(())),
						Op::Liquidate(l, r) => loans.get(l as usize).map(|id| DebtPool::liquidate(o(ORIGINATOR), *id, Some(r as u128 * K))).unwrap_or(Ok(())),
						Op::Bid(l, a) => loans.get(l as usize).map(|id| AssetLoan::bid(o(BIDDER_A), *id, a as u128 * K)).unwrap_or(Ok(())),
						Op::Settle(l) => loans.get(l as usize).map(|id| AssetLoan::settle_auction(o(BIDDER_B), *id)).unwrap_or(Ok(())),
						Op::Revalue(l) => loans.get(l as usize).map(|id| DebtPool::update_loan(o(SENIOR), *id)).unwrap_or(Ok(())),
						Op::Process => DebtPool::process_redemptions(o(SENIOR), pool).map(|_| ()).map_err(|e| e.error),
					};
					prop_assert_eq!(total_usdt(&[pool]), start);
					let p = Pools::<Test>::get(pool).unwrap();
					let v = view(pool);
					// The pool account holds exactly cash + cover + payouts set aside + anchor.
					prop_assert_eq!(usdt(DebtPool::pool_account(pool)), v.reserve + v.first_loss_cover + p.payable + p.fee_payable + p.anchor);
					let sum: Balance = v.tranches.iter().map(|t| t.value).sum();
					prop_assert_eq!(sum, v.nav);
					if check_sub && r.is_ok() && held_before {
						let values: Vec<Balance> = v.tranches.iter().map(|t| t.value).collect();
						prop_assert!(DebtPool::subordination_holds(&p, &values), "{:?}", v);
					}
					// Loans open in the loan pallet are the pool's loans.
					let open = loans.iter().filter(|id| Loans::<Test>::contains_key(**id)).count() as u32;
					prop_assert_eq!(v.active_loans, open);
					// Payouts set aside are exactly what the queue entries hold.
					let payable: Balance = (0..2u8).flat_map(|t| Queues::<Test>::iter_prefix((pool, t)).map(|(_, e)| e.payable)).sum();
					prop_assert_eq!(p.payable, payable);
					// The pallet's try-state invariants.
					prop_assert_eq!(DebtPool::do_try_state(), Ok(()));
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
		let info = DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, K, 0).unwrap();
		assert_eq!(info.actual_weight, Some(<() as WeightInfo>::invest() + <() as WeightInfo>::serve_redemptions(0)));
		// A redemption served at once: one entry.
		let info = DebtPool::redeem(RuntimeOrigin::signed(SENIOR), pool, 1, K, 0).unwrap();
		assert_eq!(info.actual_weight, Some(<() as WeightInfo>::redeem() + <() as WeightInfo>::serve_redemptions(1)));
	});
}

/// Worthless shares (a wiped-out junior tranche) can still leave: they are burnt for nothing,
/// their queue entry and deposit go at once, and the pool can empty and close.
#[test]
fn worthless_shares_are_redeemed_for_nothing_so_the_pool_can_close() {
	new_test_ext().execute_with(|| {
		let pool = create_pool(vec![spec(0, 0)], 0, Perquintill::zero());
		assert_ok!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, 100 * K, 0));
		let loan = request_loan(BORROWER, 100 * K, 0, 30);
		assert_ok!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, loan));
		// 90 days late: written down 100 %, no cash: the junior is worth nothing.
		Timestamp::set_timestamp(GENESIS_TIME + 120 * DAY + 1);
		assert_ok!(DebtPool::update_loan(RuntimeOrigin::signed(SENIOR), loan));
		assert_eq!(view(pool).tranches[0].value, 0);
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(JUNIOR), pool, 0, 100 * K, 0));
		// While the loan is open a value of nothing may still recover: the request waits.
		assert_eq!(served(JUNIOR), 0);
		assert_ok!(AssetLoan::mark_default(RuntimeOrigin::signed(SENIOR), loan));
		assert_ok!(DebtPool::liquidate(RuntimeOrigin::signed(ORIGINATOR), loan, Some(USDT_MIN)));
		advance(3 * DAY);
		assert_ok!(AssetLoan::settle_auction(RuntimeOrigin::signed(BIDDER_A), loan));
		// No bids: back in default. Then someone pays the whole debt after all.
		assert_ok!(AssetLoan::repay_in_full(RuntimeOrigin::signed(BUSINESS2), loan));
		assert_ok!(DebtPool::process_redemptions(RuntimeOrigin::signed(SENIOR), pool));
		assert!(served(JUNIOR) > 0, "the recovery went to the waiting redeemer");
		claim_all(pool, JUNIOR);
		assert_ok!(DebtPool::close(RuntimeOrigin::signed(ORIGINATOR), pool));
	});
}

/// Worthless shares once no loan is open can still leave: they are burnt for nothing, their
/// entry and deposit go at once, and the pool can close.
#[test]
fn shares_worth_nothing_with_no_loan_open_are_burnt_for_nothing() {
	new_test_ext().execute_with(|| {
		let pool = funded_pool(0);
		let loan = request_loan(BORROWER, 1_000 * K, 0, 30);
		assert_ok!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, loan));
		Timestamp::set_timestamp(GENESIS_TIME + 61 * DAY);
		assert_ok!(AssetLoan::mark_default(RuntimeOrigin::signed(SENIOR), loan));
		assert_ok!(DebtPool::liquidate(RuntimeOrigin::signed(ORIGINATOR), loan, Some(USDT_MIN)));
		assert_ok!(AssetLoan::bid(RuntimeOrigin::signed(BIDDER_A), loan, 500 * K));
		advance(3 * DAY);
		assert_ok!(AssetLoan::settle_auction(RuntimeOrigin::signed(BIDDER_A), loan));
		// 500 k recovered of 1 M: the senior's claim takes it all, the junior is worth nothing,
		// and no loan is left that could change that.
		let v = view(pool);
		assert_eq!((v.tranches[0].value, v.tranches[1].value, v.active_loans), (0, 500 * K, 0));
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(JUNIOR), pool, 0, 200 * K, 0));
		assert!(events().contains(&Event::RedemptionServed {
			pool,
			tranche: 0,
			who: JUNIOR,
			position: 0,
			shares: 200 * K,
			amount: 0
		}));
		assert!(Queues::<Test>::get((pool, 0), 0).is_none());
		assert!(QueuedBy::<Test>::get((pool, 0), JUNIOR).is_none());
		assert_eq!(
			<Balances as InspectHold<AccountId>>::balance_on_hold(&HoldReason::QueueDeposit.into(), &JUNIOR),
			0
		);
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(SENIOR), pool, 1, 800 * K, 0));
		assert_eq!(served(SENIOR), 500 * K);
		claim_all(pool, SENIOR);
		let account = DebtPool::pool_account(pool);
		assert!(pallet_asset_loan::Portfolios::<Test>::get(&account).realised_loss > 0);
		assert_ok!(DebtPool::close(RuntimeOrigin::signed(ORIGINATOR), pool));
		// Nothing of the closed pool stays behind in the loan pallet either.
		assert!(!pallet_asset_loan::Portfolios::<Test>::contains_key(&account));
	});
}

/// Found in review: a tranche worth (nearly) nothing on paper sold its shares for nearly
/// nothing, so a newcomer could buy most of a recovery for a few units. Deposits are priced as
/// if every unrealised write-down recovered.
#[test]
fn deposits_are_priced_as_if_write_downs_recovered() {
	new_test_ext().execute_with(|| {
		let pool = create_pool(vec![spec(0, 0)], 0, Perquintill::zero());
		assert_ok!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, 100 * K, 0));
		let loan = request_loan(BORROWER, 100 * K, 0, 30);
		assert_ok!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, loan));
		// 90 days late: written down 100 % on paper; the junior is worth 0 and impaired.
		Timestamp::set_timestamp(GENESIS_TIME + 120 * DAY + 1);
		assert_ok!(DebtPool::update_loan(RuntimeOrigin::signed(SENIOR), loan));
		assert_eq!(view(pool).tranches[0].value, 0);
		// 100,000 buys shares at the recovered price — the loan's full debt with late interest
		// (≈ 1.0124 per share) — not nearly the whole tranche at the written-down price of 0.
		assert_ok!(DebtPool::invest(RuntimeOrigin::signed(MANAGER), pool, 0, 10 * USDT_MIN, 0));
		assert_eq!(shares(pool, 0, MANAGER), 98_775);
		// The borrower pays in full: the newcomer has what it paid (less a unit of rounding, kept
		// by the pool), the old holder the rest.
		assert_ok!(AssetLoan::repay_in_full(RuntimeOrigin::signed(BORROWER), loan));
		assert_eq!(DebtPool::position(pool, &MANAGER)[0].value, 99_999);
		assert_eq!(DebtPool::position(pool, &JUNIOR)[0].value, 101_239_653_642);
	});
}

/// Found in review: a senior tranche's left-over claim came back to the next investor after
/// its shares had gone (sent to the pool account), taking value from the junior holders.
#[test]
fn a_senior_tranche_nobody_holds_starts_again_with_no_claim() {
	new_test_ext().execute_with(|| {
		let pool = funded_pool(0);
		let asset = Pools::<Test>::get(pool).unwrap().tranches[1].share_asset;
		let junior_before = view(pool).tranches[0].value;
		// The only senior holder sends every share to the pool account: the claim is orphaned
		// and its value falls to the junior.
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(SENIOR), asset, DebtPool::pool_account(pool), 800 * K));
		assert_eq!(view(pool).tranches[0].value, junior_before + 800 * K);
		// A new senior deposit starts from nothing: it does not get the old claim back.
		assert_ok!(DebtPool::invest(RuntimeOrigin::signed(SENIOR), pool, 1, 100 * K, 0));
		let v = view(pool);
		assert_eq!(v.tranches[1].value, 100 * K);
		assert_eq!(v.tranches[0].value, junior_before + 800 * K);
	});
}

/// Found in review: repayments landed without serving the queue and the manager could lend
/// them out again first. Financing serves queued redemptions before it lends.
#[test]
fn financing_serves_the_queue_first() {
	new_test_ext().execute_with(|| {
		let pool = funded_pool(0);
		let loan = request_loan(BORROWER, 1_000 * K, 0, 365);
		assert_ok!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, loan));
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(SENIOR), pool, 1, 100 * K, 0));
		assert_eq!(served(SENIOR), 0);
		assert_ok!(AssetLoan::repay(RuntimeOrigin::signed(BORROWER), loan, 100 * K));
		// The manager tries to lend the 100 k that came back: the queue is served first.
		let next = request_loan(BUSINESS2, 50 * K, 0, 365);
		assert_noop!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, next), Error::<Test>::InsufficientReserve);
		assert_ok!(DebtPool::process_redemptions(RuntimeOrigin::signed(SENIOR), pool));
		assert_eq!(served(SENIOR), 100 * K);
	});
}

/// Found in review: an admin could keep a defaulted loan unsold with reserves nobody meets.
/// Once the liquidation delay is over, no reserve may exceed the loan's present value.
#[test]
fn after_the_delay_no_reserve_exceeds_the_present_value() {
	new_test_ext().execute_with(|| {
		let pool = funded_pool(0);
		let loan = request_loan(BORROWER, 100 * K, 10, 30);
		assert_ok!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, loan));
		Timestamp::set_timestamp(GENESIS_TIME + 61 * DAY);
		assert_ok!(AssetLoan::mark_default(RuntimeOrigin::signed(SENIOR), loan));
		// Before the delay the admin's reserve stands.
		assert_ok!(DebtPool::liquidate(RuntimeOrigin::signed(ORIGINATOR), loan, Some(10_000 * K)));
		assert_eq!(pallet_asset_loan::Auctions::<Test>::get(loan).unwrap().reserve, 10_000 * K);
		advance(3 * DAY);
		assert_ok!(AssetLoan::settle_auction(RuntimeOrigin::signed(SENIOR), loan));
		// The failed auction did not restart the delay; after it, the reserve is capped.
		advance(LIQUIDATION_DELAY);
		let pv = AssetLoan::view(loan, Timestamp::get()).unwrap().present_value;
		assert_ok!(DebtPool::liquidate(RuntimeOrigin::signed(ORIGINATOR), loan, Some(10_000 * K)));
		assert_eq!(pallet_asset_loan::Auctions::<Test>::get(loan).unwrap().reserve, pv);
	});
}

/// Found by the runtime fuzzer: leaving a share balance below the token's minimum reaped it
/// from the holder's account while pallet-assets kept it in the issuance, so the pool counted
/// shares nobody held and could never close. A redemption takes that dust with it.
#[test]
fn a_redemption_takes_the_share_dust_it_would_leave_behind() {
	new_test_ext().execute_with(|| {
		let pool = funded_pool(0);
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(SENIOR), pool, 1, 800 * K - 5, 0));
		assert!(events().iter().any(|e| matches!(e, Event::RedemptionQueued { who: SENIOR, shares, .. } if *shares == 800 * K)));
		assert_eq!(shares(pool, 1, SENIOR), 0);
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(JUNIOR), pool, 0, 200 * K, 0));
		claim_all(pool, SENIOR);
		claim_all(pool, JUNIOR);
		assert_eq!(view(pool).tranches[1].supply, 0);
		assert_ok!(DebtPool::close(RuntimeOrigin::signed(ORIGINATOR), pool));
	});
}

/// Defect 12 (one global write-down policy): a pool values its late loans by its own policy,
/// which cannot change while it holds a loan.
#[test]
fn a_pool_values_late_loans_by_its_own_write_down_policy() {
	new_test_ext().execute_with(|| {
		let pool = create_pool(vec![spec(0, 0)], 0, Perquintill::zero());
		let step = |days, pct| WriteDownStep { days_overdue: days, write_down: Perbill::from_percent(pct) };
		let own = BoundedVec::truncate_from(vec![step(1, 40), step(10, 100)]);
		let set = |who, pool, policy| DebtPool::set_write_down_policy(RuntimeOrigin::signed(who), pool, policy);
		assert_noop!(set(SENIOR, pool, Some(own.clone())), Error::<Test>::NotAdmin);
		assert_noop!(set(ORIGINATOR, 9, Some(own.clone())), Error::<Test>::UnknownPool);
		assert_noop!(
			set(ORIGINATOR, pool, Some(BoundedVec::truncate_from(vec![step(5, 50), step(2, 60)]))),
			pallet_asset_loan::Error::<Test>::InvalidPolicy
		);
		// Never laxer than governance's (10 % at 30 days late, 50 % at 60, 100 % at 90): 5 %
		// after a day is less than 10 % at 30 days.
		assert_noop!(
			set(ORIGINATOR, pool, Some(BoundedVec::truncate_from(vec![step(1, 5)]))),
			pallet_asset_loan::Error::<Test>::PolicyTooLax
		);
		assert_noop!(set(ORIGINATOR, pool, Some(BoundedVec::new())), pallet_asset_loan::Error::<Test>::PolicyTooLax);
		assert_ok!(set(ORIGINATOR, pool, Some(own.clone())));
		assert!(events().contains(&Event::WriteDownPolicySet { pool, steps: Some(2) }));
		let account = DebtPool::pool_account(pool);
		assert_eq!(pallet_asset_loan::LenderPolicies::<Test>::get(&account), Some(own));

		// Fixed once investors are in: nobody is valued under terms other than those they saw.
		assert_ok!(DebtPool::invest(RuntimeOrigin::signed(JUNIOR), pool, 0, 1_000 * K, 0));
		assert_noop!(set(ORIGINATOR, pool, None), Error::<Test>::InvestorsIn);
		let loan = request_loan(BORROWER, 100 * K, 0, 30);
		assert_ok!(DebtPool::finance(RuntimeOrigin::signed(ORIGINATOR), pool, loan));
		// And while the pool holds a loan.
		assert_noop!(set(ORIGINATOR, pool, None), Error::<Test>::LoansOpen);

		// Two days late: governance's policy writes nothing off before 30 days; the pool's 40 %.
		Timestamp::set_timestamp(GENESIS_TIME + 32 * DAY + 1);
		assert_ok!(DebtPool::update_loan(RuntimeOrigin::signed(SENIOR), loan));
		let summary = <AssetLoan as LoanProvider<AccountId>>::summary(loan).unwrap();
		assert!(summary.debt > 100 * K, "penalty interest accrues");
		let written_down = summary.debt - Perbill::from_percent(40) * summary.debt;
		assert_eq!(summary.present_value, written_down);
		assert_eq!(view(pool).loan_value, written_down);

		// Repaid and every investor gone: the pool may change its policy again.
		assert_ok!(AssetLoan::repay_in_full(RuntimeOrigin::signed(BORROWER), loan));
		assert_noop!(set(ORIGINATOR, pool, None), Error::<Test>::InvestorsIn);
		let held = shares(pool, 0, JUNIOR);
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(JUNIOR), pool, 0, held, 0));
		assert_ok!(set(ORIGINATOR, pool, None));
		assert!(events().contains(&Event::WriteDownPolicySet { pool, steps: None }));
		assert_eq!(pallet_asset_loan::LenderPolicies::<Test>::get(&account), None);
	});
}
