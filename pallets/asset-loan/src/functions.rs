//! Behaviour of the asset-loan pallet: the state machine, interest, schedules, valuation.

use crate::*;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		fungibles::{Inspect as FunsInspect, Mutate as FunsMutate},
		tokens::{DepositConsequence, Precision, Preservation, Provenance},
		Time,
	},
};
use persistence_primitives::{
	interest::{growth, per_second, Accumulator, Rate},
	loans::LoanStatus,
	rwa::VerificationState,
	AssetId, Balance,
};
use sp_runtime::{
	traits::{AccountIdConversion, CheckedAdd, CheckedDiv, CheckedMul, CheckedSub, One, Saturating, Zero},
	DispatchError, FixedPointNumber, Perquintill,
};

/// Milliseconds in a day (write-downs are by whole days overdue).
const DAY_MS: Moment = 86_400_000;

/// `ceil(x)` of a fixed-point amount, as a balance.
fn ceil(x: Rate) -> Option<Balance> {
	let inner = x.into_inner();
	let whole = inner / Rate::accuracy();
	if inner % Rate::accuracy() > 0 {
		whole.checked_add(1)
	} else {
		Some(whole)
	}
}

/// `ceil(amount × factor)`.
fn mul_ceil(amount: Balance, factor: Rate) -> Option<Balance> {
	ceil(Rate::checked_from_integer(amount)?.checked_mul(&factor)?)
}

/// The equal payment and the final payment of `count` installments of `principal` at
/// `rate_per_sec`, one every `period` seconds, in closed form (O(1) in `count`).
///
/// With `i` the per-period rate (`(1 + r)^period - 1`) and `g = (1 + i)^count`, each payment is
/// `A = P · i · g / (g - 1)` (or `P / count` without interest), rounded up; the last one is what
/// is left after `count - 1` payments of `A` on their due dates, grown by one period —
/// `(P · (1+i)^(n-1) - A · ((1+i)^(n-1) - 1) / i) · (1 + i)`, rounded up — so the schedule
/// sums to exactly principal plus the interest it accrues, the rounding dust on the last one.
pub fn amortize(principal: Balance, rate_per_sec: Rate, count: u32, period: Seconds) -> Option<Amortization> {
	if count == 0 {
		return None;
	}
	let n = u64::from(count);
	let p = Rate::checked_from_integer(principal)?;
	let step = growth(rate_per_sec, period)?; // 1 + i
	let i = step.checked_sub(&Rate::one())?;
	if i.is_zero() {
		let installment = principal.checked_add(n.saturating_sub(1).into())?.checked_div(n.into())?;
		let paid_before_last = installment.checked_mul(n.saturating_sub(1).into())?;
		let last_installment = principal.saturating_sub(paid_before_last);
		return Some(Amortization { installment, last_installment });
	}
	let g = growth(rate_per_sec, period.checked_mul(n)?)?;
	let installment = ceil(p.checked_mul(&i)?.checked_mul(&g)?.checked_div(&g.checked_sub(&Rate::one())?)?)?;
	let a = Rate::checked_from_integer(installment)?;
	let g1 = growth(rate_per_sec, period.checked_mul(n.saturating_sub(1))?)?; // (1+i)^(n-1)
	let grown = p.checked_mul(&g1)?;
	let paid = a.checked_mul(&g1.checked_sub(&Rate::one())?)?.checked_div(&i)?;
	let balance = grown.saturating_sub(paid);
	let last_installment = ceil(balance.checked_mul(&step)?)?;
	Some(Amortization { installment, last_installment })
}

/// Where a funded loan stands against its schedule at `now`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct SchedulePosition {
	/// The first payment not (materially) made: its due date.
	pub next_due: Moment,
	/// Cumulative amount the schedule asks for by `next_due` (`Balance::MAX` for the last
	/// payment, which is whatever the debt is then).
	pub cumulative_by_next: Balance,
	/// Cumulative amount the schedule asks for by `now` (payments whose due date has passed;
	/// `Balance::MAX` once the last one has).
	pub cumulative_by_now: Balance,
	/// Whether `next_due` is the last payment (maturity).
	pub last: bool,
	/// Maturity.
	pub maturity: Moment,
}

/// The checkpoint key of `loan` at `at`: both big-endian, so keys sort by time, then loan.
pub fn checkpoint_key(at: Moment, loan: LoanId) -> [u8; 16] {
	let mut key = [0u8; 16];
	let (a, b) = key.split_at_mut(8);
	a.copy_from_slice(&at.to_be_bytes());
	b.copy_from_slice(&loan.to_be_bytes());
	key
}

/// The time and loan of a checkpoint key.
pub fn decode_checkpoint(key: &[u8; 16]) -> (Moment, LoanId) {
	let mut a = [0u8; 8];
	let mut b = [0u8; 8];
	a.copy_from_slice(key.get(..8).unwrap_or(&[0u8; 8]));
	b.copy_from_slice(key.get(8..).unwrap_or(&[0u8; 8]));
	(Moment::from_be_bytes(a), LoanId::from_be_bytes(b))
}

impl<T: Config> Pallet<T> {
	/// Now, Unix ms.
	pub fn now() -> Moment {
		T::Time::now()
	}

	/// The escrow account holding auction bids and unclaimed payments.
	pub fn escrow_account() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// The smallest amount of `currency` that matters: its minimum balance (at least 1). An
	/// amount overdue below it is not a default, and no reserve price may be below it.
	pub fn materiality(currency: AssetId) -> Balance {
		T::Assets::minimum_balance(currency).max(1)
	}

	/// Whether write-down steps are ordered: days strictly increasing, write-downs
	/// non-decreasing.
	/// Whether `policy` writes every late loan down at least as far as `floor` does, at every
	/// age. Both are step functions that never decrease, so checking at `floor`'s steps is
	/// enough.
	pub fn at_least_as_strict(policy: &[WriteDownStep], floor: &[WriteDownStep]) -> bool {
		floor.iter().all(|f| {
			let at = policy.iter().take_while(|s| s.days_overdue <= f.days_overdue).last();
			at.is_some_and(|s| s.write_down >= f.write_down) || f.write_down.is_zero()
		})
	}

	/// `parameters` within the runtime's bounds, or the error `set_parameters` refuses them with.
	pub fn check_parameters(parameters: &LoanParameters) -> Result<(), Error<T>> {
		ensure!(
			(T::MinGracePeriod::get()..=T::MaxGracePeriod::get()).contains(&parameters.grace_period),
			Error::<T>::GracePeriodOutOfRange
		);
		ensure!(
			(T::MinAuctionDuration::get()..=T::MaxAuctionDuration::get()).contains(&parameters.auction_duration),
			Error::<T>::AuctionDurationOutOfRange
		);
		ensure!(parameters.min_bid_increment <= T::MaxBidIncrement::get(), Error::<T>::BidIncrementTooHigh);
		Ok(())
	}

	pub fn valid_policy(steps: &[WriteDownStep]) -> bool {
		steps
			.windows(2)
			.all(|w| matches!(w, [a, b] if a.days_overdue < b.days_overdue && a.write_down <= b.write_down))
	}

	/// The accumulator of `lender`'s bucket at `rate` (as stored).
	fn bucket_accumulator(lender: &T::AccountId, rate: Perquintill) -> Result<Accumulator, DispatchError> {
		Portfolios::<T>::get(lender)
			.buckets
			.iter()
			.find(|b| b.rate == rate)
			.map(|b| b.accumulator)
			.ok_or_else(|| Error::<T>::Overflow.into())
	}

	/// The accumulator a funded loan's debt grows by, brought up to `now` (not stored): its
	/// own penalty accrual while it is late, else its lender's bucket at its annual rate.
	fn accumulator_of(loan: &Loan<T::AccountId>, now: Moment) -> Result<Accumulator, DispatchError> {
		let mut acc = match (loan.penalty_accrual, loan.lender.as_ref()) {
			(Some(own), _) => own,
			(None, Some(lender)) => Self::bucket_accumulator(lender, loan.terms.annual_rate)?,
			(None, None) => return Err(Error::<T>::Overflow.into()),
		};
		acc.accrue(now / 1000).ok_or(Error::<T>::Overflow)?;
		Ok(acc)
	}

	/// Where `loan` stands against its schedule at `now`. An installment counts as paid when
	/// less than the currency's minimum balance of it is missing, so rounding dust never
	/// makes a loan late.
	pub fn position(loan: &Loan<T::AccountId>, now: Moment) -> Option<SchedulePosition> {
		if loan.lender.is_none() {
			return None;
		}
		let term_ms = loan.terms.schedule.term()?.checked_mul(1000)?;
		let maturity = loan.funded_at.checked_add(term_ms)?;
		let materiality = Self::materiality(loan.terms.currency);
		match (loan.terms.schedule, loan.amortization) {
			(Schedule::Installments { count, period }, Some(am)) if am.installment > 0 && count > 1 => {
				let period_ms = period.checked_mul(1000)?;
				let count = u64::from(count);
				// Installment k (1-based) is due by cumulative k·A; the last is the balance.
				let cumulative = |k: u64| -> Option<Balance> {
					if k >= count {
						Some(Balance::MAX)
					} else {
						am.installment.checked_mul(k.into())
					}
				};
				// Installments paid: every k with k·A < repaid + materiality.
				let covered = loan.total_repaid.saturating_add(materiality).saturating_sub(1);
				let paid = u64::try_from(covered / am.installment).ok()?;
				let k = paid.saturating_add(1).min(count);
				let next_due = loan.funded_at.checked_add(period_ms.checked_mul(k)?)?;
				let elapsed = now.saturating_sub(loan.funded_at) / period_ms.max(1);
				Some(SchedulePosition {
					next_due,
					cumulative_by_next: cumulative(k)?,
					cumulative_by_now: if elapsed == 0 { 0 } else { cumulative(elapsed)? },
					last: k == count,
					maturity,
				})
			},
			_ => Some(SchedulePosition {
				next_due: maturity,
				cumulative_by_next: Balance::MAX,
				cumulative_by_now: if now > maturity { Balance::MAX } else { 0 },
				last: true,
				maturity,
			}),
		}
	}

	/// The due date a funded loan with `debt` outstanding has missed at `now`, if any: the
	/// first payment not materially made, once its date has passed.
	fn missed_due_date(loan: &Loan<T::AccountId>, debt: Balance, now: Moment) -> Option<Moment> {
		if debt < Self::materiality(loan.terms.currency) {
			return None;
		}
		let pos = Self::position(loan, now)?;
		(now > pos.next_due).then_some(pos.next_due)
	}

	/// The loan's status and debt at `now`, with the penalty of a missed payment applied from
	/// its due date even if nobody has marked the loan overdue yet. Returns the status, the
	/// debt, and the missed due date.
	pub fn evaluate(
		loan: &Loan<T::AccountId>,
		now: Moment,
	) -> Result<(LoanStatus, Balance, Option<Moment>), DispatchError> {
		if loan.state == LoanState::Requested {
			return Ok((LoanStatus::Requested, 0, None));
		}
		let debt = Self::accumulator_of(loan, now)?.debt(loan.normalized_debt).ok_or(Error::<T>::Overflow)?;
		Ok(match loan.state {
			LoanState::Requested => (LoanStatus::Requested, 0, None),
			LoanState::Active => match Self::missed_due_date(loan, debt, now) {
				Some(since) => (LoanStatus::Overdue, Self::with_penalty(loan, debt, since, now)?, Some(since)),
				None => (LoanStatus::Active, debt, None),
			},
			LoanState::Overdue { since } => (LoanStatus::Overdue, debt, Some(since)),
			LoanState::Defaulted { since, .. } => (LoanStatus::Defaulted, debt, Some(since)),
			LoanState::InAuction { since, .. } => (LoanStatus::InAuction, debt, Some(since)),
		})
	}

	/// `debt` (accrued at the normal rate) grown by the penalty rate from `since` to `now`.
	fn with_penalty(loan: &Loan<T::AccountId>, debt: Balance, since: Moment, now: Moment) -> Result<Balance, DispatchError> {
		let seconds = now.saturating_sub(since) / 1000;
		let factor = growth(per_second(loan.params.penalty_rate), seconds).ok_or(Error::<T>::Overflow)?;
		Ok(mul_ceil(debt, factor).ok_or(Error::<T>::Overflow)?)
	}

	/// Bring the stored state of a funded loan in line with `now`: an active loan with a missed
	/// payment moves to its own accrual at the penalty rate (`Overdue`); an overdue loan that has
	/// caught up moves back into its lender's bucket (`Active`); an overdue loan whose oldest missed payment has been made is
	/// late from the next missed one only. Returns the debt now.
	fn refresh(id: LoanId, loan: &mut Loan<T::AccountId>, now: Moment) -> Result<Balance, DispatchError> {
		let (status, debt, since) = Self::evaluate(loan, now)?;
		match (loan.state, status, since) {
			(LoanState::Active, LoanStatus::Overdue, Some(since)) => {
				let penalty_rate =
					loan.terms.annual_rate.checked_add(&loan.params.penalty_rate).ok_or(Error::<T>::RateTooHigh)?;
				let own = Accumulator::new(penalty_rate, now / 1000);
				loan.normalized_debt = own.normalize(debt).ok_or(Error::<T>::Overflow)?;
				loan.penalty_accrual = Some(own);
				loan.state = LoanState::Overdue { since };
				Self::deposit_event(Event::Overdue { loan: id, since });
			},
			(LoanState::Overdue { since }, _, _) => match Self::missed_due_date(loan, debt, now) {
				None => {
					let lender = loan.lender.as_ref().ok_or(Error::<T>::Overflow)?;
					let mut bucket = Self::bucket_accumulator(lender, loan.terms.annual_rate)?;
					bucket.accrue(now / 1000).ok_or(Error::<T>::Overflow)?;
					loan.normalized_debt = bucket.normalize(debt).ok_or(Error::<T>::Overflow)?;
					loan.penalty_accrual = None;
					loan.state = LoanState::Active;
					Self::deposit_event(Event::Cured { loan: id });
				},
				Some(missed) if missed > since => {
					// A partial cure: days overdue count from the oldest payment still missing.
					loan.state = LoanState::Overdue { since: missed };
					Self::deposit_event(Event::Overdue { loan: id, since: missed });
					Self::keep_accrual(loan, now)?;
				},
				Some(_) => Self::keep_accrual(loan, now)?,
			},
			_ => Self::keep_accrual(loan, now)?,
		}
		Ok(debt)
	}

	/// Store a late loan's own accrual up to `now` (keeps accruals incremental; the loan is
	/// written by the caller). A performing loan's bucket is accrued when it is booked.
	fn keep_accrual(loan: &mut Loan<T::AccountId>, now: Moment) -> DispatchResult {
		if let Some(own) = loan.penalty_accrual.as_mut() {
			own.accrue(now / 1000).ok_or(Error::<T>::Overflow)?;
		}
		Ok(())
	}

	/// Present value of a loan: its debt, less the write-down of the policy step for the whole
	/// days it is overdue. A requested loan is worth nothing to a lender.
	pub fn present_value_of(loan: &Loan<T::AccountId>, now: Moment) -> Result<Balance, DispatchError> {
		let (_, debt, since) = Self::evaluate(loan, now)?;
		Ok(Self::written_down(loan.lender.as_ref(), debt, since, now))
	}

	/// The write-down policy `lender`'s loans are valued by: its own if it set one, else
	/// governance's.
	pub fn policy_of(lender: Option<&T::AccountId>) -> BoundedVec<WriteDownStep, T::MaxWriteDownSteps> {
		lender.and_then(LenderPolicies::<T>::get).unwrap_or_else(WriteDownPolicy::<T>::get)
	}

	fn written_down(lender: Option<&T::AccountId>, debt: Balance, since: Option<Moment>, now: Moment) -> Balance {
		let Some(since) = since else { return debt };
		let days = u32::try_from(now.saturating_sub(since) / DAY_MS).unwrap_or(u32::MAX);
		let write_down = Self::policy_of(lender)
			.iter()
			.take_while(|s| s.days_overdue <= days)
			.last()
			.map(|s| s.write_down)
			.unwrap_or_default();
		debt.saturating_sub(write_down * debt)
	}

	/// When the write-down of a loan late `since` next changes after `now` (the start of the
	/// next policy step), if it does.
	fn next_write_down_step(lender: &T::AccountId, since: Moment, now: Moment) -> Option<Moment> {
		Self::policy_of(Some(lender))
			.iter()
			.filter_map(|s| since.checked_add(DAY_MS.checked_mul(Moment::from(s.days_overdue))?))
			.find(|at| *at > now)
	}

	// ----- the lender's books -----

	/// Take `loan`'s contribution out of its lender's portfolio and its checkpoint out of the
	/// index (before the loan changes).
	fn unbook(id: LoanId, loan: &Loan<T::AccountId>) -> DispatchResult {
		let Some(lender) = loan.lender.as_ref() else { return Ok(()) };
		if let Some(at) = loan.checkpoint {
			Checkpoints::<T>::remove(lender, checkpoint_key(at, id));
		}
		Self::adjust_portfolio(lender, loan.terms.annual_rate, loan.normalized_debt, loan.booking, None)
	}

	/// Add (`added_at` is the time now) or take out (`None`) a loan's `booking` — at `rate` with
	/// `normalized` debt — in `lender`'s portfolio. Adding performing debt also stores the
	/// bucket's accumulator brought up to now, so accruals stay incremental.
	fn adjust_portfolio(
		lender: &T::AccountId,
		rate: Perquintill,
		normalized: Balance,
		booking: Booking,
		added_at: Option<Moment>,
	) -> DispatchResult {
		let add = added_at.is_some();
		let op = |a: Balance, b: Balance| if add { a.checked_add(b) } else { a.checked_sub(b) };
		Portfolios::<T>::try_mutate(lender, |p| -> DispatchResult {
			match booking {
				Booking::Unbooked => {},
				Booking::Performing => {
					let b = p.buckets.iter_mut().find(|b| b.rate == rate).ok_or(Error::<T>::Overflow)?;
					b.normalized = op(b.normalized, normalized).ok_or(Error::<T>::Overflow)?;
					if let Some(now) = added_at {
						b.accumulator.accrue(now / 1000).ok_or(Error::<T>::Overflow)?;
					}
				},
				Booking::Late { value, debt } => {
					p.late_value = op(p.late_value, value).ok_or(Error::<T>::Overflow)?;
					p.late_debt = op(p.late_debt, debt).ok_or(Error::<T>::Overflow)?;
				},
			}
			Ok(())
		})
	}

	/// Put `loan`'s contribution (as it stands at `now`) into its lender's portfolio and its
	/// next checkpoint into the index (after the loan changed).
	fn book(id: LoanId, loan: &mut Loan<T::AccountId>, now: Moment) -> DispatchResult {
		let Some(lender) = loan.lender.clone() else { return Ok(()) };
		let (booking, checkpoint) = match loan.state {
			LoanState::Requested => (Booking::Unbooked, None),
			LoanState::Active => {
				// Stale once the next payment is missed (the first ms after its due date) —
				// unless what is left is dust, which never makes the loan late.
				let (_, debt, _) = Self::evaluate(loan, now)?;
				let next = if debt < Self::materiality(loan.terms.currency) {
					None
				} else {
					Self::position(loan, now).and_then(|p| p.next_due.checked_add(1))
				};
				(Booking::Performing, next)
			},
			LoanState::Overdue { since } | LoanState::Defaulted { since, .. } | LoanState::InAuction { since, .. } => {
				let (_, debt, _) = Self::evaluate(loan, now)?;
				let value = Self::written_down(Some(&lender), debt, Some(since), now);
				let mut next = Self::next_write_down_step(&lender, since, now);
				if matches!(loan.state, LoanState::InAuction { .. }) {
					// Once bidding has closed the price is known: the booked value is stale
					// until the auction is settled.
					if let Some(end) = Auctions::<T>::get(id).map(|a| a.ends_at) {
						next = Some(next.map_or(end, |n| n.min(end)));
					}
				}
				(Booking::Late { value, debt }, next)
			},
		};
		Self::adjust_portfolio(&lender, loan.terms.annual_rate, loan.normalized_debt, booking, Some(now))?;
		if let Booking::Late { value, debt } = booking {
			if loan.booking != booking {
				Self::deposit_event(Event::Revalued { loan: id, value, debt });
			}
		}
		loan.booking = booking;
		loan.checkpoint = checkpoint;
		if let Some(at) = checkpoint {
			Checkpoints::<T>::insert(&lender, checkpoint_key(at, id), ());
		}
		Ok(())
	}

	/// A newly funded loan joins `lender`'s portfolio (its rate's bucket, opened at `now` with
	/// an accumulator at 1 if there is none). Returns the bucket's accumulator at `now`, which
	/// the loan's debt is normalized against.
	fn enter_portfolio(lender: &T::AccountId, rate: Perquintill, now: Moment) -> Result<Accumulator, DispatchError> {
		let now_s = now / 1000;
		Portfolios::<T>::try_mutate(lender, |p| -> Result<Accumulator, DispatchError> {
			let acc = match p.buckets.iter_mut().find(|b| b.rate == rate) {
				Some(b) => {
					b.loans = b.loans.checked_add(1).ok_or(Error::<T>::Overflow)?;
					b.accumulator.accrue(now_s).ok_or(Error::<T>::Overflow)?;
					b.accumulator
				},
				None => {
					let accumulator = Accumulator::new(rate, now_s);
					p.buckets
						.try_push(PortfolioBucket { rate, normalized: 0, loans: 1, accumulator })
						.map_err(|_| Error::<T>::TooManyRates)?;
					accumulator
				},
			};
			p.loans = p.loans.checked_add(1).ok_or(Error::<T>::Overflow)?;
			Ok(acc)
		})
	}

	/// A closing loan (already unbooked) leaves its lender's portfolio; `loss` is the debt it
	/// did not recover.
	fn leave_portfolio(lender: &T::AccountId, rate: Perquintill, loss: Balance) -> DispatchResult {
		Portfolios::<T>::try_mutate_exists(lender, |maybe| -> DispatchResult {
			let p = maybe.as_mut().ok_or(Error::<T>::Overflow)?;
			let pos = p.buckets.iter().position(|b| b.rate == rate).ok_or(Error::<T>::Overflow)?;
			let b = p.buckets.get_mut(pos).ok_or(Error::<T>::Overflow)?;
			b.loans = b.loans.checked_sub(1).ok_or(Error::<T>::Overflow)?;
			if b.loans == 0 {
				p.buckets.remove(pos);
			}
			p.loans = p.loans.checked_sub(1).ok_or(Error::<T>::Overflow)?;
			p.realised_loss = p.realised_loss.checked_add(loss).ok_or(Error::<T>::Overflow)?;
			if p.loans == 0 && p.realised_loss == 0 {
				*maybe = None;
			}
			Ok(())
		})
	}

	/// `lender`'s portfolio valued at `now`.
	pub fn valuation(lender: &T::AccountId, now: Moment) -> Result<PortfolioValuation, DispatchError> {
		let p = Portfolios::<T>::get(lender);
		let mut value = p.late_value;
		for b in p.buckets.iter() {
			if b.normalized.is_zero() {
				continue;
			}
			let mut acc = b.accumulator;
			acc.accrue(now / 1000).ok_or(Error::<T>::Overflow)?;
			let debt = acc.debt(b.normalized).ok_or(Error::<T>::Overflow)?;
			value = value.checked_add(debt).ok_or(Error::<T>::Overflow)?;
		}
		let stale_loan = Checkpoints::<T>::iter_key_prefix(lender).next().and_then(|key| {
			let (at, loan) = decode_checkpoint(&key);
			(at <= now).then_some(loan)
		});
		Ok(PortfolioValuation {
			value,
			loans: p.loans,
			unrealised_loss: p.late_debt.saturating_sub(p.late_value),
			realised_loss: p.realised_loss,
			stale_loan,
		})
	}

	/// The loan as a wallet sees it at `now`.
	pub fn view(id: LoanId, now: Moment) -> Option<LoanView<T::AccountId>> {
		let loan = Loans::<T>::get(id)?;
		let (status, debt, since) = Self::evaluate(&loan, now).ok()?;
		let pos = Self::position(&loan, now);
		let (next_installment, amount_due) = match pos {
			Some(p) if debt > 0 => {
				// The last payment is the whole balance, so paying what is shown closes the loan.
				let next_amount = if p.last {
					debt
				} else {
					p.cumulative_by_next.saturating_sub(loan.total_repaid).min(debt)
				};
				let due_now = if since.is_some() {
					p.cumulative_by_now.saturating_sub(loan.total_repaid).min(debt).max(next_amount)
				} else {
					0
				};
				(Some((p.next_due, next_amount)), due_now)
			},
			_ => (None, 0),
		};
		Some(LoanView {
			borrower: loan.borrower.clone(),
			lender: loan.lender.clone(),
			collateral: loan.collateral,
			terms: loan.terms,
			status,
			debt,
			outstanding_principal: loan.outstanding_principal,
			accrued_interest: debt.saturating_sub(loan.outstanding_principal),
			next_installment,
			amount_due,
			maturity: pos.map(|p| p.maturity),
			present_value: Self::written_down(loan.lender.as_ref(), debt, since, now),
		})
	}

	// ----- payments out of the escrow -----

	/// Whether `to` can receive `amount` of `currency` now.
	fn can_receive(currency: AssetId, to: &T::AccountId, amount: Balance) -> bool {
		T::Assets::can_deposit(currency, to, amount, Provenance::Extant) == DepositConsequence::Success
	}

	/// Pay `amount` of `currency` from the escrow to `to`; if `to` cannot receive it (a
	/// blocked account), hold it for `to` to `claim` instead, so that no recipient can stop
	/// an auction.
	fn pay_out(currency: AssetId, to: &T::AccountId, amount: Balance) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		if Self::can_receive(currency, to, amount) {
			T::Assets::transfer(currency, &Self::escrow_account(), to, amount, Preservation::Expendable)?;
			return Ok(());
		}
		Claims::<T>::try_mutate(currency, to, |c| -> DispatchResult {
			*c = c.checked_add(amount).ok_or(Error::<T>::Overflow)?;
			Ok(())
		})?;
		Self::deposit_event(Event::ClaimCredited { currency, who: to.clone(), amount });
		Ok(())
	}

	// ----- calls -----

	pub fn do_request(
		who: T::AccountId,
		class: ClassId,
		item: ItemId,
		terms: LoanTerms,
	) -> Result<LoanId, DispatchError> {
		let info = T::Collateral::collateral_info(&class, &item).ok_or(Error::<T>::UnknownCollateral)?;
		ensure!(info.owner == who, Error::<T>::NotCollateralOwner);
		ensure!(info.state == VerificationState::Verified, Error::<T>::CollateralNotVerified);
		ensure!(info.locked_by.is_none(), Error::<T>::CollateralLocked);
		ensure!(!info.settled, Error::<T>::CollateralSettled);
		ensure!(terms.currency == info.currency, Error::<T>::CurrencyMismatch);
		ensure!(LendableCurrencies::<T>::contains_key(terms.currency), Error::<T>::CurrencyNotLendable);
		ensure!(!terms.principal.is_zero(), Error::<T>::ZeroPrincipal);
		ensure!(terms.principal >= Self::materiality(terms.currency), Error::<T>::PrincipalTooSmall);
		let advance = AdvanceRates::<T>::get(info.kind).ok_or(Error::<T>::NoAdvanceRate)?;
		ensure!(terms.principal <= advance * info.appraised_value, Error::<T>::ExceedsAdvanceRate);
		Self::validate_schedule(&terms.schedule)?;
		let params = Parameters::<T>::get();
		terms.annual_rate.checked_add(&params.penalty_rate).ok_or(Error::<T>::RateTooHigh)?;

		let id = NextLoanId::<T>::get();
		NextLoanId::<T>::put(id.checked_add(1).ok_or(Error::<T>::Overflow)?);
		T::Collateral::lock(&class, &item, LOCK_ID)?;
		let deposit = T::LoanDeposit::get();
		T::Currency::hold(&HoldReason::LoanDeposit.into(), &who, deposit)?;
		Loans::<T>::insert(
			id,
			Loan {
				borrower: who.clone(),
				lender: None,
				collateral: (class, item),
				terms,
				params,
				state: LoanState::Requested,
				funded_at: 0,
				penalty_accrual: None,
				normalized_debt: 0,
				outstanding_principal: 0,
				total_repaid: 0,
				amortization: None,
				deposit,
				appraisal: info.appraised_value,
				booking: Booking::Unbooked,
				checkpoint: None,
			},
		);
		Self::deposit_event(Event::Requested { loan: id, borrower: who, collateral: (class, item), terms });
		Ok(id)
	}

	fn validate_schedule(schedule: &Schedule) -> DispatchResult {
		let min = T::MinTerm::get();
		match schedule {
			Schedule::Bullet { term } => ensure!(*term >= min, Error::<T>::TermTooShort),
			Schedule::Installments { count, period } => {
				ensure!(*count >= 1 && *count <= T::MaxInstallments::get(), Error::<T>::BadInstallmentCount);
				ensure!(*period >= min, Error::<T>::TermTooShort);
			},
		}
		let term = schedule.term().ok_or(Error::<T>::TermTooLong)?;
		ensure!(term <= T::MaxTerm::get(), Error::<T>::TermTooLong);
		Ok(())
	}

	pub(crate) fn do_cancel(who: T::AccountId, id: LoanId) -> DispatchResult {
		let loan = Loans::<T>::get(id).ok_or(Error::<T>::UnknownLoan)?;
		ensure!(loan.borrower == who, Error::<T>::NotBorrower);
		ensure!(loan.state == LoanState::Requested, Error::<T>::NotRequested);
		let (class, item) = loan.collateral;
		T::Collateral::unlock(&class, &item, LOCK_ID)?;
		Self::release_deposit(&loan)?;
		Loans::<T>::remove(id);
		Self::deposit_event(Event::Cancelled { loan: id });
		Ok(())
	}

	pub(crate) fn do_fund(lender: T::AccountId, id: LoanId) -> DispatchResult {
		let mut loan = Loans::<T>::get(id).ok_or(Error::<T>::UnknownLoan)?;
		ensure!(loan.state == LoanState::Requested, Error::<T>::NotRequested);
		ensure!(loan.borrower != lender, Error::<T>::BorrowerCannotFund);
		// The appraisal may have expired since the request.
		let (class, item) = loan.collateral;
		let info = T::Collateral::collateral_info(&class, &item).ok_or(Error::<T>::UnknownCollateral)?;
		ensure!(info.state == VerificationState::Verified, Error::<T>::CollateralNotVerified);
		// Delisted since the request: no new money goes out in it (the borrower may cancel).
		ensure!(LendableCurrencies::<T>::contains_key(loan.terms.currency), Error::<T>::CurrencyNotLendable);

		let principal = loan.terms.principal;
		T::Assets::transfer(loan.terms.currency, &lender, &loan.borrower, principal, Preservation::Expendable)?;
		let now = Self::now();
		let acc = Self::enter_portfolio(&lender, loan.terms.annual_rate, now)?;
		loan.normalized_debt = acc.normalize(principal).ok_or(Error::<T>::Overflow)?;
		loan.penalty_accrual = None;
		loan.outstanding_principal = principal;
		loan.funded_at = now;
		loan.lender = Some(lender.clone());
		loan.state = LoanState::Active;
		if let Schedule::Installments { count, period } = loan.terms.schedule {
			let am = amortize(principal, per_second(loan.terms.annual_rate), count, period)
				.ok_or(Error::<T>::Overflow)?;
			loan.amortization = Some(am);
		}
		let maturity = Self::position(&loan, now).map(|p| p.maturity).ok_or(Error::<T>::Overflow)?;
		Self::book(id, &mut loan, now)?;
		Loans::<T>::insert(id, &loan);
		Self::deposit_event(Event::Funded { loan: id, lender, principal, maturity });
		Ok(())
	}

	/// Repay `amount`, or the whole debt if `None`.
	pub(crate) fn do_repay(payer: T::AccountId, id: LoanId, amount: Option<Balance>) -> DispatchResult {
		let mut loan = Loans::<T>::get(id).ok_or(Error::<T>::UnknownLoan)?;
		ensure!(
			matches!(loan.state, LoanState::Active | LoanState::Overdue { .. } | LoanState::Defaulted { .. }),
			Error::<T>::NotRepayable
		);
		let lender = loan.lender.clone().ok_or(Error::<T>::NotRepayable)?;
		let now = Self::now();
		Self::unbook(id, &loan)?;
		let debt = Self::refresh(id, &mut loan, now)?;
		let amount = amount.unwrap_or(debt);
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		ensure!(amount <= debt, Error::<T>::Overpayment);

		let remaining = debt.saturating_sub(amount);
		// No dust left behind: a debt below the minimum balance could never be late, so it
		// would keep the loan (and its lender's books) open for good.
		ensure!(remaining.is_zero() || remaining >= Self::materiality(loan.terms.currency), Error::<T>::DustRemainder);
		let interest_owed = debt.saturating_sub(loan.outstanding_principal);
		let interest = amount.min(interest_owed);
		let principal = amount.saturating_sub(interest);
		T::Assets::transfer(loan.terms.currency, &payer, &lender, amount, Preservation::Expendable)?;
		Self::deposit_event(Event::Repaid { loan: id, payer, interest, principal, remaining });

		if remaining.is_zero() {
			let (class, item) = loan.collateral;
			T::Collateral::unlock(&class, &item, LOCK_ID)?;
			Self::close(id, &loan, 0)?;
			Self::deposit_event(Event::Closed { loan: id });
			return Ok(());
		}
		let retired = Self::accumulator_of(&loan, now)?.normalized_payment(amount).ok_or(Error::<T>::Overflow)?;
		// Rounding never retires the whole debt while some of it remains.
		loan.normalized_debt = loan.normalized_debt.saturating_sub(retired).max(1);
		loan.outstanding_principal = loan.outstanding_principal.saturating_sub(principal);
		loan.total_repaid = loan.total_repaid.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		// Catching up with the schedule ends the penalty.
		Self::refresh(id, &mut loan, now)?;
		Self::book(id, &mut loan, now)?;
		Loans::<T>::insert(id, &loan);
		Ok(())
	}

	pub(crate) fn do_mark_overdue(id: LoanId) -> DispatchResult {
		let mut loan = Loans::<T>::get(id).ok_or(Error::<T>::UnknownLoan)?;
		ensure!(loan.state == LoanState::Active, Error::<T>::NotOverdue);
		let now = Self::now();
		Self::unbook(id, &loan)?;
		Self::refresh(id, &mut loan, now)?;
		ensure!(matches!(loan.state, LoanState::Overdue { .. }), Error::<T>::NotOverdue);
		Self::book(id, &mut loan, now)?;
		Loans::<T>::insert(id, &loan);
		Ok(())
	}

	/// Bring a funded loan's state and booking up to date; refused if nothing changes.
	pub(crate) fn do_revalue(id: LoanId) -> DispatchResult {
		let mut loan = Loans::<T>::get(id).ok_or(Error::<T>::UnknownLoan)?;
		ensure!(loan.lender.is_some(), Error::<T>::NotRepayable);
		let now = Self::now();
		let before = (loan.state, loan.booking, loan.checkpoint);
		Self::unbook(id, &loan)?;
		Self::refresh(id, &mut loan, now)?;
		Self::book(id, &mut loan, now)?;
		let changed_state = before.0 != loan.state;
		let changed_value = match (before.1, loan.booking) {
			(Booking::Late { value: a, .. }, Booking::Late { value: b, .. }) => a != b,
			(a, b) => a != b,
		};
		ensure!(changed_state || changed_value || before.2 != loan.checkpoint, Error::<T>::AlreadyCurrent);
		Loans::<T>::insert(id, &loan);
		Ok(())
	}

	pub(crate) fn do_mark_default(id: LoanId) -> DispatchResult {
		let mut loan = Loans::<T>::get(id).ok_or(Error::<T>::UnknownLoan)?;
		ensure!(matches!(loan.state, LoanState::Active | LoanState::Overdue { .. }), Error::<T>::NotOverdue);
		let now = Self::now();
		Self::unbook(id, &loan)?;
		let debt = Self::refresh(id, &mut loan, now)?;
		let LoanState::Overdue { since } = loan.state else { return Err(Error::<T>::NotOverdue.into()) };
		let grace_end = since.checked_add(loan.params.grace_period).ok_or(Error::<T>::Overflow)?;
		// (Only a material shortfall makes a loan overdue at all: see `position`.)
		ensure!(now >= grace_end, Error::<T>::GracePeriodNotOver);
		loan.state = LoanState::Defaulted { since, at: now };
		Self::book(id, &mut loan, now)?;
		Loans::<T>::insert(id, &loan);
		Self::deposit_event(Event::Defaulted { loan: id, debt });
		Ok(())
	}

	pub(crate) fn do_seize(who: T::AccountId, id: LoanId) -> DispatchResult {
		let loan = Loans::<T>::get(id).ok_or(Error::<T>::UnknownLoan)?;
		ensure!(loan.lender.as_ref() == Some(&who), Error::<T>::NotLender);
		ensure!(matches!(loan.state, LoanState::Defaulted { .. }), Error::<T>::NotDefaulted);
		let (_, debt, _) = Self::evaluate(&loan, Self::now())?;
		let (class, item) = loan.collateral;
		let info = T::Collateral::collateral_info(&class, &item).ok_or(Error::<T>::UnknownCollateral)?;
		// The appraisal the loan was granted on, or a higher later one.
		ensure!(info.appraised_value.max(loan.appraisal) <= debt, Error::<T>::EquityAboveDebt);
		Self::unbook(id, &loan)?;
		T::Collateral::seize_to(&class, &item, LOCK_ID, &who)?;
		// The lender holds the NFT instead of the debt: the whole debt leaves its books.
		Self::close(id, &loan, debt)?;
		Self::deposit_event(Event::Seized { loan: id, lender: who, debt });
		Ok(())
	}

	pub(crate) fn do_start_auction(who: T::AccountId, id: LoanId, reserve: Balance) -> DispatchResult {
		let mut loan = Loans::<T>::get(id).ok_or(Error::<T>::UnknownLoan)?;
		ensure!(loan.lender.as_ref() == Some(&who), Error::<T>::NotLender);
		let LoanState::Defaulted { since, at } = loan.state else { return Err(Error::<T>::NotDefaulted.into()) };
		ensure!(reserve >= Self::materiality(loan.terms.currency), Error::<T>::ReserveTooLow);
		let now = Self::now();
		let ends_at = now.checked_add(loan.params.auction_duration).ok_or(Error::<T>::Overflow)?;
		Self::unbook(id, &loan)?;
		Auctions::<T>::insert(id, Auction { reserve, ends_at, best: None });
		loan.state = LoanState::InAuction { since, defaulted_at: at };
		Self::book(id, &mut loan, now)?;
		Loans::<T>::insert(id, &loan);
		Self::deposit_event(Event::AuctionStarted { loan: id, reserve, ends_at });
		Ok(())
	}

	pub(crate) fn do_bid(bidder: T::AccountId, id: LoanId, amount: Balance) -> DispatchResult {
		let loan = Loans::<T>::get(id).ok_or(Error::<T>::UnknownLoan)?;
		let mut auction = Auctions::<T>::get(id).ok_or(Error::<T>::NoAuction)?;
		ensure!(Self::now() < auction.ends_at, Error::<T>::AuctionEnded);
		let minimum = match &auction.best {
			None => auction.reserve,
			Some((_, best)) => {
				let step = (loan.params.min_bid_increment * *best).max(1);
				Balance::checked_add(*best, step).ok_or(Error::<T>::Overflow)?
			},
		};
		ensure!(amount >= minimum, Error::<T>::BidTooLow);
		let currency = loan.terms.currency;
		let escrow = Self::escrow_account();
		T::Assets::transfer(currency, &bidder, &escrow, amount, Preservation::Expendable)?;
		if let Some((previous, refund)) = auction.best.take() {
			// An outbid bidder who cannot receive the refund (a blocked account) does not stop
			// the auction: the refund waits for them.
			Self::pay_out(currency, &previous, refund)?;
		}
		auction.best = Some((bidder.clone(), amount));
		Auctions::<T>::insert(id, auction);
		Self::deposit_event(Event::BidPlaced { loan: id, bidder, amount });
		Ok(())
	}

	pub(crate) fn do_settle_auction(id: LoanId) -> DispatchResult {
		let mut loan = Loans::<T>::get(id).ok_or(Error::<T>::UnknownLoan)?;
		let auction = Auctions::<T>::get(id).ok_or(Error::<T>::NoAuction)?;
		let now = Self::now();
		ensure!(now >= auction.ends_at, Error::<T>::AuctionNotEnded);
		let LoanState::InAuction { since, defaulted_at } = loan.state else { return Err(Error::<T>::NoAuction.into()) };
		Self::unbook(id, &loan)?;
		Auctions::<T>::remove(id);
		let Some((winner, price)) = auction.best else {
			// Back in default since it was first declared: a failed auction does not restart
			// the delay after which anyone may liquidate.
			loan.state = LoanState::Defaulted { since, at: defaulted_at };
			Self::book(id, &mut loan, now)?;
			Loans::<T>::insert(id, &loan);
			Self::deposit_event(Event::AuctionFailed { loan: id });
			return Ok(());
		};
		let lender = loan.lender.clone().ok_or(Error::<T>::NotLender)?;
		let (_, debt, _) = Self::evaluate(&loan, now)?;
		let currency = loan.terms.currency;
		let mut to_lender = price.min(debt);
		let mut to_borrower = price.saturating_sub(to_lender);
		let shortfall = debt.saturating_sub(to_lender);
		if to_borrower > 0 && to_borrower < Self::materiality(currency) {
			// A surplus below the minimum balance goes to the lender (rounding favours the
			// lender): an empty account could not hold it, and paying it separately could leave
			// the escrow with dust that would be reaped on the way.
			to_lender = price;
			to_borrower = 0;
		}
		// The lender first: what is left for the borrower is 0 or at least the minimum balance,
		// so the escrow never holds dust between the two payments.
		Self::pay_out(currency, &lender, to_lender)?;
		Self::pay_out(currency, &loan.borrower, to_borrower)?;
		let (class, item) = loan.collateral;
		T::Collateral::seize_to(&class, &item, LOCK_ID, &winner)?;
		Self::close(id, &loan, shortfall)?;
		Self::deposit_event(Event::AuctionSettled { loan: id, winner, price, to_lender, to_borrower, shortfall });
		Ok(())
	}

	pub(crate) fn do_claim(who: T::AccountId, currency: AssetId) -> DispatchResult {
		let amount = Claims::<T>::take(currency, &who);
		ensure!(!amount.is_zero(), Error::<T>::NothingToClaim);
		T::Assets::transfer(currency, &Self::escrow_account(), &who, amount, Preservation::Expendable)?;
		Self::deposit_event(Event::Claimed { currency, who, amount });
		Ok(())
	}

	/// Remove a loan that has ended (already unbooked): out of its lender's portfolio
	/// (recording `loss`, the debt not recovered), deposit back to the borrower.
	fn close(id: LoanId, loan: &Loan<T::AccountId>, loss: Balance) -> DispatchResult {
		if let Some(lender) = loan.lender.as_ref() {
			Self::leave_portfolio(lender, loan.terms.annual_rate, loss)?;
		}
		Self::release_deposit(loan)?;
		Loans::<T>::remove(id);
		Ok(())
	}

	fn release_deposit(loan: &Loan<T::AccountId>) -> DispatchResult {
		T::Currency::release(&HoldReason::LoanDeposit.into(), &loan.borrower, loan.deposit, Precision::BestEffort)?;
		Ok(())
	}
}

impl<T: Config> LoanProvider<T::AccountId> for Pallet<T> {
	fn fund(lender: &T::AccountId, loan: LoanId) -> DispatchResult {
		Self::do_fund(lender.clone(), loan)
	}

	fn summary(loan: LoanId) -> Option<LoanSummary<T::AccountId>> {
		let record = Loans::<T>::get(loan)?;
		let v = Self::view(loan, Self::now())?;
		let defaulted_at = match record.state {
			LoanState::Defaulted { at, .. } => Some(at),
			_ => None,
		};
		Some(LoanSummary {
			borrower: v.borrower,
			lender: v.lender,
			currency: v.terms.currency,
			principal: v.terms.principal,
			annual_rate: v.terms.annual_rate,
			status: v.status,
			debt: v.debt,
			present_value: v.present_value,
			defaulted_at,
		})
	}

	fn portfolio(lender: &T::AccountId) -> Result<PortfolioValuation, DispatchError> {
		Self::valuation(lender, Self::now())
	}

	fn revalue(loan: LoanId) -> DispatchResult {
		Self::do_revalue(loan)
	}

	fn start_auction(lender: &T::AccountId, loan: LoanId, reserve: Balance) -> DispatchResult {
		Self::do_start_auction(lender.clone(), loan, reserve)
	}

	fn is_lendable(currency: AssetId) -> bool {
		LendableCurrencies::<T>::contains_key(currency)
	}

	fn set_write_down_policy(lender: &T::AccountId, policy: Option<alloc::vec::Vec<WriteDownStep>>) -> DispatchResult {
		ensure!(Portfolios::<T>::get(lender).loans == 0, Error::<T>::PortfolioNotEmpty);
		match policy {
			Some(steps) => {
				let steps: BoundedVec<_, T::MaxWriteDownSteps> =
					steps.try_into().map_err(|_| Error::<T>::InvalidPolicy)?;
				ensure!(Self::valid_policy(&steps), Error::<T>::InvalidPolicy);
				ensure!(Self::at_least_as_strict(&steps, &WriteDownPolicy::<T>::get()), Error::<T>::PolicyTooLax);
				LenderPolicies::<T>::insert(lender, steps);
			},
			None => LenderPolicies::<T>::remove(lender),
		}
		Ok(())
	}

	fn close_portfolio(lender: &T::AccountId) -> DispatchResult {
		ensure!(Portfolios::<T>::get(lender).loans == 0, Error::<T>::PortfolioNotEmpty);
		Portfolios::<T>::remove(lender);
		LenderPolicies::<T>::remove(lender);
		Ok(())
	}
}

#[cfg(any(feature = "try-runtime", test))]
impl<T: Config> Pallet<T> {
	/// The pallet's invariants (try-runtime's `try_state`, and the unit tests after every call):
	/// - the stored parameters are within their bounds;
	/// - every open loan's collateral exists and is locked by this pallet (`LOCK_ID`);
	/// - a loan has a lender exactly when it is funded; a loan in auction has its auction;
	/// - an unfunded loan is in no portfolio and has no checkpoint; a funded one is booked;
	/// - every funded loan's checkpoint is in the index, which holds nothing else; a loan has
	///   its own penalty accrual (at its annual plus penalty rate) exactly while it is late;
	/// - every portfolio bucket's accumulator accrues at the bucket's rate;
	/// - every lender's portfolio equals its loans: per rate, the performing loans' normalized
	///   debt and the count of its open loans; the late loans' booked value and debt; the
	///   total count; no lender has loans without a portfolio;
	/// - no empty claim is stored; the escrow holds at least every best bid and every claim,
	///   per currency.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		#[derive(Default)]
		struct Rebuilt {
			buckets: BTreeMap<Perquintill, (Balance, u32)>,
			late_value: Balance,
			late_debt: Balance,
			loans: u32,
		}
		const OVERFLOW: &str = "asset-loan try_state: a sum overflowed";
		let add = |a: &mut Balance, b: Balance| -> Result<(), sp_runtime::TryRuntimeError> {
			*a = a.checked_add(b).ok_or(OVERFLOW)?;
			Ok(())
		};
		Self::check_parameters(&Parameters::<T>::get())
			.map_err(|_| "asset-loan try_state: the stored parameters are out of their bounds")?;
		let mut rebuilt: BTreeMap<T::AccountId, Rebuilt> = BTreeMap::new();
		let mut checkpoints: u32 = 0;
		for (id, loan) in Loans::<T>::iter() {
			let info = T::Collateral::collateral_info(&loan.collateral.0, &loan.collateral.1)
				.ok_or("asset-loan try_state: an open loan's collateral does not exist")?;
			ensure!(
				info.locked_by == Some(LOCK_ID),
				"asset-loan try_state: an open loan's collateral is not locked by this pallet"
			);
			ensure!(
				(loan.state == LoanState::Requested) == loan.lender.is_none(),
				"asset-loan try_state: a loan is funded but has no lender, or has one unfunded"
			);
			if matches!(loan.state, LoanState::InAuction { .. }) {
				ensure!(Auctions::<T>::contains_key(id), "asset-loan try_state: a loan in auction has no auction");
			}
			let Some(lender) = loan.lender.clone() else {
				ensure!(loan.booking == Booking::Unbooked, "asset-loan try_state: an unfunded loan is booked");
				ensure!(loan.checkpoint.is_none(), "asset-loan try_state: an unfunded loan has a checkpoint");
				continue;
			};
			let late = !matches!(loan.state, LoanState::Active);
			match loan.penalty_accrual {
				Some(own) => {
					let rate = loan.terms.annual_rate.checked_add(&loan.params.penalty_rate).ok_or(OVERFLOW)?;
					ensure!(
						late && own.rate_per_sec == per_second(rate),
						"asset-loan try_state: a loan accrues a penalty while performing, or at the wrong rate"
					);
				},
				None => ensure!(!late, "asset-loan try_state: a late loan accrues no penalty"),
			}
			if let Some(at) = loan.checkpoint {
				ensure!(
					Checkpoints::<T>::contains_key(&lender, checkpoint_key(at, id)),
					"asset-loan try_state: a loan's checkpoint is not in the index"
				);
				checkpoints = checkpoints.checked_add(1).ok_or(OVERFLOW)?;
			}
			let r = rebuilt.entry(lender).or_default();
			r.loans = r.loans.checked_add(1).ok_or(OVERFLOW)?;
			let bucket = r.buckets.entry(loan.terms.annual_rate).or_default();
			bucket.1 = bucket.1.checked_add(1).ok_or(OVERFLOW)?;
			match loan.booking {
				Booking::Unbooked => return Err("asset-loan try_state: a funded loan is not booked".into()),
				Booking::Performing => add(&mut bucket.0, loan.normalized_debt)?,
				Booking::Late { value, debt } => {
					add(&mut r.late_value, value)?;
					add(&mut r.late_debt, debt)?;
				},
			}
		}
		for (lender, p) in Portfolios::<T>::iter() {
			let r = rebuilt.remove(&lender).unwrap_or_default();
			ensure!(p.loans == r.loans, "asset-loan try_state: a portfolio's loan count differs from its loans");
			ensure!(
				p.late_value == r.late_value && p.late_debt == r.late_debt,
				"asset-loan try_state: a portfolio's late value or debt differs from its loans"
			);
			ensure!(
				p.buckets.len() == r.buckets.len(),
				"asset-loan try_state: a portfolio's rates differ from its loans'"
			);
			for b in p.buckets.iter() {
				ensure!(
					r.buckets.get(&b.rate) == Some(&(b.normalized, b.loans)),
					"asset-loan try_state: a portfolio bucket differs from its loans"
				);
				ensure!(
					b.accumulator.rate_per_sec == per_second(b.rate),
					"asset-loan try_state: a portfolio bucket's accumulator accrues at another rate"
				);
			}
		}
		ensure!(rebuilt.is_empty(), "asset-loan try_state: a lender has loans but no portfolio");
		ensure!(
			Checkpoints::<T>::iter_keys().count() == checkpoints as usize,
			"asset-loan try_state: the checkpoint index holds an entry of no loan"
		);
		let mut owed: BTreeMap<AssetId, Balance> = BTreeMap::new();
		for (id, auction) in Auctions::<T>::iter() {
			let loan = Loans::<T>::get(id).ok_or("asset-loan try_state: an auction of no open loan")?;
			ensure!(
				matches!(loan.state, LoanState::InAuction { .. }),
				"asset-loan try_state: an auction of a loan not in auction"
			);
			if let Some((_, bid)) = auction.best {
				add(owed.entry(loan.terms.currency).or_default(), bid)?;
			}
		}
		for (currency, _, amount) in Claims::<T>::iter() {
			ensure!(!amount.is_zero(), "asset-loan try_state: an empty claim is stored");
			add(owed.entry(currency).or_default(), amount)?;
		}
		let escrow = Self::escrow_account();
		for (currency, amount) in owed {
			ensure!(
				T::Assets::balance(currency, &escrow) >= amount,
				"asset-loan try_state: the escrow holds less than the bids and claims"
			);
		}
		Ok(())
	}
}
