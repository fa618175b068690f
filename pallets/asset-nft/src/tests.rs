//! Unit tests of the asset-NFT pallet on the mock runtime: behaviour, one test per error, and a
//! property test over random operation sequences.

use crate::{functions::{self, commitment_of}, mock::*, pallet::*, types::*, Error, Event};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, tokens::nonfungibles::Inspect},
	BoundedVec,
};
use persistence_primitives::rwa::{AssetKind, RwaCollateral, VerificationState};
use sp_core::H256;
use sp_runtime::{DispatchError, TokenError};

const USDT: u32 = 1984;
const LOAN: [u8; 8] = *b"aloan   ";
const POOL: [u8; 8] = *b"dpool   ";

fn schema() -> BoundedVec<u8, <Test as Config>::SchemaLimit> {
	b"ubl-invoice-2.1".to_vec().try_into().unwrap()
}

fn invoice(fields: Vec<H256>) -> AssetParamsOf<Test> {
	AssetParams {
		face_value: 50_000_000_000,
		currency: USDT,
		issue_date: Some(GENESIS_TIME),
		maturity_date: Some(GENESIS_TIME + 90 * DAY),
		document_hash: H256::repeat_byte(7),
		metadata: b"{\"debtor_country\":\"DE\"}".to_vec().try_into().unwrap(),
		private_fields: fields.try_into().unwrap(),
	}
}

fn new_class(owner: AccountId, kind: AssetKind) -> ClassId {
	let class = NextClassId::<Test>::get();
	assert_ok!(AssetNft::create_class(RuntimeOrigin::signed(owner), kind, schema()));
	class
}

/// A class of invoices owned by ALICE with one invoice (item 0) minted to ALICE.
fn setup_invoice() -> (ClassId, ItemId) {
	let class = new_class(ALICE, AssetKind::Invoice);
	let fields = vec![commitment_of(b"salt-1", b"ACME GmbH")];
	assert_ok!(AssetNft::mint(RuntimeOrigin::signed(ALICE), class, invoice(fields)));
	(class, 0)
}

fn verify(class: ClassId, item: ItemId) {
	assert_ok!(AssetNft::verify(RuntimeOrigin::signed(VERIFIER), class, item, H256::repeat_byte(7),
		45_000_000_000,
		GENESIS_TIME + 30 * DAY
	));
}

fn bounded<const N: u32>(v: &[u8]) -> BoundedVec<u8, frame_support::traits::ConstU32<N>> {
	v.to_vec().try_into().unwrap()
}

fn owner(class: ClassId, item: ItemId) -> Option<AccountId> {
	<Uniques as Inspect<AccountId>>::owner(&class, &item)
}

fn collection_owner(class: ClassId) -> Option<AccountId> {
	<Uniques as Inspect<AccountId>>::collection_owner(&class)
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

// ---------------------------------------------------------------------------------------------
// Behaviour
// ---------------------------------------------------------------------------------------------

#[test]
fn create_class_holds_deposit_and_creates_collection() {
	new_test_ext().execute_with(|| {
		let class = new_class(ALICE, AssetKind::Invoice);
		assert_eq!(class, 0);
		let info = Classes::<Test>::get(class).unwrap();
		assert_eq!(info.owner, ALICE);
		assert_eq!(info.kind, AssetKind::Invoice);
		assert_eq!(info.deposit, CLASS_DEPOSIT);
		assert_eq!(
			Balances::balance_on_hold(&HoldReason::ClassDeposit.into(), &ALICE),
			CLASS_DEPOSIT
		);
		// The uniques collection is owned by the pallet account, not by the creator.
		assert_eq!(collection_owner(class), Some(AssetNft::account_id()));
		assert_eq!(
			last_event(),
			Event::<Test>::ClassCreated { class, owner: ALICE, kind: AssetKind::Invoice }.into()
		);
		assert_eq!(new_class(BOB, AssetKind::Inventory), 1);
	});
}

#[test]
fn mint_records_asset_owned_in_uniques_with_deposit_by_size() {
	new_test_ext().execute_with(|| {
		let (class, item) = setup_invoice();
		assert_eq!(owner(class, item), Some(ALICE));
		let rec = Assets::<Test>::get(class, item).unwrap();
		assert_eq!(rec.verification, Verification::Pending);
		assert_eq!(rec.kind, AssetKind::Invoice);
		// metadata bytes + 32 per private field.
		let bytes = rec.params.metadata.len() as u128 + 32;
		let expected = ASSET_DEPOSIT_BASE + bytes * DEPOSIT_PER_BYTE;
		assert_eq!(rec.deposit, expected);
		assert_eq!(Balances::balance_on_hold(&HoldReason::AssetDeposit.into(), &ALICE), expected);
		assert_eq!(Classes::<Test>::get(class).unwrap().assets, 1);
		assert!(matches!(
			last_event(),
			RuntimeEvent::AssetNft(Event::Minted { class: 0, item: 0, owner: ALICE, .. })
		));
	});
}

#[test]
fn non_invoice_assets_need_no_dates() {
	new_test_ext().execute_with(|| {
		let class = new_class(BOB, AssetKind::Inventory);
		let mut p = invoice(vec![]);
		p.issue_date = None;
		p.maturity_date = None;
		assert_ok!(AssetNft::mint(RuntimeOrigin::signed(BOB), class, p));
	});
}

#[test]
fn reveal_publishes_value_when_commitment_matches() {
	new_test_ext().execute_with(|| {
		let (class, item) = setup_invoice();
		// Anyone holding the salt may reveal.
		assert_ok!(AssetNft::reveal(
			RuntimeOrigin::signed(CHARLIE),
			class,
			item,
			0,
			bounded(b"salt-1"),
			bounded(b"ACME GmbH"),
		));
		assert_eq!(
			last_event(),
			Event::<Test>::FieldRevealed { class, item, index: 0, value: b"ACME GmbH".to_vec() }
				.into()
		);
	});
}

#[test]
fn verification_lifecycle_and_expiry() {
	new_test_ext().execute_with(|| {
		let (class, item) = setup_invoice();
		let state = || AssetNft::collateral_info(class, item).unwrap().state;
		assert_eq!(state(), VerificationState::Pending);

		verify(class, item);
		assert_eq!(state(), VerificationState::Verified);
		let info = AssetNft::collateral_info(class, item).unwrap();
		assert_eq!(info.appraised_value, 45_000_000_000);
		assert_eq!(info.appraisal_valid_until, GENESIS_TIME + 30 * DAY);

		// Past the horizon the appraisal has expired.
		Timestamp::set_timestamp(GENESIS_TIME + 30 * DAY);
		assert_eq!(state(), VerificationState::Expired);

		// Re-verification renews it; a rejection replaces it.
		assert_ok!(AssetNft::verify(RuntimeOrigin::signed(VERIFIER), class, item, H256::repeat_byte(7),
			40_000_000_000,
			GENESIS_TIME + 60 * DAY
		));
		assert_eq!(state(), VerificationState::Verified);
		assert_ok!(AssetNft::reject(RuntimeOrigin::signed(VERIFIER), class, item, 42));
		assert_eq!(state(), VerificationState::Rejected);
		assert_eq!(
			last_event(),
			Event::<Test>::Rejected { class, item, verifier: VERIFIER, reason: 42 }.into()
		);
	});
}

#[test]
fn metadata_change_resets_verification_and_moves_deposit() {
	new_test_ext().execute_with(|| {
		let (class, item) = setup_invoice();
		verify(class, item);
		// The asset changes hands, and the new owner updates the documents.
		assert_ok!(AssetNft::transfer(RuntimeOrigin::signed(ALICE), class, item, BOB));
		let held_alice = Balances::balance_on_hold(&HoldReason::AssetDeposit.into(), &ALICE);
		assert!(held_alice > 0);
		let meta: BoundedVec<u8, _> = vec![1u8; 100].try_into().unwrap();
		assert_ok!(AssetNft::update_metadata(
			RuntimeOrigin::signed(BOB),
			class,
			item,
			H256::repeat_byte(9),
			meta
		));
		let rec = Assets::<Test>::get(class, item).unwrap();
		assert_eq!(rec.verification, Verification::Pending);
		assert_eq!(rec.params.document_hash, H256::repeat_byte(9));
		assert_eq!(rec.depositor, BOB);
		assert_eq!(rec.deposit, ASSET_DEPOSIT_BASE + 100 + 32);
		assert_eq!(Balances::balance_on_hold(&HoldReason::AssetDeposit.into(), &ALICE), 0);
		assert_eq!(
			Balances::balance_on_hold(&HoldReason::AssetDeposit.into(), &BOB),
			ASSET_DEPOSIT_BASE + 132
		);
	});
}

#[test]
fn lock_blocks_transfer_burn_change_and_second_lock_until_unlocked() {
	new_test_ext().execute_with(|| {
		let (class, item) = setup_invoice();
		verify(class, item);
		assert_ok!(<AssetNft as RwaCollateral<_>>::lock(&class, &item, LOAN));
		assert_eq!(AssetNft::collateral_info(class, item).unwrap().locked_by, Some(LOAN));

		assert_noop!(
			AssetNft::transfer(RuntimeOrigin::signed(ALICE), class, item, BOB),
			Error::<Test>::Locked
		);
		assert_noop!(AssetNft::burn(RuntimeOrigin::signed(ALICE), class, item), Error::<Test>::Locked);
		assert_noop!(
			AssetNft::update_metadata(
				RuntimeOrigin::signed(ALICE),
				class,
				item,
				H256::zero(),
				Default::default()
			),
			Error::<Test>::Locked
		);
		assert_noop!(<AssetNft as RwaCollateral<_>>::lock(&class, &item, POOL), Error::<Test>::Locked);

		assert_ok!(<AssetNft as RwaCollateral<_>>::unlock(&class, &item, LOAN));
		assert_ok!(AssetNft::transfer(RuntimeOrigin::signed(ALICE), class, item, BOB));
		assert_eq!(owner(class, item), Some(BOB));
	});
}

#[test]
fn seize_moves_ownership_and_unlocks() {
	new_test_ext().execute_with(|| {
		let (class, item) = setup_invoice();
		verify(class, item);
		assert_ok!(<AssetNft as RwaCollateral<_>>::lock(&class, &item, LOAN));
		assert_ok!(<AssetNft as RwaCollateral<_>>::seize_to(&class, &item, LOAN, &CHARLIE));
		assert_eq!(owner(class, item), Some(CHARLIE));
		assert_eq!(Assets::<Test>::get(class, item).unwrap().locked_by, None);
		assert_eq!(
			last_event(),
			Event::<Test>::Seized { class, item, by: LOAN, from: ALICE, to: CHARLIE }.into()
		);
	});
}

#[test]
fn uniques_own_transfer_and_burn_are_refused_for_asset_items() {
	new_test_ext().execute_with(|| {
		let (class, item) = setup_invoice();
		assert_noop!(
			Uniques::transfer(RuntimeOrigin::signed(ALICE), class, item, BOB),
			pallet_uniques::Error::<Test>::Locked
		);
		assert_noop!(
			Uniques::burn(RuntimeOrigin::signed(ALICE), class, item, None),
			pallet_uniques::Error::<Test>::Locked
		);
		// Through this pallet it works, and the ledger agrees.
		assert_ok!(AssetNft::transfer(RuntimeOrigin::signed(ALICE), class, item, BOB));
		assert_eq!(owner(class, item), Some(BOB));
		assert!(!LedgerOperation::<Test>::get());
	});
}

#[test]
fn settle_marks_invoice_paid() {
	new_test_ext().execute_with(|| {
		let (class, item) = setup_invoice();
		assert_ok!(AssetNft::settle(RuntimeOrigin::signed(ALICE), class, item));
		assert!(AssetNft::collateral_info(class, item).unwrap().settled);
		assert_eq!(last_event(), Event::<Test>::Settled { class, item }.into());
	});
}

#[test]
fn burn_refunds_deposit_and_removes_everything() {
	new_test_ext().execute_with(|| {
		let (class, item) = setup_invoice();
		let free_before = Balances::free_balance(ALICE);
		let deposit = Assets::<Test>::get(class, item).unwrap().deposit;
		assert_ok!(AssetNft::burn(RuntimeOrigin::signed(ALICE), class, item));
		assert!(Assets::<Test>::get(class, item).is_none());
		assert_eq!(owner(class, item), None);
		assert_eq!(Balances::free_balance(ALICE), free_before + deposit);
		assert_eq!(Classes::<Test>::get(class).unwrap().assets, 0);
		// Now the class can be destroyed, returning its deposit.
		assert_ok!(AssetNft::destroy_class(RuntimeOrigin::signed(ALICE), class));
		assert!(Classes::<Test>::get(class).is_none());
		assert_eq!(Balances::balance_on_hold(&HoldReason::ClassDeposit.into(), &ALICE), 0);
		assert_eq!(collection_owner(class), None);
	});
}

#[test]
fn governance_freeze_and_thaw() {
	new_test_ext().execute_with(|| {
		let (class, item) = setup_invoice();
		// Governance may freeze even an unverified asset.
		assert_ok!(AssetNft::force_lock(RuntimeOrigin::signed(GOVERNANCE), class, item));
		assert_noop!(
			AssetNft::transfer(RuntimeOrigin::signed(ALICE), class, item, BOB),
			Error::<Test>::Locked
		);
		assert_ok!(AssetNft::force_unlock(RuntimeOrigin::root(), class, item));
		assert_ok!(AssetNft::transfer(RuntimeOrigin::signed(ALICE), class, item, BOB));
	});
}

#[test]
fn verifier_management() {
	new_test_ext().execute_with(|| {
		assert_ok!(AssetNft::add_verifier(RuntimeOrigin::signed(GOVERNANCE), OTHER_VERIFIER));
		assert!(Verifiers::<Test>::contains_key(OTHER_VERIFIER));
		assert_eq!(last_event(), Event::<Test>::VerifierAdded { verifier: OTHER_VERIFIER }.into());
		assert_ok!(AssetNft::remove_verifier(RuntimeOrigin::root(), OTHER_VERIFIER));
		assert!(!Verifiers::<Test>::contains_key(OTHER_VERIFIER));
		assert_eq!(last_event(), Event::<Test>::VerifierRemoved { verifier: OTHER_VERIFIER }.into());
	});
}

// ---------------------------------------------------------------------------------------------
// One test per refusal
// ---------------------------------------------------------------------------------------------

#[test]
fn err_unknown_class() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			AssetNft::mint(RuntimeOrigin::signed(ALICE), 9, invoice(vec![])),
			Error::<Test>::UnknownClass
		);
		assert_noop!(AssetNft::destroy_class(RuntimeOrigin::signed(ALICE), 9), Error::<Test>::UnknownClass);
	});
}

#[test]
fn err_unknown_asset() {
	new_test_ext().execute_with(|| {
		let (class, _) = setup_invoice();
		assert_noop!(
			AssetNft::transfer(RuntimeOrigin::signed(ALICE), class, 5, BOB),
			Error::<Test>::UnknownAsset
		);
		assert_noop!(
			AssetNft::verify(RuntimeOrigin::signed(VERIFIER), class, 5, H256::repeat_byte(7), 1, GENESIS_TIME + DAY),
			Error::<Test>::UnknownAsset
		);
		assert_noop!(
			AssetNft::reveal(RuntimeOrigin::signed(ALICE), class, 5, 0, bounded(b"s"), bounded(b"v")),
			Error::<Test>::UnknownAsset
		);
		assert_noop!(<AssetNft as RwaCollateral<_>>::lock(&class, &5, LOAN), Error::<Test>::UnknownAsset);
	});
}

#[test]
fn err_not_class_owner() {
	new_test_ext().execute_with(|| {
		let (class, _) = setup_invoice();
		assert_noop!(
			AssetNft::mint(RuntimeOrigin::signed(BOB), class, invoice(vec![])),
			Error::<Test>::NotClassOwner
		);
		assert_noop!(
			AssetNft::destroy_class(RuntimeOrigin::signed(BOB), class),
			Error::<Test>::NotClassOwner
		);
	});
}

#[test]
fn err_not_owner() {
	new_test_ext().execute_with(|| {
		let (class, item) = setup_invoice();
		assert_noop!(
			AssetNft::transfer(RuntimeOrigin::signed(BOB), class, item, CHARLIE),
			Error::<Test>::NotOwner
		);
		assert_noop!(AssetNft::burn(RuntimeOrigin::signed(BOB), class, item), Error::<Test>::NotOwner);
		assert_noop!(AssetNft::settle(RuntimeOrigin::signed(BOB), class, item), Error::<Test>::NotOwner);
		assert_noop!(
			AssetNft::update_metadata(
				RuntimeOrigin::signed(BOB),
				class,
				item,
				H256::zero(),
				Default::default()
			),
			Error::<Test>::NotOwner
		);
	});
}

#[test]
fn err_locked() {
	new_test_ext().execute_with(|| {
		let (class, item) = setup_invoice();
		verify(class, item);
		assert_ok!(<AssetNft as RwaCollateral<_>>::lock(&class, &item, LOAN));
		assert_noop!(AssetNft::settle(RuntimeOrigin::signed(ALICE), class, item), Error::<Test>::Locked);
		assert_noop!(
			AssetNft::force_lock(RuntimeOrigin::root(), class, item),
			Error::<Test>::Locked
		);
	});
}

#[test]
fn err_not_locked() {
	new_test_ext().execute_with(|| {
		let (class, item) = setup_invoice();
		assert_noop!(<AssetNft as RwaCollateral<_>>::unlock(&class, &item, LOAN), Error::<Test>::NotLocked);
		assert_noop!(
			<AssetNft as RwaCollateral<_>>::seize_to(&class, &item, LOAN, &BOB),
			Error::<Test>::NotLocked
		);
		assert_noop!(AssetNft::force_unlock(RuntimeOrigin::root(), class, item), Error::<Test>::NotLocked);
	});
}

#[test]
fn err_wrong_locker() {
	new_test_ext().execute_with(|| {
		let (class, item) = setup_invoice();
		verify(class, item);
		assert_ok!(<AssetNft as RwaCollateral<_>>::lock(&class, &item, LOAN));
		assert_noop!(<AssetNft as RwaCollateral<_>>::unlock(&class, &item, POOL), Error::<Test>::WrongLocker);
		assert_noop!(
			<AssetNft as RwaCollateral<_>>::seize_to(&class, &item, POOL, &BOB),
			Error::<Test>::WrongLocker
		);
		// Governance cannot lift a lender's lock through force_unlock.
		assert_noop!(AssetNft::force_unlock(RuntimeOrigin::root(), class, item), Error::<Test>::WrongLocker);
	});
}

#[test]
fn err_not_verifier() {
	new_test_ext().execute_with(|| {
		let (class, item) = setup_invoice();
		assert_noop!(
			AssetNft::verify(RuntimeOrigin::signed(OTHER_VERIFIER), class, item, H256::repeat_byte(7), 1, GENESIS_TIME + DAY),
			Error::<Test>::NotVerifier
		);
		assert_noop!(
			AssetNft::reject(RuntimeOrigin::signed(OTHER_VERIFIER), class, item, 1),
			Error::<Test>::NotVerifier
		);
		assert_noop!(
			AssetNft::remove_verifier(RuntimeOrigin::root(), OTHER_VERIFIER),
			Error::<Test>::NotVerifier
		);
	});
}

#[test]
fn err_already_verifier() {
	new_test_ext().execute_with(|| {
		assert_noop!(AssetNft::add_verifier(RuntimeOrigin::root(), VERIFIER), Error::<Test>::AlreadyVerifier);
	});
}

#[test]
fn err_too_many_verifiers() {
	new_test_ext().execute_with(|| {
		// MaxVerifiers = 3; VERIFIER is one.
		assert_ok!(AssetNft::add_verifier(RuntimeOrigin::root(), 20));
		assert_ok!(AssetNft::add_verifier(RuntimeOrigin::root(), 21));
		assert_noop!(AssetNft::add_verifier(RuntimeOrigin::root(), 22), Error::<Test>::TooManyVerifiers);
	});
}

#[test]
fn err_governance_origin_required() {
	new_test_ext().execute_with(|| {
		let (class, item) = setup_invoice();
		assert_noop!(AssetNft::add_verifier(RuntimeOrigin::signed(ALICE), 20), DispatchError::BadOrigin);
		assert_noop!(AssetNft::remove_verifier(RuntimeOrigin::signed(ALICE), VERIFIER), DispatchError::BadOrigin);
		assert_noop!(AssetNft::force_lock(RuntimeOrigin::signed(ALICE), class, item), DispatchError::BadOrigin);
		assert_noop!(AssetNft::force_unlock(RuntimeOrigin::signed(ALICE), class, item), DispatchError::BadOrigin);
		assert_noop!(
			AssetNft::create_class(RuntimeOrigin::none(), AssetKind::Other, schema()),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn err_bad_reveal() {
	new_test_ext().execute_with(|| {
		let (class, item) = setup_invoice();
		assert_noop!(
			AssetNft::reveal(
				RuntimeOrigin::signed(ALICE),
				class,
				item,
				0,
				bounded(b"salt-1"),
				bounded(b"Another Debtor Ltd")
			),
			Error::<Test>::BadReveal
		);
		assert_noop!(
			AssetNft::reveal(RuntimeOrigin::signed(ALICE), class, item, 0, bounded(b"wrong"), bounded(b"ACME GmbH")),
			Error::<Test>::BadReveal
		);
	});
}

#[test]
fn err_no_such_field() {
	new_test_ext().execute_with(|| {
		let (class, item) = setup_invoice();
		assert_noop!(
			AssetNft::reveal(RuntimeOrigin::signed(ALICE), class, item, 1, bounded(b"salt-1"), bounded(b"ACME GmbH")),
			Error::<Test>::NoSuchField
		);
	});
}

#[test]
fn err_not_verified() {
	new_test_ext().execute_with(|| {
		let (class, item) = setup_invoice();
		assert_noop!(<AssetNft as RwaCollateral<_>>::lock(&class, &item, LOAN), Error::<Test>::NotVerified);
		assert_ok!(AssetNft::reject(RuntimeOrigin::signed(VERIFIER), class, item, 3));
		assert_noop!(<AssetNft as RwaCollateral<_>>::lock(&class, &item, LOAN), Error::<Test>::NotVerified);
	});
}

#[test]
fn err_appraisal_expired() {
	new_test_ext().execute_with(|| {
		let (class, item) = setup_invoice();
		verify(class, item);
		Timestamp::set_timestamp(GENESIS_TIME + 31 * DAY);
		assert_noop!(
			<AssetNft as RwaCollateral<_>>::lock(&class, &item, LOAN),
			Error::<Test>::AppraisalExpired
		);
	});
}

#[test]
fn err_appraisal_in_past() {
	new_test_ext().execute_with(|| {
		let (class, item) = setup_invoice();
		assert_noop!(
			AssetNft::verify(RuntimeOrigin::signed(VERIFIER), class, item, H256::repeat_byte(7), 1, GENESIS_TIME),
			Error::<Test>::AppraisalInPast
		);
	});
}

#[test]
fn err_appraisal_too_long() {
	new_test_ext().execute_with(|| {
		let (class, item) = setup_invoice();
		assert_noop!(
			AssetNft::verify(RuntimeOrigin::signed(VERIFIER), class, item, H256::repeat_byte(7), 1, GENESIS_TIME + 366 * DAY),
			Error::<Test>::AppraisalTooLong
		);
	});
}

#[test]
fn err_zero_value() {
	new_test_ext().execute_with(|| {
		let class = new_class(ALICE, AssetKind::Invoice);
		let mut p = invoice(vec![]);
		p.face_value = 0;
		assert_noop!(AssetNft::mint(RuntimeOrigin::signed(ALICE), class, p), Error::<Test>::ZeroValue);
		let (class, item) = setup_invoice();
		assert_noop!(
			AssetNft::verify(RuntimeOrigin::signed(VERIFIER), class, item, H256::repeat_byte(7), 0, GENESIS_TIME + DAY),
			Error::<Test>::ZeroValue
		);
	});
}

#[test]
fn err_invalid_dates() {
	new_test_ext().execute_with(|| {
		let class = new_class(ALICE, AssetKind::Invoice);
		let mut p = invoice(vec![]);
		p.maturity_date = None;
		assert_noop!(AssetNft::mint(RuntimeOrigin::signed(ALICE), class, p), Error::<Test>::InvalidDates);
		let mut p = invoice(vec![]);
		p.maturity_date = p.issue_date;
		assert_noop!(AssetNft::mint(RuntimeOrigin::signed(ALICE), class, p), Error::<Test>::InvalidDates);
	});
}

#[test]
fn err_not_an_invoice() {
	new_test_ext().execute_with(|| {
		let class = new_class(ALICE, AssetKind::Equipment);
		assert_ok!(AssetNft::mint(RuntimeOrigin::signed(ALICE), class, invoice(vec![])));
		assert_noop!(AssetNft::settle(RuntimeOrigin::signed(ALICE), class, 0), Error::<Test>::NotAnInvoice);
	});
}

#[test]
fn err_already_settled() {
	new_test_ext().execute_with(|| {
		let (class, item) = setup_invoice();
		assert_ok!(AssetNft::settle(RuntimeOrigin::signed(ALICE), class, item));
		assert_noop!(AssetNft::settle(RuntimeOrigin::signed(ALICE), class, item), Error::<Test>::AlreadySettled);
	});
}

#[test]
fn err_class_not_empty() {
	new_test_ext().execute_with(|| {
		let (class, _) = setup_invoice();
		assert_noop!(AssetNft::destroy_class(RuntimeOrigin::signed(ALICE), class), Error::<Test>::ClassNotEmpty);
	});
}

#[test]
fn err_no_available_id() {
	new_test_ext().execute_with(|| {
		NextClassId::<Test>::put(u32::MAX);
		assert_noop!(
			AssetNft::create_class(RuntimeOrigin::signed(ALICE), AssetKind::Invoice, schema()),
			Error::<Test>::NoAvailableId
		);
		NextClassId::<Test>::put(0);
		let class = new_class(ALICE, AssetKind::Invoice);
		Classes::<Test>::mutate(class, |c| c.as_mut().unwrap().next_item = u32::MAX);
		assert_noop!(
			AssetNft::mint(RuntimeOrigin::signed(ALICE), class, invoice(vec![])),
			Error::<Test>::NoAvailableId
		);
	});
}

#[test]
fn err_transfer_to_self() {
	new_test_ext().execute_with(|| {
		let (class, item) = setup_invoice();
		assert_noop!(
			AssetNft::transfer(RuntimeOrigin::signed(ALICE), class, item, ALICE),
			Error::<Test>::TransferToSelf
		);
	});
}

#[test]
fn err_deposit_unaffordable() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			AssetNft::create_class(RuntimeOrigin::signed(POOR), AssetKind::Invoice, schema()),
			TokenError::FundsUnavailable
		);
	});
}

// ---------------------------------------------------------------------------------------------
// Property test: random operation sequences keep uniques and this pallet consistent, and a
// locked asset never changes owner except by seize.
// ---------------------------------------------------------------------------------------------

mod property {
	use super::*;
	use proptest::prelude::*;

	#[derive(Debug, Clone)]
	enum Op {
		Mint,
		Transfer { item: u8, to: u8 },
		Lock { item: u8 },
		Unlock { item: u8 },
		Seize { item: u8, to: u8 },
		Burn { item: u8 },
		UniquesTransfer { item: u8, to: u8 },
	}

	fn op() -> impl Strategy<Value = Op> {
		prop_oneof![
			Just(Op::Mint),
			(0u8..6, 1u8..4).prop_map(|(item, to)| Op::Transfer { item, to }),
			(0u8..6).prop_map(|item| Op::Lock { item }),
			(0u8..6).prop_map(|item| Op::Unlock { item }),
			(0u8..6, 1u8..4).prop_map(|(item, to)| Op::Seize { item, to }),
			(0u8..6).prop_map(|item| Op::Burn { item }),
			(0u8..6, 1u8..4).prop_map(|(item, to)| Op::UniquesTransfer { item, to }),
		]
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(64))]
		#[test]
		fn records_and_ledger_stay_consistent(ops in proptest::collection::vec(op(), 1..40)) {
			new_test_ext().execute_with(|| {
				let class = new_class(ALICE, AssetKind::Receivable);
				for op in ops {
					let owners_before: Vec<_> =
						(0..6u32).map(|i| (owner(class, i), Assets::<Test>::get(class, i).and_then(|r| r.locked_by))).collect();
					let mut seized: Option<u32> = None;
					match op {
						Op::Mint => {
							let _ = AssetNft::mint(RuntimeOrigin::signed(ALICE), class, invoice(vec![]));
						},
						Op::Transfer { item, to } => {
							let item = item as u32;
							if let Some(owner) = owner(class, item) {
								let _ = AssetNft::transfer(RuntimeOrigin::signed(owner), class, item, to as u64);
							}
						},
						Op::Lock { item } => {
							let item = item as u32;
							if Assets::<Test>::contains_key(class, item) {
								let _ = AssetNft::verify(RuntimeOrigin::signed(VERIFIER), class, item, H256::repeat_byte(7), 1, GENESIS_TIME + DAY);
							}
							let _ = <AssetNft as RwaCollateral<_>>::lock(&class, &item, LOAN);
						},
						Op::Unlock { item } => {
							let _ = <AssetNft as RwaCollateral<_>>::unlock(&class, &(item as u32), LOAN);
						},
						Op::Seize { item, to } => {
							if <AssetNft as RwaCollateral<_>>::seize_to(&class, &(item as u32), LOAN, &(to as u64)).is_ok() {
								seized = Some(item as u32);
							}
						},
						Op::Burn { item } => {
							let item = item as u32;
							if let Some(owner) = owner(class, item) {
								let _ = AssetNft::burn(RuntimeOrigin::signed(owner), class, item);
							}
						},
						Op::UniquesTransfer { item, to } => {
							let item = item as u32;
							if let Some(owner) = owner(class, item) {
								let _ = Uniques::transfer(RuntimeOrigin::signed(owner), class, item, to as u64);
							}
						},
					}
					// Every record has a ledger item and vice versa.
					for i in 0..8u32 {
						prop_assert_eq!(Assets::<Test>::contains_key(class, i), owner(class, i).is_some());
					}
					// The class's asset count matches.
					let count = Assets::<Test>::iter_prefix(class).count() as u32;
					prop_assert_eq!(Classes::<Test>::get(class).unwrap().assets, count);
					// A locked asset never changed owner, except by seize.
					for (i, (prev_owner, locked)) in owners_before.into_iter().enumerate() {
						let i = i as u32;
						if locked.is_some() && seized != Some(i) {
							prop_assert_eq!(owner(class, i), prev_owner);
						}
					}
					prop_assert!(!LedgerOperation::<Test>::get());
				}
				Ok(())
			})?;
		}
	}
}

// ----- attestations bound to documents, unambiguous commitments -----

/// Defect: the owner could front-run `verify` with `update_metadata`, so the attestation of
/// the reviewed document landed on another one. `verify` names the document it attests.
#[test]
fn a_verification_is_bound_to_the_document_reviewed() {
	new_test_ext().execute_with(|| {
		let (class, item) = setup_invoice();
		// The verifier reviews document 7; the owner swaps in document 9 before `verify` lands.
		assert_ok!(AssetNft::update_metadata(
			RuntimeOrigin::signed(ALICE),
			class,
			item,
			H256::repeat_byte(9),
			bounded(b"{}")
		));
		assert_noop!(
			AssetNft::verify(RuntimeOrigin::signed(VERIFIER), class, item, H256::repeat_byte(7), 1, GENESIS_TIME + DAY),
			Error::<Test>::DocumentChanged
		);
		// Attesting the document that is there now works.
		assert_ok!(AssetNft::verify(
			RuntimeOrigin::signed(VERIFIER),
			class,
			item,
			H256::repeat_byte(9),
			1,
			GENESIS_TIME + DAY
		));
	});
}

/// Defect: `blake2(salt ++ value)` let a reveal move bytes between salt and value. The
/// commitment is now domain-separated and length-prefixed.
#[test]
fn a_commitment_fixes_where_the_salt_ends() {
	new_test_ext().execute_with(|| {
		// The exact preimage: SCALE of (domain, salt, value), each a compact-length byte vector.
		let mut preimage = vec![(functions::COMMITMENT_DOMAIN.len() as u8) << 2];
		preimage.extend_from_slice(functions::COMMITMENT_DOMAIN);
		preimage.extend_from_slice(&[2 << 2, b'a', b'b', 1 << 2, b'c']);
		assert_eq!(commitment_of(b"ab", b"c"), H256(sp_io::hashing::blake2_256(&preimage)));
		assert_ne!(commitment_of(b"ab", b"c"), commitment_of(b"a", b"bc"));
		assert_ne!(commitment_of(b"ab", b"c"), H256(sp_io::hashing::blake2_256(b"abc")));

		let class = new_class(ALICE, AssetKind::Invoice);
		assert_ok!(AssetNft::mint(RuntimeOrigin::signed(ALICE), class, invoice(vec![commitment_of(b"ab", b"c")])));
		// Moving a byte from the salt to the value no longer reveals anything.
		assert_noop!(
			AssetNft::reveal(RuntimeOrigin::signed(CHARLIE), class, 0, 0, bounded(b"a"), bounded(b"bc")),
			Error::<Test>::BadReveal
		);
		assert_ok!(AssetNft::reveal(RuntimeOrigin::signed(CHARLIE), class, 0, 0, bounded(b"ab"), bounded(b"c")));
	});
}
