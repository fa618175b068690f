//! Unit tests of the app-chain registry.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok, traits::{fungible::InspectHold, Hooks}, BoundedVec};
use sp_core::{ed25519, sr25519, Pair, H256};
use sp_runtime::traits::BadOrigin;

fn metadata(wanted: u32, min_stake: Balance) -> ChainMetadataOf<Test> {
	ChainMetadata {
		name: BoundedVec::truncate_from(b"TradeChain".to_vec()),
		genesis_hash: H256::repeat_byte(1),
		code_hash: H256::repeat_byte(2),
		token_symbol: BoundedVec::truncate_from(b"TRD".to_vec()),
		token_decimals: 12,
		rpc_url: BoundedVec::truncate_from(b"wss://rpc.trade.example".to_vec()),
		website: BoundedVec::truncate_from(b"https://trade.example".to_vec()),
		validators_wanted: wanted,
		min_stake,
	}
}

fn pair(v: AccountId) -> sr25519::Pair {
	sr25519::Pair::from_seed(&[v as u8; 32])
}

fn key(v: AccountId) -> AppKey {
	AppKey::Sr25519(pair(v).public())
}

fn sign(v: AccountId, chain: ChainId, cp: &Checkpoint) -> AppSignature {
	AppSignature::Sr25519(pair(v).sign(&checkpoint_payload(chain, cp)))
}

fn cp(height: u64, tag: u8) -> Checkpoint {
	Checkpoint { height, block_hash: H256::repeat_byte(tag), state_root: H256::repeat_byte(tag.wrapping_add(100)) }
}

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::AppChains(e) = r.event { Some(e) } else { None })
		.collect()
}

fn held(who: AccountId, reason: HoldReason) -> Balance {
	<Balances as InspectHold<AccountId>>::balance_on_hold(&reason.into(), &who)
}

fn state(chain: ChainId) -> Lifecycle<u64> {
	Chains::<Test>::get(chain).unwrap().lifecycle
}

/// Reserved, registered wanting `wanted` validators, approved.
fn approved(wanted: u32) -> ChainId {
	assert_ok!(AppChains::reserve(RuntimeOrigin::signed(TEAM)));
	let id = NextChainId::<Test>::get() - 1;
	assert_ok!(AppChains::register(RuntimeOrigin::signed(TEAM), id, metadata(wanted, 0)));
	assert_ok!(AppChains::approve(RuntimeOrigin::root(), id));
	id
}

/// Active with validators `vs` opted in and `wanted` assigned.
fn active(vs: &[AccountId], wanted: u32) -> ChainId {
	let id = approved(wanted);
	for v in vs {
		assert_ok!(AppChains::opt_in(RuntimeOrigin::signed(*v), id, key(*v)));
	}
	assert_ok!(AppChains::activate(RuntimeOrigin::signed(OTHER), id));
	id
}

fn submit(v: AccountId, chain: ChainId, c: Checkpoint) -> sp_runtime::DispatchResult {
	AppChains::submit_checkpoint(RuntimeOrigin::signed(v), chain, c, sign(v, chain, &c))
}

#[test]
fn full_lifecycle() {
	new_test_ext().execute_with(|| {
		// Reserve: the next id, a deposit.
		assert_ok!(AppChains::reserve(RuntimeOrigin::signed(TEAM)));
		assert_eq!(state(0), Lifecycle::Reserved);
		assert_eq!(held(TEAM, HoldReason::ChainDeposit), RESERVE_DEPOSIT);
		// Register: the deposit grows with the bytes.
		let meta = metadata(2, 2_000);
		let bytes = meta.stored_bytes() as Balance;
		assert_ok!(AppChains::register(RuntimeOrigin::signed(TEAM), 0, meta));
		assert_eq!(state(0), Lifecycle::Registered);
		assert_eq!(held(TEAM, HoldReason::ChainDeposit), RESERVE_DEPOSIT + PER_BYTE * bytes);
		assert_eq!(CodeHistory::<Test>::get(0).len(), 1);
		// Governance approves.
		assert_ok!(AppChains::approve(RuntimeOrigin::root(), 0));
		assert_eq!(state(0), Lifecycle::Approved);
		// Validators opt in; 10 has too little stake (1,000 < 2,000).
		for v in [10, 11, 12, 13] {
			assert_ok!(AppChains::opt_in(RuntimeOrigin::signed(v), 0, key(v)));
		}
		assert_eq!(held(12, HoldReason::OptInDeposit), OPT_IN_DEPOSIT);
		// Active: the two largest stakes are assigned.
		assert_ok!(AppChains::activate(RuntimeOrigin::signed(OTHER), 0));
		assert_eq!(state(0), Lifecycle::Active);
		let assigned: Vec<_> = Assigned::<Test>::get(0).iter().map(|(v, _)| *v).collect();
		assert_eq!(assigned, vec![13, 12]);
		assert!(events().contains(&Event::ValidatorAssigned { chain: 0, validator: 13, era: 0 }));
		// A checkpoint signed by both is final (2 of 2).
		assert_ok!(submit(13, 0, cp(100, 1)));
		assert_ok!(submit(12, 0, cp(100, 1)));
		assert_eq!(AppChains::view(0).unwrap().latest_checkpoint.unwrap().checkpoint, cp(100, 1));
		// Pause and resume.
		assert_ok!(AppChains::pause(RuntimeOrigin::root(), 0));
		assert_noop!(submit(13, 0, cp(200, 1)), Error::<Test>::WrongState);
		assert_ok!(AppChains::resume(RuntimeOrigin::root(), 0));
		// An upgrade waits for governance, then is applied; history kept.
		assert_ok!(AppChains::propose_upgrade(RuntimeOrigin::signed(TEAM), 0, H256::repeat_byte(9)));
		assert_eq!(PendingUpgrade::<Test>::get(0), Some(H256::repeat_byte(9)));
		assert_ok!(AppChains::approve_upgrade(RuntimeOrigin::root(), 0));
		assert_eq!(AppChains::view(0).unwrap().code_hash, Some(H256::repeat_byte(9)));
		assert_eq!(CodeHistory::<Test>::get(0).len(), 2);
		// Retire: validators released; the deposit returns after the delay.
		assert_ok!(AppChains::retire(RuntimeOrigin::signed(TEAM), 0));
		assert!(Assigned::<Test>::get(0).is_empty());
		assert!(ActiveChains::<Test>::get().is_empty());
		assert_noop!(AppChains::withdraw(RuntimeOrigin::signed(OTHER), 0), Error::<Test>::RetirementDelayNotOver);
		System::set_block_number(1 + RETIREMENT_DELAY);
		assert_ok!(AppChains::withdraw(RuntimeOrigin::signed(OTHER), 0));
		assert!(Chains::<Test>::get(0).is_none());
		assert_eq!(held(TEAM, HoldReason::ChainDeposit), 0);
		assert_eq!(held(12, HoldReason::OptInDeposit), 0);
	});
}

#[test]
fn opt_in_by_a_non_validator_is_refused() {
	new_test_ext().execute_with(|| {
		let id = approved(1);
		assert_noop!(AppChains::opt_in(RuntimeOrigin::signed(NOMINATOR), id, key(NOMINATOR)), Error::<Test>::NotValidator);
	});
}

#[test]
fn two_thirds_threshold_is_exact() {
	new_test_ext().execute_with(|| {
		let id = active(&[10, 11, 12, 13], 4);
		assert_eq!(Assigned::<Test>::get(id).len(), 4);
		assert_ok!(submit(10, id, cp(5, 1)));
		assert_ok!(submit(11, id, cp(5, 1)));
		// 2 of 4 is not enough.
		assert!(Finalized::<Test>::get(id).is_empty());
		// A different checkpoint from a third validator does not count towards the first.
		assert_ok!(submit(12, id, cp(5, 2)));
		assert!(Finalized::<Test>::get(id).is_empty());
		// 3 of 4 on the same checkpoint is.
		assert_ok!(submit(13, id, cp(5, 1)));
		let f = Finalized::<Test>::get(id);
		assert_eq!(f.len(), 1);
		assert_eq!((f[0].checkpoint, f[0].signatures), (cp(5, 1), 3));
		assert!(events().contains(&Event::CheckpointFinalized { chain: id, checkpoint: cp(5, 1), signatures: 3 }));
		// Old heights are stale now.
		assert_noop!(submit(10, id, cp(5, 3)), Error::<Test>::StaleCheckpoint);
		assert_noop!(submit(10, id, cp(4, 1)), Error::<Test>::StaleCheckpoint);
	});
}

#[test]
fn equivocation_is_reported_as_an_offence() {
	new_test_ext().execute_with(|| {
		let id = active(&[10, 11, 12, 13], 4);
		assert_ok!(submit(12, id, cp(7, 1)));
		assert_noop!(submit(12, id, cp(7, 1)), Error::<Test>::AlreadySigned);
		// The same validator signs another checkpoint at height 7.
		assert_ok!(submit(12, id, cp(7, 2)));
		assert_eq!(offences(), vec![(12, (id, 7), 4)]);
		assert!(Equivocations::<Test>::get((id, 7), 12).is_some());
		assert!(events().contains(&Event::Equivocation { chain: id, height: 7, validator: 12 }));
		// It is no longer assigned.
		assert!(!Assigned::<Test>::get(id).iter().any(|(v, _)| *v == 12));
		assert_noop!(submit(12, id, cp(8, 1)), Error::<Test>::NotAssigned);
	});
}

#[test]
fn checkpoint_refusals() {
	new_test_ext().execute_with(|| {
		let id = active(&[10, 11], 2);
		assert_noop!(submit(14, id, cp(1, 1)), Error::<Test>::NotAssigned);
		// Signed by the wrong key.
		let c = cp(1, 1);
		assert_noop!(
			AppChains::submit_checkpoint(RuntimeOrigin::signed(10), id, c, sign(11, id, &c)),
			Error::<Test>::BadSignature
		);
		// Signed for another chain.
		assert_noop!(
			AppChains::submit_checkpoint(RuntimeOrigin::signed(10), id, c, sign(10, id + 1, &c)),
			Error::<Test>::BadSignature
		);
		assert_noop!(submit(10, 9, c), Error::<Test>::UnknownChain);
	});
}

#[test]
fn ed25519_keys_work_too() {
	new_test_ext().execute_with(|| {
		let id = approved(1);
		let p = ed25519::Pair::from_seed(&[7; 32]);
		assert_ok!(AppChains::opt_in(RuntimeOrigin::signed(15), id, AppKey::Ed25519(p.public())));
		assert_ok!(AppChains::activate(RuntimeOrigin::signed(OTHER), id));
		let c = cp(1, 1);
		let sig = AppSignature::Ed25519(p.sign(&checkpoint_payload(id, &c)));
		assert_ok!(AppChains::submit_checkpoint(RuntimeOrigin::signed(15), id, c, sig));
		assert_eq!(Finalized::<Test>::get(id).len(), 1);
	});
}

#[test]
fn every_era_validators_are_reassigned_by_stake() {
	new_test_ext().execute_with(|| {
		let id = active(&[10, 11, 12], 2);
		let ids = |c| Assigned::<Test>::get(c).iter().map(|(v, _)| *v).collect::<Vec<_>>();
		assert_eq!(ids(id), vec![12, 11]);
		// 12 stops validating; 15 opts in with the largest stake.
		remove_validator(12);
		assert_ok!(AppChains::opt_in(RuntimeOrigin::signed(15), id, key(15)));
		// Nothing changes until the era does.
		AppChains::on_initialize(2);
		assert_eq!(ids(id), vec![12, 11]);
		set_era(1);
		AppChains::on_initialize(3);
		assert_eq!(ids(id), vec![15, 11]);
		assert!(events().contains(&Event::ValidatorUnassigned { chain: id, validator: 12, era: 1 }));
		assert!(events().contains(&Event::ValidatorAssigned { chain: id, validator: 15, era: 1 }));
	});
}

#[test]
fn lifecycle_refusals() {
	new_test_ext().execute_with(|| {
		assert_ok!(AppChains::reserve(RuntimeOrigin::signed(TEAM)));
		assert_noop!(AppChains::register(RuntimeOrigin::signed(OTHER), 0, metadata(1, 0)), Error::<Test>::NotOwner);
		assert_noop!(AppChains::register(RuntimeOrigin::signed(TEAM), 5, metadata(1, 0)), Error::<Test>::UnknownChain);
		assert_noop!(AppChains::register(RuntimeOrigin::signed(TEAM), 0, metadata(0, 0)), Error::<Test>::BadValidatorCount);
		assert_noop!(AppChains::register(RuntimeOrigin::signed(TEAM), 0, metadata(7, 0)), Error::<Test>::BadValidatorCount);
		// Not registered yet: cannot approve, opt in, activate or upgrade.
		assert_noop!(AppChains::approve(RuntimeOrigin::root(), 0), Error::<Test>::WrongState);
		assert_noop!(AppChains::opt_in(RuntimeOrigin::signed(10), 0, key(10)), Error::<Test>::WrongState);
		assert_noop!(AppChains::activate(RuntimeOrigin::signed(10), 0), Error::<Test>::WrongState);
		assert_noop!(AppChains::propose_upgrade(RuntimeOrigin::signed(TEAM), 0, H256::zero()), Error::<Test>::WrongState);
		assert_ok!(AppChains::register(RuntimeOrigin::signed(TEAM), 0, metadata(2, 0)));
		// Governance only.
		assert_noop!(AppChains::approve(RuntimeOrigin::signed(TEAM), 0), BadOrigin);
		assert_noop!(AppChains::pause(RuntimeOrigin::root(), 0), Error::<Test>::WrongState);
		assert_noop!(AppChains::resume(RuntimeOrigin::root(), 0), Error::<Test>::WrongState);
		assert_noop!(AppChains::approve_upgrade(RuntimeOrigin::root(), 0), Error::<Test>::NoPendingUpgrade);
		// Before activation an upgrade applies at once; the same hash is refused.
		assert_noop!(
			AppChains::propose_upgrade(RuntimeOrigin::signed(TEAM), 0, H256::repeat_byte(2)),
			Error::<Test>::SameCode
		);
		assert_noop!(AppChains::propose_upgrade(RuntimeOrigin::signed(OTHER), 0, H256::zero()), Error::<Test>::NotOwner);
		assert_ok!(AppChains::propose_upgrade(RuntimeOrigin::signed(TEAM), 0, H256::repeat_byte(3)));
		assert!(PendingUpgrade::<Test>::get(0).is_none());
		assert_ok!(AppChains::approve(RuntimeOrigin::root(), 0));
		// Not enough validators: 1 of 2.
		assert_ok!(AppChains::opt_in(RuntimeOrigin::signed(10), 0, key(10)));
		assert_noop!(AppChains::opt_in(RuntimeOrigin::signed(10), 0, key(10)), Error::<Test>::AlreadyOptedIn);
		assert_noop!(AppChains::activate(RuntimeOrigin::signed(10), 0), Error::<Test>::NotEnoughValidators);
		assert_noop!(AppChains::opt_out(RuntimeOrigin::signed(11), 0), Error::<Test>::NotOptedIn);
		assert_noop!(AppChains::opt_out(RuntimeOrigin::signed(11), 4), Error::<Test>::UnknownChain);
		assert_noop!(AppChains::retire(RuntimeOrigin::signed(OTHER), 0), Error::<Test>::NotOwner);
		assert_noop!(AppChains::withdraw(RuntimeOrigin::signed(OTHER), 0), Error::<Test>::WrongState);
	});
}

#[test]
fn reject_returns_the_deposit() {
	new_test_ext().execute_with(|| {
		assert_ok!(AppChains::reserve(RuntimeOrigin::signed(TEAM)));
		assert_noop!(AppChains::reject(RuntimeOrigin::root(), 0), Error::<Test>::WrongState);
		assert_ok!(AppChains::register(RuntimeOrigin::signed(TEAM), 0, metadata(1, 0)));
		assert_ok!(AppChains::reject(RuntimeOrigin::root(), 0));
		assert_eq!(state(0), Lifecycle::Rejected);
		assert_eq!(held(TEAM, HoldReason::ChainDeposit), 0);
		assert_noop!(AppChains::retire(RuntimeOrigin::signed(TEAM), 0), Error::<Test>::WrongState);
	});
}

#[test]
fn bounds_on_candidates_and_active_chains() {
	new_test_ext().execute_with(|| {
		let id = approved(1);
		for v in 100..108u64 {
			set_validator(v, 10);
			let _ = <Balances as frame_support::traits::fungible::Mutate<AccountId>>::mint_into(&v, 1_000);
			assert_ok!(AppChains::opt_in(RuntimeOrigin::signed(v), id, key(v)));
		}
		assert_noop!(AppChains::opt_in(RuntimeOrigin::signed(10), id, key(10)), Error::<Test>::TooManyCandidates);
		// Two active chains at most.
		active(&[10], 1);
		active(&[11], 1);
		assert_noop!(AppChains::activate(RuntimeOrigin::signed(OTHER), id), Error::<Test>::TooManyActiveChains);
	});
}

#[test]
fn deposits_are_required() {
	new_test_ext().execute_with(|| {
		assert!(AppChains::reserve(RuntimeOrigin::signed(POOR)).is_err());
		assert_eq!(NextChainId::<Test>::get(), 0);
	});
}

#[test]
fn opting_out_leaves_the_assignment() {
	new_test_ext().execute_with(|| {
		let id = active(&[10, 11], 2);
		assert_ok!(AppChains::opt_out(RuntimeOrigin::signed(10), id));
		assert_eq!(Assigned::<Test>::get(id).len(), 1);
		assert_eq!(held(10, HoldReason::OptInDeposit), 0);
		assert_noop!(submit(10, id, cp(1, 1)), Error::<Test>::NotAssigned);
	});
}

#[test]
fn only_the_latest_checkpoints_and_code_hashes_are_kept() {
	new_test_ext().execute_with(|| {
		let id = active(&[10], 1);
		for h in 1..=5u64 {
			assert_ok!(submit(10, id, cp(h, h as u8)));
		}
		let heights: Vec<_> = Finalized::<Test>::get(id).iter().map(|f| f.checkpoint.height).collect();
		assert_eq!(heights, vec![3, 4, 5]);
		for b in 10..15u8 {
			assert_ok!(AppChains::propose_upgrade(RuntimeOrigin::signed(TEAM), id, H256::repeat_byte(b)));
			assert_ok!(AppChains::approve_upgrade(RuntimeOrigin::root(), id));
		}
		assert_eq!(CodeHistory::<Test>::get(id).len(), 3);
		assert_eq!(CodeHistory::<Test>::get(id).last().unwrap().0, H256::repeat_byte(14));
	});
}
