//! Behaviour of the debt-pool pallet: the books (from the pool account and the loan pallet's
//! portfolio), the waterfall, the redemption queue, liquidation and claims.

use crate::*;
use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		fungibles::{Create, Inspect as FunsInspect, Mutate as FunsMutate},
		tokens::{DepositConsequence, Fortitude, Precision, Preservation, Provenance},
		Time,
	},
};
use persistence_primitives::{
	interest::Accumulator,
	loans::{LoanProvider, LoanStatus},
	time::SECONDS_PER_YEAR,
	AssetId, Balance,
};
use sp_runtime::{
	helpers_128bit::multiply_by_rational_with_rounding,
	traits::{AccountIdConversion, Zero},
	DispatchError, FixedPointNumber, FixedU128, PerThing, Perbill, Perquintill, Rounding,
};

/// `a × b / c`, rounded down; `None` on overflow or `c == 0`.
fn mul_div(a: Balance, b: Balance, c: Balance) -> Option<Balance> {
	multiply_by_rational_with_rounding(a, b, c, Rounding::Down)
}

/// `a × b / c`, rounded up; `None` on overflow or `c == 0`.
fn mul_div_up(a: Balance, b: Balance, c: Balance) -> Option<Balance> {
	multiply_by_rational_with_rounding(a, b, c, Rounding::Up)
}

impl<T: Config> Pallet<T> {
	/// The account of a pool: holds its cash, its first-loss cover, the payouts set aside and
	/// queued shares, and is the lender of its loans.
	pub fn pool_account(pool: PoolId) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating(pool)
	}

	/// The pool whose account lent `loan`.
	pub fn pool_of(loan: LoanId) -> Result<PoolId, DispatchError> {
		let summary = T::Loans::summary(loan).ok_or(Error::<T>::NotPoolLoan)?;
		let lender = summary.lender.ok_or(Error::<T>::NotPoolLoan)?;
		let (pallet, pool) =
			frame_support::PalletId::try_from_sub_account::<PoolId>(&lender).ok_or(Error::<T>::NotPoolLoan)?;
		ensure!(pallet == T::PalletId::get(), Error::<T>::NotPoolLoan);
		ensure!(Pools::<T>::contains_key(pool), Error::<T>::NotPoolLoan);
		Ok(pool)
	}

	fn now_secs() -> u64 {
		T::Time::now() / 1000
	}

	/// What the pool owns now. Realised losses the cover has not paid yet are charged to it
	/// first (`LossBooked`), so the books are always after the cover paid what it must.
	pub fn books(id: PoolId, p: &mut PoolOf<T>) -> Result<Books, DispatchError> {
		let account = Self::pool_account(id);
		let portfolio = T::Loans::portfolio(&account)?;
		let new_loss = portfolio.realised_loss.checked_sub(p.loss_seen).ok_or(Error::<T>::BooksBroken)?;
		if new_loss > 0 {
			let covered = new_loss.min(p.first_loss_cover);
			p.first_loss_cover = p.first_loss_cover.saturating_sub(covered);
			p.loss_seen = portfolio.realised_loss;
			Self::deposit_event(Event::LossBooked { pool: id, loss: new_loss, covered });
		}
		let held = T::Assets::balance(p.currency, &account);
		let set_aside = p
			.anchor
			.checked_add(p.first_loss_cover)
			.and_then(|x| x.checked_add(p.payable))
			.and_then(|x| x.checked_add(p.fee_payable))
			.ok_or(Error::<T>::Overflow)?;
		let cash = held.checked_sub(set_aside).ok_or(Error::<T>::BooksBroken)?;
		Ok(Books {
			pool: id,
			cash,
			loans: portfolio.value,
			guarantee: portfolio.unrealised_loss.min(p.first_loss_cover),
			unrealised: portfolio.unrealised_loss,
			loan_count: portfolio.loans,
			stale_loan: portfolio.stale_loan,
			supplies: p.tranches.iter().map(|t| Self::supply_of(id, t)).collect(),
		})
	}

	/// Read tranche `t`'s supply again after the call minted, burnt or queued its shares.
	fn refresh_supply(p: &PoolOf<T>, books: &mut Books, t: usize) {
		if let (Some(tranche), Some(slot)) = (p.tranches.get(t), books.supplies.get_mut(t)) {
			*slot = Self::supply_of(books.pool, tranche);
		}
	}

	/// Net asset value: cash + loans + what the cover stands behind − fees owed.
	pub fn nav(p: &PoolOf<T>, books: &Books) -> Result<Balance, DispatchError> {
		let gross = books
			.cash
			.checked_add(books.loans)
			.and_then(|x| x.checked_add(books.guarantee))
			.ok_or(Error::<T>::Overflow)?;
		Ok(gross.saturating_sub(p.fee_owed))
	}

	/// Bring the tranche yields and the originator fee (a share of NAV a year, per second) up
	/// to now.
	pub fn accrue(p: &mut PoolOf<T>, books: &Books) -> DispatchResult {
		let now = Self::now_secs();
		let dt = now.saturating_sub(p.last_update);
		for t in p.tranches.iter_mut() {
			t.accumulator.accrue(now).ok_or(Error::<T>::Overflow)?;
		}
		if dt > 0 && !p.fee_rate.is_zero() {
			let annual = p.fee_rate * Self::nav(p, books)?;
			let fee = mul_div(annual, u128::from(dt), u128::from(SECONDS_PER_YEAR)).ok_or(Error::<T>::Overflow)?;
			p.fee_owed = p.fee_owed.checked_add(fee).ok_or(Error::<T>::Overflow)?;
		}
		p.last_update = now;
		Ok(())
	}

	/// The waterfall: each tranche's value, junior first. From the most senior tranche down,
	/// each takes the lesser of its claim and what is left of NAV; the junior takes the rest.
	/// A senior tranche nobody holds has no claim (whatever is left of one — dust burnt from a
	/// holder's account — goes down the waterfall).
	pub fn tranche_values(p: &PoolOf<T>, books: &Books) -> Result<Vec<Balance>, DispatchError> {
		Self::waterfall(p, books, Self::nav(p, books)?)
	}

	/// The tranche values if every write-down not realised yet were recovered: what deposits
	/// are priced at, so that new money never buys a share of a recovery at the written-down
	/// price (deposits at the optimistic value, redemptions at the booked one — the spread
	/// protects the holders who stay).
	pub fn recovered_values(p: &PoolOf<T>, books: &Books) -> Result<Vec<Balance>, DispatchError> {
		let nav = books
			.cash
			.checked_add(books.loans)
			.and_then(|x| x.checked_add(books.unrealised))
			.ok_or(Error::<T>::Overflow)?
			.saturating_sub(p.fee_owed);
		Self::waterfall(p, books, nav)
	}

	fn waterfall(p: &PoolOf<T>, books: &Books, nav: Balance) -> Result<Vec<Balance>, DispatchError> {
		let mut remaining = nav;
		let mut values = alloc::vec![0; p.tranches.len()];
		for (i, t) in p.tranches.iter().enumerate().skip(1).rev() {
			let claim = if books.supply(i).is_zero() {
				0
			} else {
				t.accumulator.debt(t.normalized_claim).ok_or(Error::<T>::Overflow)?
			};
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

	/// Shares of a tranche held by investors, queued ones included. Whatever else the pool
	/// account holds of its own token — the anchor, and shares anyone sent it — belongs to
	/// nobody: it is not supply (so nobody can keep a pool from closing by sending it shares).
	pub fn supply_of(id: PoolId, t: &Tranche) -> Balance {
		let own = T::Assets::balance(t.share_asset, &Self::pool_account(id));
		let unowned = own.saturating_sub(t.queued_shares);
		T::Assets::total_issuance(t.share_asset).saturating_sub(unowned)
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
	fn max_payout(p: &PoolOf<T>, values: &[Balance], t: usize) -> Result<Balance, DispatchError> {
		let total: Balance = values.iter().fold(0, |a, v| a.saturating_add(*v));
		let mut max = Balance::MAX;
		let mut below: Balance = 0;
		for (i, (tr, v)) in p.tranches.iter().zip(values.iter()).enumerate() {
			if i > t && *v > 0 {
				let required = tr.min_subordination.mul_ceil(total);
				let room = below.saturating_sub(required);
				let acc = u128::from(Perbill::ACCURACY);
				// `min_subordination < 100 %` (checked at creation): the divisor is positive.
				let free = acc.saturating_sub(u128::from(tr.min_subordination.deconstruct()));
				let x = mul_div(room, acc, free).ok_or(Error::<T>::Overflow)?;
				max = max.min(x);
			}
			below = below.saturating_add(*v);
		}
		Ok(max)
	}

	/// Move the pool between `Open` and `Impaired` as its junior tranche loses or regains all
	/// value.
	fn check_impairment(id: PoolId, p: &mut PoolOf<T>, books: &Books) -> DispatchResult {
		let values = Self::tranche_values(p, books)?;
		let junior_value = values.first().copied().ok_or(Error::<T>::UnknownTranche)?;
		let junior_supply = books.supply(0);
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

	/// Set the fee owed aside for the admin, then serve queued redemptions — most senior
	/// tranche first, first in first out — as far as the cash and subordination allow,
	/// touching at most `MaxServedPerCall` queue entries. Proceeds are set aside for their
	/// holders to claim: nothing is pushed, so no recipient can block the queue. Returns how
	/// many entries it touched.
	pub(crate) fn serve(id: PoolId, p: &mut PoolOf<T>, books: &mut Books) -> Result<u32, DispatchError> {
		let account = Self::pool_account(id);
		let fee = p.fee_owed.min(books.cash);
		if fee > 0 {
			books.cash = books.cash.saturating_sub(fee);
			p.fee_owed = p.fee_owed.saturating_sub(fee);
			p.fee_payable = p.fee_payable.checked_add(fee).ok_or(Error::<T>::Overflow)?;
			Self::deposit_event(Event::FeePaid { pool: id, amount: fee });
		}
		let max = T::MaxServedPerCall::get();
		let mut budget = max;
		for t in (0..p.tranches.len()).rev() {
			let idx = t as TrancheIndex;
			while budget > 0 {
				let Some(tranche) = p.tranches.get(t).copied() else { break };
				if tranche.queue_head >= tranche.queue_tail {
					break;
				}
				budget = budget.saturating_sub(1);
				let head = tranche.queue_head;
				let entry = Queues::<T>::get((id, idx), head);
				let Some(mut entry) = entry.filter(|e| e.shares > 0) else {
					// Cancelled or already served: skip the gap.
					if let Some(tr) = p.tranches.get_mut(t) {
						tr.queue_head = head.saturating_add(1);
					}
					continue;
				};
				let values = Self::tranche_values(p, books)?;
				let value = values.get(t).copied().ok_or(Error::<T>::UnknownTranche)?;
				let supply = books.supply(t);
				if supply.is_zero() {
					break;
				}
				// Rounded down: the pool never pays out more than the shares are worth. Shares
				// worth nothing once no loan is open (a wiped-out tranche, or dust) are burnt for
				// nothing: their holder asked to leave, and the pool must be able to close.
				let entry_value = mul_div(entry.shares, value, supply).ok_or(Error::<T>::Overflow)?;
				let pay = entry_value.min(books.cash).min(Self::max_payout(p, &values, t)?);
				// While loans are open a value of nothing may still recover: wait.
				if pay.is_zero() && (entry_value > 0 || books.loan_count > 0) {
					break;
				}
				let (burn, pay) = if pay == entry_value {
					(entry.shares, entry_value)
				} else {
					// Burn enough shares for `pay` (rounded up), pay what they are worth.
					let burn = mul_div_up(pay, supply, value).ok_or(Error::<T>::Overflow)?.min(entry.shares);
					(burn, mul_div(burn, value, supply).ok_or(Error::<T>::Overflow)?.min(pay))
				};
				if burn.is_zero() {
					break;
				}
				T::Assets::burn_from(
					tranche.share_asset,
					&account,
					burn,
					Preservation::Preserve,
					Precision::Exact,
					Fortitude::Polite,
				)?;
				books.cash = books.cash.saturating_sub(pay);
				p.payable = p.payable.checked_add(pay).ok_or(Error::<T>::Overflow)?;
				if let Some(tr) = p.tranches.get_mut(t) {
					if t > 0 {
						// The claim of a senior tranche is retired pro rata to the shares burnt,
						// so the holders left keep exactly their share of it.
						let retired = if burn == supply {
							tr.normalized_claim
						} else {
							mul_div(tr.normalized_claim, burn, supply).ok_or(Error::<T>::Overflow)?
						};
						tr.normalized_claim = tr.normalized_claim.saturating_sub(retired);
					}
					tr.queued_shares = tr.queued_shares.saturating_sub(burn);
				}
				Self::refresh_supply(p, books, t);
				QueuedBy::<T>::try_mutate_exists((id, idx), &entry.who, |h| -> DispatchResult {
					let mut holding = h.take().unwrap_or_default();
					holding.queued = holding.queued.saturating_sub(burn);
					holding.claimable = holding.claimable.checked_add(pay).ok_or(Error::<T>::Overflow)?;
					if !(holding.queued.is_zero() && holding.claimable.is_zero()) {
						*h = Some(holding);
					}
					Ok(())
				})?;
				entry.shares = entry.shares.saturating_sub(burn);
				entry.payable = entry.payable.checked_add(pay).ok_or(Error::<T>::Overflow)?;
				Self::deposit_event(Event::RedemptionServed {
					pool: id,
					tranche: idx,
					who: entry.who.clone(),
					position: head,
					shares: burn,
					amount: pay,
				});
				let done = entry.shares.is_zero();
				// Served for nothing: the entry and its deposit go now (nothing to claim).
				Self::settle_entry(id, idx, head, entry)?;
				if done {
					if let Some(tr) = p.tranches.get_mut(t) {
						tr.queue_head = head.saturating_add(1);
					}
				} else {
					// Partly served: the rest waits for more cash or room.
					break;
				}
			}
		}
		Self::check_impairment(id, p, books)?;
		Ok(max.saturating_sub(budget))
	}

	/// The next share-token id. Ids from `ShareAssetIdStart` up are reserved for pools (the
	/// runtime refuses to let anyone else create them), so a taken id is an error, not a
	/// squatter to step around.
	fn next_share_asset() -> Result<AssetId, DispatchError> {
		let next = NextShareAsset::<T>::get().max(T::ShareAssetIdStart::get());
		ensure!(!T::Assets::asset_exists(next), Error::<T>::ShareAssetUnavailable);
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
		ensure!(T::Loans::is_lendable(currency), Error::<T>::CurrencyNotLendable);
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
		// The anchor keeps the pool's currency account alive whatever is paid out, so no
		// payout ever burns dust.
		let anchor = T::Assets::minimum_balance(currency).max(1);
		let moved = anchor.checked_add(first_loss_cover).ok_or(Error::<T>::Overflow)?;
		T::Assets::transfer(currency, &admin, &account, moved, Preservation::Expendable)?;
		let now = Self::now_secs();
		let mut tranches = BoundedVec::<Tranche, T::MaxTranches>::new();
		let mut share_assets = Vec::new();
		for (i, spec) in specs.iter().enumerate() {
			let share_asset = Self::next_share_asset()?;
			// A share account costs what a currency account costs: no 1-unit dust accounts.
			<T::Assets as Create<T::AccountId>>::create(share_asset, account.clone(), true, anchor)
				.map_err(|_| Error::<T>::ShareAssetUnavailable)?;
			T::Assets::mint_into(share_asset, &account, anchor)?;
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
					anchor,
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
				max_reserve,
				first_loss_cover,
				fee_rate,
				fee_owed: 0,
				fee_payable: 0,
				payable: 0,
				anchor,
				loss_seen: 0,
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
		min_shares: Balance,
	) -> Result<u32, DispatchError> {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut p = Pools::<T>::get(id).ok_or(Error::<T>::UnknownPool)?;
		let ti = usize::from(t);
		let tranche = p.tranches.get(ti).copied().ok_or(Error::<T>::UnknownTranche)?;
		ensure!(p.state != PoolState::PendingApproval, Error::<T>::NotOpen);
		let mut books = Self::books(id, &mut p)?;
		ensure!(books.stale_loan.is_none(), Error::<T>::NavStale);
		Self::accrue(&mut p, &books)?;
		Self::check_impairment(id, &mut p, &books)?;
		// An impaired pool takes junior money only: that is what recapitalises it.
		ensure!(p.state == PoolState::Open || ti == 0, Error::<T>::NotOpen);
		let values = Self::recovered_values(&p, &books)?;
		let value = values.get(ti).copied().ok_or(Error::<T>::UnknownTranche)?;
		let mut supply = books.supply(ti);
		if ti > 0 && supply.is_zero() {
			// A senior tranche nobody holds has no claim: what is left of an old one (shares
			// burnt as dust, or sent to the pool) must not come back to a new investor.
			if let Some(tr) = p.tranches.get_mut(ti) {
				tr.normalized_claim = 0;
			}
		}
		if supply.is_zero() &&
			value > 0 &&
			T::Assets::can_deposit(tranche.share_asset, &p.admin, value, Provenance::Minted) ==
				DepositConsequence::Success
		{
			// A tranche nobody holds that still has value (it arrived after the last holder
			// left): the first depositor must not take it. It becomes the originator's, as
			// shares at 1 — first-loss capital, like the cover. (Dust below a share account's
			// minimum is left to the depositor.)
			T::Assets::mint_into(tranche.share_asset, &p.admin, value)?;
			Self::deposit_event(Event::ResidualToOriginator { pool: id, tranche: t, amount: value });
			supply = value;
		}
		// Rounded down: the depositor never gets more than the money buys. Priced at the value
		// the tranche would have if every unrealised write-down recovered; a tranche with holders
		// and no value even then (its losses realised) prices its shares as worth one unit.
		let shares = if supply.is_zero() {
			amount
		} else {
			mul_div(amount, supply, value.max(1)).ok_or(Error::<T>::Overflow)?
		};
		ensure!(!shares.is_zero(), Error::<T>::TooSmall);
		ensure!(shares >= min_shares, Error::<T>::Slippage);
		ensure!(
			T::Assets::can_deposit(tranche.share_asset, &who, shares, Provenance::Minted) == DepositConsequence::Success,
			Error::<T>::TooSmall
		);
		books.cash = books.cash.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		ensure!(books.cash <= p.max_reserve, Error::<T>::MaxReserveExceeded);
		if ti > 0 {
			let tr = p.tranches.get_mut(ti).ok_or(Error::<T>::UnknownTranche)?;
			let n = tr.accumulator.normalized_payment(amount).ok_or(Error::<T>::Overflow)?;
			tr.normalized_claim = tr.normalized_claim.checked_add(n).ok_or(Error::<T>::Overflow)?;
		}
		T::Assets::transfer(p.currency, &who, &Self::pool_account(id), amount, Preservation::Expendable)?;
		T::Assets::mint_into(tranche.share_asset, &who, shares)?;
		Self::refresh_supply(&p, &mut books, ti);
		// Junior money only adds subordination under every other tranche, so it is taken even
		// when yields have already eroded a minimum; any other deposit must leave every
		// minimum met (checked with the new shares minted; a refusal undoes the call).
		ensure!(
			ti == 0 || Self::subordination_holds(&p, &Self::tranche_values(&p, &books)?),
			Error::<T>::SubordinationBreached
		);
		Self::deposit_event(Event::Invested { pool: id, tranche: t, who, amount, shares });
		let served = Self::serve(id, &mut p, &mut books)?;
		Pools::<T>::insert(id, p);
		Ok(served)
	}

	/// Returns how many queued redemptions were touched.
	pub(crate) fn do_redeem(
		who: T::AccountId,
		id: PoolId,
		t: TrancheIndex,
		shares: Balance,
		min_value: Balance,
	) -> Result<u32, DispatchError> {
		ensure!(!shares.is_zero(), Error::<T>::ZeroAmount);
		let mut p = Pools::<T>::get(id).ok_or(Error::<T>::UnknownPool)?;
		let tranche = p.tranches.get(usize::from(t)).copied().ok_or(Error::<T>::UnknownTranche)?;
		let mut books = Self::books(id, &mut p)?;
		let fresh = books.stale_loan.is_none();
		if min_value > 0 {
			// A bound on the price needs a price that is current.
			ensure!(fresh, Error::<T>::NavStale);
			Self::accrue(&mut p, &books)?;
			let value =
				Self::tranche_values(&p, &books)?.get(usize::from(t)).copied().ok_or(Error::<T>::UnknownTranche)?;
			let worth = mul_div(shares, value, books.supply(usize::from(t))).ok_or(Error::<T>::Overflow)?;
			ensure!(worth >= min_value, Error::<T>::Slippage);
		}
		// Shares left behind below a share account's minimum would be reaped and vanish from
		// every account while still counted in the token's issuance: they go with the request.
		let held = T::Assets::balance(tranche.share_asset, &who);
		let shares = if held.saturating_sub(shares) < tranche.anchor { held.max(shares) } else { shares };
		T::Assets::transfer(tranche.share_asset, &who, &Self::pool_account(id), shares, Preservation::Expendable)?;
		let deposit = T::QueueDeposit::get();
		T::Currency::hold(&HoldReason::QueueDeposit.into(), &who, deposit)?;
		let tr = p.tranches.get_mut(usize::from(t)).ok_or(Error::<T>::UnknownTranche)?;
		let position = tr.queue_tail;
		tr.queue_tail = position.checked_add(1).ok_or(Error::<T>::Overflow)?;
		tr.queued_shares = tr.queued_shares.checked_add(shares).ok_or(Error::<T>::Overflow)?;
		Queues::<T>::insert((id, t), position, Redemption { who: who.clone(), shares, payable: 0, deposit });
		QueuedBy::<T>::try_mutate((id, t), &who, |h| -> DispatchResult {
			let h = h.get_or_insert_with(Default::default);
			h.queued = h.queued.checked_add(shares).ok_or(Error::<T>::Overflow)?;
			Ok(())
		})?;
		Self::refresh_supply(&p, &mut books, usize::from(t));
		Self::deposit_event(Event::RedemptionQueued { pool: id, tranche: t, who, position, shares });
		// With a loan out of date the request waits in the queue; it is served once the loan
		// is revalued.
		let served = if fresh {
			Self::accrue(&mut p, &books)?;
			Self::serve(id, &mut p, &mut books)?
		} else {
			0
		};
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
		let mut entry = Queues::<T>::get((id, t), position)
			.filter(|e| e.shares > 0)
			.ok_or(Error::<T>::UnknownRedemption)?;
		ensure!(entry.who == who, Error::<T>::NotRedemptionOwner);
		let shares = entry.shares;
		T::Assets::transfer(tr.share_asset, &Self::pool_account(id), &who, shares, Preservation::Preserve)?;
		tr.queued_shares = tr.queued_shares.saturating_sub(shares);
		if position == tr.queue_head {
			tr.queue_head = position.saturating_add(1);
		}
		entry.shares = 0;
		Self::settle_entry(id, t, position, entry)?;
		Self::reduce_holding(id, t, &who, shares, 0);
		Pools::<T>::insert(id, p);
		Self::deposit_event(Event::RedemptionCancelled { pool: id, tranche: t, who, position, shares });
		Ok(())
	}

	/// Keep a queue entry while it has shares to serve or proceeds to claim; otherwise remove
	/// it and release its deposit.
	fn settle_entry(
		id: PoolId,
		t: TrancheIndex,
		position: QueuePosition,
		entry: Redemption<T::AccountId>,
	) -> DispatchResult {
		if entry.shares.is_zero() && entry.payable.is_zero() {
			Queues::<T>::remove((id, t), position);
			T::Currency::release(&HoldReason::QueueDeposit.into(), &entry.who, entry.deposit, Precision::BestEffort)?;
		} else {
			Queues::<T>::insert((id, t), position, entry);
		}
		Ok(())
	}

	fn reduce_holding(id: PoolId, t: TrancheIndex, who: &T::AccountId, queued: Balance, claimed: Balance) {
		QueuedBy::<T>::mutate_exists((id, t), who, |h| {
			if let Some(holding) = h {
				holding.queued = holding.queued.saturating_sub(queued);
				holding.claimable = holding.claimable.saturating_sub(claimed);
				if holding.queued.is_zero() && holding.claimable.is_zero() {
					*h = None;
				}
			}
		});
	}

	pub(crate) fn do_claim(who: T::AccountId, id: PoolId, t: TrancheIndex, position: QueuePosition) -> DispatchResult {
		let mut p = Pools::<T>::get(id).ok_or(Error::<T>::UnknownPool)?;
		ensure!(usize::from(t) < p.tranches.len(), Error::<T>::UnknownTranche);
		let mut entry = Queues::<T>::get((id, t), position).ok_or(Error::<T>::UnknownRedemption)?;
		// Anyone may push a claim to its owner (so a holder who never claims cannot keep the
		// pool from closing); the money goes to the owner only.
		let _ = who;
		let owner = entry.who.clone();
		let amount = entry.payable;
		ensure!(!amount.is_zero(), Error::<T>::NothingToClaim);
		// The anchor stays behind: the pool account never dies, no dust is burnt.
		T::Assets::transfer(p.currency, &Self::pool_account(id), &owner, amount, Preservation::Preserve)?;
		p.payable = p.payable.checked_sub(amount).ok_or(Error::<T>::BooksBroken)?;
		entry.payable = 0;
		Self::settle_entry(id, t, position, entry)?;
		Self::reduce_holding(id, t, &owner, 0, amount);
		Pools::<T>::insert(id, p);
		Self::deposit_event(Event::Claimed { pool: id, who: owner, amount });
		Ok(())
	}

	pub(crate) fn do_claim_fee(who: T::AccountId, id: PoolId) -> DispatchResult {
		let mut p = Pools::<T>::get(id).ok_or(Error::<T>::UnknownPool)?;
		ensure!(p.admin == who, Error::<T>::NotAdmin);
		let amount = p.fee_payable;
		ensure!(!amount.is_zero(), Error::<T>::NothingToClaim);
		T::Assets::transfer(p.currency, &Self::pool_account(id), &who, amount, Preservation::Preserve)?;
		p.fee_payable = 0;
		Pools::<T>::insert(id, p);
		Self::deposit_event(Event::Claimed { pool: id, who, amount });
		Ok(())
	}

	/// Returns how many queued redemptions were served first.
	pub(crate) fn do_finance(who: T::AccountId, id: PoolId, loan: LoanId) -> Result<u32, DispatchError> {
		let mut p = Pools::<T>::get(id).ok_or(Error::<T>::UnknownPool)?;
		ensure!(p.admin == who || p.manager.as_ref() == Some(&who), Error::<T>::NotAdminOrManager);
		ensure!(p.state != PoolState::PendingApproval, Error::<T>::NotOpen);
		let summary = T::Loans::summary(loan).ok_or(Error::<T>::LoanNotRequested)?;
		ensure!(summary.status == LoanStatus::Requested, Error::<T>::LoanNotRequested);
		ensure!(summary.currency == p.currency, Error::<T>::CurrencyMismatch);
		let mut books = Self::books(id, &mut p)?;
		// Queued redemptions come before new loans: serve them first, at a current price.
		ensure!(books.stale_loan.is_none(), Error::<T>::NavStale);
		Self::accrue(&mut p, &books)?;
		let served = Self::serve(id, &mut p, &mut books)?;
		ensure!(p.state != PoolState::Impaired, Error::<T>::PoolImpaired);
		let available = books.cash.saturating_sub(p.fee_owed);
		ensure!(summary.principal <= available, Error::<T>::InsufficientReserve);
		T::Loans::fund(&Self::pool_account(id), loan)?;
		Pools::<T>::insert(id, p);
		Self::deposit_event(Event::LoanFinanced { pool: id, loan, principal: summary.principal });
		Ok(served)
	}

	/// Revalue a pool loan in the loan pallet's books, then bring the pool's fee, yields and
	/// state (`Impaired` / `Open`) up to date with the new value.
	pub(crate) fn do_update_loan(loan: LoanId) -> DispatchResult {
		let id = Self::pool_of(loan)?;
		T::Loans::revalue(loan)?;
		let mut p = Pools::<T>::get(id).ok_or(Error::<T>::UnknownPool)?;
		let books = Self::books(id, &mut p)?;
		Self::accrue(&mut p, &books)?;
		Self::check_impairment(id, &mut p, &books)?;
		Pools::<T>::insert(id, p);
		Ok(())
	}

	pub(crate) fn do_liquidate(who: T::AccountId, loan: LoanId, reserve: Option<Balance>) -> DispatchResult {
		let id = Self::pool_of(loan)?;
		let p = Pools::<T>::get(id).ok_or(Error::<T>::UnknownPool)?;
		let summary = T::Loans::summary(loan).ok_or(Error::<T>::NotPoolLoan)?;
		let defaulted_at = summary.defaulted_at.ok_or(Error::<T>::LoanNotDefaulted)?;
		ensure!(summary.status == LoanStatus::Defaulted, Error::<T>::LoanNotDefaulted);
		let manager = p.admin == who || p.manager.as_ref() == Some(&who);
		let floor = T::Assets::minimum_balance(p.currency).max(1);
		let at_present_value = summary.present_value.max(floor);
		let open_to_all = defaulted_at.checked_add(LiquidationDelay::<T>::get()).ok_or(Error::<T>::Overflow)?;
		let delay_over = T::Time::now() >= open_to_all;
		let reserve = match (manager, reserve) {
			// Once the delay is over nobody — the admin included — may ask more than the
			// present value, so an admin cannot keep a loan unsold with reserves nobody meets.
			(true, Some(r)) if delay_over => r.min(at_present_value),
			(true, Some(r)) => r,
			(false, Some(_)) => return Err(Error::<T>::ReserveNotAllowed.into()),
			(_, None) => at_present_value,
		};
		ensure!(manager || delay_over, Error::<T>::LiquidationDelayNotOver);
		T::Loans::start_auction(&Self::pool_account(id), loan, reserve)?;
		Self::deposit_event(Event::Liquidated { pool: id, loan, reserve, by: who });
		Ok(())
	}

	pub(crate) fn do_top_up_cover(who: T::AccountId, id: PoolId, amount: Balance) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut p = Pools::<T>::get(id).ok_or(Error::<T>::UnknownPool)?;
		ensure!(p.admin == who, Error::<T>::NotAdmin);
		// Charge realised losses to the cover that was there before this top-up.
		let _ = Self::books(id, &mut p)?;
		T::Assets::transfer(p.currency, &who, &Self::pool_account(id), amount, Preservation::Expendable)?;
		p.first_loss_cover = p.first_loss_cover.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		let books = Self::books(id, &mut p)?;
		Self::check_impairment(id, &mut p, &books)?;
		Pools::<T>::insert(id, p);
		Self::deposit_event(Event::CoverToppedUp { pool: id, amount });
		Ok(())
	}

	pub(crate) fn do_close(who: T::AccountId, id: PoolId) -> DispatchResult {
		let mut p = Pools::<T>::get(id).ok_or(Error::<T>::UnknownPool)?;
		ensure!(p.admin == who, Error::<T>::NotAdmin);
		let books = Self::books(id, &mut p)?;
		ensure!(books.loan_count == 0, Error::<T>::PoolNotEmpty);
		ensure!(books.supplies.iter().all(|s| s.is_zero()), Error::<T>::PoolNotEmpty);
		ensure!(p.payable.is_zero(), Error::<T>::PoolNotEmpty);
		let account = Self::pool_account(id);
		for t in p.tranches.iter() {
			// The anchor and any shares sent to the pool.
			let own = T::Assets::balance(t.share_asset, &account);
			T::Assets::burn_from(t.share_asset, &account, own, Preservation::Expendable, Precision::BestEffort, Fortitude::Polite)?;
		}
		// Everything left — cash, cover, fee set aside, anchor — goes to the admin.
		let returned = T::Assets::balance(p.currency, &account);
		if returned > 0 {
			T::Assets::transfer(p.currency, &account, &who, returned, Preservation::Expendable)?;
		}
		T::Currency::release(&HoldReason::PoolDeposit.into(), &who, p.deposit, Precision::BestEffort)?;
		// The loan pallet forgets the pool account's portfolio (its realised losses were
		// charged above, in `books`): nothing of a closed pool stays in storage.
		T::Loans::close_portfolio(&account)?;
		Pools::<T>::remove(id);
		Self::deposit_event(Event::Closed { pool: id, returned });
		Ok(())
	}

	pub(crate) fn do_set_write_down_policy(
		who: T::AccountId,
		id: PoolId,
		policy: Option<BoundedVec<WriteDownStep, T::MaxWriteDownSteps>>,
	) -> DispatchResult {
		let p = Pools::<T>::get(id).ok_or(Error::<T>::UnknownPool)?;
		ensure!(p.admin == who, Error::<T>::NotAdmin);
		ensure!(T::Loans::portfolio(&Self::pool_account(id))?.loans == 0, Error::<T>::LoansOpen);
		// Investors bought in under the policy they saw: it stays until they have all left.
		ensure!(p.tranches.iter().all(|t| Self::supply_of(id, t).is_zero()), Error::<T>::InvestorsIn);
		let steps = policy.as_ref().map(|s| s.len() as u32);
		T::Loans::set_write_down_policy(&Self::pool_account(id), policy.map(|s| s.into_inner()))?;
		Self::deposit_event(Event::WriteDownPolicySet { pool: id, steps });
		Ok(())
	}

	// ----- queries -----

	/// The pool as investors see it now.
	pub fn view(id: PoolId) -> Option<PoolView> {
		let mut p = Pools::<T>::get(id)?;
		let books = Self::books(id, &mut p).ok()?;
		Self::accrue(&mut p, &books).ok()?;
		Self::check_impairment(id, &mut p, &books).ok()?;
		let values = Self::tranche_values(&p, &books).ok()?;
		let nav = Self::nav(&p, &books).ok()?;
		let mut below: Balance = 0;
		let mut tranches = Vec::new();
		for (i, t) in p.tranches.iter().enumerate() {
			let value = values.get(i).copied().unwrap_or_default();
			let supply = books.supply(i);
			let price = if supply.is_zero() {
				FixedU128::from_u32(1)
			} else {
				FixedU128::checked_from_rational(value, supply)?
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
			reserve: books.cash,
			first_loss_cover: p.first_loss_cover,
			active_loans: books.loan_count,
			loan_value: books.loans,
			stale_loan: books.stale_loan,
			tranches,
		})
	}

	/// `who`'s shares in each tranche of a pool, their value now, what is queued and what is
	/// waiting to be claimed.
	pub fn position(id: PoolId, who: &T::AccountId) -> Vec<PositionView> {
		let Some(view) = Self::view(id) else { return Vec::new() };
		view.tranches
			.iter()
			.enumerate()
			.map(|(i, t)| {
				let tranche = i as TrancheIndex;
				let shares = T::Assets::balance(t.share_asset, who);
				let holding = QueuedBy::<T>::get((id, tranche), who).unwrap_or_default();
				let value = mul_div(shares.saturating_add(holding.queued), t.value, t.supply).unwrap_or_default();
				PositionView { tranche, shares, queued: holding.queued, value, claimable: holding.claimable }
			})
			.collect()
	}
}

#[cfg(any(feature = "try-runtime", test))]
impl<T: Config> Pallet<T> {
	/// The pallet's invariants (try-runtime's `try_state`, and the unit tests after calls):
	/// - a pool's account holds at least what its books set aside (its anchor, first-loss
	///   cover, redemption payouts and fee), and at least its tranches' queued shares and
	///   anchors of each share token;
	/// - per tranche, the queue's shares equal `queued_shares`, and the holders' records
	///   (`QueuedBy`, none empty) sum to the queue's shares and payouts; the head is not past
	///   the tail; every entry is below the tail, and one below the head has no shares left;
	/// - the pool's `payable` is the sum of its queues' payouts;
	/// - the cover was charged for no more loss than the pool's loans realised.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		const OVERFLOW: &str = "debt-pool try_state: a sum overflowed";
		let sum = |a: Balance, b: Balance| a.checked_add(b).ok_or(OVERFLOW);
		for (id, p) in Pools::<T>::iter() {
			let account = Self::pool_account(id);
			let set_aside = sum(sum(sum(p.anchor, p.first_loss_cover)?, p.payable)?, p.fee_payable)?;
			ensure!(
				T::Assets::balance(p.currency, &account) >= set_aside,
				"debt-pool try_state: a pool account holds less than its books set aside"
			);
			let portfolio = T::Loans::portfolio(&account).map_err(|_| "debt-pool try_state: the pool's portfolio cannot be read")?;
			ensure!(
				p.loss_seen <= portfolio.realised_loss,
				"debt-pool try_state: the cover was charged for more loss than the loans realised"
			);
			let mut payable: Balance = 0;
			for (t, tranche) in p.tranches.iter().enumerate() {
				let t = TrancheIndex::try_from(t).map_err(|_| OVERFLOW)?;
				ensure!(tranche.queue_head <= tranche.queue_tail, "debt-pool try_state: a queue's head is past its tail");
				let (mut shares, mut payouts) = (0, 0);
				for (position, e) in Queues::<T>::iter_prefix((id, t)) {
					// Below the tail; below the head only once served (proceeds left to claim).
					ensure!(
						position < tranche.queue_tail && (position >= tranche.queue_head || e.shares.is_zero()),
						"debt-pool try_state: a queue entry lies outside its head and tail"
					);
					shares = sum(shares, e.shares)?;
					payouts = sum(payouts, e.payable)?;
				}
				ensure!(shares == tranche.queued_shares, "debt-pool try_state: a queue's shares differ from queued_shares");
				let (mut queued, mut claimable) = (0, 0);
				for (_, h) in QueuedBy::<T>::iter_prefix((id, t)) {
					ensure!(h != Holding::default(), "debt-pool try_state: an empty holder record is kept");
					queued = sum(queued, h.queued)?;
					claimable = sum(claimable, h.claimable)?;
				}
				ensure!(
					queued == shares && claimable == payouts,
					"debt-pool try_state: holders' records differ from the queue"
				);
				ensure!(
					T::Assets::balance(tranche.share_asset, &account) >= sum(tranche.queued_shares, tranche.anchor)?,
					"debt-pool try_state: a pool account holds fewer shares than are queued"
				);
				payable = sum(payable, payouts)?;
			}
			ensure!(payable == p.payable, "debt-pool try_state: payouts set aside differ from the queues'");
		}
		Ok(())
	}
}
