//! Behaviour of the asset-NFT pallet: the calls' logic, the collateral trait and the uniques
//! `Locker`.

use crate::{pallet::*, types::*};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{
			nonfungibles::{Create, Destroy, Inspect, Mutate, Transfer},
			Locker, Precision,
		},
		Time,
	},
};
use persistence_primitives::{
	rwa::{AssetKind, CollateralInfo, LockId, RwaCollateral, VerificationState},
	Balance,
};
use sp_core::H256;
use sp_runtime::traits::AccountIdConversion;

/// The lock id governance uses to freeze a disputed asset.
pub const GOVERNANCE_LOCK: LockId = *b"govfreez";

impl<T: Config> Pallet<T> {
	/// The account that owns every asset class's uniques collection.
	pub fn account_id() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// Now, in Unix ms.
	pub fn now() -> Moment {
		T::Time::now()
	}

	/// Deposit for an asset storing `bytes` variable bytes.
	pub fn asset_deposit(bytes: u32) -> Balance {
		T::AssetDepositBase::get()
			.saturating_add(T::DepositPerByte::get().saturating_mul(Balance::from(bytes)))
	}

	/// The current owner of an asset, from the NFT ledger.
	pub fn owner_of(class: ClassId, item: ItemId) -> Option<T::AccountId> {
		T::Nfts::owner(&class, &item)
	}

	fn ensure_owner(who: &T::AccountId, class: ClassId, item: ItemId) -> DispatchResult {
		let owner = Self::owner_of(class, item).ok_or(Error::<T>::UnknownAsset)?;
		ensure!(&owner == who, Error::<T>::NotOwner);
		Ok(())
	}

	fn record(class: ClassId, item: ItemId) -> Result<AssetRecordOf<T>, DispatchError> {
		Assets::<T>::get(class, item).ok_or_else(|| Error::<T>::UnknownAsset.into())
	}

	/// Run `f` with the uniques `Locker` letting this pallet move or burn asset items.
	fn with_ledger_access<R>(f: impl FnOnce() -> Result<R, DispatchError>) -> Result<R, DispatchError> {
		LedgerOperation::<T>::put(true);
		let r = f();
		LedgerOperation::<T>::kill();
		r
	}

	pub fn do_create_class(
		owner: T::AccountId,
		kind: AssetKind,
		schema: BoundedVec<u8, T::SchemaLimit>,
	) -> Result<ClassId, DispatchError> {
		let class = NextClassId::<T>::get();
		let next = class.checked_add(1).ok_or(Error::<T>::NoAvailableId)?;
		let deposit = T::ClassDeposit::get();
		T::Currency::hold(&HoldReason::ClassDeposit.into(), &owner, deposit)?;
		let pallet = Self::account_id();
		T::Nfts::create_collection(&class, &pallet, &pallet)?;
		Classes::<T>::insert(
			class,
			ClassInfo { owner: owner.clone(), kind, schema, deposit, assets: 0, next_item: 0 },
		);
		NextClassId::<T>::put(next);
		Self::deposit_event(Event::ClassCreated { class, owner, kind });
		Ok(class)
	}

	pub(crate) fn do_destroy_class(who: T::AccountId, class: ClassId) -> DispatchResult {
		let info = Classes::<T>::get(class).ok_or(Error::<T>::UnknownClass)?;
		ensure!(info.owner == who, Error::<T>::NotClassOwner);
		ensure!(info.assets == 0, Error::<T>::ClassNotEmpty);
		let witness = T::Nfts::get_destroy_witness(&class).ok_or(Error::<T>::UnknownClass)?;
		T::Nfts::destroy(class, witness, None)?;
		T::Currency::release(&HoldReason::ClassDeposit.into(), &who, info.deposit, Precision::BestEffort)?;
		Classes::<T>::remove(class);
		Self::deposit_event(Event::ClassDestroyed { class });
		Ok(())
	}

	fn validate_params(kind: AssetKind, params: &AssetParamsOf<T>) -> DispatchResult {
		ensure!(params.face_value > 0, Error::<T>::ZeroValue);
		match (params.issue_date, params.maturity_date) {
			(Some(issue), Some(maturity)) => ensure!(maturity > issue, Error::<T>::InvalidDates),
			_ => ensure!(kind != AssetKind::Invoice, Error::<T>::InvalidDates),
		}
		Ok(())
	}

	pub fn do_mint(
		who: T::AccountId,
		class: ClassId,
		params: AssetParamsOf<T>,
	) -> Result<ItemId, DispatchError> {
		let mut info = Classes::<T>::get(class).ok_or(Error::<T>::UnknownClass)?;
		ensure!(info.owner == who, Error::<T>::NotClassOwner);
		Self::validate_params(info.kind, &params)?;
		let item = info.next_item;
		info.next_item = item.checked_add(1).ok_or(Error::<T>::NoAvailableId)?;
		info.assets = info.assets.checked_add(1).ok_or(Error::<T>::NoAvailableId)?;

		let deposit = Self::asset_deposit(params.stored_bytes());
		T::Currency::hold(&HoldReason::AssetDeposit.into(), &who, deposit)?;
		T::Nfts::mint_into(&class, &item, &who)?;

		let (face_value, currency, document_hash) =
			(params.face_value, params.currency, params.document_hash);
		Assets::<T>::insert(
			class,
			item,
			AssetRecord {
				kind: info.kind,
				params,
				verification: Verification::Pending,
				settled: false,
				locked_by: None,
				depositor: who.clone(),
				deposit,
			},
		);
		let kind = info.kind;
		Classes::<T>::insert(class, info);
		Self::deposit_event(Event::Minted {
			class,
			item,
			owner: who,
			kind,
			face_value,
			currency,
			document_hash,
			deposit,
		});
		Ok(item)
	}

	pub(crate) fn do_update_metadata(
		who: T::AccountId,
		class: ClassId,
		item: ItemId,
		document_hash: H256,
		metadata: BoundedVec<u8, T::MetadataLimit>,
	) -> DispatchResult {
		Self::ensure_owner(&who, class, item)?;
		let mut rec = Self::record(class, item)?;
		ensure!(rec.locked_by.is_none(), Error::<T>::Locked);

		rec.params.document_hash = document_hash;
		rec.params.metadata = metadata;
		rec.verification = Verification::Pending;

		// The deposit follows the new size and whoever stores it now.
		let reason = HoldReason::AssetDeposit.into();
		T::Currency::release(&reason, &rec.depositor, rec.deposit, Precision::BestEffort)?;
		let deposit = Self::asset_deposit(rec.params.stored_bytes());
		T::Currency::hold(&reason, &who, deposit)?;
		rec.depositor = who;
		rec.deposit = deposit;

		Assets::<T>::insert(class, item, rec);
		Self::deposit_event(Event::MetadataUpdated { class, item, document_hash });
		Ok(())
	}

	pub(crate) fn do_reveal(
		class: ClassId,
		item: ItemId,
		index: u32,
		salt: BoundedVec<u8, T::RevealLimit>,
		value: BoundedVec<u8, T::RevealLimit>,
	) -> DispatchResult {
		let rec = Self::record(class, item)?;
		let commitment = rec
			.params
			.private_fields
			.get(index as usize)
			.ok_or(Error::<T>::NoSuchField)?;
		ensure!(&commitment_of(&salt, &value) == commitment, Error::<T>::BadReveal);
		Self::deposit_event(Event::FieldRevealed { class, item, index, value: value.into_inner() });
		Ok(())
	}

	pub fn do_verify(
		who: T::AccountId,
		class: ClassId,
		item: ItemId,
		document_hash: H256,
		appraised_value: Balance,
		valid_until: Moment,
	) -> DispatchResult {
		ensure!(Verifiers::<T>::contains_key(&who), Error::<T>::NotVerifier);
		ensure!(appraised_value > 0, Error::<T>::ZeroValue);
		let now = Self::now();
		ensure!(valid_until > now, Error::<T>::AppraisalInPast);
		ensure!(
			valid_until.saturating_sub(now) <= T::MaxAppraisalHorizon::get(),
			Error::<T>::AppraisalTooLong
		);
		Assets::<T>::try_mutate(class, item, |maybe| -> DispatchResult {
			let rec = maybe.as_mut().ok_or(Error::<T>::UnknownAsset)?;
			// The attestation is of the document the verifier reviewed: if the owner replaced it
			// meanwhile, the attestation does not carry over to the new one.
			ensure!(rec.params.document_hash == document_hash, Error::<T>::DocumentChanged);
			rec.verification =
				Verification::Verified { verifier: who.clone(), appraised_value, valid_until };
			Ok(())
		})?;
		Self::deposit_event(Event::Verified { class, item, verifier: who, appraised_value, valid_until });
		Ok(())
	}

	pub(crate) fn do_reject(who: T::AccountId, class: ClassId, item: ItemId, reason: u16) -> DispatchResult {
		ensure!(Verifiers::<T>::contains_key(&who), Error::<T>::NotVerifier);
		Assets::<T>::try_mutate(class, item, |maybe| -> DispatchResult {
			let rec = maybe.as_mut().ok_or(Error::<T>::UnknownAsset)?;
			rec.verification = Verification::Rejected { verifier: who.clone(), reason };
			Ok(())
		})?;
		Self::deposit_event(Event::Rejected { class, item, verifier: who, reason });
		Ok(())
	}

	pub(crate) fn do_settle(who: T::AccountId, class: ClassId, item: ItemId) -> DispatchResult {
		Self::ensure_owner(&who, class, item)?;
		let mut rec = Self::record(class, item)?;
		ensure!(rec.kind == AssetKind::Invoice, Error::<T>::NotAnInvoice);
		ensure!(rec.locked_by.is_none(), Error::<T>::Locked);
		ensure!(!rec.settled, Error::<T>::AlreadySettled);
		rec.settled = true;
		Assets::<T>::insert(class, item, rec);
		Self::deposit_event(Event::Settled { class, item });
		Ok(())
	}

	pub(crate) fn do_transfer(
		who: T::AccountId,
		class: ClassId,
		item: ItemId,
		dest: T::AccountId,
	) -> DispatchResult {
		Self::ensure_owner(&who, class, item)?;
		let rec = Self::record(class, item)?;
		ensure!(rec.locked_by.is_none(), Error::<T>::Locked);
		ensure!(who != dest, Error::<T>::TransferToSelf);
		Self::with_ledger_access(|| T::Nfts::transfer(&class, &item, &dest))?;
		Self::deposit_event(Event::Transferred { class, item, from: who, to: dest });
		Ok(())
	}

	pub(crate) fn do_burn(who: T::AccountId, class: ClassId, item: ItemId) -> DispatchResult {
		Self::ensure_owner(&who, class, item)?;
		let rec = Self::record(class, item)?;
		ensure!(rec.locked_by.is_none(), Error::<T>::Locked);
		Self::with_ledger_access(|| T::Nfts::burn(&class, &item, Some(&who)))?;
		T::Currency::release(
			&HoldReason::AssetDeposit.into(),
			&rec.depositor,
			rec.deposit,
			Precision::BestEffort,
		)?;
		Assets::<T>::remove(class, item);
		Classes::<T>::mutate(class, |maybe| {
			if let Some(info) = maybe {
				info.assets = info.assets.saturating_sub(1);
			}
		});
		Self::deposit_event(Event::Burned { class, item, owner: who });
		Ok(())
	}

	/// Lock an asset as collateral for `by`: it must be verified, unexpired and unlocked.
	pub fn do_lock(class: ClassId, item: ItemId, by: LockId) -> DispatchResult {
		Assets::<T>::try_mutate(class, item, |maybe| -> DispatchResult {
			let rec = maybe.as_mut().ok_or(Error::<T>::UnknownAsset)?;
			ensure!(rec.locked_by.is_none(), Error::<T>::Locked);
			if by != GOVERNANCE_LOCK {
				match rec.verification.state_at(Self::now()) {
					VerificationState::Verified => {},
					VerificationState::Expired => return Err(Error::<T>::AppraisalExpired.into()),
					_ => return Err(Error::<T>::NotVerified.into()),
				}
			}
			rec.locked_by = Some(by);
			Ok(())
		})?;
		Self::deposit_event(Event::Locked { class, item, by });
		Ok(())
	}

	/// Release `by`'s lock.
	pub fn do_unlock(class: ClassId, item: ItemId, by: LockId) -> DispatchResult {
		Assets::<T>::try_mutate(class, item, |maybe| -> DispatchResult {
			let rec = maybe.as_mut().ok_or(Error::<T>::UnknownAsset)?;
			match rec.locked_by {
				None => Err(Error::<T>::NotLocked.into()),
				Some(l) if l != by => Err(Error::<T>::WrongLocker.into()),
				Some(_) => {
					rec.locked_by = None;
					Ok(())
				},
			}
		})?;
		Self::deposit_event(Event::Unlocked { class, item, by });
		Ok(())
	}

	/// Move an asset locked by `by` to `to`, and release the lock.
	pub fn do_seize(class: ClassId, item: ItemId, by: LockId, to: &T::AccountId) -> DispatchResult {
		let rec = Self::record(class, item)?;
		match rec.locked_by {
			None => return Err(Error::<T>::NotLocked.into()),
			Some(l) if l != by => return Err(Error::<T>::WrongLocker.into()),
			Some(_) => {},
		}
		let from = Self::owner_of(class, item).ok_or(Error::<T>::UnknownAsset)?;
		if &from != to {
			Self::with_ledger_access(|| T::Nfts::transfer(&class, &item, to))?;
		}
		Assets::<T>::mutate(class, item, |maybe| {
			if let Some(rec) = maybe {
				rec.locked_by = None;
			}
		});
		Self::deposit_event(Event::Seized { class, item, by, from, to: to.clone() });
		Ok(())
	}

	/// Collateral-relevant facts of an asset now (also served by the runtime API).
	pub fn collateral_info(class: ClassId, item: ItemId) -> Option<CollateralInfo<T::AccountId>> {
		let rec = Assets::<T>::get(class, item)?;
		let owner = Self::owner_of(class, item)?;
		let (appraised_value, appraisal_valid_until) = match &rec.verification {
			Verification::Verified { appraised_value, valid_until, .. } =>
				(*appraised_value, *valid_until),
			_ => (0, 0),
		};
		Some(CollateralInfo {
			owner,
			kind: rec.kind,
			state: rec.verification.state_at(Self::now()),
			appraised_value,
			appraisal_valid_until,
			face_value: rec.params.face_value,
			currency: rec.params.currency,
			maturity: rec.params.maturity_date,
			settled: rec.settled,
			locked_by: rec.locked_by,
		})
	}
}

/// Domain tag of private-field commitments.
pub const COMMITMENT_DOMAIN: &[u8] = b"persistence/asset-nft/private-field/v1";

/// The commitment to a private field:
/// `blake2_256(SCALE(COMMITMENT_DOMAIN, salt, value))` — each of the three a SCALE `Vec<u8>`
/// (compact length, then the bytes), so no byte can move between salt and value and no other
/// use of blake2 over the same bytes can collide with it.
pub fn commitment_of(salt: &[u8], value: &[u8]) -> H256 {
	H256(sp_io::hashing::blake2_256(&(COMMITMENT_DOMAIN, salt, value).encode()))
}

impl<T: Config> RwaCollateral<T::AccountId> for Pallet<T> {
	type ClassId = ClassId;
	type ItemId = ItemId;

	fn collateral_info(class: &ClassId, item: &ItemId) -> Option<CollateralInfo<T::AccountId>> {
		Self::collateral_info(*class, *item)
	}

	fn lock(class: &ClassId, item: &ItemId, by: LockId) -> DispatchResult {
		Self::do_lock(*class, *item, by)
	}

	fn unlock(class: &ClassId, item: &ItemId, by: LockId) -> DispatchResult {
		Self::do_unlock(*class, *item, by)
	}

	fn seize_to(class: &ClassId, item: &ItemId, by: LockId, to: &T::AccountId) -> DispatchResult {
		Self::do_seize(*class, *item, by, to)
	}
}

/// `pallet-uniques` asks this before every transfer and burn: items of asset classes move only
/// through this pallet (which checks collateral locks and keeps its records in step).
impl<T: Config> Locker<ClassId, ItemId> for Pallet<T> {
	fn is_locked(class: ClassId, item: ItemId) -> bool {
		Assets::<T>::contains_key(class, item) && !LedgerOperation::<T>::get()
	}
}
