//! # Asset NFT pallet
//!
//! Real-world assets — invoices, inventory, receivables, equipment, real estate — as NFTs a
//! financier can trust enough to lend against.
//!
//! Ownership lives in `pallet-uniques` (through the `nonfungibles` traits): every asset class
//! is a uniques collection, every asset a uniques item, and transfers are uniques transfers.
//! This pallet adds what makes an NFT financeable:
//!
//! - **Asset classes** of one [`AssetKind`] and schema, created by anyone with a deposit.
//! - **Mint**: face value and currency, issue/maturity dates, the hash of the off-chain
//!   documents, public metadata and **private field commitments**
//!   (`blake2_256(SCALE(domain, salt, value))`, see [`functions::commitment_of`]),
//!   with a storage deposit proportional to the bytes stored.
//! - **Reveal** a private field: anyone holding the salt proves the value on chain.
//! - **Verification** by governance-approved verifiers: `Pending → Verified | Rejected`; an
//!   appraisal expires after its validity horizon; changing metadata resets it to `Pending`.
//! - **Collateral locks** for other pallets through [`RwaCollateral`]: a locked asset cannot be
//!   transferred, burnt, changed or locked again; the lock holder may unlock or seize it.
//! - **Settle** an invoice, **burn** an asset (deposit refunded), **transfer** it.
//!
//! Items of asset classes can only be moved or burnt through this pallet: the pallet is
//! `pallet-uniques`' `Locker` and refuses uniques' own `transfer`/`burn` for them, so the
//! records here and the uniques ledger never disagree.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

pub mod functions;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use persistence_primitives::rwa::{
	AssetKind, CollateralInfo, LockId, RwaCollateral, VerificationState,
};

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect as FunInspect, MutateHold},
			tokens::nonfungibles::{Create, Destroy, Inspect, Mutate, Transfer},
			Time,
		},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use persistence_primitives::Balance;
	use sp_core::H256;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds XPRT.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Deposit for an asset class.
		ClassDeposit,
		/// Deposit for an asset's stored bytes.
		AssetDeposit,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// XPRT, for deposits (held, not reserved).
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ FunInspect<Self::AccountId, Balance = Balance>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The NFT ledger (`pallet-uniques`): owns collections and items.
		type Nfts: Inspect<Self::AccountId, CollectionId = ClassId, ItemId = ItemId>
			+ Create<Self::AccountId>
			+ Destroy<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ Transfer<Self::AccountId>;

		/// Wall-clock time (Unix ms), for appraisal horizons.
		type Time: Time<Moment = Moment>;

		/// Who may add and remove verifiers (governance).
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The pallet's account id, which owns the uniques collections.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Deposit to create an asset class (XPRT, in uxprt: 1 XPRT = 1_000_000).
		#[pallet::constant]
		type ClassDeposit: Get<Balance>;

		/// Deposit per asset, whatever its size (uxprt).
		#[pallet::constant]
		type AssetDepositBase: Get<Balance>;

		/// Additional deposit per byte of metadata and private commitments (uxprt).
		#[pallet::constant]
		type DepositPerByte: Get<Balance>;

		/// Longest schema name (bytes).
		#[pallet::constant]
		type SchemaLimit: Get<u32>;

		/// Longest public metadata (bytes).
		#[pallet::constant]
		type MetadataLimit: Get<u32>;

		/// Most private field commitments per asset.
		#[pallet::constant]
		type MaxPrivateFields: Get<u32>;

		/// Longest salt, and longest revealed value (bytes).
		#[pallet::constant]
		type RevealLimit: Get<u32>;

		/// Most verifiers at once.
		#[pallet::constant]
		type MaxVerifiers: Get<u32>;

		/// Longest an appraisal may stay valid (ms).
		#[pallet::constant]
		type MaxAppraisalHorizon: Get<Moment>;

		/// Weights of the calls.
		type WeightInfo: WeightInfo;
	}

	/// Record type of an asset for runtime `T`.
	pub type AssetRecordOf<T> = AssetRecord<
		<T as frame_system::Config>::AccountId,
		<T as Config>::MetadataLimit,
		<T as Config>::MaxPrivateFields,
	>;
	/// Parameter type of an asset for runtime `T`.
	pub type AssetParamsOf<T> = AssetParams<<T as Config>::MetadataLimit, <T as Config>::MaxPrivateFields>;
	/// Class info type for runtime `T`.
	pub type ClassInfoOf<T> = ClassInfo<<T as frame_system::Config>::AccountId, <T as Config>::SchemaLimit>;

	/// The id the next asset class gets.
	#[pallet::storage]
	pub type NextClassId<T> = StorageValue<_, ClassId, ValueQuery>;

	/// Asset classes.
	#[pallet::storage]
	pub type Classes<T: Config> = StorageMap<_, Blake2_128Concat, ClassId, ClassInfoOf<T>>;

	/// Asset records, by class and item.
	#[pallet::storage]
	pub type Assets<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, ClassId, Blake2_128Concat, ItemId, AssetRecordOf<T>>;

	/// Approved verifiers (auditors, oracles).
	#[pallet::storage]
	pub type Verifiers<T: Config> = CountedStorageMap<_, Blake2_128Concat, T::AccountId, ()>;

	/// Set only while this pallet itself moves or burns an item in `pallet-uniques`; at all
	/// other times the [`frame_support::traits::tokens::Locker`] refuses uniques' own
	/// transfer and burn of asset items.
	#[pallet::storage]
	pub type LedgerOperation<T> = StorageValue<_, bool, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Verifiers approved at genesis.
		pub verifiers: alloc::vec::Vec<T::AccountId>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for v in &self.verifiers {
				Verifiers::<T>::insert(v, ());
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An asset class was created.
		ClassCreated { class: ClassId, owner: T::AccountId, kind: AssetKind },
		/// An empty asset class was destroyed and its deposit returned.
		ClassDestroyed { class: ClassId },
		/// An asset was minted.
		Minted {
			class: ClassId,
			item: ItemId,
			owner: T::AccountId,
			kind: AssetKind,
			face_value: Balance,
			currency: persistence_primitives::AssetId,
			document_hash: H256,
			deposit: Balance,
		},
		/// An asset's metadata or documents changed; it needs verifying again.
		MetadataUpdated { class: ClassId, item: ItemId, document_hash: H256 },
		/// A private field was revealed: `commitment_of(salt, value)` matched its commitment.
		FieldRevealed { class: ClassId, item: ItemId, index: u32, value: alloc::vec::Vec<u8> },
		/// A verifier was approved.
		VerifierAdded { verifier: T::AccountId },
		/// A verifier was removed.
		VerifierRemoved { verifier: T::AccountId },
		/// A verifier attested an asset.
		Verified {
			class: ClassId,
			item: ItemId,
			verifier: T::AccountId,
			appraised_value: Balance,
			valid_until: Moment,
		},
		/// A verifier rejected an asset.
		Rejected { class: ClassId, item: ItemId, verifier: T::AccountId, reason: u16 },
		/// An asset was locked as collateral.
		Locked { class: ClassId, item: ItemId, by: LockId },
		/// A collateral lock was released.
		Unlocked { class: ClassId, item: ItemId, by: LockId },
		/// The lock holder seized an asset: it moved to `to` and is unlocked.
		Seized { class: ClassId, item: ItemId, by: LockId, from: T::AccountId, to: T::AccountId },
		/// An invoice was marked paid by its debtor.
		Settled { class: ClassId, item: ItemId },
		/// An asset was transferred.
		Transferred { class: ClassId, item: ItemId, from: T::AccountId, to: T::AccountId },
		/// An asset was burnt and its deposit returned.
		Burned { class: ClassId, item: ItemId, owner: T::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No asset class with that id.
		UnknownClass,
		/// No asset with that id.
		UnknownAsset,
		/// The asset's document is not the one the verifier attests (it was replaced).
		DocumentChanged,
		/// Only the class owner may do this.
		NotClassOwner,
		/// Only the asset's owner may do this.
		NotOwner,
		/// The asset is locked as collateral.
		Locked,
		/// The asset is not locked.
		NotLocked,
		/// The asset is locked by someone else.
		WrongLocker,
		/// The caller is not an approved verifier.
		NotVerifier,
		/// The account is already a verifier.
		AlreadyVerifier,
		/// The verifier set is full.
		TooManyVerifiers,
		/// The salt and value do not hash to the commitment.
		BadReveal,
		/// The asset has no private field with that index.
		NoSuchField,
		/// The asset is not verified.
		NotVerified,
		/// The asset's appraisal has expired; it must be verified again.
		AppraisalExpired,
		/// An appraisal must be valid until a time in the future.
		AppraisalInPast,
		/// The appraisal horizon exceeds `MaxAppraisalHorizon`.
		AppraisalTooLong,
		/// Values must be positive.
		ZeroValue,
		/// An invoice needs an issue and a maturity date, maturity after issue.
		InvalidDates,
		/// Only invoices can be settled.
		NotAnInvoice,
		/// The invoice is already settled.
		AlreadySettled,
		/// The class still has assets.
		ClassNotEmpty,
		/// No more ids are available.
		NoAvailableId,
		/// Transfer to the current owner.
		TransferToSelf,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Create an asset class of `kind` following `schema`.
		///
		/// - `kind`: what every asset of the class is (`Invoice`, `Inventory`, `Receivable`,
		///   `Equipment`, `RealEstate`, `Other`); only invoices need dates and can be settled.
		/// - `schema`: name of the schema the assets' metadata follows, e.g. `ubl-invoice-2.1`
		///   (bytes, at most `SchemaLimit`).
		///
		/// Origin: any signed account, which becomes the class owner and pays `ClassDeposit`
		/// (XPRT, held). Emits `ClassCreated`, whose `class` is the new class id.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_class())]
		pub fn create_class(
			origin: OriginFor<T>,
			kind: AssetKind,
			schema: BoundedVec<u8, T::SchemaLimit>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_create_class(who, kind, schema).map(|_| ())
		}

		/// Destroy the empty asset class `class`; its deposit returns to the owner.
		///
		/// Origin: the class owner. Emits `ClassDestroyed`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::destroy_class())]
		pub fn destroy_class(origin: OriginFor<T>, class: ClassId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_destroy_class(who, class)
		}

		/// Mint an asset into `class`, owned by the caller.
		///
		/// - `class`: the class id (from `ClassCreated`).
		/// - `params`: [`AssetParams`]: `face_value` in `currency`'s base units (USDT and USDC
		///   have 6 decimals: 50,000 USDT = 50_000_000_000), `currency` a `pallet-assets` id
		///   (e.g. 1984, USDT), `issue_date` and `maturity_date` in Unix **milliseconds**
		///   (required for invoices, maturity after issue), `document_hash` (32 bytes),
		///   `metadata` (at most `MetadataLimit` bytes) and `private_fields` (at most
		///   `MaxPrivateFields` 32-byte commitments).
		///
		/// Origin: the class owner, who pays `AssetDepositBase + DepositPerByte × bytes` (XPRT,
		/// held), `bytes` being the metadata bytes plus 32 per private field. Emits `Minted`,
		/// whose `item` is the new asset's id.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::mint())]
		pub fn mint(origin: OriginFor<T>, class: ClassId, params: AssetParamsOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_mint(who, class, params).map(|_| ())
		}

		/// Replace an asset's documents and metadata. Its verification resets to `Pending` and
		/// its deposit follows the new size.
		///
		/// - `class`, `item`: the asset.
		/// - `document_hash`: hash of the new off-chain documents (32 bytes, e.g. blake2-256).
		/// - `metadata`: the new public metadata (at most `MetadataLimit` bytes).
		///
		/// Origin: the owner; the asset must be unlocked. Emits `MetadataUpdated`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::update_metadata())]
		pub fn update_metadata(
			origin: OriginFor<T>,
			class: ClassId,
			item: ItemId,
			document_hash: H256,
			metadata: BoundedVec<u8, T::MetadataLimit>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_update_metadata(who, class, item, document_hash, metadata)
		}

		/// Reveal private field `index`: the chain checks
		/// `blake2_256(SCALE(COMMITMENT_DOMAIN, salt, value))` against its commitment and
		/// publishes `value` in `FieldRevealed`.
		///
		/// - `class`, `item`: the asset.
		/// - `index`: position of the commitment in the asset's `private_fields` (from 0).
		/// - `salt`, `value`: the committed bytes (each at most `RevealLimit`), as given to
		///   [`functions::commitment_of`]. From polkadot.js pass them as hex strings.
		///
		/// Origin: any signed account (whoever holds the salt).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::reveal())]
		pub fn reveal(
			origin: OriginFor<T>,
			class: ClassId,
			item: ItemId,
			index: u32,
			salt: BoundedVec<u8, T::RevealLimit>,
			value: BoundedVec<u8, T::RevealLimit>,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_reveal(class, item, index, salt, value)
		}

		/// Approve `verifier` (an account). Origin: `GovernanceOrigin`. Emits `VerifierAdded`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::add_verifier())]
		pub fn add_verifier(origin: OriginFor<T>, verifier: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(!Verifiers::<T>::contains_key(&verifier), Error::<T>::AlreadyVerifier);
			ensure!(Verifiers::<T>::count() < T::MaxVerifiers::get(), Error::<T>::TooManyVerifiers);
			Verifiers::<T>::insert(&verifier, ());
			Self::deposit_event(Event::VerifierAdded { verifier });
			Ok(())
		}

		/// Remove `verifier`. Their past verdicts stand. Origin: `GovernanceOrigin`.
		/// Emits `VerifierRemoved`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::remove_verifier())]
		pub fn remove_verifier(origin: OriginFor<T>, verifier: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(Verifiers::<T>::contains_key(&verifier), Error::<T>::NotVerifier);
			Verifiers::<T>::remove(&verifier);
			Self::deposit_event(Event::VerifierRemoved { verifier });
			Ok(())
		}

		/// Attest the asset whose document is `document_hash` (the blake2-256 hash of the
		/// document the verifier reviewed) at `appraised_value` (in its currency, smallest
		/// units), valid until `valid_until` (Unix ms, in the future, at most
		/// `MaxAppraisalHorizon` ahead). Refused with `DocumentChanged` if the asset's document
		/// is no longer that one — an owner cannot swap the document under a pending review.
		/// Re-verifying renews the appraisal.
		///
		/// - `class`, `item`: the asset.
		/// - `appraised_value`: base units of the asset's currency (45,000 USDT =
		///   45_000_000_000); positive.
		/// - `valid_until`: Unix time in **milliseconds** (not seconds), e.g.
		///   `Date.now() + 30 * 86_400_000` for 30 days.
		///
		/// Origin: an approved verifier. Emits `Verified`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::verify_asset())]
		pub fn verify(
			origin: OriginFor<T>,
			class: ClassId,
			item: ItemId,
			document_hash: H256,
			appraised_value: Balance,
			valid_until: Moment,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_verify(who, class, item, document_hash, appraised_value, valid_until)
		}

		/// Reject the asset `(class, item)` with an application-defined `reason` code (a `u16`
		/// the chain does not interpret).
		///
		/// Origin: an approved verifier. Emits `Rejected`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::reject())]
		pub fn reject(origin: OriginFor<T>, class: ClassId, item: ItemId, reason: u16) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_reject(who, class, item, reason)
		}

		/// Mark the invoice `(class, item)` as paid by its debtor.
		///
		/// Origin: the owner; the asset must be an unlocked, unsettled invoice. Emits `Settled`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::settle())]
		pub fn settle(origin: OriginFor<T>, class: ClassId, item: ItemId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_settle(who, class, item)
		}

		/// Transfer the asset `(class, item)` to the account `dest` (a `pallet-uniques`
		/// transfer).
		///
		/// Origin: the owner; the asset must be unlocked. Emits `Transferred`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::transfer())]
		pub fn transfer(
			origin: OriginFor<T>,
			class: ClassId,
			item: ItemId,
			dest: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_transfer(who, class, item, dest)
		}

		/// Burn the asset `(class, item)`; its deposit returns to whoever paid it.
		///
		/// Origin: the owner; the asset must be unlocked. Emits `Burned`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::burn())]
		pub fn burn(origin: OriginFor<T>, class: ClassId, item: ItemId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_burn(who, class, item)
		}

		/// Freeze the disputed asset `(class, item)` (e.g. during a fraud investigation): a
		/// collateral lock held by governance (`*b"govfreez"`), which blocks transfer, burn and
		/// changes.
		///
		/// Origin: `GovernanceOrigin`; the asset must be unlocked. Emits `Locked`.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::force_lock())]
		pub fn force_lock(origin: OriginFor<T>, class: ClassId, item: ItemId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_lock(class, item, crate::functions::GOVERNANCE_LOCK)
		}

		/// Lift a governance freeze of the asset `(class, item)`. Origin: `GovernanceOrigin`.
		/// Emits `Unlocked`.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::force_unlock())]
		pub fn force_unlock(origin: OriginFor<T>, class: ClassId, item: ItemId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_unlock(class, item, crate::functions::GOVERNANCE_LOCK)
		}
	}
}
