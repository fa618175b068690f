//! Behaviour of the debt-pool pallet: valuation, the waterfall, the redemption queue, and the
//! books kept from the loan pallet's notifications.

use crate::*;
use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		fungibles::{Create, Inspect as FunsInspect, Mutate as FunsMutate},
		tokens::{Fortitude, Precision, Preservation},
		Time,
	},
};
use persistence_primitives::{
	interest::Accumulator,
	loans::{LoanObserver, LoanProvider, LoanStatus},
	time::SECONDS_PER_YEAR,
	AssetId, Balance,
};
use sp_runtime::{
	helpers_128bit::multiply_by_rational_with_rounding,
	traits::{AccountIdConversion, Zero},
	DispatchError, FixedPointNumber, FixedU128, PerThing, Perbill, Perquintill, Rounding, Weight,
};

/// How many taken asset ids a pool creation skips before giving up.
pub const SHARE_ID_PROBES: u32 = 8;

/// `a × b / c`, rounded down; `None` on overflow or `c == 0`.
fn mul_div(a: Balance, b: Balance, c: Balance) -> Option<Balance> {
	multiply_by_rational_with_rounding(a, b, c, Rounding::Down)
}

impl<T: Config> Pallet<T> {
	/// The account of a pool: holds its reserve, its first-loss cover and queued shares, and is
	/// the lender of its loans.
	pub fn pool_account(pool: PoolId) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating(pool)
	}

	fn now_secs() -> u64 {
		T::Time::now() / 1000
	}

	/// Bring rate buckets, tranche yields and the originator fee up to now.
	pub fn accrue(p: &mut PoolOf<T>) -> DispatchResult {
		let now = Self::now_secs();
		let dt = now.saturating_sub(p.last_update);
		for b in p.buckets.iter_mut() {
			b.accumulator.accrue(now).ok_or(Error::<T>::Overflow)?;
		}
		for t in p.tranches.iter_mut() {
			t.accumulator.accrue(now).ok_or(Error::<T>::Overflow)?;
		}
		if dt > 0 && !p.fee_rate.is_zero() {
			let gross = Self::gross_assets(p)?;
			let annual = p.fee_rate * gross;
			let fee = Perquintill::from_rational(dt.min(SECONDS_PER_YEAR), SECONDS_PER_YEAR) * annual;
			p.fee_owed = p.fee_owed.saturating_add(fee);
		}
		p.last_update = now;
		Ok(())
	}

	/// Value of the pool's loans: performing ones by bucket, late ones as written down.
	pub fn loan_value(p: &PoolOf<T>) -> Result<Balance, DispatchError> {
		let mut total = p.written_down_value;
		for b in p.buckets.iter() {
			let debt = b.accumulator.debt(b.normalized).ok_or(Error::<T>::Overflow)?;
			total = total.checked_add(debt).ok_or(Error::<T>::Overflow)?;
		}
		Ok(total)
	}

	fn gross_assets(p: &PoolOf<T>) -> Result<Balance, DispatchError> {
		p.reserve.checked_add(Self::loan_value(p)?).ok_or(Error::<T>::Overflow.into())
	}

	/// Net asset value: reserve + loans − fees owed.
	pub fn nav(p: &PoolOf<T>) -> Result<Balance, DispatchError> {
		Ok(Self::gross_assets(p)?.saturating_sub(p.fee_owed))
	}

	/// The waterfall: each tranche's value, junior first. From the most senior tranche down,
	/// each takes the lesser of its claim and what is left of NAV; the junior takes the rest.
	pub fn tranche_values(p: &PoolOf<T>) -> Result<Vec<Balance>, DispatchError> {
		let mut remaining = Self::nav(p)?;
		let mut values = alloc::vec![0; p.tranches.len()];
		for (i, t) in p.tranches.iter().enumerate().skip(1).rev() {
			let claim = t.accumulator.debt(t.normalized_claim).ok_or(Error::<T>::Overflow)?;
			let v = claim.min(remaining);
			remaining = remaining.saturating_sub(v);
			if let Some(slot) = values.get_mut(i) {
				*slot = v;
			}
		}
		if let Some(junior) = values.first_mut() {
			*junior = remaining;
		}
		Ok(values)
	}

	fn supply(asset: AssetId) -> Balance {
		T::Assets::total_issuance(asset)
	}

	/// Whether every tranche with value keeps its minimum subordination under `values`.
	pub fn subordination_holds(p: &PoolOf<T>, values: &[Balance]) -> bool {
		let total: Balance = values.iter().fold(0, |a, v| a.saturating_add(*v));
		if total.is_zero() {
			return true;
		}
		let mut below: Balance = 0;
		for (t, v) in p.tranches.iter().zip(values.iter()) {
			if *v > 0 && Perbill::from_rational(below, total) < t.min_subordination {
				return false;
			}
			below = below.saturating_add(*v);
		}
		true
	}

	/// The most that can be paid out of tranche `t` without taking any tranche above it below
	/// its minimum subordination: for each such tranche `i`,
	/// `(below_i − x) / (total − x) ≥ m_i`, i.e. `x ≤ (below_i − m_i·total) / (1 − m_i)`.
	fn max_payout(p: &PoolOf<T>, values: &[Balance], t: usize) -> Balance {
		let total: Balance = values.iter().fold(0, |a, v| a.saturating_add(*v));
		let mut max = Balance::MAX;
		let mut below: Balance = 0;
		for (i, (tr, v)) in p.tranches.iter().zip(values.iter()).enumerate() {
			if i > t && *v > 0 {
				let required = tr.min_subordination.mul_ceil(total);
				let room = below.saturating_sub(required);
				let acc = u128::from(Perbill::ACCURACY);
				let free = acc.saturating_sub(u128::from(tr.min_subordination.deconstruct()));
				let x = mul_div(room, acc, free).unwrap_or(0);
				max = max.min(x);
			}
			below = below.saturating_add(*v);
		}
		max
	}

	/// Move the pool between `Open` and `Impaired` as its junior tranche loses or regains all
	/// value.
	fn check_impairment(id: PoolId, p: &mut PoolOf<T>) -> DispatchResult {
		let values = Self::tranche_values(p)?;
		let junior_value = values.first().copied().unwrap_or(0);
		let junior_supply = p.tranches.first().map(|t| Self::supply(t.share_asset)).unwrap_or(0);
		match p.state {
			PoolState::Open if junior_supply > 0 && junior_value.is_zero() => {
				p.state = PoolState::Impaired;
				Self::deposit_event(Event::Impaired { pool: id });
			},
			PoolState::Impaired if junior_value > 0 => {
				p.state = PoolState::Open;
				Self::deposit_event(Event::Reopened { pool: id });
			},
			_ => {},
		}
		Ok(())
	}

	/// Let the first-loss cover absorb a drop in value of `loss`.
	fn absorb_loss(id: PoolId, p: &mut PoolOf<T>, loss: Balance) {
		if loss.is_zero() {
			return;
		}
		let covered = loss.min(p.first_loss_cover);
		p.first_loss_cover = p.first_loss_cover.saturating_sub(covered);
		p.reserve = p.reserve.saturating_add(covered);
		Self::deposit_event(Event::LossBooked { pool: id, loss, covered });
	}

	/// Pay the fee owed, then serve queued redemptions — most senior tranche first, first in
	/// first out — as far as the reserve and subordination allow, touching at most
	/// `MaxServedPerCall` queue entries. Returns how many entries it touched.
	pub(crate) fn serve(id: PoolId, p: &mut PoolOf<T>) -> Result<u32, DispatchError> {
		let account = Self::pool_account(id);
		let fee = p.fee_owed.min(p.reserve);
		if fee > 0 {
			T::Assets::transfer(p.currency, &account, &p.admin, fee, Preservation::Expendable)?;
			p.reserve = p.reserve.saturating_sub(fee);
			p.fee_owed = p.fee_owed.saturating_sub(fee);
			Self::deposit_event(Event::FeePaid { pool: id, amount: fee });
		}
		let max = T::MaxServedPerCall::get();
		let mut budget = max;
		for t in (0..p.tranches.len()).rev() {
			let idx = t as TrancheIndex;
			while budget > 0 {
				let Some(tranche) = p.tranches.get(t).copied() else { break };
				if tranche.queue_head >= tranche.queue_tail || p.reserve.is_zero() {
					break;
				}
				budget = budget.saturating_sub(1);
				let head = tranche.queue_head;
				let Some(mut entry) = Queues::<T>::get((id, idx), head) else {
					// Cancelled: skip the gap.
					if let Some(tr) = p.tranches.get_mut(t) {
						tr.queue_head = head.saturating_add(1);
					}
					continue;
				};
				let values = Self::tranche_values(p)?;
				let value = values.get(t).copied().unwrap_or(0);
				let supply = Self::supply(tranche.share_asset);
				if supply.is_zero() || value.is_zero() {
					break;
				}
				let entry_value = mul_div(entry.shares, value, supply).ok_or(Error::<T>::Overflow)?;
				let pay = entry_value.min(p.reserve).min(Self::max_payout(p, &values, t));
				if pay.is_zero() {
					break;
				}
				let (burn, pay) = if pay == entry_value {
					(entry.shares, entry_value)
				} else {
					let burn = mul_div(pay, supply, value).ok_or(Error::<T>::Overflow)?.min(entry.shares);
					(burn, mul_div(burn, value, supply).ok_or(Error::<T>::Overflow)?)
				};
				if burn.is_zero() {
					break;
				}
				T::Assets::burn_from(
					tranche.share_asset,
					&account,
					burn,
					Preservation::Expendable,
					Precision::Exact,
					Fortitude::Polite,
				)?;
				if pay > 0 {
					T::Assets::transfer(p.currency, &account, &entry.who, pay, Preservation::Expendable)?;
				}
				p.reserve = p.reserve.saturating_sub(pay);
				if let Some(tr) = p.tranches.get_mut(t) {
					if t > 0 {
						let retired = tr.accumulator.normalized_payment(pay).ok_or(Error::<T>::Overflow)?;
						tr.normalized_claim = tr.normalized_claim.saturating_sub(retired);
					}
					tr.queued_shares = tr.queued_shares.saturating_sub(burn);
				}
				QueuedBy::<T>::mutate((id, idx), &entry.who, |q| *q = q.saturating_sub(burn));
				entry.shares = entry.shares.saturating_sub(burn);
				Self::deposit_event(Event::RedemptionServed {
					pool: id,
					tranche: idx,
					who: entry.who.clone(),
					position: head,
					shares: burn,
					amount: pay,
				});
				if entry.shares.is_zero() {
					Queues::<T>::remove((id, idx), head);
					if let Some(tr) = p.tranches.get_mut(t) {
						tr.queue_head = head.saturating_add(1);
					}
				} else {
					// Partly served: the rest waits for more cash or room.
					Queues::<T>::insert((id, idx), head, entry);
					break;
				}
			}
		}
		Self::check_impairment(id, p)?;
		Ok(max.saturating_sub(budget))
	}

	/// The next free share-token id. Anyone can create assets in `pallet-assets` with ids of
	/// their choosing, so ids already taken are skipped (at most `SHARE_ID_PROBES` of them).
	fn next_share_asset() -> Result<AssetId, DispatchError> {
		let mut next = NextShareAsset::<T>::get().max(T::ShareAssetIdStart::get());
		let mut probes = 0;
		while T::Assets::asset_exists(next) {
			probes += 1;
			ensure!(probes < SHARE_ID_PROBES, Error::<T>::ShareAssetUnavailable);
			next = next.checked_add(1).ok_or(Error::<T>::Overflow)?;
		}
		NextShareAsset::<T>::put(next.checked_add(1).ok_or(Error::<T>::Overflow)?);
		Ok(next)
	}

	// ----- calls -----

	pub(crate) fn do_create(
		admin: T::AccountId,
		currency: AssetId,
		risk_class: BoundedVec<u8, T::LabelLimit>,
		specs: BoundedVec<TrancheSpec, T::MaxTranches>,
		max_reserve: Balance,
		first_loss_cover: Balance,
		fee_rate: Perquintill,
	) -> Result<PoolId, DispatchError> {
		ensure!(!specs.is_empty(), Error::<T>::BadTrancheCount);
		ensure!(
			specs.iter().skip(1).all(|s| s.min_subordination < Perbill::one()),
			Error::<T>::BadSubordination
		);
		let id = NextPoolId::<T>::get();
		NextPoolId::<T>::put(id.checked_add(1).ok_or(Error::<T>::Overflow)?);
		let account = Self::pool_account(id);
		let deposit = T::PoolDeposit::get();
		T::Currency::hold(&HoldReason::PoolDeposit.into(), &admin, deposit)?;
		if first_loss_cover > 0 {
			T::Assets::transfer(currency, &admin, &account, first_loss_cover, Preservation::Expendable)?;
		}
		let now = Self::now_secs();
		let mut tranches = BoundedVec::<Tranche, T::MaxTranches>::new();
		let mut share_assets = Vec::new();
		for (i, spec) in specs.iter().enumerate() {
			let share_asset = Self::next_share_asset()?;
			<T::Assets as Create<T::AccountId>>::create(share_asset, account.clone(), true, 1)
				.map_err(|_| Error::<T>::ShareAssetUnavailable)?;
			let (yield_rate, min_subordination) =
				if i == 0 { (Perquintill::zero(), Perbill::zero()) } else { (spec.yield_rate, spec.min_subordination) };
			tranches
				.try_push(Tranche {
					share_asset,
					yield_rate,
					min_subordination,
					normalized_claim: 0,
					accumulator: Accumulator::new(yield_rate, now),
					queue_head: 0,
					queue_tail: 0,
					queued_shares: 0,
				})
				.map_err(|_| Error::<T>::BadTrancheCount)?;
			share_assets.push(share_asset);
		}
		let open = !ApprovalRequired::<T>::get();
		Pools::<T>::insert(
			id,
			Pool {
				admin: admin.clone(),
				manager: None,
				currency,
				risk_class,
				state: if open { PoolState::Open } else { PoolState::PendingApproval },
				tranches,
				reserve: 0,
				max_reserve,
				first_loss_cover,
				fee_rate,
				fee_owed: 0,
				buckets: BoundedVec::new(),
				written_down_value: 0,
				active_loans: 0,
				last_update: now,
				deposit,
			},
		);
		Self::deposit_event(Event::Created { pool: id, admin, currency, share_assets, first_loss_cover, open });
		Ok(id)
	}

	/// Returns how many queued redemptions the new cash touched.
	pub(crate) fn do_invest(
		who: T::AccountId,
		id: PoolId,
		t: TrancheIndex,
		amount: Balance,
	) -> Result<u32, DispatchError> {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut p = Pools::<T>::get(id).ok_or(Error::<T>::UnknownPool)?;
		ensure!(p.state == PoolState::Open, Error::<T>::NotOpen);
		let ti = usize::from(t);
		let tranche = p.tranches.get(ti).copied().ok_or(Error::<T>::UnknownTranche)?;
		Self::accrue(&mut p)?;
		let values = Self::tranche_values(&p)?;
		let value = values.get(ti).copied().unwrap_or(0);
		let supply = Self::supply(tranche.share_asset);
		let shares = if supply.is_zero() {
			amount
		} else {
			mul_div(amount, supply, value).ok_or(Error::<T>::Overflow)?
		};
		ensure!(!shares.is_zero(), Error::<T>::TooSmall);
		p.reserve = p.reserve.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		ensure!(p.reserve <= p.max_reserve, Error::<T>::MaxReserveExceeded);
		if ti > 0 {
			let tr = p.tranches.get_mut(ti).ok_or(Error::<T>::UnknownTranche)?;
			let n = tr.accumulator.normalized_payment(amount).ok_or(Error::<T>::Overflow)?;
			tr.normalized_claim = tr.normalized_claim.checked_add(n).ok_or(Error::<T>::Overflow)?;
		}
		ensure!(Self::subordination_holds(&p, &Self::tranche_values(&p)?), Error::<T>::SubordinationBreached);
		T::Assets::transfer(p.currency, &who, &Self::pool_account(id), amount, Preservation::Expendable)?;
		T::Assets::mint_into(tranche.share_asset, &who, shares)?;
		Self::deposit_event(Event::Invested { pool: id, tranche: t, who, amount, shares });
		let served = Self::serve(id, &mut p)?;
		Pools::<T>::insert(id, p);
		Ok(served)
	}

	/// Returns how many queued redemptions were touched.
	pub(crate) fn do_redeem(
		who: T::AccountId,
		id: PoolId,
		t: TrancheIndex,
		shares: Balance,
	) -> Result<u32, DispatchError> {
		ensure!(!shares.is_zero(), Error::<T>::ZeroAmount);
		let mut p = Pools::<T>::get(id).ok_or(Error::<T>::UnknownPool)?;
		let tr = p.tranches.get_mut(usize::from(t)).ok_or(Error::<T>::UnknownTranche)?;
		T::Assets::transfer(tr.share_asset, &who, &Self::pool_account(id), shares, Preservation::Expendable)?;
		let position = tr.queue_tail;
		tr.queue_tail = position.checked_add(1).ok_or(Error::<T>::Overflow)?;
		tr.queued_shares = tr.queued_shares.saturating_add(shares);
		Queues::<T>::insert((id, t), position, Redemption { who: who.clone(), shares });
		QueuedBy::<T>::mutate((id, t), &who, |q| *q = q.saturating_add(shares));
		Self::deposit_event(Event::RedemptionQueued { pool: id, tranche: t, who, position, shares });
		Self::accrue(&mut p)?;
		let served = Self::serve(id, &mut p)?;
		Pools::<T>::insert(id, p);
		Ok(served)
	}

	pub(crate) fn do_cancel_redemption(
		who: T::AccountId,
		id: PoolId,
		t: TrancheIndex,
		position: QueuePosition,
	) -> DispatchResult {
		let mut p = Pools::<T>::get(id).ok_or(Error::<T>::UnknownPool)?;
		let tr = p.tranches.get_mut(usize::from(t)).ok_or(Error::<T>::UnknownTranche)?;
		let entry = Queues::<T>::get((id, t), position).ok_or(Error::<T>::UnknownRedemption)?;
		ensure!(entry.who == who, Error::<T>::NotRedemptionOwner);
		Queues::<T>::remove((id, t), position);
		T::Assets::transfer(tr.share_asset, &Self::pool_account(id), &who, entry.shares, Preservation::Expendable)?;
		tr.queued_shares = tr.queued_shares.saturating_sub(entry.shares);
		if position == tr.queue_head {
			tr.queue_head = position.saturating_add(1);
		}
		QueuedBy::<T>::mutate((id, t), &who, |q| *q = q.saturating_sub(entry.shares));
		Pools::<T>::insert(id, p);
		Self::deposit_event(Event::RedemptionCancelled { pool: id, tranche: t, who, position, shares: entry.shares });
		Ok(())
	}

	pub(crate) fn do_finance(who: T::AccountId, id: PoolId, loan: LoanId) -> DispatchResult {
		let mut p = Pools::<T>::get(id).ok_or(Error::<T>::UnknownPool)?;
		ensure!(p.admin == who || p.manager.as_ref() == Some(&who), Error::<T>::NotAdminOrManager);
		ensure!(p.state != PoolState::PendingApproval, Error::<T>::NotOpen);
		let summary = T::Loans::summary(loan).ok_or(Error::<T>::LoanNotRequested)?;
		ensure!(summary.status == LoanStatus::Requested, Error::<T>::LoanNotRequested);
		ensure!(summary.currency == p.currency, Error::<T>::CurrencyMismatch);
		Self::accrue(&mut p)?;
		let available = p.reserve.saturating_sub(p.fee_owed);
		ensure!(summary.principal <= available, Error::<T>::InsufficientReserve);
		let normalized = Self::book_performing(&mut p, summary.annual_rate, summary.principal)?;
		T::Loans::fund(&Self::pool_account(id), loan)?;
		p.reserve = p.reserve.saturating_sub(summary.principal);
		p.active_loans = p.active_loans.saturating_add(1);
		PoolLoans::<T>::insert(loan, PoolLoan { pool: id, rate: summary.annual_rate, normalized, written_down: None });
		Pools::<T>::insert(id, p);
		Self::deposit_event(Event::LoanFinanced { pool: id, loan, principal: summary.principal });
		Ok(())
	}

	/// Add `debt` at `rate` to the pool's buckets; returns its normalized amount.
	fn book_performing(p: &mut PoolOf<T>, rate: Perquintill, debt: Balance) -> Result<Balance, DispatchError> {
		let now = Self::now_secs();
		if !p.buckets.iter().any(|b| b.rate == rate) {
			p.buckets
				.try_push(RateBucket { rate, accumulator: Accumulator::new(rate, now), normalized: 0, loans: 0 })
				.map_err(|_| Error::<T>::TooManyRateBuckets)?;
		}
		let b = p.buckets.iter_mut().find(|b| b.rate == rate).ok_or(Error::<T>::TooManyRateBuckets)?;
		let normalized = b.accumulator.normalize(debt).ok_or(Error::<T>::Overflow)?;
		b.normalized = b.normalized.checked_add(normalized).ok_or(Error::<T>::Overflow)?;
		b.loans = b.loans.saturating_add(1);
		Ok(normalized)
	}

	/// Take a performing loan out of its bucket; returns its debt now.
	fn unbook_performing(p: &mut PoolOf<T>, pl: &PoolLoan) -> Balance {
		let mut debt = 0;
		if let Some(pos) = p.buckets.iter().position(|b| b.rate == pl.rate) {
			if let Some(b) = p.buckets.get_mut(pos) {
				debt = b.accumulator.debt(pl.normalized).unwrap_or(0);
				b.normalized = b.normalized.saturating_sub(pl.normalized);
				b.loans = b.loans.saturating_sub(1);
				if b.loans == 0 {
					p.buckets.remove(pos);
				}
			}
		}
		debt
	}

	pub(crate) fn do_update_loan(loan: LoanId) -> DispatchResult {
		let mut pl = PoolLoans::<T>::get(loan).ok_or(Error::<T>::NotPoolLoan)?;
		let summary = T::Loans::summary(loan).ok_or(Error::<T>::NotPoolLoan)?;
		let id = pl.pool;
		let mut p = Pools::<T>::get(id).ok_or(Error::<T>::UnknownPool)?;
		Self::accrue(&mut p)?;
		match (summary.status, pl.written_down) {
			(LoanStatus::Active, Some(w)) => {
				p.written_down_value = p.written_down_value.saturating_sub(w);
				pl.normalized = Self::book_performing(&mut p, pl.rate, summary.debt)?;
				pl.written_down = None;
				Self::deposit_event(Event::LoanRestored { pool: id, loan, debt: summary.debt });
			},
			(LoanStatus::Overdue | LoanStatus::Defaulted | LoanStatus::InAuction, written) => {
				let old = match written {
					Some(w) => {
						p.written_down_value = p.written_down_value.saturating_sub(w);
						w
					},
					None => {
						let debt = Self::unbook_performing(&mut p, &pl);
						pl.normalized = 0;
						debt
					},
				};
				let value = summary.present_value;
				p.written_down_value = p.written_down_value.saturating_add(value);
				pl.written_down = Some(value);
				Self::absorb_loss(id, &mut p, old.saturating_sub(value));
				Self::deposit_event(Event::LoanWrittenDown { pool: id, loan, value });
			},
			_ => {},
		}
		Self::check_impairment(id, &mut p)?;
		PoolLoans::<T>::insert(loan, pl);
		Pools::<T>::insert(id, p);
		Ok(())
	}

	pub(crate) fn do_close(who: T::AccountId, id: PoolId) -> DispatchResult {
		let p = Pools::<T>::get(id).ok_or(Error::<T>::UnknownPool)?;
		ensure!(p.admin == who, Error::<T>::NotAdmin);
		ensure!(p.active_loans == 0, Error::<T>::PoolNotEmpty);
		ensure!(p.tranches.iter().all(|t| Self::supply(t.share_asset).is_zero()), Error::<T>::PoolNotEmpty);
		let returned = p.reserve.saturating_add(p.first_loss_cover);
		if returned > 0 {
			T::Assets::transfer(p.currency, &Self::pool_account(id), &who, returned, Preservation::Expendable)?;
		}
		T::Currency::release(&HoldReason::PoolDeposit.into(), &who, p.deposit, Precision::BestEffort)?;
		Pools::<T>::remove(id);
		Self::deposit_event(Event::Closed { pool: id, returned });
		Ok(())
	}

	// ----- notifications from the loan pallet -----

	/// Returns the weight used.
	fn book_repayment(loan: LoanId, interest: Balance, principal: Balance) -> Result<Weight, DispatchError> {
		let Some(mut pl) = PoolLoans::<T>::get(loan) else { return Ok(T::DbWeight::get().reads(1)) };
		let id = pl.pool;
		let mut p = Pools::<T>::get(id).ok_or(Error::<T>::UnknownPool)?;
		Self::accrue(&mut p)?;
		let amount = interest.saturating_add(principal);
		p.reserve = p.reserve.saturating_add(amount);
		match pl.written_down {
			Some(w) => {
				let dec = w.min(amount);
				pl.written_down = Some(w.saturating_sub(dec));
				p.written_down_value = p.written_down_value.saturating_sub(dec);
			},
			None =>
				if let Some(b) = p.buckets.iter_mut().find(|b| b.rate == pl.rate) {
					let retired = b.accumulator.normalized_payment(amount).unwrap_or(0).min(pl.normalized);
					pl.normalized = pl.normalized.saturating_sub(retired);
					b.normalized = b.normalized.saturating_sub(retired);
				},
		}
		PoolLoans::<T>::insert(loan, pl);
		Self::deposit_event(Event::LoanRepaid { pool: id, loan, interest, principal });
		let served = Self::serve(id, &mut p)?;
		Pools::<T>::insert(id, p);
		Ok(T::WeightInfo::book_repayment().saturating_add(T::WeightInfo::serve_redemptions(served)))
	}

	/// Returns the weight used.
	fn book_closing(loan: LoanId, recovered: Balance, loss: Balance) -> Result<Weight, DispatchError> {
		let Some(pl) = PoolLoans::<T>::take(loan) else { return Ok(T::DbWeight::get().reads(1)) };
		let id = pl.pool;
		let mut p = Pools::<T>::get(id).ok_or(Error::<T>::UnknownPool)?;
		Self::accrue(&mut p)?;
		let book = match pl.written_down {
			Some(w) => {
				p.written_down_value = p.written_down_value.saturating_sub(w);
				w
			},
			None => Self::unbook_performing(&mut p, &pl),
		};
		p.reserve = p.reserve.saturating_add(recovered);
		p.active_loans = p.active_loans.saturating_sub(1);
		if loss > 0 {
			Self::absorb_loss(id, &mut p, book.saturating_sub(recovered));
		}
		Self::deposit_event(Event::LoanClosed { pool: id, loan, recovered });
		let served = Self::serve(id, &mut p)?;
		Pools::<T>::insert(id, p);
		Ok(T::WeightInfo::book_closing().saturating_add(T::WeightInfo::serve_redemptions(served)))
	}

	// ----- queries -----

	/// The pool as investors see it now.
	pub fn view(id: PoolId) -> Option<PoolView> {
		let mut p = Pools::<T>::get(id)?;
		Self::accrue(&mut p).ok()?;
		let values = Self::tranche_values(&p).ok()?;
		let nav = Self::nav(&p).ok()?;
		let mut below: Balance = 0;
		let mut tranches = Vec::new();
		for (i, t) in p.tranches.iter().enumerate() {
			let value = values.get(i).copied().unwrap_or(0);
			let supply = Self::supply(t.share_asset);
			let price = if supply.is_zero() {
				FixedU128::from_u32(1)
			} else {
				FixedU128::checked_from_rational(value, supply).unwrap_or_default()
			};
			tranches.push(TrancheView {
				share_asset: t.share_asset,
				price,
				value,
				supply,
				yield_rate: t.yield_rate,
				subordination: if nav.is_zero() { Perbill::zero() } else { Perbill::from_rational(below, nav) },
				min_subordination: t.min_subordination,
				queue_length: t.queue_tail.saturating_sub(t.queue_head),
				queued_shares: t.queued_shares,
			});
			below = below.saturating_add(value);
		}
		Some(PoolView {
			state: p.state,
			nav,
			reserve: p.reserve,
			first_loss_cover: p.first_loss_cover,
			active_loans: p.active_loans,
			tranches,
		})
	}

	/// `who`'s shares in each tranche of a pool, their value now, and what is queued.
	pub fn position(id: PoolId, who: &T::AccountId) -> Vec<PositionView> {
		let Some(view) = Self::view(id) else { return Vec::new() };
		view.tranches
			.iter()
			.enumerate()
			.map(|(i, t)| {
				let tranche = i as TrancheIndex;
				let shares = T::Assets::balance(t.share_asset, who);
				let queued = QueuedBy::<T>::get((id, tranche), who);
				let value = mul_div(shares.saturating_add(queued), t.value, t.supply).unwrap_or(0);
				PositionView { tranche, shares, queued, value }
			})
			.collect()
	}
}

impl<T: Config> LoanObserver<T::AccountId> for Pallet<T> {
	fn notification_weight() -> Weight {
		T::WeightInfo::book_repayment()
			.saturating_add(T::WeightInfo::book_closing())
			.saturating_add(T::WeightInfo::serve_redemptions(T::MaxServedPerCall::get()).saturating_mul(2))
	}

	fn on_repaid(_lender: &T::AccountId, loan: LoanId, interest: Balance, principal: Balance) -> Weight {
		frame_support::storage::with_storage_layer(|| Self::book_repayment(loan, interest, principal))
			.unwrap_or_else(|e| {
				log::error!(target: "runtime::debt-pool", "booking repayment of loan {loan}: {e:?}");
				T::WeightInfo::book_repayment()
			})
	}

	fn on_closed(_lender: &T::AccountId, loan: LoanId, recovered: Balance, loss: Balance) -> Weight {
		frame_support::storage::with_storage_layer(|| Self::book_closing(loan, recovered, loss)).unwrap_or_else(|e| {
			log::error!(target: "runtime::debt-pool", "booking closing of loan {loan}: {e:?}");
			T::WeightInfo::book_closing()
		})
	}
}
