//! # Economics pallet
//!
//! XPRT's economic and timing parameters in one place, so they are not hard-coded across the
//! runtime:
//!
//! - the **inflation schedule** ([`InflationParams`]: minimum and maximum annual rate, target
//!   bonded ratio, halving period), read by staking's era payout and changeable by governance
//!   with [`Pallet::set_inflation`];
//! - the network's **session timing** — BABE epoch (session) length and sessions per era —
//!   fixed at genesis per network (short on development networks so an election happens within
//!   minutes, production values on `testnet`). BABE cannot change its epoch length after
//!   genesis, so there is no call for these.

#![cfg_attr(not(feature = "std"), no_std)]

pub use pallet::*;
pub use persistence_primitives::inflation::InflationParams;
pub use weights::WeightInfo;

pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;
		/// Who may change the inflation schedule (governance).
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// The schedule before genesis or governance sets one.
		#[pallet::constant]
		type DefaultInflation: Get<InflationParams>;
		/// Session (BABE epoch) length in blocks if genesis sets none.
		#[pallet::constant]
		type DefaultEpochDuration: Get<u64>;
		/// Sessions per era if genesis sets none.
		#[pallet::constant]
		type DefaultSessionsPerEra: Get<u32>;
		/// Weights of the calls.
		type WeightInfo: WeightInfo;
	}

	#[pallet::type_value]
	pub fn DefaultInflationValue<T: Config>() -> InflationParams {
		T::DefaultInflation::get()
	}
	#[pallet::type_value]
	pub fn DefaultEpochDurationValue<T: Config>() -> u64 {
		T::DefaultEpochDuration::get()
	}
	#[pallet::type_value]
	pub fn DefaultSessionsPerEraValue<T: Config>() -> u32 {
		T::DefaultSessionsPerEra::get()
	}

	/// The inflation schedule in force.
	#[pallet::storage]
	pub type Inflation<T: Config> =
		StorageValue<_, InflationParams, ValueQuery, DefaultInflationValue<T>>;

	/// Session (BABE epoch) length in blocks; set at genesis.
	#[pallet::storage]
	pub type EpochDuration<T: Config> = StorageValue<_, u64, ValueQuery, DefaultEpochDurationValue<T>>;

	/// Sessions per staking era; set at genesis.
	#[pallet::storage]
	pub type SessionsPerEra<T: Config> =
		StorageValue<_, u32, ValueQuery, DefaultSessionsPerEraValue<T>>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Inflation schedule; `None` keeps `DefaultInflation`.
		pub inflation: Option<InflationParams>,
		/// Session length in blocks; `None` keeps `DefaultEpochDuration`.
		pub epoch_duration: Option<u64>,
		/// Sessions per era; `None` keeps `DefaultSessionsPerEra`.
		pub sessions_per_era: Option<u32>,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some(p) = self.inflation {
				assert!(Pallet::<T>::validate(&p).is_ok(), "invalid genesis inflation schedule");
				Inflation::<T>::put(p);
			}
			if let Some(e) = self.epoch_duration {
				assert!(e > 0, "epoch duration must be positive");
				EpochDuration::<T>::put(e);
			}
			if let Some(s) = self.sessions_per_era {
				assert!(s > 0, "sessions per era must be positive");
				SessionsPerEra::<T>::put(s);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Governance changed the inflation schedule.
		InflationChanged { params: InflationParams },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The minimum rate exceeds the maximum.
		MinAboveMax,
		/// The target bonded ratio must be positive.
		ZeroTarget,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Replace the inflation schedule. It applies from the next era payout.
		///
		/// Origin: `AdminOrigin`. Emits `InflationChanged`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_inflation())]
		pub fn set_inflation(origin: OriginFor<T>, params: InflationParams) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::validate(&params)?;
			Inflation::<T>::put(params);
			Self::deposit_event(Event::InflationChanged { params });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Check a schedule's consistency.
		pub fn validate(p: &InflationParams) -> Result<(), Error<T>> {
			ensure!(p.min_rate <= p.max_rate, Error::<T>::MinAboveMax);
			ensure!(!p.target_bonded.is_zero(), Error::<T>::ZeroTarget);
			Ok(())
		}
	}
}

/// `Get` of the inflation schedule in force (for the runtime's era payout).
pub struct InflationOf<T>(core::marker::PhantomData<T>);
impl<T: Config> frame_support::traits::Get<InflationParams> for InflationOf<T> {
	fn get() -> InflationParams {
		Inflation::<T>::get()
	}
}

/// `Get` of the session length (for BABE's `EpochDuration`).
pub struct EpochDurationOf<T>(core::marker::PhantomData<T>);
impl<T: Config> frame_support::traits::Get<u64> for EpochDurationOf<T> {
	fn get() -> u64 {
		EpochDuration::<T>::get()
	}
}

/// `Get` of the sessions per era (for staking's `SessionsPerEra`).
pub struct SessionsPerEraOf<T>(core::marker::PhantomData<T>);
impl<T: Config> frame_support::traits::Get<u32> for SessionsPerEraOf<T> {
	fn get() -> u32 {
		SessionsPerEra::<T>::get()
	}
}
