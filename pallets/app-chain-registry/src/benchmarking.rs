//! Benchmarks of the app-chain registry. Metadata at its longest; checkpoint cost measured
//! against the number of assigned validators (bounded by `MaxAssigned`), activation, rotation
//! and withdrawal against the number of candidates (bounded by `MaxCandidates`).

use super::*;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate as FunMutate, EnsureOrigin, Get, Hooks},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_core::{sr25519, H256};

const SEED: u32 = 0;

fn funded<T: Config>(name: &'static str, i: u32) -> T::AccountId
where
	T::Currency: FunMutate<T::AccountId>,
{
	let who: T::AccountId = account(name, i, SEED);
	let _ = T::Currency::set_balance(&who, 1_000_000_000_000_000);
	who
}

fn max_metadata<T: Config>(wanted: u32) -> ChainMetadataOf<T> {
	let name = BoundedVec::truncate_from(alloc::vec![b'n'; T::NameLimit::get() as usize]);
	let url = BoundedVec::truncate_from(alloc::vec![b'u'; T::UrlLimit::get() as usize]);
	ChainMetadata {
		name: name.clone(),
		genesis_hash: H256::repeat_byte(1),
		code_hash: H256::repeat_byte(2),
		token_symbol: name,
		token_decimals: 12,
		rpc_url: url.clone(),
		website: url,
		validators_wanted: wanted,
		min_stake: 0,
	}
}

/// An sr25519 app key generated in the benchmark host's keystore.
fn app_key(i: u32) -> AppKey {
	let seed = alloc::format!("//bench-app-key-{i}");
	AppKey::Sr25519(sp_io::crypto::sr25519_generate(sp_core::crypto::key_types::DUMMY, Some(seed.into_bytes())))
}

fn sign(key: &AppKey, chain: ChainId, cp: &Checkpoint) -> AppSignature {
	let AppKey::Sr25519(public) = key else { unreachable!("benchmarks use sr25519 keys") };
	let sig: sr25519::Signature =
		sp_io::crypto::sr25519_sign(sp_core::crypto::key_types::DUMMY, public, &checkpoint_payload(chain, cp))
			.expect("key in the keystore");
	AppSignature::Sr25519(sig)
}

/// A registered and approved chain wanting `wanted` validators, with `candidates` validators
/// opted in. Returns the chain and the candidates with their keys.
fn approved_with<T: Config>(wanted: u32, candidates: u32) -> (ChainId, T::AccountId, alloc::vec::Vec<(T::AccountId, AppKey)>)
where
	T::Currency: FunMutate<T::AccountId>,
{
	let owner = funded::<T>("owner", 0);
	let chain = Pallet::<T>::do_reserve(owner.clone()).expect("reserved");
	Pallet::<T>::do_register(owner.clone(), chain, max_metadata::<T>(wanted.max(1))).expect("registered");
	Chains::<T>::mutate(chain, |c| {
		if let Some(c) = c {
			c.lifecycle = Lifecycle::Approved;
		}
	});
	let mut vs = alloc::vec::Vec::new();
	for i in 0..candidates {
		let v = funded::<T>("validator", i);
		T::BenchmarkHelper::make_validator(&v, 1_000_000 + u128::from(i));
		let key = app_key(i);
		Pallet::<T>::do_opt_in(v.clone(), chain, key).expect("opted in");
		vs.push((v, key));
	}
	(chain, owner, vs)
}

fn active_with<T: Config>(n: u32) -> (ChainId, T::AccountId, alloc::vec::Vec<(T::AccountId, AppKey)>)
where
	T::Currency: FunMutate<T::AccountId>,
{
	let (chain, owner, vs) = approved_with::<T>(n, n);
	Pallet::<T>::do_activate(chain).expect("active");
	(chain, owner, vs)
}

fn checkpoint(height: u64, tag: u8) -> Checkpoint {
	Checkpoint { height, block_hash: H256::repeat_byte(tag), state_root: H256::repeat_byte(tag) }
}

#[benchmarks(where T::Currency: FunMutate<T::AccountId>)]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn reserve() {
		let owner = funded::<T>("owner", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner));
		assert!(Chains::<T>::contains_key(0));
	}

	#[benchmark]
	fn register() {
		let owner = funded::<T>("owner", 0);
		let chain = Pallet::<T>::do_reserve(owner.clone()).expect("reserved");
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), chain, max_metadata::<T>(T::MaxAssigned::get()));
		assert!(Chains::<T>::get(chain).is_some_and(|c| c.lifecycle == Lifecycle::Registered));
	}

	#[benchmark]
	fn approve() -> Result<(), BenchmarkError> {
		let origin = T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let owner = funded::<T>("owner", 0);
		let chain = Pallet::<T>::do_reserve(owner.clone()).expect("reserved");
		Pallet::<T>::do_register(owner, chain, max_metadata::<T>(1)).expect("registered");
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, chain);
		assert!(Chains::<T>::get(chain).is_some_and(|c| c.lifecycle == Lifecycle::Approved));
		Ok(())
	}

	#[benchmark]
	fn reject() -> Result<(), BenchmarkError> {
		let origin = T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let owner = funded::<T>("owner", 0);
		let chain = Pallet::<T>::do_reserve(owner.clone()).expect("reserved");
		Pallet::<T>::do_register(owner, chain, max_metadata::<T>(1)).expect("registered");
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, chain);
		assert!(Chains::<T>::get(chain).is_some_and(|c| c.lifecycle == Lifecycle::Rejected));
		Ok(())
	}

	#[benchmark]
	fn opt_in() {
		let (chain, _, _) = approved_with::<T>(1, T::MaxCandidates::get() - 1);
		let v = funded::<T>("validator", 9_999);
		T::BenchmarkHelper::make_validator(&v, 1_000);
		let key = app_key(9_999);
		#[extrinsic_call]
		_(RawOrigin::Signed(v.clone()), chain, key);
		assert!(Candidates::<T>::contains_key(chain, &v));
	}

	/// Opting out while assigned (leaves the assignment too).
	#[benchmark]
	fn opt_out() {
		let (chain, _, vs) = active_with::<T>(T::MaxAssigned::get());
		let (v, _) = vs.last().cloned().expect("validators");
		#[extrinsic_call]
		_(RawOrigin::Signed(v.clone()), chain);
		assert!(!Candidates::<T>::contains_key(chain, &v));
	}

	/// Activation with `c` candidates to rank.
	#[benchmark]
	fn activate(c: Linear<1, { T::MaxCandidates::get() }>) {
		let (chain, _, _) = approved_with::<T>(c.min(T::MaxAssigned::get()), c);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), chain);
		assert!(Chains::<T>::get(chain).is_some_and(|i| i.lifecycle == Lifecycle::Active));
	}

	/// The era's reassignment of one chain with `c` candidates (from `on_initialize`).
	#[benchmark]
	fn rotate(c: Linear<1, { T::MaxCandidates::get() }>) {
		let (chain, _, _) = approved_with::<T>(c.min(T::MaxAssigned::get()), c);
		Pallet::<T>::do_activate(chain).expect("active");
		RotationQueue::<T>::put(BoundedVec::truncate_from(alloc::vec![chain]));
		LastEra::<T>::put(T::Validators::era());
		#[block]
		{
			Pallet::<T>::on_initialize(frame_system::Pallet::<T>::block_number());
		}
		assert!(RotationQueue::<T>::get().is_empty());
	}

	/// The signature that finalizes a checkpoint, with `v` validators assigned (the other
	/// signatures already in).
	#[benchmark]
	fn submit_checkpoint(v: Linear<1, { T::MaxAssigned::get() }>) {
		let (chain, _, vs) = active_with::<T>(v);
		let cp = checkpoint(10, 1);
		let needed = (v * 2).div_ceil(3);
		for (who, key) in vs.iter().take(needed.saturating_sub(1) as usize) {
			Pallet::<T>::do_submit_checkpoint(who.clone(), chain, cp, sign::<>(key, chain, &cp)).expect("signed");
		}
		let (who, key) = vs.get(needed.saturating_sub(1) as usize).cloned().expect("signer");
		let sig = sign(&key, chain, &cp);
		#[extrinsic_call]
		submit_checkpoint(RawOrigin::Signed(who), chain, cp, sig);
		assert!(Finalized::<T>::get(chain).last().is_some_and(|f| f.checkpoint == cp));
	}

	/// A second, conflicting signature: recorded and reported as an offence.
	#[benchmark]
	fn report_equivocation(v: Linear<2, { T::MaxAssigned::get() }>) {
		let (chain, _, vs) = active_with::<T>(v);
		let (who, key) = vs.first().cloned().expect("signer");
		let first = checkpoint(10, 1);
		Pallet::<T>::do_submit_checkpoint(who.clone(), chain, first, sign(&key, chain, &first)).expect("signed");
		let second = checkpoint(10, 2);
		let sig = sign(&key, chain, &second);
		#[extrinsic_call]
		submit_checkpoint(RawOrigin::Signed(who.clone()), chain, second, sig);
		assert!(Equivocations::<T>::contains_key((chain, 10), &who));
	}

	#[benchmark]
	fn propose_upgrade() {
		let (chain, owner, _) = active_with::<T>(1);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), chain, H256::repeat_byte(9));
		assert!(PendingUpgrade::<T>::contains_key(chain));
	}

	#[benchmark]
	fn approve_upgrade() -> Result<(), BenchmarkError> {
		let origin = T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (chain, owner, _) = active_with::<T>(1);
		for b in 0..T::MaxCodeHistory::get() {
			Pallet::<T>::set_code(chain, H256::repeat_byte(100u8.wrapping_add(b as u8)));
		}
		Pallet::<T>::do_propose_upgrade(owner, chain, H256::repeat_byte(9)).expect("proposed");
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, chain);
		assert!(!PendingUpgrade::<T>::contains_key(chain));
		Ok(())
	}

	#[benchmark]
	fn pause() -> Result<(), BenchmarkError> {
		let origin = T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (chain, _, _) = active_with::<T>(1);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, chain);
		Ok(())
	}

	#[benchmark]
	fn resume() -> Result<(), BenchmarkError> {
		let origin = T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (chain, _, _) = active_with::<T>(1);
		Pallet::<T>::transition(chain, |_| true, Lifecycle::Paused).expect("paused");
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, chain);
		Ok(())
	}

	/// Retiring an active chain with `v` validators assigned.
	#[benchmark]
	fn retire(v: Linear<1, { T::MaxAssigned::get() }>) {
		let (chain, owner, _) = active_with::<T>(v);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), chain);
		assert!(Assigned::<T>::get(chain).is_empty());
	}

	/// Withdrawing a retired chain with `c` candidates still opted in.
	#[benchmark]
	fn withdraw(c: Linear<1, { T::MaxCandidates::get() }>) {
		let (chain, owner, _) = approved_with::<T>(1, c);
		Pallet::<T>::do_retire(owner, chain).expect("retired");
		let later = frame_system::Pallet::<T>::block_number() + T::RetirementDelay::get() + BlockNumberFor::<T>::from(1u32);
		frame_system::Pallet::<T>::set_block_number(later);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), chain);
		assert!(!Chains::<T>::contains_key(chain));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
