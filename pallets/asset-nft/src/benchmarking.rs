//! Benchmarks of the asset-NFT pallet. Every call is benchmarked at its largest inputs
//! (longest metadata, most private fields); none depends on how many assets exist.

use super::*;
use crate::functions::commitment_of;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate as FunMutate, EnsureOrigin, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use persistence_primitives::rwa::{AssetKind, RwaCollateral};
use sp_core::H256;

const SEED: u32 = 0;

fn funded<T: Config>(name: &'static str, i: u32) -> T::AccountId
where
	T::Currency: FunMutate<T::AccountId>,
{
	let who: T::AccountId = account(name, i, SEED);
	let amount: u128 = 1_000_000_000_000_000_000;
	let _ = T::Currency::set_balance(&who, amount);
	who
}

fn max_params<T: Config>() -> AssetParamsOf<T> {
	let meta_len = T::MetadataLimit::get() as usize;
	let fields = T::MaxPrivateFields::get() as usize;
	let mut private = alloc::vec::Vec::with_capacity(fields);
	for i in 0..fields {
		private.push(commitment_of(b"salt", &[i as u8]));
	}
	AssetParams {
		face_value: 1_000_000_000,
		currency: 1984,
		issue_date: Some(1),
		maturity_date: Some(2),
		document_hash: H256::repeat_byte(1),
		metadata: BoundedVec::truncate_from(alloc::vec![7u8; meta_len]),
		private_fields: BoundedVec::truncate_from(private),
	}
}

fn schema<T: Config>() -> BoundedVec<u8, T::SchemaLimit> {
	BoundedVec::truncate_from(alloc::vec![b's'; T::SchemaLimit::get() as usize])
}

/// A class of invoices and one asset (item 0) owned by the returned account.
fn with_asset<T: Config>() -> (T::AccountId, ClassId, ItemId)
where
	T::Currency: FunMutate<T::AccountId>,
{
	let owner = funded::<T>("owner", 0);
	let class = Pallet::<T>::do_create_class(owner.clone(), AssetKind::Invoice, schema::<T>())
		.expect("class created");
	let item = Pallet::<T>::do_mint(owner.clone(), class, max_params::<T>()).expect("minted");
	(owner, class, item)
}

fn verifier<T: Config>() -> T::AccountId
where
	T::Currency: FunMutate<T::AccountId>,
{
	let v = funded::<T>("verifier", 0);
	Verifiers::<T>::insert(&v, ());
	v
}

fn verified_asset<T: Config>() -> (T::AccountId, ClassId, ItemId)
where
	T::Currency: FunMutate<T::AccountId>,
{
	let (owner, class, item) = with_asset::<T>();
	let v = verifier::<T>();
	let until = Pallet::<T>::now().saturating_add(1_000_000);
	Pallet::<T>::do_verify(v, class, item, H256::repeat_byte(1), 1_000, until).expect("verified");
	(owner, class, item)
}

#[benchmarks(where T::Currency: FunMutate<T::AccountId>)]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_class() {
		let caller = funded::<T>("caller", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), AssetKind::Invoice, schema::<T>());
		assert_eq!(Classes::<T>::get(0).map(|c| c.owner), Some(caller));
	}

	#[benchmark]
	fn destroy_class() {
		let caller = funded::<T>("caller", 0);
		let class = Pallet::<T>::do_create_class(caller.clone(), AssetKind::Invoice, schema::<T>())
			.expect("class created");
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), class);
		assert!(Classes::<T>::get(class).is_none());
	}

	#[benchmark]
	fn mint() {
		let caller = funded::<T>("caller", 0);
		let class = Pallet::<T>::do_create_class(caller.clone(), AssetKind::Invoice, schema::<T>())
			.expect("class created");
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), class, max_params::<T>());
		assert!(Assets::<T>::contains_key(class, 0));
	}

	#[benchmark]
	fn update_metadata() {
		let (owner, class, item) = verified_asset::<T>();
		let meta = BoundedVec::truncate_from(alloc::vec![9u8; T::MetadataLimit::get() as usize]);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), class, item, H256::repeat_byte(2), meta);
		assert_eq!(
			Assets::<T>::get(class, item).map(|r| r.verification),
			Some(Verification::Pending)
		);
	}

	#[benchmark]
	fn reveal() {
		let (owner, class, item) = with_asset::<T>();
		let salt = BoundedVec::truncate_from(b"salt".to_vec());
		let last = T::MaxPrivateFields::get().saturating_sub(1);
		let value = BoundedVec::truncate_from(alloc::vec![last as u8]);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), class, item, last, salt, value);
	}

	#[benchmark]
	fn add_verifier() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let v: T::AccountId = account("v", 0, SEED);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, v.clone());
		assert!(Verifiers::<T>::contains_key(&v));
		Ok(())
	}

	#[benchmark]
	fn remove_verifier() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let v = verifier::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, v.clone());
		assert!(!Verifiers::<T>::contains_key(&v));
		Ok(())
	}

	// Named `verify_asset`: `verify` is reserved by the benchmarking macro.
	#[benchmark]
	fn verify_asset() {
		let (_, class, item) = with_asset::<T>();
		let v = verifier::<T>();
		let until = Pallet::<T>::now().saturating_add(1_000_000);
		#[extrinsic_call]
		verify(RawOrigin::Signed(v), class, item, H256::repeat_byte(1), 1_000u128, until);
	}

	#[benchmark]
	fn reject() {
		let (_, class, item) = with_asset::<T>();
		let v = verifier::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(v), class, item, 7u16);
	}

	#[benchmark]
	fn settle() {
		let (owner, class, item) = with_asset::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), class, item);
		assert_eq!(Assets::<T>::get(class, item).map(|r| r.settled), Some(true));
	}

	#[benchmark]
	fn transfer() {
		let (owner, class, item) = with_asset::<T>();
		let dest = funded::<T>("dest", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), class, item, dest.clone());
		assert_eq!(Pallet::<T>::owner_of(class, item), Some(dest));
	}

	#[benchmark]
	fn burn() {
		let (owner, class, item) = with_asset::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), class, item);
		assert!(!Assets::<T>::contains_key(class, item));
	}

	#[benchmark]
	fn force_lock() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (_, class, item) = verified_asset::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, class, item);
		Ok(())
	}

	#[benchmark]
	fn force_unlock() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (_, class, item) = verified_asset::<T>();
		Pallet::<T>::do_lock(class, item, crate::functions::GOVERNANCE_LOCK)
			.map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, class, item);
		assert_eq!(
			<Pallet<T> as RwaCollateral<T::AccountId>>::collateral_info(&class, &item)
				.and_then(|i| i.locked_by),
			None
		);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
