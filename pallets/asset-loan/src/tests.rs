//! Unit tests of the asset-loan pallet on the mock runtime (real assets, uniques and asset-NFT
//! pallets underneath).

use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::InspectHold,
		fungibles::Inspect as FunsInspect,
		tokens::nonfungibles::Inspect as NftInspect,
	},
};
use persistence_primitives::{
	interest::{growth, per_second},
	loans::{LoanProvider, LoanStatus},
	rwa::{AssetKind, RwaCollateral},
};
use sp_runtime::{traits::BadOrigin, BoundedVec, FixedPointNumber, Perbill, Perquintill};

const APPRAISED: Balance = 100_000 * D;
const PRINCIPAL: Balance = 50_000 * D;

fn usdt(who: AccountId) -> Balance {
	<Assets as FunsInspect<AccountId>>::balance(USDT, &who)
}

fn bullet(rate_percent: u64, term_days: u64) -> LoanTerms {
	LoanTerms {
		currency: USDT,
		principal: PRINCIPAL,
		annual_rate: Perquintill::from_percent(rate_percent),
		schedule: Schedule::Bullet { term: term_days * 86_400 },
	}
}

fn installments(rate_percent: u64, count: u32, period_days: u64) -> LoanTerms {
	LoanTerms {
		currency: USDT,
		principal: PRINCIPAL,
		annual_rate: Perquintill::from_percent(rate_percent),
		schedule: Schedule::Installments { count, period: period_days * 86_400 },
	}
}

/// A verified invoice of the borrower and a loan requested against it. Returns the loan id.
fn requested(terms: LoanTerms) -> LoanId {
	let (class, item) = verified_asset(BORROWER, AssetKind::Invoice, APPRAISED);
	let id = NextLoanId::<Test>::get();
	assert_ok!(AssetLoan::request(RuntimeOrigin::signed(BORROWER), class, item, terms));
	id
}

fn funded(terms: LoanTerms) -> LoanId {
	let id = requested(terms);
	assert_ok!(AssetLoan::fund(RuntimeOrigin::signed(LENDER), id));
	id
}

fn loan(id: LoanId) -> Loan<AccountId> {
	Loans::<Test>::get(id).expect("open loan")
}

fn view(id: LoanId) -> LoanView<AccountId> {
	AssetLoan::view(id, Timestamp::get()).expect("open loan")
}

fn locked_by(class: u32, item: u32) -> Option<LockId> {
	<AssetNft as RwaCollateral<AccountId>>::collateral_info(&class, &item).unwrap().locked_by
}

fn nft_owner(class: u32, item: u32) -> Option<AccountId> {
	<Uniques as NftInspect<AccountId>>::owner(&class, &item)
}

fn held(who: AccountId) -> Balance {
	<Balances as InspectHold<AccountId>>::balance_on_hold(&HoldReason::LoanDeposit.into(), &who)
}

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::AssetLoan(e) = r.event { Some(e) } else { None })
		.collect()
}

/// A loan against collateral appraised at exactly its principal (advance rate 100 %), unpaid
/// past maturity and the grace period and declared in default: its debt exceeds the appraisal.
fn defaulted_underwater() -> LoanId {
	assert_ok!(AssetLoan::set_advance_rate(RuntimeOrigin::root(), AssetKind::Invoice, Some(Perbill::one())));
	let (class, item) = verified_asset(BORROWER, AssetKind::Invoice, PRINCIPAL);
	let id = NextLoanId::<Test>::get();
	assert_ok!(AssetLoan::request(RuntimeOrigin::signed(BORROWER), class, item, bullet(10, 30)));
	assert_ok!(AssetLoan::fund(RuntimeOrigin::signed(LENDER), id));
	advance(30 * DAY + 30 * DAY + 1_000);
	assert_ok!(AssetLoan::mark_default(RuntimeOrigin::signed(BIDDER), id));
	id
}

/// A loan funded, left unpaid past maturity and the grace period, and declared in default.
fn defaulted() -> LoanId {
	let id = funded(bullet(10, 30));
	advance(30 * DAY + 30 * DAY + 1_000);
	assert_ok!(AssetLoan::mark_default(RuntimeOrigin::signed(BIDDER), id));
	id
}

// ----- request -----

#[test]
fn request_locks_the_nft_and_holds_a_deposit() {
	new_test_ext().execute_with(|| {
		let id = requested(bullet(10, 365));
		let l = loan(id);
		assert_eq!(l.state, LoanState::Requested);
		assert_eq!(l.borrower, BORROWER);
		assert_eq!(l.params.penalty_rate, Perquintill::from_percent(5));
		assert_eq!(locked_by(l.collateral.0, l.collateral.1), Some(LOCK_ID));
		assert_eq!(held(BORROWER), LOAN_DEPOSIT);
		assert_eq!(view(id).status, LoanStatus::Requested);
		assert_eq!(view(id).present_value, 0);
		assert!(matches!(events().last(), Some(Event::Requested { loan: 0, borrower: BORROWER, .. })));
		// No money moved.
		assert_eq!(usdt(BORROWER), START_USDT);
	});
}

#[test]
fn request_refused_for_unknown_collateral() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			AssetLoan::request(RuntimeOrigin::signed(BORROWER), 9, 9, bullet(10, 365)),
			Error::<Test>::UnknownCollateral
		);
	});
}

#[test]
fn request_refused_to_non_owner() {
	new_test_ext().execute_with(|| {
		let (class, item) = verified_asset(BORROWER, AssetKind::Invoice, APPRAISED);
		assert_noop!(
			AssetLoan::request(RuntimeOrigin::signed(BUSINESS2), class, item, bullet(10, 365)),
			Error::<Test>::NotCollateralOwner
		);
	});
}

#[test]
fn request_refused_for_unverified_or_expired_collateral() {
	new_test_ext().execute_with(|| {
		let (class, item) = verified_asset(BORROWER, AssetKind::Invoice, APPRAISED);
		// Expired: the appraisal is valid for two years.
		advance(2 * 365 * DAY + 1);
		assert_noop!(
			AssetLoan::request(RuntimeOrigin::signed(BORROWER), class, item, bullet(10, 365)),
			Error::<Test>::CollateralNotVerified
		);
		// Pending: a fresh asset never verified.
		let (class2, _) = verified_asset(BORROWER, AssetKind::Invoice, APPRAISED);
		assert_ok!(AssetNft::mint(
			RuntimeOrigin::signed(BORROWER),
			class2,
			pallet_asset_nft::AssetParams {
				face_value: 1,
				currency: USDT,
				issue_date: Some(Timestamp::get()),
				maturity_date: Some(Timestamp::get() + DAY),
				document_hash: Default::default(),
				metadata: BoundedVec::new(),
				private_fields: BoundedVec::new(),
			}
		));
		assert_noop!(
			AssetLoan::request(RuntimeOrigin::signed(BORROWER), class2, 1, bullet(10, 365)),
			Error::<Test>::CollateralNotVerified
		);
	});
}

#[test]
fn request_refused_for_locked_collateral() {
	new_test_ext().execute_with(|| {
		let (class, item) = verified_asset(BORROWER, AssetKind::Invoice, APPRAISED);
		assert_ok!(AssetLoan::request(RuntimeOrigin::signed(BORROWER), class, item, bullet(10, 365)));
		assert_noop!(
			AssetLoan::request(RuntimeOrigin::signed(BORROWER), class, item, bullet(10, 365)),
			Error::<Test>::CollateralLocked
		);
	});
}

#[test]
fn request_refused_for_settled_invoice() {
	new_test_ext().execute_with(|| {
		let (class, item) = verified_asset(BORROWER, AssetKind::Invoice, APPRAISED);
		assert_ok!(AssetNft::settle(RuntimeOrigin::signed(BORROWER), class, item));
		assert_noop!(
			AssetLoan::request(RuntimeOrigin::signed(BORROWER), class, item, bullet(10, 365)),
			Error::<Test>::CollateralSettled
		);
	});
}

#[test]
fn request_refused_in_another_currency() {
	new_test_ext().execute_with(|| {
		let (class, item) = verified_asset(BORROWER, AssetKind::Invoice, APPRAISED);
		let terms = LoanTerms { currency: OTHER_COIN, ..bullet(10, 365) };
		assert_noop!(
			AssetLoan::request(RuntimeOrigin::signed(BORROWER), class, item, terms),
			Error::<Test>::CurrencyMismatch
		);
	});
}

#[test]
fn request_refused_without_advance_rate_for_the_kind() {
	new_test_ext().execute_with(|| {
		let (class, item) = verified_asset(BORROWER, AssetKind::Equipment, APPRAISED);
		assert_noop!(
			AssetLoan::request(RuntimeOrigin::signed(BORROWER), class, item, bullet(10, 365)),
			Error::<Test>::NoAdvanceRate
		);
	});
}

#[test]
fn principal_is_capped_by_the_advance_rate() {
	new_test_ext().execute_with(|| {
		// Invoices: 80 % of 100,000 = 80,000.
		let (class, item) = verified_asset(BORROWER, AssetKind::Invoice, APPRAISED);
		let over = LoanTerms { principal: 80_000 * D + 1, ..bullet(10, 365) };
		assert_noop!(
			AssetLoan::request(RuntimeOrigin::signed(BORROWER), class, item, over),
			Error::<Test>::ExceedsAdvanceRate
		);
		let max = LoanTerms { principal: 80_000 * D, ..bullet(10, 365) };
		assert_ok!(AssetLoan::request(RuntimeOrigin::signed(BORROWER), class, item, max));
		// Inventory: 50 %.
		let (class, item) = verified_asset(BORROWER, AssetKind::Inventory, APPRAISED);
		let over = LoanTerms { principal: 50_000 * D + 1, ..bullet(10, 365) };
		assert_noop!(
			AssetLoan::request(RuntimeOrigin::signed(BORROWER), class, item, over),
			Error::<Test>::ExceedsAdvanceRate
		);
	});
}

#[test]
fn request_refused_for_zero_principal() {
	new_test_ext().execute_with(|| {
		let (class, item) = verified_asset(BORROWER, AssetKind::Invoice, APPRAISED);
		let terms = LoanTerms { principal: 0, ..bullet(10, 365) };
		assert_noop!(
			AssetLoan::request(RuntimeOrigin::signed(BORROWER), class, item, terms),
			Error::<Test>::ZeroPrincipal
		);
	});
}

#[test]
fn request_refused_for_bad_schedules() {
	new_test_ext().execute_with(|| {
		let (class, item) = verified_asset(BORROWER, AssetKind::Invoice, APPRAISED);
		let req = |terms| AssetLoan::request(RuntimeOrigin::signed(BORROWER), class, item, terms);
		assert_noop!(req(installments(10, 0, 30)), Error::<Test>::BadInstallmentCount);
		assert_noop!(req(installments(10, 361, 1)), Error::<Test>::BadInstallmentCount);
		let short = LoanTerms { schedule: Schedule::Bullet { term: 59 }, ..bullet(10, 1) };
		assert_noop!(req(short), Error::<Test>::TermTooShort);
		let short_period = LoanTerms { schedule: Schedule::Installments { count: 3, period: 59 }, ..bullet(10, 1) };
		assert_noop!(req(short_period), Error::<Test>::TermTooShort);
		assert_noop!(req(bullet(10, 31 * 366)), Error::<Test>::TermTooLong);
		assert_noop!(req(installments(10, 360, 31)), Error::<Test>::TermTooLong);
	});
}

#[test]
fn request_refused_when_rate_plus_penalty_exceeds_100_percent() {
	new_test_ext().execute_with(|| {
		let (class, item) = verified_asset(BORROWER, AssetKind::Invoice, APPRAISED);
		assert_noop!(
			AssetLoan::request(RuntimeOrigin::signed(BORROWER), class, item, bullet(96, 365)),
			Error::<Test>::RateTooHigh
		);
		assert_ok!(AssetLoan::request(RuntimeOrigin::signed(BORROWER), class, item, bullet(95, 365)));
	});
}

#[test]
fn request_needs_the_xprt_deposit() {
	new_test_ext().execute_with(|| {
		let (class, item) = verified_asset(BORROWER, AssetKind::Invoice, APPRAISED);
		assert_ok!(AssetNft::transfer(RuntimeOrigin::signed(BORROWER), class, item, POOR));
		assert!(AssetLoan::request(RuntimeOrigin::signed(POOR), class, item, bullet(10, 365)).is_err());
		assert_eq!(locked_by(class, item), None);
		assert_eq!(Loans::<Test>::iter().count(), 0);
	});
}

// ----- cancel -----

#[test]
fn cancel_unlocks_and_refunds() {
	new_test_ext().execute_with(|| {
		let id = requested(bullet(10, 365));
		let (class, item) = loan(id).collateral;
		assert_noop!(AssetLoan::cancel(RuntimeOrigin::signed(LENDER), id), Error::<Test>::NotBorrower);
		assert_ok!(AssetLoan::cancel(RuntimeOrigin::signed(BORROWER), id));
		assert!(Loans::<Test>::get(id).is_none());
		assert_eq!(locked_by(class, item), None);
		assert_eq!(held(BORROWER), 0);
		assert!(matches!(events().last(), Some(Event::Cancelled { loan: 0 })));
		assert_noop!(AssetLoan::cancel(RuntimeOrigin::signed(BORROWER), id), Error::<Test>::UnknownLoan);
	});
}

#[test]
fn cancel_refused_once_funded() {
	new_test_ext().execute_with(|| {
		let id = funded(bullet(10, 365));
		assert_noop!(AssetLoan::cancel(RuntimeOrigin::signed(BORROWER), id), Error::<Test>::NotRequested);
	});
}

// ----- fund -----

#[test]
fn fund_moves_the_principal_and_activates() {
	new_test_ext().execute_with(|| {
		let id = funded(bullet(10, 365));
		assert_eq!(usdt(BORROWER), START_USDT + PRINCIPAL);
		assert_eq!(usdt(LENDER), START_USDT - PRINCIPAL);
		let l = loan(id);
		assert_eq!(l.state, LoanState::Active);
		assert_eq!(l.lender, Some(LENDER));
		assert_eq!(l.funded_at, GENESIS_TIME);
		let v = view(id);
		assert_eq!(v.status, LoanStatus::Active);
		assert_eq!(v.debt, PRINCIPAL);
		assert_eq!(v.maturity, Some(GENESIS_TIME + 365 * DAY));
		assert_eq!(v.next_installment, Some((GENESIS_TIME + 365 * DAY, PRINCIPAL)));
		assert_eq!(v.amount_due, 0);
		// The lender's portfolio books it in the same call: one bucket, valued at the debt, and a
		// checkpoint at the first moment after maturity.
		let p = Portfolios::<Test>::get(LENDER);
		assert_eq!(p.loans, 1);
		assert_eq!(p.buckets.len(), 1);
		assert_eq!(p.buckets[0].normalized, l.normalized_debt);
		assert_eq!(AssetLoan::valuation(&LENDER, Timestamp::get()).unwrap().value, PRINCIPAL);
		assert_eq!(l.checkpoint, Some(GENESIS_TIME + 365 * DAY + 1));
		assert!(Checkpoints::<Test>::contains_key(LENDER, functions::checkpoint_key(GENESIS_TIME + 365 * DAY + 1, id)));
		// The bucket carries the accumulator the loan's debt is normalized against, opened now.
		assert_eq!(p.buckets[0].accumulator.last_updated, Timestamp::get() / 1000);
		assert_eq!(p.buckets[0].accumulator.rate_per_sec, per_second(Perquintill::from_percent(10)));
		assert_eq!(l.penalty_accrual, None);
		assert_noop!(AssetLoan::fund(RuntimeOrigin::signed(BIDDER), id), Error::<Test>::NotRequested);
	});
}

#[test]
fn fund_refused_for_unknown_loan_and_own_loan() {
	new_test_ext().execute_with(|| {
		assert_noop!(AssetLoan::fund(RuntimeOrigin::signed(LENDER), 7), Error::<Test>::UnknownLoan);
		let id = requested(bullet(10, 365));
		assert_noop!(AssetLoan::fund(RuntimeOrigin::signed(BORROWER), id), Error::<Test>::BorrowerCannotFund);
	});
}

#[test]
fn fund_refused_once_the_appraisal_expired() {
	new_test_ext().execute_with(|| {
		let id = requested(bullet(10, 365));
		advance(2 * 365 * DAY + 1);
		assert_noop!(AssetLoan::fund(RuntimeOrigin::signed(LENDER), id), Error::<Test>::CollateralNotVerified);
	});
}

#[test]
fn fund_refused_without_the_stablecoin() {
	new_test_ext().execute_with(|| {
		let id = requested(LoanTerms { principal: 80_000 * D, ..bullet(10, 365) });
		// Account 77 has XPRT but no USDT.
		assert!(AssetLoan::fund(RuntimeOrigin::signed(77), id).is_err());
		assert_eq!(loan(id).state, LoanState::Requested);
	});
}

#[test]
fn fund_overflow_is_refused_not_panicking() {
	new_test_ext().execute_with(|| {
		// A debt beyond the fixed-point range (≈ 3.4e20) cannot be normalized.
		let huge: Balance = 1_000_000_000_000_000_000_000; // 1e21
		let (class, item) = verified_asset(BORROWER, AssetKind::Invoice, huge);
		let terms = LoanTerms { principal: huge / 2, ..bullet(10, 365) };
		assert_ok!(AssetLoan::request(RuntimeOrigin::signed(BORROWER), class, item, terms));
		assert_ok!(<Assets as frame_support::traits::fungibles::Mutate<AccountId>>::mint_into(USDT, &LENDER, huge));
		assert_noop!(AssetLoan::fund(RuntimeOrigin::signed(LENDER), 0), Error::<Test>::Overflow);
	});
}

// ----- interest -----

#[test]
fn one_year_at_ten_percent_matches_the_compound_formula() {
	new_test_ext().execute_with(|| {
		let id = funded(bullet(10, 366));
		advance(YEAR_S * 1000);
		let debt = view(id).debt;
		let r = per_second(Perquintill::from_percent(10)).into_inner() as f64 / 1e18;
		let exact = PRINCIPAL as f64 * ((YEAR_S as f64) * r.ln_1p()).exp();
		assert!((debt as f64 - exact).abs() <= 1.0, "{debt} vs {exact}");
		// ≈ P·e^0.1
		let continuous = PRINCIPAL as f64 * 0.1f64.exp();
		assert!((debt as f64 - continuous).abs() / continuous < 1e-9, "{debt} vs {continuous}");
		assert_eq!(view(id).accrued_interest, debt - PRINCIPAL);
	});
}

#[test]
fn a_lenders_loans_at_one_rate_share_its_bucket_accumulator() {
	new_test_ext().execute_with(|| {
		let a = funded(bullet(10, 365));
		advance(100 * DAY);
		let b = funded(bullet(10, 365));
		let c = funded(bullet(12, 365));
		let p = Portfolios::<Test>::get(LENDER);
		let counts: Vec<_> = p.buckets.iter().map(|b| (b.rate, b.loans)).collect();
		assert_eq!(counts, vec![(Perquintill::from_percent(10), 2), (Perquintill::from_percent(12), 1)]);
		// The 10 % bucket was opened with a and accrued when b joined it 100 days later.
		assert_eq!(p.buckets[0].accumulator.last_updated, Timestamp::get() / 1000);
		assert!(p.buckets[0].accumulator.value > sp_runtime::FixedU128::from_u32(1));
		// b started later: it owes less than a.
		advance(100 * DAY);
		assert!(view(a).debt > view(b).debt);
		for id in [a, b, c] {
			assert_ok!(AssetLoan::repay_in_full(RuntimeOrigin::signed(BORROWER), id));
		}
		assert!(!Portfolios::<Test>::contains_key(LENDER));
	});
}

// ----- repay -----

#[test]
fn repayment_goes_to_interest_first_then_principal() {
	new_test_ext().execute_with(|| {
		let id = funded(bullet(10, 365));
		advance(180 * DAY);
		let v = view(id);
		let interest = v.accrued_interest;
		assert!(interest > 0);
		// Pay less than the interest: all of it is interest.
		let lender_before = usdt(LENDER);
		assert_ok!(AssetLoan::repay(RuntimeOrigin::signed(BORROWER), id, interest / 2));
		assert_eq!(usdt(LENDER), lender_before + interest / 2);
		assert_eq!(loan(id).outstanding_principal, PRINCIPAL);
		// Then the rest of the interest and 10,000 of principal, paid by someone else.
		let rest = view(id).accrued_interest;
		assert_ok!(AssetLoan::repay(RuntimeOrigin::signed(BIDDER), id, rest + 10_000 * D));
		assert_eq!(loan(id).outstanding_principal, PRINCIPAL - 10_000 * D);
		assert!(matches!(
			events().last(),
			Some(Event::Repaid { payer: BIDDER, interest: i, principal: p, .. }) if *i == rest && *p == 10_000 * D
		));
		// The lender's books follow the loan exactly.
		assert_eq!(AssetLoan::valuation(&LENDER, Timestamp::get()).unwrap().value, view(id).debt);
		// The debt now is the remaining principal (same second: no new interest).
		let d = view(id).debt;
		assert!(d.abs_diff(PRINCIPAL - 10_000 * D) <= 1, "{d}");
	});
}

#[test]
fn full_repayment_closes_unlocks_and_refunds() {
	new_test_ext().execute_with(|| {
		let id = funded(bullet(10, 365));
		let (class, item) = loan(id).collateral;
		advance(200 * DAY);
		let debt = view(id).debt;
		let borrower_before = usdt(BORROWER);
		let lender_before = usdt(LENDER);
		assert_ok!(AssetLoan::repay(RuntimeOrigin::signed(BORROWER), id, debt));
		assert_eq!(usdt(BORROWER), borrower_before - debt);
		assert_eq!(usdt(LENDER), lender_before + debt);
		assert!(Loans::<Test>::get(id).is_none());
		assert_eq!(locked_by(class, item), None);
		assert_eq!(nft_owner(class, item), Some(BORROWER));
		assert_eq!(held(BORROWER), 0);
		assert!(matches!(events().last(), Some(Event::Closed { loan: 0 })));
		// Out of the lender's books: no portfolio, no checkpoint left behind.
		assert!(!Portfolios::<Test>::contains_key(LENDER));
		assert_eq!(Checkpoints::<Test>::iter().count(), 0);
	});
}

#[test]
fn repay_refuses_overpayment_and_zero() {
	new_test_ext().execute_with(|| {
		let id = funded(bullet(10, 365));
		advance(DAY);
		let debt = view(id).debt;
		assert_noop!(AssetLoan::repay(RuntimeOrigin::signed(BORROWER), id, debt + 1), Error::<Test>::Overpayment);
		assert_noop!(AssetLoan::repay(RuntimeOrigin::signed(BORROWER), id, 0), Error::<Test>::ZeroAmount);
	});
}

#[test]
fn repay_refused_before_funding_and_for_unknown_loans() {
	new_test_ext().execute_with(|| {
		let id = requested(bullet(10, 365));
		assert_noop!(AssetLoan::repay(RuntimeOrigin::signed(BORROWER), id, 1), Error::<Test>::NotRepayable);
		assert_noop!(AssetLoan::repay_in_full(RuntimeOrigin::signed(BORROWER), 42), Error::<Test>::UnknownLoan);
	});
}

#[test]
fn repay_refused_without_funds() {
	new_test_ext().execute_with(|| {
		let id = funded(bullet(10, 365));
		// Account 77 holds no USDT.
		assert!(AssetLoan::repay(RuntimeOrigin::signed(77), id, 1_000).is_err());
		assert_eq!(loan(id).total_repaid, 0);
	});
}

// ----- installments -----

#[test]
fn installments_amortize_and_on_time_payments_close_the_loan() {
	new_test_ext().execute_with(|| {
		// 12 monthly payments at 12 %.
		let id = funded(installments(12, 12, 30));
		let am = loan(id).amortization.unwrap();
		// Standard annuity: P·i/(1-(1+i)^-n), i the 30-day compound rate.
		let i = (1.0 + 0.12f64 / YEAR_S as f64).powf(30.0 * 86_400.0) - 1.0;
		let annuity = PRINCIPAL as f64 * i / (1.0 - (1.0 + i).powf(-12.0));
		// (f64 loses a few units raising to the 2.6-millionth power: compare relatively.)
		assert!((am.installment as f64 - annuity).abs() / annuity < 1e-8, "{} vs {annuity}", am.installment);
		let scheduled_total = am.installment * 11 + am.last_installment;
		let mut paid_interest = 0;
		let mut paid_principal = 0;
		for k in 1..=12u64 {
			// Pay exactly on the due date.
			Timestamp::set_timestamp(GENESIS_TIME + k * 30 * DAY);
			let v = view(id);
			assert_eq!(v.status, LoanStatus::Active, "installment {k}");
			assert_eq!(v.next_installment.unwrap().0, GENESIS_TIME + k * 30 * DAY);
			let amount = if k < 12 { am.installment } else { v.debt };
			if k < 12 {
				assert_eq!(v.next_installment.unwrap().1, am.installment);
			} else {
				// The last payment is the scheduled one up to the rounding of 12 payments.
				assert!(amount.abs_diff(am.last_installment) <= 12, "{amount} vs {}", am.last_installment);
			}
			assert_ok!(AssetLoan::repay(RuntimeOrigin::signed(BORROWER), id, amount));
			if let Some(Event::Repaid { interest, principal, .. }) = events().into_iter().rev().find(|e| matches!(e, Event::Repaid { .. })) {
				paid_interest += interest;
				paid_principal += principal;
			}
		}
		assert!(Loans::<Test>::get(id).is_none(), "closed after the last installment");
		// Interest + principal = exactly what was paid, and principal = what was lent.
		assert_eq!(paid_principal, PRINCIPAL);
		assert!((paid_interest + paid_principal).abs_diff(scheduled_total) <= 12);
	});
}

#[test]
fn amortization_sums_to_principal_plus_interest() {
	// The schedule's own arithmetic: balance after each on-time payment, the last payment
	// clears it exactly.
	for (rate, count, period) in [(10u64, 12u32, 30 * 86_400u64), (0, 7, 86_400), (35, 360, 86_400), (1, 1, 60)] {
		let r = per_second(Perquintill::from_percent(rate));
		let am = functions::amortize(PRINCIPAL, r, count, period).unwrap();
		let step = growth(r, period).unwrap();
		let mut balance = sp_runtime::FixedU128::from_inner(PRINCIPAL * 1_000_000_000_000_000_000);
		let a = sp_runtime::FixedU128::from_inner(am.installment * 1_000_000_000_000_000_000);
		for _ in 1..count {
			balance = balance * step - a;
		}
		let last = balance * step;
		let last_units = (last.into_inner() + 999_999_999_999_999_999) / 1_000_000_000_000_000_000;
		assert_eq!(last_units, am.last_installment, "rate {rate} count {count}");
		if rate == 0 {
			assert_eq!(am.installment * (count as u128 - 1) + am.last_installment, PRINCIPAL);
		}
	}
}

#[test]
fn missed_installment_makes_the_loan_overdue_with_penalty_and_catching_up_cures_it() {
	new_test_ext().execute_with(|| {
		let id = funded(installments(10, 6, 30));
		let am = loan(id).amortization.unwrap();
		// First installment missed: 10 days late.
		Timestamp::set_timestamp(GENESIS_TIME + 40 * DAY);
		let v = view(id);
		assert_eq!(v.status, LoanStatus::Overdue);
		assert_eq!(v.amount_due, am.installment);
		// Penalty: the debt is higher than at the plain rate.
		let plain = {
			let g = growth(per_second(Perquintill::from_percent(10)), 40 * 86_400).unwrap();
			(sp_runtime::FixedU128::saturating_from_integer(PRINCIPAL) * g).into_inner() / 1_000_000_000_000_000_000
		};
		assert!(v.debt > plain + 1);
		let pen = growth(per_second(Perquintill::from_percent(5)), 10 * 86_400).unwrap();
		let expected = (sp_runtime::FixedU128::saturating_from_integer(plain) * pen).into_inner() / 1_000_000_000_000_000_000;
		assert!(v.debt.abs_diff(expected) <= 2, "{} vs {expected}", v.debt);
		// Marking it moves its debt to its own accrual at 15 %, started now.
		assert_ok!(AssetLoan::mark_overdue(RuntimeOrigin::signed(BIDDER), id));
		assert_eq!(loan(id).state, LoanState::Overdue { since: GENESIS_TIME + 30 * DAY });
		let own = loan(id).penalty_accrual.unwrap();
		assert_eq!(own.rate_per_sec, per_second(Perquintill::from_percent(15)));
		assert_eq!((own.value, own.last_updated), (sp_runtime::FixedU128::from_u32(1), Timestamp::get() / 1000));
		assert!(events().contains(&Event::Overdue { loan: id, since: GENESIS_TIME + 30 * DAY }));
		assert_noop!(AssetLoan::mark_overdue(RuntimeOrigin::signed(BIDDER), id), Error::<Test>::NotOverdue);
		// Paying the installment cures it: back to 10 %.
		assert_ok!(AssetLoan::repay(RuntimeOrigin::signed(BORROWER), id, am.installment));
		assert_eq!(loan(id).state, LoanState::Active);
		assert_eq!(loan(id).penalty_accrual, None);
		assert!(events().contains(&Event::Cured { loan: id }));
		assert_eq!(view(id).status, LoanStatus::Active);
		assert_eq!(view(id).next_installment.unwrap().0, GENESIS_TIME + 60 * DAY);
	});
}

#[test]
fn mark_overdue_refused_for_performing_loans() {
	new_test_ext().execute_with(|| {
		let id = funded(bullet(10, 30));
		assert_noop!(AssetLoan::mark_overdue(RuntimeOrigin::signed(BIDDER), id), Error::<Test>::NotOverdue);
		assert_noop!(AssetLoan::mark_overdue(RuntimeOrigin::signed(BIDDER), 9), Error::<Test>::UnknownLoan);
	});
}

// ----- default -----

#[test]
fn default_only_after_the_grace_period() {
	new_test_ext().execute_with(|| {
		let id = funded(bullet(10, 30));
		assert_noop!(AssetLoan::mark_default(RuntimeOrigin::signed(BIDDER), id), Error::<Test>::NotOverdue);
		// Overdue for 29 days: within grace.
		advance(30 * DAY + 29 * DAY);
		assert_noop!(AssetLoan::mark_default(RuntimeOrigin::signed(BIDDER), id), Error::<Test>::GracePeriodNotOver);
		advance(DAY);
		assert_ok!(AssetLoan::mark_default(RuntimeOrigin::signed(BIDDER), id));
		assert!(matches!(loan(id).state, LoanState::Defaulted { since, .. } if since == GENESIS_TIME + 30 * DAY));
		assert_eq!(view(id).status, LoanStatus::Defaulted);
		assert!(matches!(events().last(), Some(Event::Defaulted { .. })));
		assert_noop!(AssetLoan::mark_default(RuntimeOrigin::signed(BIDDER), id), Error::<Test>::NotOverdue);
	});
}

#[test]
fn seize_gives_the_nft_to_the_lender_and_reports_the_loss() {
	new_test_ext().execute_with(|| {
		let id = defaulted_underwater();
		let (class, item) = loan(id).collateral;
		let debt = view(id).debt;
		assert_noop!(AssetLoan::seize(RuntimeOrigin::signed(BIDDER), id), Error::<Test>::NotLender);
		assert_ok!(AssetLoan::seize(RuntimeOrigin::signed(LENDER), id));
		assert_eq!(nft_owner(class, item), Some(LENDER));
		assert_eq!(locked_by(class, item), None);
		assert!(Loans::<Test>::get(id).is_none());
		assert_eq!(held(BORROWER), 0);
		// The whole debt is a realised loss in the lender's books.
		assert_eq!(Portfolios::<Test>::get(LENDER).realised_loss, debt);
		assert_eq!(Portfolios::<Test>::get(LENDER).loans, 0);
		assert!(matches!(events().last(), Some(Event::Seized { lender: LENDER, .. })));
	});
}

/// A lender going away (a pool closing) has its portfolio forgotten — realised losses
/// included — but never while a loan is open.
#[test]
fn a_portfolio_is_closed_only_with_no_loan_open() {
	new_test_ext().execute_with(|| {
		let id = defaulted_underwater();
		let debt = view(id).debt;
		assert_noop!(
			<AssetLoan as LoanProvider<AccountId>>::close_portfolio(&LENDER),
			Error::<Test>::PortfolioNotEmpty
		);
		// A lender's own write-down policy cannot change under an open loan either.
		let step = |days, pct| WriteDownStep { days_overdue: days, write_down: Perbill::from_percent(pct) };
		// At least governance's at every age (10 % at 30 days, 50 % at 60, 100 % at 90).
		let own = vec![step(1, 20), step(60, 50), step(90, 100)];
		assert_noop!(
			<AssetLoan as LoanProvider<AccountId>>::set_write_down_policy(&LENDER, Some(own.clone())),
			Error::<Test>::PortfolioNotEmpty
		);
		assert_ok!(AssetLoan::seize(RuntimeOrigin::signed(LENDER), id));
		assert_eq!(Portfolios::<Test>::get(LENDER).realised_loss, debt);
		assert!(Portfolios::<Test>::contains_key(LENDER));
		assert_ok!(<AssetLoan as LoanProvider<AccountId>>::set_write_down_policy(&LENDER, Some(own)));
		assert!(LenderPolicies::<Test>::contains_key(LENDER));
		assert_ok!(<AssetLoan as LoanProvider<AccountId>>::close_portfolio(&LENDER));
		assert!(!Portfolios::<Test>::contains_key(LENDER));
		assert!(!LenderPolicies::<Test>::contains_key(LENDER), "its policy goes with it");
		assert_eq!(Checkpoints::<Test>::iter_prefix(LENDER).count(), 0);
	});
}

#[test]
fn seize_and_auction_refused_before_default() {
	new_test_ext().execute_with(|| {
		let id = funded(bullet(10, 30));
		advance(31 * DAY);
		assert_noop!(AssetLoan::seize(RuntimeOrigin::signed(LENDER), id), Error::<Test>::NotDefaulted);
		assert_noop!(AssetLoan::start_auction(RuntimeOrigin::signed(LENDER), id, D), Error::<Test>::NotDefaulted);
	});
}

#[test]
fn defaulted_borrower_may_still_repay() {
	new_test_ext().execute_with(|| {
		let id = defaulted();
		assert_ok!(AssetLoan::repay(RuntimeOrigin::signed(BORROWER), id, 1_000 * D));
		assert!(matches!(loan(id).state, LoanState::Defaulted { .. }));
		assert_ok!(AssetLoan::repay_in_full(RuntimeOrigin::signed(BORROWER), id));
		assert!(Loans::<Test>::get(id).is_none());
	});
}

// ----- auction -----

#[test]
fn auction_with_surplus_pays_lender_the_debt_and_borrower_the_rest() {
	new_test_ext().execute_with(|| {
		let id = defaulted();
		let (class, item) = loan(id).collateral;
		assert_noop!(AssetLoan::start_auction(RuntimeOrigin::signed(BIDDER), id, D), Error::<Test>::NotLender);
		// A reserve below USDT's minimum balance (0.01) is refused: refunds must always be payable.
		assert_noop!(AssetLoan::start_auction(RuntimeOrigin::signed(LENDER), id, 0), Error::<Test>::ReserveTooLow);
		assert_noop!(
			AssetLoan::start_auction(RuntimeOrigin::signed(LENDER), id, USDT_MIN - 1),
			Error::<Test>::ReserveTooLow
		);
		assert_ok!(AssetLoan::start_auction(RuntimeOrigin::signed(LENDER), id, 40_000 * D));
		assert_eq!(view(id).status, LoanStatus::InAuction);
		assert_noop!(AssetLoan::repay(RuntimeOrigin::signed(BORROWER), id, D), Error::<Test>::NotRepayable);
		assert_noop!(AssetLoan::bid(RuntimeOrigin::signed(BIDDER), id, 40_000 * D - 1), Error::<Test>::BidTooLow);
		assert_ok!(AssetLoan::bid(RuntimeOrigin::signed(BIDDER), id, 40_000 * D));
		assert_eq!(usdt(BIDDER), START_USDT - 40_000 * D);
		// Must beat the best by 1 %.
		assert_noop!(AssetLoan::bid(RuntimeOrigin::signed(BIDDER2), id, 40_399 * D), Error::<Test>::BidTooLow);
		assert_ok!(AssetLoan::bid(RuntimeOrigin::signed(BIDDER2), id, 70_000 * D));
		// Outbid: refunded in full.
		assert_eq!(usdt(BIDDER), START_USDT);
		assert_eq!(usdt(AssetLoan::escrow_account()), 70_000 * D);
		assert_noop!(AssetLoan::settle_auction(RuntimeOrigin::signed(BIDDER), id), Error::<Test>::AuctionNotEnded);
		advance(3 * DAY);
		assert_noop!(AssetLoan::bid(RuntimeOrigin::signed(BIDDER), id, 80_000 * D), Error::<Test>::AuctionEnded);
		let debt = view(id).debt;
		assert!(debt < 70_000 * D);
		let (lender0, borrower0) = (usdt(LENDER), usdt(BORROWER));
		assert_ok!(AssetLoan::settle_auction(RuntimeOrigin::signed(BIDDER), id));
		assert_eq!(usdt(LENDER), lender0 + debt);
		assert_eq!(usdt(BORROWER), borrower0 + 70_000 * D - debt);
		assert_eq!(usdt(AssetLoan::escrow_account()), 0);
		assert_eq!(nft_owner(class, item), Some(BIDDER2));
		assert_eq!(locked_by(class, item), None);
		assert!(Loans::<Test>::get(id).is_none() && Auctions::<Test>::get(id).is_none());
		// Recovered in full: no loss in the lender's books, and the portfolio is gone.
		assert!(!Portfolios::<Test>::contains_key(LENDER));
		assert!(matches!(
			events().last(),
			Some(Event::AuctionSettled { winner: BIDDER2, shortfall: 0, .. })
		));
	});
}

#[test]
fn auction_below_the_debt_reports_the_shortfall() {
	new_test_ext().execute_with(|| {
		let id = defaulted();
		assert_ok!(AssetLoan::start_auction(RuntimeOrigin::signed(LENDER), id, 10_000 * D));
		assert_ok!(AssetLoan::bid(RuntimeOrigin::signed(BIDDER), id, 30_000 * D));
		advance(3 * DAY);
		let debt = view(id).debt;
		let borrower0 = usdt(BORROWER);
		assert_ok!(AssetLoan::settle_auction(RuntimeOrigin::signed(LENDER), id));
		assert_eq!(usdt(BORROWER), borrower0);
		assert_eq!(Portfolios::<Test>::get(LENDER).realised_loss, debt - 30_000 * D);
		assert!(matches!(
			events().last(),
			Some(Event::AuctionSettled { to_lender, shortfall, .. }) if *to_lender == 30_000 * D && *shortfall == debt - 30_000 * D
		));
	});
}

#[test]
fn auction_without_bids_returns_to_default() {
	new_test_ext().execute_with(|| {
		let id = defaulted();
		assert_ok!(AssetLoan::start_auction(RuntimeOrigin::signed(LENDER), id, 90_000 * D));
		advance(3 * DAY);
		assert_ok!(AssetLoan::settle_auction(RuntimeOrigin::signed(BIDDER), id));
		assert!(matches!(loan(id).state, LoanState::Defaulted { .. }));
		assert!(matches!(events().last(), Some(Event::AuctionFailed { .. })));
		assert_noop!(AssetLoan::settle_auction(RuntimeOrigin::signed(BIDDER), id), Error::<Test>::NoAuction);
		// The invoice is appraised at 100 k, the debt ≈ 51 k: seizing would take the borrower's
		// equity, so only another auction may realise it.
		assert_noop!(AssetLoan::seize(RuntimeOrigin::signed(LENDER), id), Error::<Test>::EquityAboveDebt);
		assert_ok!(AssetLoan::start_auction(RuntimeOrigin::signed(LENDER), id, 20_000 * D));
	});
}

#[test]
fn bid_and_settle_refused_without_auction() {
	new_test_ext().execute_with(|| {
		let id = defaulted();
		assert_noop!(AssetLoan::bid(RuntimeOrigin::signed(BIDDER), id, D), Error::<Test>::NoAuction);
		assert_noop!(AssetLoan::settle_auction(RuntimeOrigin::signed(BIDDER), id), Error::<Test>::NoAuction);
		assert_noop!(AssetLoan::bid(RuntimeOrigin::signed(BIDDER), 99, D), Error::<Test>::UnknownLoan);
	});
}

// ----- valuation -----

#[test]
fn present_value_follows_the_write_down_policy() {
	new_test_ext().execute_with(|| {
		let id = funded(bullet(0, 30));
		assert_eq!(view(id).present_value, PRINCIPAL);
		// Penalty is 5 %: compare against the debt, which keeps growing.
		for (days_late, kept_percent) in [(0u64, 100u128), (29, 100), (30, 90), (59, 90), (60, 50), (90, 0), (400, 0)] {
			Timestamp::set_timestamp(GENESIS_TIME + 30 * DAY + days_late * DAY + 1);
			let v = view(id);
			assert_eq!(v.present_value, v.debt - Perbill::from_percent(100 - kept_percent as u32) * v.debt, "{days_late}");
			assert_eq!(AssetLoan::summary(id).unwrap().present_value, v.present_value);
		}
	});
}

// ----- governance -----

#[test]
fn governance_calls_need_the_governance_origin() {
	new_test_ext().execute_with(|| {
		let who = RuntimeOrigin::signed(BORROWER);
		assert_noop!(AssetLoan::set_advance_rate(who.clone(), AssetKind::Equipment, None), BadOrigin);
		assert_noop!(AssetLoan::set_write_down_policy(who.clone(), BoundedVec::new()), BadOrigin);
		assert_noop!(AssetLoan::set_parameters(who, params()), BadOrigin);
	});
}

/// Found in review: any asset id was accepted as a loan currency. Only stablecoins governance
/// lists can be lent; a delisting stops new requests and funding, not open loans.
#[test]
fn only_currencies_governance_lists_are_lent() {
	new_test_ext().execute_with(|| {
		let open = funded(bullet(10, 365));
		let waiting = requested(bullet(10, 365));
		assert_noop!(AssetLoan::set_lendable_currency(RuntimeOrigin::signed(BORROWER), USDT, false), BadOrigin);
		// Only an asset that exists can be listed (4242: nobody created it).
		assert_noop!(AssetLoan::set_lendable_currency(RuntimeOrigin::root(), 4242, true), Error::<Test>::UnknownCurrency);
		assert_ok!(AssetLoan::set_lendable_currency(RuntimeOrigin::root(), USDT, false));
		assert!(matches!(events().last(), Some(Event::LendableCurrencySet { currency: USDT, lendable: false })));
		assert!(!LendableCurrencies::<Test>::contains_key(USDT));
		// No new request, no funding of a waiting one; the borrower can still cancel it.
		let (class, item) = verified_asset(BORROWER, AssetKind::Invoice, APPRAISED);
		assert_noop!(
			AssetLoan::request(RuntimeOrigin::signed(BORROWER), class, item, bullet(10, 365)),
			Error::<Test>::CurrencyNotLendable
		);
		assert_noop!(AssetLoan::fund(RuntimeOrigin::signed(LENDER), waiting), Error::<Test>::CurrencyNotLendable);
		assert!(!<AssetLoan as LoanProvider<AccountId>>::is_lendable(USDT));
		// The open loan runs to its end.
		assert_ok!(AssetLoan::repay_in_full(RuntimeOrigin::signed(BORROWER), open));
		assert_ok!(AssetLoan::cancel(RuntimeOrigin::signed(BORROWER), waiting));
		// Listed again: lending resumes.
		assert_ok!(AssetLoan::set_lendable_currency(RuntimeOrigin::root(), USDT, true));
		assert_ok!(AssetLoan::request(RuntimeOrigin::signed(BORROWER), class, item, bullet(10, 365)));
	});
}

#[test]
fn governance_sets_rates_policy_and_parameters() {
	new_test_ext().execute_with(|| {
		assert_ok!(AssetLoan::set_advance_rate(RuntimeOrigin::root(), AssetKind::Equipment, Some(Perbill::from_percent(40))));
		assert_eq!(AdvanceRates::<Test>::get(AssetKind::Equipment), Some(Perbill::from_percent(40)));
		assert_ok!(AssetLoan::set_advance_rate(RuntimeOrigin::root(), AssetKind::Invoice, None));
		assert_eq!(AdvanceRates::<Test>::get(AssetKind::Invoice), None);
		let p = LoanParameters { penalty_rate: Perquintill::from_percent(2), ..params() };
		assert_ok!(AssetLoan::set_parameters(RuntimeOrigin::root(), p));
		assert_eq!(Parameters::<Test>::get(), p);
		let steps = BoundedVec::truncate_from(vec![WriteDownStep { days_overdue: 1, write_down: Perbill::from_percent(100) }]);
		assert_ok!(AssetLoan::set_write_down_policy(RuntimeOrigin::root(), steps));
		assert_eq!(WriteDownPolicy::<Test>::get().len(), 1);
		assert!(matches!(events().last(), Some(Event::WriteDownPolicySet { steps: 1 })));
	});
}

#[test]
fn write_down_policy_must_be_ordered() {
	new_test_ext().execute_with(|| {
		let bad = |v: Vec<(u32, u32)>| {
			BoundedVec::truncate_from(
				v.into_iter()
					.map(|(d, p)| WriteDownStep { days_overdue: d, write_down: Perbill::from_percent(p) })
					.collect::<Vec<_>>(),
			)
		};
		assert_noop!(AssetLoan::set_write_down_policy(RuntimeOrigin::root(), bad(vec![(30, 10), (30, 20)])), Error::<Test>::InvalidPolicy);
		assert_noop!(AssetLoan::set_write_down_policy(RuntimeOrigin::root(), bad(vec![(30, 50), (60, 20)])), Error::<Test>::InvalidPolicy);
		assert_noop!(AssetLoan::set_write_down_policy(RuntimeOrigin::root(), bad(vec![(60, 10), (30, 20)])), Error::<Test>::InvalidPolicy);
	});
}

#[test]
fn parameters_outside_the_bounds_are_refused() {
	new_test_ext().execute_with(|| {
		let set = |p: LoanParameters| AssetLoan::set_parameters(RuntimeOrigin::root(), p);
		// Grace: 30 s ..= 365 days.
		assert_noop!(set(LoanParameters { grace_period: 0, ..params() }), Error::<Test>::GracePeriodOutOfRange);
		assert_noop!(set(LoanParameters { grace_period: 29_999, ..params() }), Error::<Test>::GracePeriodOutOfRange);
		assert_noop!(set(LoanParameters { grace_period: 365 * DAY + 1, ..params() }), Error::<Test>::GracePeriodOutOfRange);
		// Auctions: 30 s ..= 30 days (u64::MAX would make every auction start overflow).
		assert_noop!(set(LoanParameters { auction_duration: 0, ..params() }), Error::<Test>::AuctionDurationOutOfRange);
		assert_noop!(set(LoanParameters { auction_duration: u64::MAX, ..params() }), Error::<Test>::AuctionDurationOutOfRange);
		assert_noop!(set(LoanParameters { auction_duration: 30 * DAY + 1, ..params() }), Error::<Test>::AuctionDurationOutOfRange);
		// Bid increment: at most 50 %.
		assert_noop!(
			set(LoanParameters { min_bid_increment: Perbill::from_parts(500_000_001), ..params() }),
			Error::<Test>::BidIncrementTooHigh
		);
		assert_eq!(Parameters::<Test>::get(), params());
		// The bounds themselves are allowed.
		let edge = LoanParameters {
			penalty_rate: Perquintill::from_percent(5),
			grace_period: 30_000,
			auction_duration: 30 * DAY,
			min_bid_increment: Perbill::from_percent(50),
		};
		assert_ok!(set(edge));
		assert_eq!(Parameters::<Test>::get(), edge);
		assert!(matches!(events().last(), Some(Event::ParametersSet { parameters }) if *parameters == edge));
	});
}

#[test]
fn genesis_is_checked_like_the_calls() {
	let build = |policy: Vec<(u32, u32)>, parameters: LoanParameters| {
		let config = crate::GenesisConfig::<Test> {
			lendable_currencies: vec![USDT],
			advance_rates: vec![],
			write_down_policy: policy
				.into_iter()
				.map(|(d, p)| WriteDownStep { days_overdue: d, write_down: Perbill::from_percent(p) })
				.collect(),
			parameters,
			_marker: Default::default(),
		};
		sp_io::TestExternalities::default().execute_with(|| {
			let r = config.try_build();
			if r.is_err() {
				// Nothing was written.
				assert!(!LendableCurrencies::<Test>::contains_key(USDT));
				assert!(WriteDownPolicy::<Test>::get().is_empty());
			}
			r.map_err(sp_runtime::DispatchError::from)
		})
	};
	assert_eq!(build(vec![(30, 10), (60, 50)], params()), Ok(()));
	// Out of order.
	assert_eq!(build(vec![(60, 10), (30, 50)], params()), Err(Error::<Test>::InvalidPolicy.into()));
	// Longer than MaxWriteDownSteps (4 in the mock).
	assert_eq!(build(vec![(1, 1), (2, 2), (3, 3), (4, 4), (5, 5)], params()), Err(Error::<Test>::InvalidPolicy.into()));
	assert_eq!(
		build(vec![], LoanParameters { grace_period: 0, ..params() }),
		Err(Error::<Test>::GracePeriodOutOfRange.into())
	);
	assert_eq!(
		build(vec![], LoanParameters { auction_duration: 0, ..params() }),
		Err(Error::<Test>::AuctionDurationOutOfRange.into())
	);
	assert_eq!(
		build(vec![], LoanParameters { min_bid_increment: Perbill::one(), ..params() }),
		Err(Error::<Test>::BidIncrementTooHigh.into())
	);
}

#[test]
fn try_state_finds_a_portfolio_that_differs_from_its_loans() {
	new_test_ext().execute_with(|| {
		let id = funded(bullet(10, 30));
		assert_eq!(AssetLoan::do_try_state(), Ok(()));
		Portfolios::<Test>::mutate(LENDER, |p| p.buckets[0].normalized += 1);
		assert_eq!(
			AssetLoan::do_try_state(),
			Err("asset-loan try_state: a portfolio bucket differs from its loans".into())
		);
		Portfolios::<Test>::mutate(LENDER, |p| p.buckets[0].normalized -= 1);
		Loans::<Test>::mutate(id, |l| l.as_mut().unwrap().booking = Booking::Unbooked);
		assert_eq!(AssetLoan::do_try_state(), Err("asset-loan try_state: a funded loan is not booked".into()));
	});
}

/// Each kind of breach the stricter checks look for is reported by name, and putting the
/// state back makes it pass again.
#[test]
fn try_state_finds_broken_locks_accruals_checkpoints_auctions_claims_and_parameters() {
	new_test_ext().execute_with(|| {
		let id = funded(bullet(10, 30));
		assert_eq!(AssetLoan::do_try_state(), Ok(()));
		let broken = |f: &dyn Fn(), undo: &dyn Fn(), why: &'static str| {
			f();
			assert_eq!(AssetLoan::do_try_state(), Err(why.into()));
			undo();
			assert_eq!(AssetLoan::do_try_state(), Ok(()));
		};
		let (class, item) = loan(id).collateral;
		broken(
			&|| {
				assert_ok!(<Test as Config>::Collateral::unlock(&class, &item, LOCK_ID));
				assert_ok!(<Test as Config>::Collateral::lock(&class, &item, *b"other   "));
			},
			&|| {
				assert_ok!(<Test as Config>::Collateral::unlock(&class, &item, *b"other   "));
				assert_ok!(<Test as Config>::Collateral::lock(&class, &item, LOCK_ID));
			},
			"asset-loan try_state: an open loan's collateral is not locked by this pallet",
		);
		let stray = persistence_primitives::interest::Accumulator::new(Perquintill::from_percent(15), 0);
		broken(
			&|| Loans::<Test>::mutate(id, |l| l.as_mut().unwrap().penalty_accrual = Some(stray)),
			&|| Loans::<Test>::mutate(id, |l| l.as_mut().unwrap().penalty_accrual = None),
			"asset-loan try_state: a loan accrues a penalty while performing, or at the wrong rate",
		);
		broken(
			&|| Portfolios::<Test>::mutate(LENDER, |p| p.buckets[0].accumulator.rate_per_sec = stray.rate_per_sec),
			&|| {
				Portfolios::<Test>::mutate(LENDER, |p| {
					let rate = p.buckets[0].rate;
					p.buckets[0].accumulator.rate_per_sec = per_second(rate)
				})
			},
			"asset-loan try_state: a portfolio bucket's accumulator accrues at another rate",
		);
		let at = loan(id).checkpoint.unwrap();
		broken(
			&|| Checkpoints::<Test>::remove(LENDER, crate::functions::checkpoint_key(at, id)),
			&|| Checkpoints::<Test>::insert(LENDER, crate::functions::checkpoint_key(at, id), ()),
			"asset-loan try_state: a loan's checkpoint is not in the index",
		);
		broken(
			&|| Checkpoints::<Test>::insert(LENDER, crate::functions::checkpoint_key(at, id + 1), ()),
			&|| Checkpoints::<Test>::remove(LENDER, crate::functions::checkpoint_key(at, id + 1)),
			"asset-loan try_state: the checkpoint index holds an entry of no loan",
		);
		broken(
			&|| Loans::<Test>::mutate(id, |l| l.as_mut().unwrap().state = LoanState::InAuction { since: 0, defaulted_at: 0 }),
			&|| Loans::<Test>::mutate(id, |l| l.as_mut().unwrap().state = LoanState::Active),
			"asset-loan try_state: a loan in auction has no auction",
		);
		broken(
			&|| Loans::<Test>::mutate(id, |l| l.as_mut().unwrap().state = LoanState::Requested),
			&|| Loans::<Test>::mutate(id, |l| l.as_mut().unwrap().state = LoanState::Active),
			"asset-loan try_state: a loan is funded but has no lender, or has one unfunded",
		);
		broken(
			&|| Claims::<Test>::insert(USDT, BORROWER, 0),
			&|| Claims::<Test>::remove(USDT, BORROWER),
			"asset-loan try_state: an empty claim is stored",
		);
		broken(
			&|| Parameters::<Test>::mutate(|p| p.auction_duration = 0),
			&|| Parameters::<Test>::put(params()),
			"asset-loan try_state: the stored parameters are out of their bounds",
		);
	});
}

#[test]
fn penalty_rate_is_fixed_at_request() {
	new_test_ext().execute_with(|| {
		let id = requested(bullet(10, 30));
		assert_ok!(AssetLoan::set_parameters(
			RuntimeOrigin::root(),
			LoanParameters { penalty_rate: Perquintill::from_percent(50), ..params() }
		));
		assert_eq!(loan(id).params.penalty_rate, Perquintill::from_percent(5));
	});
}

// ----- property: conservation and locks -----

mod properties {
	use super::*;
	use proptest::prelude::*;

	#[derive(Clone, Debug)]
	enum Op {
		Request(u8),
		Fund(u8),
		Repay(u8, u16),
		RepayAll(u8),
		Cancel(u8),
		Wait(u16),
		MarkOverdue(u8),
		Default(u8),
		Seize(u8),
		Auction(u8, u16),
		Bid(u8, u8, u16),
		Settle(u8),
		Revalue(u8),
	}

	fn op() -> impl Strategy<Value = Op> {
		prop_oneof![
			(0u8..3).prop_map(Op::Request),
			(0u8..6).prop_map(Op::Fund),
			(0u8..6, any::<u16>()).prop_map(|(l, a)| Op::Repay(l, a)),
			(0u8..6).prop_map(Op::RepayAll),
			(0u8..6).prop_map(Op::Cancel),
			(1u16..2000).prop_map(Op::Wait),
			(0u8..6).prop_map(Op::MarkOverdue),
			(0u8..6).prop_map(Op::Default),
			(0u8..6).prop_map(Op::Seize),
			(0u8..6, any::<u16>()).prop_map(|(l, r)| Op::Auction(l, r)),
			(0u8..6, 0u8..2, any::<u16>()).prop_map(|(l, b, a)| Op::Bid(l, b, a)),
			(0u8..6).prop_map(Op::Settle),
			(0u8..6).prop_map(Op::Revalue),
		]
	}

	const PARTIES: [AccountId; 5] = [BORROWER, LENDER, BIDDER, BIDDER2, BUSINESS2];

	fn total_usdt() -> Balance {
		PARTIES.iter().map(|a| usdt(*a)).sum::<Balance>() + usdt(AssetLoan::escrow_account())
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(48))]
		#[test]
		fn stablecoin_is_conserved_and_nfts_locked_exactly_while_loans_are_open(ops in proptest::collection::vec(op(), 1..40)) {
			new_test_ext().execute_with(|| {
				let start = total_usdt();
				let borrowers = [BORROWER, BUSINESS2, BORROWER];
				let mut assets = Vec::new();
				for b in borrowers {
					assets.push((b, verified_asset(b, AssetKind::Invoice, APPRAISED)));
				}
				for op in ops {
					let o = RuntimeOrigin::signed;
					let _ = match op {
						Op::Request(i) => {
							let (b, (c, it)) = assets[i as usize];
							let terms = if i == 1 { installments(20, 3, 10) } else { bullet(10 + i as u64, 20) };
							AssetLoan::request(o(b), c, it, terms)
						},
						Op::Fund(l) => AssetLoan::fund(o(LENDER), l as u64),
						Op::Repay(l, a) => AssetLoan::repay(o(BORROWER), l as u64, a as u128 * 100 * D),
						Op::RepayAll(l) => AssetLoan::repay_in_full(o(BUSINESS2), l as u64),
						Op::Cancel(l) => AssetLoan::cancel(o(BORROWER), l as u64),
						Op::Wait(h) => { advance(h as u64 * 3_600_000); Ok(()) },
						Op::MarkOverdue(l) => AssetLoan::mark_overdue(o(BIDDER), l as u64),
						Op::Default(l) => AssetLoan::mark_default(o(BIDDER), l as u64),
						Op::Seize(l) => AssetLoan::seize(o(LENDER), l as u64),
						Op::Auction(l, r) => AssetLoan::start_auction(o(LENDER), l as u64, (r as u128 + 1) * D),
						Op::Bid(l, b, a) => AssetLoan::bid(o([BIDDER, BIDDER2][b as usize]), l as u64, (a as u128 + 1) * 10 * D),
						Op::Settle(l) => AssetLoan::settle_auction(o(BIDDER), l as u64),
						Op::Revalue(l) => AssetLoan::revalue(o(BIDDER), l as u64),
					};
					// Conservation: no stablecoin created or destroyed.
					prop_assert_eq!(total_usdt(), start);
					// Escrow holds exactly the best bids and what is waiting to be claimed.
					let best: Balance = Auctions::<Test>::iter().filter_map(|(_, a)| a.best.map(|b| b.1)).sum();
					let claims: Balance = Claims::<Test>::iter().map(|(_, _, c)| c).sum();
					prop_assert_eq!(usdt(AssetLoan::escrow_account()), best + claims);
					// One set of books: the lender's portfolio is exactly its loans — performing
					// ones at their debt (rounded up once per bucket, not per loan), late ones at
					// their booked value — and every funded loan has at most one checkpoint.
					let now = Timestamp::get();
					let mine: Vec<_> = Loans::<Test>::iter().filter(|(_, l)| l.lender == Some(LENDER)).collect();
					let mut expected: Balance = 0;
					for (_, l) in &mine {
						expected += match l.booking {
							Booking::Late { value, .. } => value,
							Booking::Performing => {
								let p = Portfolios::<Test>::get(LENDER);
								let mut acc = p.buckets.iter().find(|b| b.rate == l.terms.annual_rate).unwrap().accumulator;
								acc.accrue(now / 1000).unwrap();
								acc.debt(l.normalized_debt).unwrap()
							},
							Booking::Unbooked => 0,
						};
					}
					let books = AssetLoan::valuation(&LENDER, now).unwrap();
					prop_assert!(books.value <= expected && expected - books.value <= mine.len() as u128, "{} vs {}", books.value, expected);
					prop_assert_eq!(books.loans, mine.len() as u32);
					let checkpoints = Checkpoints::<Test>::iter_prefix(LENDER).count();
					prop_assert_eq!(checkpoints, mine.iter().filter(|(_, l)| l.checkpoint.is_some()).count());
					// Locks: an asset is locked iff an open loan holds it.
					for (_, (c, it)) in &assets {
						let open = Loans::<Test>::iter().any(|(_, l)| l.collateral == (*c, *it));
						prop_assert_eq!(locked_by(*c, *it).is_some(), open);
					}
					// Buckets count exactly the funded open loans; a loan accrues its own
					// penalty exactly while it is late.
					let funded_loans = Loans::<Test>::iter().filter(|(_, l)| l.lender.is_some()).count() as u32;
					let bucketed: u32 = Portfolios::<Test>::iter().flat_map(|(_, p)| p.buckets.into_iter().map(|b| b.loans)).sum();
					prop_assert_eq!(bucketed, funded_loans);
					for (_, l) in &mine {
						prop_assert_eq!(l.penalty_accrual.is_some(), !matches!(l.state, LoanState::Active));
					}
					// And the pallet's own try-state invariants.
					prop_assert_eq!(AssetLoan::do_try_state(), Ok(()));
				}
				Ok(())
			})?;
		}
	}
}

// ----- failure paths: dust, cures, equity, claims, the lender's books -----

/// Defect: the published last installment left 1–12 units of dust, enough for the loan to go
/// overdue. The view's next installment is what is really owed: paying it closes the loan.
#[test]
fn paying_exactly_what_the_view_shows_closes_an_installment_loan() {
	new_test_ext().execute_with(|| {
		let id = funded(installments(12, 12, 30));
		for k in 1..=12u64 {
			Timestamp::set_timestamp(GENESIS_TIME + k * 30 * DAY);
			let (due, amount) = view(id).next_installment.unwrap();
			assert_eq!(due, GENESIS_TIME + k * 30 * DAY);
			if k == 12 {
				assert_eq!(amount, view(id).debt, "the last installment is the balance");
			}
			assert_ok!(AssetLoan::repay(RuntimeOrigin::signed(BORROWER), id, amount));
		}
		assert!(Loans::<Test>::get(id).is_none(), "closed, no dust left");
		assert!(!Portfolios::<Test>::contains_key(LENDER));
	});
}

/// Defect: dust left after the schedule made the loan overdue, defaultable and seizable. A
/// payment may not leave less than USDT's minimum balance (0.01) of debt, and an installment
/// counts as paid when less than that of it is missing.
#[test]
fn rounding_dust_never_makes_a_loan_late() {
	new_test_ext().execute_with(|| {
		let id = funded(bullet(10, 30));
		let inst = funded(installments(10, 3, 30));
		Timestamp::set_timestamp(GENESIS_TIME + 30 * DAY);
		let debt = view(id).debt;
		assert_noop!(AssetLoan::repay(RuntimeOrigin::signed(BORROWER), id, debt - 12), Error::<Test>::DustRemainder);
		assert_noop!(
			AssetLoan::repay(RuntimeOrigin::signed(BORROWER), id, debt - USDT_MIN + 1),
			Error::<Test>::DustRemainder
		);
		assert_ok!(AssetLoan::repay(RuntimeOrigin::signed(BORROWER), id, debt - USDT_MIN));
		// An installment loan paid all but 12 micro-units of its first installment is not late.
		let a = loan(inst).amortization.unwrap().installment;
		Timestamp::set_timestamp(GENESIS_TIME + 30 * DAY);
		assert_ok!(AssetLoan::repay(RuntimeOrigin::signed(BORROWER), inst, a - 12));
		Timestamp::set_timestamp(GENESIS_TIME + 45 * DAY);
		assert_eq!(view(inst).status, LoanStatus::Active);
		assert_eq!(view(inst).next_installment.unwrap().0, GENESIS_TIME + 60 * DAY);
		assert_noop!(AssetLoan::mark_overdue(RuntimeOrigin::signed(BIDDER), inst), Error::<Test>::NotOverdue);
		let (class, item) = verified_asset(BORROWER, AssetKind::Invoice, APPRAISED);
		assert_noop!(
			AssetLoan::request(
				RuntimeOrigin::signed(BORROWER),
				class,
				item,
				LoanTerms { principal: USDT_MIN - 1, ..bullet(10, 30) }
			),
			Error::<Test>::PrincipalTooSmall
		);
	});
}

/// Found in review: a verifier's later rejection zeroed the appraisal a seizure compared the
/// debt with. The loan keeps the appraisal it was granted on.
#[test]
fn a_later_rejection_does_not_open_the_borrowers_equity_to_seizure() {
	new_test_ext().execute_with(|| {
		let id = defaulted();
		let (class, item) = loan(id).collateral;
		assert_ok!(AssetNft::reject(RuntimeOrigin::signed(VERIFIER), class, item, 1));
		assert_eq!(loan(id).appraisal, APPRAISED);
		assert_noop!(AssetLoan::seize(RuntimeOrigin::signed(LENDER), id), Error::<Test>::EquityAboveDebt);
	});
}

/// Found in review: once bidding has closed the sale price is known, so the lender's books are
/// stale until the auction is settled; a failed auction keeps the first default time.
#[test]
fn an_ended_auction_is_stale_until_settled_and_keeps_the_default_time() {
	new_test_ext().execute_with(|| {
		let id = defaulted();
		let at = match loan(id).state {
			LoanState::Defaulted { at, .. } => at,
			s => panic!("{s:?}"),
		};
		assert_ok!(AssetLoan::start_auction(RuntimeOrigin::signed(LENDER), id, 90_000 * D));
		let end = Auctions::<Test>::get(id).unwrap().ends_at;
		assert_eq!(AssetLoan::valuation(&LENDER, end - 1).unwrap().stale_loan, None);
		assert_eq!(AssetLoan::valuation(&LENDER, end).unwrap().stale_loan, Some(id));
		Timestamp::set_timestamp(end);
		assert_ok!(AssetLoan::settle_auction(RuntimeOrigin::signed(BIDDER), id));
		assert_eq!(loan(id).state, LoanState::Defaulted { since: GENESIS_TIME + 30 * DAY, at });
		assert_eq!(<AssetLoan as LoanProvider<AccountId>>::summary(id).unwrap().defaulted_at, Some(at));
		assert_eq!(AssetLoan::valuation(&LENDER, end).unwrap().stale_loan, None);
	});
}

/// Defect: days overdue never restarted after a partial cure, so a borrower who had just paid
/// the oldest installment could be defaulted at once.
#[test]
fn a_partial_cure_restarts_the_days_overdue() {
	new_test_ext().execute_with(|| {
		let id = funded(installments(10, 6, 30));
		let am = loan(id).amortization.unwrap();
		// Installments 1 (day 30) and 2 (day 60) missed; on day 61 the borrower pays the first.
		Timestamp::set_timestamp(GENESIS_TIME + 61 * DAY);
		assert_ok!(AssetLoan::mark_overdue(RuntimeOrigin::signed(BIDDER), id));
		assert_eq!(loan(id).state, LoanState::Overdue { since: GENESIS_TIME + 30 * DAY });
		assert_ok!(AssetLoan::repay(RuntimeOrigin::signed(BORROWER), id, am.installment));
		// Still late — from the second installment's due date only.
		assert_eq!(loan(id).state, LoanState::Overdue { since: GENESIS_TIME + 60 * DAY });
		assert!(events().contains(&Event::Overdue { loan: id, since: GENESIS_TIME + 60 * DAY }));
		// The 30-day grace period runs from day 60.
		assert_noop!(AssetLoan::mark_default(RuntimeOrigin::signed(BIDDER), id), Error::<Test>::GracePeriodNotOver);
		Timestamp::set_timestamp(GENESIS_TIME + 90 * DAY - 1);
		assert_noop!(AssetLoan::mark_default(RuntimeOrigin::signed(BIDDER), id), Error::<Test>::GracePeriodNotOver);
		Timestamp::set_timestamp(GENESIS_TIME + 90 * DAY);
		assert_ok!(AssetLoan::mark_default(RuntimeOrigin::signed(BIDDER), id));
	});
}

/// A seizure must not take the borrower's equity: while the appraisal exceeds the debt, only
/// an auction (whose surplus goes to the borrower) may realise the collateral.
#[test]
fn seizure_refused_while_the_collateral_is_worth_more_than_the_debt() {
	new_test_ext().execute_with(|| {
		let id = defaulted();
		// Appraised at 100 k, debt ≈ 51 k.
		assert!(view(id).debt < APPRAISED);
		assert_noop!(AssetLoan::seize(RuntimeOrigin::signed(LENDER), id), Error::<Test>::EquityAboveDebt);
	});
}

/// Defect: a pushed refund to an outbid bidder who cannot receive it (a blocked account) made
/// every higher bid fail. The refund now waits to be claimed.
#[test]
fn a_refund_the_outbid_bidder_cannot_receive_waits_to_be_claimed() {
	new_test_ext().execute_with(|| {
		let id = defaulted();
		assert_ok!(AssetLoan::start_auction(RuntimeOrigin::signed(LENDER), id, 40_000 * D));
		assert_ok!(AssetLoan::bid(RuntimeOrigin::signed(BIDDER), id, 40_000 * D));
		// The stablecoin's issuer blocks the first bidder: it can neither send nor receive.
		assert_ok!(Assets::block(RuntimeOrigin::signed(ISSUER), USDT, BIDDER));
		assert_ok!(AssetLoan::bid(RuntimeOrigin::signed(BIDDER2), id, 50_000 * D));
		assert_eq!(Claims::<Test>::get(USDT, BIDDER), 40_000 * D);
		assert!(events().contains(&Event::ClaimCredited { currency: USDT, who: BIDDER, amount: 40_000 * D }));
		assert_eq!(usdt(AssetLoan::escrow_account()), 90_000 * D);
		// Claiming waits until the account may receive again; nothing changes meanwhile.
		assert_noop!(AssetLoan::claim(RuntimeOrigin::signed(BIDDER), USDT), sp_runtime::TokenError::Blocked);
		assert_noop!(AssetLoan::claim(RuntimeOrigin::signed(BIDDER2), USDT), Error::<Test>::NothingToClaim);
		assert_ok!(Assets::thaw(RuntimeOrigin::signed(ISSUER), USDT, BIDDER));
		let before = usdt(BIDDER);
		assert_ok!(AssetLoan::claim(RuntimeOrigin::signed(BIDDER), USDT));
		assert_eq!(usdt(BIDDER), before + 40_000 * D);
		assert_eq!(Claims::<Test>::get(USDT, BIDDER), 0);
		assert!(events().contains(&Event::Claimed { currency: USDT, who: BIDDER, amount: 40_000 * D }));
		// The auction still settles.
		advance(3 * DAY);
		assert_ok!(AssetLoan::settle_auction(RuntimeOrigin::signed(BIDDER), id));
		assert_eq!(usdt(AssetLoan::escrow_account()), 0);
	});
}

/// A surplus below the minimum balance that the borrower's (empty) account cannot hold goes
/// to the lender instead of being stranded in the escrow or failing the settlement.
#[test]
fn a_dust_surplus_the_borrower_cannot_hold_goes_to_the_lender() {
	new_test_ext().execute_with(|| {
		let id = defaulted();
		// The borrower has spent every USDT.
		let all = usdt(BORROWER);
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(BORROWER), USDT, ISSUER, all));
		assert_eq!(usdt(BORROWER), 0);
		assert_ok!(AssetLoan::start_auction(RuntimeOrigin::signed(LENDER), id, 40_000 * D));
		advance(DAY);
		// Bid the debt at settlement time plus 5 micro-units.
		let debt_at_end = AssetLoan::view(id, Timestamp::get() + 2 * DAY).unwrap().debt;
		assert_ok!(AssetLoan::bid(RuntimeOrigin::signed(BIDDER), id, debt_at_end + 5));
		advance(2 * DAY);
		let lender0 = usdt(LENDER);
		assert_ok!(AssetLoan::settle_auction(RuntimeOrigin::signed(BIDDER), id));
		assert_eq!(usdt(LENDER), lender0 + debt_at_end + 5);
		assert_eq!(usdt(BORROWER), 0);
		assert_eq!(usdt(AssetLoan::escrow_account()), 0);
		assert!(matches!(
			events().last(),
			Some(Event::AuctionSettled { to_borrower: 0, shortfall: 0, to_lender, .. }) if *to_lender == debt_at_end + 5
		));
	});
}

/// One set of books: a late loan makes its lender's valuation stale until anyone revalues it;
/// revaluation books it at its written-down value, step by step.
#[test]
fn the_lender_books_go_stale_at_a_missed_payment_until_revalued() {
	new_test_ext().execute_with(|| {
		let id = funded(bullet(10, 30));
		let books = || AssetLoan::valuation(&LENDER, Timestamp::get()).unwrap();
		assert_eq!(books().stale_loan, None);
		assert_noop!(AssetLoan::revalue(RuntimeOrigin::signed(BIDDER), id), Error::<Test>::AlreadyCurrent);
		assert_noop!(AssetLoan::revalue(RuntimeOrigin::signed(BIDDER), 9), Error::<Test>::UnknownLoan);
		// At maturity the payment is due, not missed; one ms later it is.
		Timestamp::set_timestamp(GENESIS_TIME + 30 * DAY);
		assert_eq!(books().stale_loan, None);
		Timestamp::set_timestamp(GENESIS_TIME + 30 * DAY + 1);
		assert_eq!(books().stale_loan, Some(id));
		assert_ok!(AssetLoan::revalue(RuntimeOrigin::signed(BIDDER), id));
		assert_eq!(loan(id).state, LoanState::Overdue { since: GENESIS_TIME + 30 * DAY });
		let debt = view(id).debt;
		// No write-down before 30 days late: booked at the debt.
		assert_eq!(loan(id).booking, Booking::Late { value: debt, debt });
		assert_eq!(books(), PortfolioValuation { value: debt, loans: 1, unrealised_loss: 0, realised_loss: 0, stale_loan: None });
		// 30 days late: the 10 % step begins, the books are stale again.
		Timestamp::set_timestamp(GENESIS_TIME + 60 * DAY);
		assert_eq!(books().stale_loan, Some(id));
		assert_ok!(AssetLoan::revalue(RuntimeOrigin::signed(BIDDER), id));
		let debt = view(id).debt;
		let value = debt - Perbill::from_percent(10) * debt;
		assert_eq!(loan(id).booking, Booking::Late { value, debt });
		assert!(events().contains(&Event::Revalued { loan: id, value, debt }));
		assert_eq!(books().value, value);
		assert_eq!(books().unrealised_loss, debt - value);
		assert_noop!(AssetLoan::revalue(RuntimeOrigin::signed(BIDDER), id), Error::<Test>::AlreadyCurrent);
		// A requested loan has no books to revalue.
		let requested_id = requested(bullet(10, 30));
		assert_noop!(AssetLoan::revalue(RuntimeOrigin::signed(BIDDER), requested_id), Error::<Test>::NotRepayable);
	});
}

#[test]
fn a_lender_holds_loans_at_a_bounded_number_of_rates() {
	new_test_ext().execute_with(|| {
		for rate in [5u64, 6, 7, 8] {
			funded(bullet(rate, 30));
		}
		// Same rate again: same bucket.
		funded(bullet(5, 30));
		assert_eq!(Portfolios::<Test>::get(LENDER).buckets.len(), 4);
		assert_eq!(Portfolios::<Test>::get(LENDER).loans, 5);
		let fifth = requested(bullet(9, 30));
		assert_noop!(AssetLoan::fund(RuntimeOrigin::signed(LENDER), fifth), Error::<Test>::TooManyRates);
		// Another lender has its own portfolio.
		assert_ok!(AssetLoan::fund(RuntimeOrigin::signed(BIDDER), fifth));
	});
}

/// Found by the runtime fuzzer: a sale that split into the lender's share and a surplus below
/// the minimum balance left the escrow with dust between the two payments; the dust was reaped
/// and the second payment failed, so the auction could never settle. A dust surplus now goes
/// to the lender, and the lender is paid first.
#[test]
fn a_dust_surplus_never_strands_an_auction() {
	new_test_ext().execute_with(|| {
		let id = defaulted();
		assert_ok!(AssetLoan::start_auction(RuntimeOrigin::signed(LENDER), id, 40_000 * D));
		let end = Timestamp::get() + 3 * DAY;
		let debt_at_end = AssetLoan::view(id, end).unwrap().debt;
		// The only bid: the debt plus 10 micro-units — the escrow holds nothing else.
		assert_ok!(AssetLoan::bid(RuntimeOrigin::signed(BIDDER), id, debt_at_end + 10));
		Timestamp::set_timestamp(end);
		let (lender0, borrower0) = (usdt(LENDER), usdt(BORROWER));
		assert_ok!(AssetLoan::settle_auction(RuntimeOrigin::signed(BIDDER), id));
		assert_eq!(usdt(LENDER), lender0 + debt_at_end + 10);
		assert_eq!(usdt(BORROWER), borrower0);
		assert_eq!(usdt(AssetLoan::escrow_account()), 0);
	});
}

/// Each lender's bucket accrues on its own: what one lender does at a rate never moves another
/// lender's accumulator, valuation or loan debts at that rate.
#[test]
fn lenders_at_the_same_rate_keep_separate_accumulators() {
	new_test_ext().execute_with(|| {
		let a = funded(bullet(10, 365));
		advance(50 * DAY);
		let b = requested(bullet(10, 365));
		assert_ok!(AssetLoan::fund(RuntimeOrigin::signed(BIDDER), b));
		let acc_a = Portfolios::<Test>::get(LENDER).buckets[0].accumulator;
		let acc_b = Portfolios::<Test>::get(BIDDER).buckets[0].accumulator;
		// The other lender's bucket opened at 1 when its first loan was funded, 50 days later.
		assert_eq!(acc_a.value, sp_runtime::FixedU128::from_u32(1));
		assert_eq!(acc_b.value, sp_runtime::FixedU128::from_u32(1));
		assert_eq!(acc_b.last_updated, acc_a.last_updated + 50 * 86_400);
		advance(30 * DAY);
		let now = Timestamp::get();
		let before = (AssetLoan::valuation(&LENDER, now).unwrap(), view(a).debt);
		// The other lender's loan is repaid in part, a second one funded, the first closed.
		assert_ok!(AssetLoan::repay(RuntimeOrigin::signed(BORROWER), b, 1_000 * D));
		let c = requested(bullet(10, 365));
		assert_ok!(AssetLoan::fund(RuntimeOrigin::signed(BIDDER), c));
		assert_ok!(AssetLoan::repay_in_full(RuntimeOrigin::signed(BORROWER), b));
		assert_ne!(Portfolios::<Test>::get(BIDDER).buckets[0].accumulator, acc_b);
		assert_eq!(Portfolios::<Test>::get(LENDER).buckets[0].accumulator, acc_a);
		assert_eq!((AssetLoan::valuation(&LENDER, now).unwrap(), view(a).debt), before);
		// Lender A's loan owes exactly its principal grown for 80 days at 10 %, rounded up.
		let g = growth(per_second(Perquintill::from_percent(10)), 80 * 86_400).unwrap();
		let grown = sp_runtime::FixedU128::saturating_from_integer(PRINCIPAL) * g;
		let expected = grown.into_inner().div_ceil(1_000_000_000_000_000_000);
		assert_eq!(view(a).debt, expected);
		assert_eq!(before.0.value, expected);
		assert_eq!(AssetLoan::do_try_state(), Ok(()));
	});
}

/// A late loan must accrue its own penalty, at its annual plus penalty rate.
#[test]
fn try_state_finds_a_late_loan_without_its_penalty_accrual() {
	new_test_ext().execute_with(|| {
		let id = defaulted();
		let own = loan(id).penalty_accrual.unwrap();
		assert_eq!(own.rate_per_sec, per_second(Perquintill::from_percent(15)));
		assert_eq!(AssetLoan::do_try_state(), Ok(()));
		Loans::<Test>::mutate(id, |l| l.as_mut().unwrap().penalty_accrual = None);
		assert_eq!(AssetLoan::do_try_state(), Err("asset-loan try_state: a late loan accrues no penalty".into()));
		let wrong = persistence_primitives::interest::Accumulator::new(Perquintill::from_percent(10), 0);
		Loans::<Test>::mutate(id, |l| l.as_mut().unwrap().penalty_accrual = Some(wrong));
		assert_eq!(
			AssetLoan::do_try_state(),
			Err("asset-loan try_state: a loan accrues a penalty while performing, or at the wrong rate".into())
		);
		Loans::<Test>::mutate(id, |l| l.as_mut().unwrap().penalty_accrual = Some(own));
		assert_eq!(AssetLoan::do_try_state(), Ok(()));
	});
}
