//! Behaviour of the app-chain registry.

use crate::*;
use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision},
};
use frame_system::pallet_prelude::BlockNumberFor;
use persistence_primitives::Balance;
use sp_core::H256;
use sp_runtime::{
	traits::{Convert, Saturating, Zero},
	DispatchError,
};
use sp_staking::offence::ReportOffence;

impl<T: Config> Pallet<T> {
	fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}

	/// Move `chain` from a state `from` accepts to `to`.
	pub(crate) fn transition(
		chain: ChainId,
		from: impl FnOnce(&Lifecycle<BlockNumberFor<T>>) -> bool,
		to: Lifecycle<BlockNumberFor<T>>,
	) -> DispatchResult {
		Chains::<T>::try_mutate(chain, |c| {
			let c = c.as_mut().ok_or(Error::<T>::UnknownChain)?;
			ensure!(from(&c.lifecycle), Error::<T>::WrongState);
			c.lifecycle = to;
			Ok(())
		})
	}

	pub(crate) fn do_reserve(who: T::AccountId) -> Result<ChainId, DispatchError> {
		let id = NextChainId::<T>::get();
		NextChainId::<T>::put(id.checked_add(1).ok_or(Error::<T>::Overflow)?);
		let deposit = T::ReserveDeposit::get();
		T::Currency::hold(&HoldReason::ChainDeposit.into(), &who, deposit)?;
		Chains::<T>::insert(
			id,
			ChainInfo { owner: who.clone(), lifecycle: Lifecycle::Reserved, metadata: None, deposit, assigned_era: 0 },
		);
		Self::deposit_event(Event::Reserved { chain: id, owner: who, deposit });
		Ok(id)
	}

	pub(crate) fn do_register(who: T::AccountId, chain: ChainId, metadata: ChainMetadataOf<T>) -> DispatchResult {
		let mut info = Chains::<T>::get(chain).ok_or(Error::<T>::UnknownChain)?;
		ensure!(info.owner == who, Error::<T>::NotOwner);
		ensure!(matches!(info.lifecycle, Lifecycle::Reserved | Lifecycle::Registered), Error::<T>::WrongState);
		ensure!(
			metadata.validators_wanted >= 1 && metadata.validators_wanted <= T::MaxAssigned::get(),
			Error::<T>::BadValidatorCount
		);
		let deposit = T::ReserveDeposit::get()
			.saturating_add(T::DepositPerByte::get().saturating_mul(metadata.stored_bytes().into()));
		let reason = HoldReason::ChainDeposit.into();
		if deposit > info.deposit {
			T::Currency::hold(&reason, &who, deposit.saturating_sub(info.deposit))?;
		} else {
			T::Currency::release(&reason, &who, info.deposit.saturating_sub(deposit), Precision::BestEffort)?;
		}
		info.deposit = deposit;
		let code_hash = metadata.code_hash;
		info.metadata = Some(metadata);
		info.lifecycle = Lifecycle::Registered;
		Chains::<T>::insert(chain, info);
		// The registered code is the start of the history.
		CodeHistory::<T>::insert(chain, BoundedVec::truncate_from(alloc::vec![(code_hash, Self::now())]));
		Self::deposit_event(Event::Registered { chain, deposit });
		Ok(())
	}

	pub(crate) fn do_reject(chain: ChainId) -> DispatchResult {
		let mut info = Chains::<T>::get(chain).ok_or(Error::<T>::UnknownChain)?;
		ensure!(info.lifecycle == Lifecycle::Registered, Error::<T>::WrongState);
		T::Currency::release(&HoldReason::ChainDeposit.into(), &info.owner, info.deposit, Precision::BestEffort)?;
		info.deposit = 0;
		info.lifecycle = Lifecycle::Rejected;
		Chains::<T>::insert(chain, info);
		Self::deposit_event(Event::Rejected { chain });
		Ok(())
	}

	pub(crate) fn do_opt_in(who: T::AccountId, chain: ChainId, key: AppKey) -> DispatchResult {
		let info = Chains::<T>::get(chain).ok_or(Error::<T>::UnknownChain)?;
		ensure!(
			matches!(info.lifecycle, Lifecycle::Approved | Lifecycle::Active | Lifecycle::Paused),
			Error::<T>::WrongState
		);
		ensure!(T::Validators::is_validator(&who), Error::<T>::NotValidator);
		ensure!(!Candidates::<T>::contains_key(chain, &who), Error::<T>::AlreadyOptedIn);
		let count = CandidateCount::<T>::get(chain);
		ensure!(count < T::MaxCandidates::get(), Error::<T>::TooManyCandidates);
		T::Currency::hold(&HoldReason::OptInDeposit.into(), &who, T::OptInDeposit::get())?;
		Candidates::<T>::insert(chain, &who, key);
		CandidateCount::<T>::insert(chain, count.saturating_add(1));
		Self::deposit_event(Event::OptedIn { chain, validator: who, key });
		Ok(())
	}

	pub(crate) fn do_opt_out(who: T::AccountId, chain: ChainId) -> DispatchResult {
		ensure!(Chains::<T>::contains_key(chain), Error::<T>::UnknownChain);
		Candidates::<T>::take(chain, &who).ok_or(Error::<T>::NotOptedIn)?;
		CandidateCount::<T>::mutate(chain, |c| *c = c.saturating_sub(1));
		T::Currency::release(&HoldReason::OptInDeposit.into(), &who, T::OptInDeposit::get(), Precision::BestEffort)?;
		Self::unassign(chain, &who);
		Self::deposit_event(Event::OptedOut { chain, validator: who });
		Ok(())
	}

	/// Remove `who` from `chain`'s assignment, if assigned.
	fn unassign(chain: ChainId, who: &T::AccountId) {
		let era = T::Validators::era();
		Assigned::<T>::mutate(chain, |set| {
			if let Some(pos) = set.iter().position(|(v, _)| v == who) {
				set.remove(pos);
				Self::deposit_event(Event::ValidatorUnassigned { chain, validator: who.clone(), era });
			}
		});
	}

	/// The opted-in validators eligible now (validators with at least `min_stake`), by stake,
	/// largest first (ties by account), at most `wanted`.
	fn select(chain: ChainId, min_stake: Balance, wanted: u32) -> Vec<(T::AccountId, AppKey)> {
		let mut eligible: Vec<(Balance, T::AccountId, AppKey)> = Candidates::<T>::iter_prefix(chain)
			.filter(|(who, _)| T::Validators::is_validator(who))
			.map(|(who, key)| (T::Validators::stake(&who), who, key))
			.filter(|(stake, _, _)| *stake >= min_stake)
			.collect();
		eligible.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
		eligible.into_iter().take(wanted as usize).map(|(_, who, key)| (who, key)).collect()
	}

	/// Assign `chain`'s validators for the current era; emits the changes. Returns how many
	/// were assigned.
	pub(crate) fn assign(chain: ChainId) -> Result<u32, DispatchError> {
		let mut info = Chains::<T>::get(chain).ok_or(Error::<T>::UnknownChain)?;
		let meta = info.metadata.as_ref().ok_or(Error::<T>::WrongState)?;
		let era = T::Validators::era();
		let new = Self::select(chain, meta.min_stake, meta.validators_wanted.min(T::MaxAssigned::get()));
		let old = Assigned::<T>::get(chain);
		for (v, _) in old.iter().filter(|(v, _)| !new.iter().any(|(n, _)| n == v)) {
			Self::deposit_event(Event::ValidatorUnassigned { chain, validator: v.clone(), era });
		}
		for (v, _) in new.iter().filter(|(v, _)| !old.iter().any(|(o, _)| o == v)) {
			Self::deposit_event(Event::ValidatorAssigned { chain, validator: v.clone(), era });
		}
		let n = new.len() as u32;
		Assigned::<T>::insert(chain, BoundedVec::truncate_from(new));
		info.assigned_era = era;
		Chains::<T>::insert(chain, info);
		Ok(n)
	}

	/// One step of the per-era rotation, from `on_initialize`.
	pub(crate) fn rotate_step() -> Weight {
		let era = T::Validators::era();
		let mut weight = T::DbWeight::get().reads(1);
		if era != LastEra::<T>::get() {
			LastEra::<T>::put(era);
			RotationQueue::<T>::put(ActiveChains::<T>::get());
			weight = weight.saturating_add(T::DbWeight::get().reads_writes(1, 2));
		}
		let mut queue = RotationQueue::<T>::get();
		if let Some(chain) = queue.pop() {
			RotationQueue::<T>::put(queue);
			if let Err(e) = Self::assign(chain) {
				log::warn!(target: "runtime::app-chain-registry", "rotating app chain {chain}: {e:?}");
			}
			weight = weight.saturating_add(T::WeightInfo::rotate(T::MaxCandidates::get()));
		}
		weight
	}

	pub(crate) fn do_activate(chain: ChainId) -> DispatchResult {
		let info = Chains::<T>::get(chain).ok_or(Error::<T>::UnknownChain)?;
		ensure!(info.lifecycle == Lifecycle::Approved, Error::<T>::WrongState);
		let meta = info.metadata.as_ref().ok_or(Error::<T>::WrongState)?;
		let wanted = meta.validators_wanted;
		ActiveChains::<T>::try_mutate(|a| a.try_push(chain)).map_err(|_| Error::<T>::TooManyActiveChains)?;
		let assigned = Self::assign(chain)?;
		ensure!(assigned >= wanted, Error::<T>::NotEnoughValidators);
		Self::transition(chain, |_| true, Lifecycle::Active)?;
		Self::deposit_event(Event::Activated { chain });
		Ok(())
	}

	pub(crate) fn do_submit_checkpoint(
		who: T::AccountId,
		chain: ChainId,
		checkpoint: Checkpoint,
		signature: AppSignature,
	) -> DispatchResult {
		let info = Chains::<T>::get(chain).ok_or(Error::<T>::UnknownChain)?;
		ensure!(info.lifecycle == Lifecycle::Active, Error::<T>::WrongState);
		let assigned = Assigned::<T>::get(chain);
		let key = assigned.iter().find(|(v, _)| v == &who).map(|(_, k)| *k).ok_or(Error::<T>::NotAssigned)?;
		let latest = Finalized::<T>::get(chain).last().map(|f| f.checkpoint.height);
		ensure!(latest.map_or(true, |h| checkpoint.height > h), Error::<T>::StaleCheckpoint);
		ensure!(key.verify(&checkpoint_payload(chain, &checkpoint), &signature), Error::<T>::BadSignature);
		let hash = H256(sp_io::hashing::blake2_256(&checkpoint.encode()));
		let slot = (chain, checkpoint.height);
		if let Some(previous) = Votes::<T>::get(slot, &who) {
			ensure!(previous.checkpoint != hash, Error::<T>::AlreadySigned);
			return Self::equivocation(who, chain, checkpoint.height, previous.checkpoint, hash, assigned.len() as u32);
		}
		Votes::<T>::insert(slot, &who, Vote { checkpoint: hash, signature });
		// Count the assigned validators that signed this same checkpoint (at most MaxAssigned).
		let signatures = assigned
			.iter()
			.filter(|(v, _)| Votes::<T>::get(slot, v).is_some_and(|vote| vote.checkpoint == hash))
			.count() as u32;
		Self::deposit_event(Event::CheckpointSigned { chain, height: checkpoint.height, validator: who, signatures });
		let n = assigned.len() as u32;
		if signatures.saturating_mul(3) >= n.saturating_mul(2) {
			Finalized::<T>::mutate(chain, |list| {
				if list.is_full() {
					list.remove(0);
				}
				let _ = list.try_push(FinalizedCheckpoint { checkpoint, finalized_at: Self::now(), signatures });
			});
			// Votes at or below a finalized height are never needed again.
			let _ = Votes::<T>::clear_prefix(slot, T::MaxAssigned::get(), None);
			Self::deposit_event(Event::CheckpointFinalized { chain, checkpoint, signatures });
		}
		Ok(())
	}

	/// Record and report a validator that signed two checkpoints at one height, and take it off
	/// the app chain's assignment.
	fn equivocation(
		who: T::AccountId,
		chain: ChainId,
		height: u64,
		first: H256,
		second: H256,
		validator_set_count: u32,
	) -> DispatchResult {
		Equivocations::<T>::insert((chain, height), &who, (first, second));
		if let Some(offender) = T::OffenderOf::convert(who.clone()) {
			let offence = CheckpointEquivocation {
				session_index: T::CurrentSession::get(),
				validator_set_count,
				offender,
				slot: (chain, height),
			};
			if let Err(e) = T::ReportOffence::report_offence(alloc::vec![], offence) {
				log::warn!(target: "runtime::app-chain-registry", "offence report refused: {e:?}");
			}
		}
		Self::unassign(chain, &who);
		Self::deposit_event(Event::Equivocation { chain, height, validator: who });
		Ok(())
	}

	pub(crate) fn set_code(chain: ChainId, code_hash: H256) {
		CodeHistory::<T>::mutate(chain, |h| {
			if h.is_full() {
				h.remove(0);
			}
			let _ = h.try_push((code_hash, Self::now()));
		});
		Chains::<T>::mutate(chain, |c| {
			if let Some(meta) = c.as_mut().and_then(|c| c.metadata.as_mut()) {
				meta.code_hash = code_hash;
			}
		});
		Self::deposit_event(Event::CodeUpdated { chain, code_hash });
	}

	pub(crate) fn do_propose_upgrade(who: T::AccountId, chain: ChainId, code_hash: H256) -> DispatchResult {
		let info = Chains::<T>::get(chain).ok_or(Error::<T>::UnknownChain)?;
		ensure!(info.owner == who, Error::<T>::NotOwner);
		let current = info.metadata.as_ref().map(|m| m.code_hash).ok_or(Error::<T>::WrongState)?;
		ensure!(current != code_hash, Error::<T>::SameCode);
		match info.lifecycle {
			Lifecycle::Registered | Lifecycle::Approved => Self::set_code(chain, code_hash),
			Lifecycle::Active | Lifecycle::Paused => {
				PendingUpgrade::<T>::insert(chain, code_hash);
				Self::deposit_event(Event::UpgradeProposed { chain, code_hash });
			},
			_ => return Err(Error::<T>::WrongState.into()),
		}
		Ok(())
	}

	pub(crate) fn do_retire(who: T::AccountId, chain: ChainId) -> DispatchResult {
		let mut info = Chains::<T>::get(chain).ok_or(Error::<T>::UnknownChain)?;
		ensure!(info.owner == who, Error::<T>::NotOwner);
		ensure!(
			!matches!(info.lifecycle, Lifecycle::Retired { .. } | Lifecycle::Rejected),
			Error::<T>::WrongState
		);
		info.lifecycle = Lifecycle::Retired { at: Self::now() };
		Chains::<T>::insert(chain, info);
		ActiveChains::<T>::mutate(|a| a.retain(|c| *c != chain));
		RotationQueue::<T>::mutate(|q| q.retain(|c| *c != chain));
		let era = T::Validators::era();
		for (v, _) in Assigned::<T>::take(chain) {
			Self::deposit_event(Event::ValidatorUnassigned { chain, validator: v, era });
		}
		PendingUpgrade::<T>::remove(chain);
		Self::deposit_event(Event::Retired { chain });
		Ok(())
	}

	pub(crate) fn do_withdraw(chain: ChainId) -> DispatchResult {
		let info = Chains::<T>::get(chain).ok_or(Error::<T>::UnknownChain)?;
		let Lifecycle::Retired { at } = info.lifecycle else { return Err(Error::<T>::WrongState.into()) };
		ensure!(Self::now() >= at.saturating_add(T::RetirementDelay::get()), Error::<T>::RetirementDelayNotOver);
		// Validators still opted in get their deposits back (at most MaxCandidates).
		for (who, _) in Candidates::<T>::drain_prefix(chain) {
			T::Currency::release(&HoldReason::OptInDeposit.into(), &who, T::OptInDeposit::get(), Precision::BestEffort)?;
		}
		CandidateCount::<T>::remove(chain);
		if !info.deposit.is_zero() {
			T::Currency::release(&HoldReason::ChainDeposit.into(), &info.owner, info.deposit, Precision::BestEffort)?;
		}
		Chains::<T>::remove(chain);
		CodeHistory::<T>::remove(chain);
		Finalized::<T>::remove(chain);
		Self::deposit_event(Event::Withdrawn { chain, deposit: info.deposit });
		Ok(())
	}

	/// The app chain as clients see it.
	pub fn view(chain: ChainId) -> Option<ChainView<T::AccountId, BlockNumberFor<T>>> {
		let info = Chains::<T>::get(chain)?;
		Some(ChainView {
			owner: info.owner.clone(),
			lifecycle: info.lifecycle,
			name: info.metadata.as_ref().map(|m| m.name.to_vec()).unwrap_or_default(),
			genesis_hash: info.metadata.as_ref().map(|m| m.genesis_hash),
			code_hash: info.metadata.as_ref().map(|m| m.code_hash),
			pending_upgrade: PendingUpgrade::<T>::get(chain),
			assigned: Assigned::<T>::get(chain).into_iter().map(|(v, _)| v).collect(),
			candidates: CandidateCount::<T>::get(chain),
			latest_checkpoint: Finalized::<T>::get(chain).last().copied(),
		})
	}
}
