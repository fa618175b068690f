//! # Economics pallet
//!
//! XPRT's economic and timing parameters in one place, so they are not hard-coded across the
//! runtime:
//!
//! - the **inflation schedule** ([`InflationParams`]: minimum and maximum annual rate *in force
//!   now*, target bonded ratio, halving period), read by staking's era payout and changeable by
//!   governance with [`Pallet::set_inflation`] within the runtime's cap
//!   ([`Config::MaxAnnualRate`]);
//! - the **halving clock** ([`NextHalving`]): when it passes, both stored bounds are halved and
//!   the clock moves one period on — stateful, like persistenceCore's `x/halving`, and counted
//!   in wall-clock time (the timestamp), as era payouts are. Halving never re-derives history
//!   from genesis, so a schedule set by governance means what it says from the moment it is set;
//! - the network's **session timing** — BABE epoch (session) length and sessions per era —
//!   fixed at genesis per network. BABE cannot change its epoch length after genesis, so there
//!   is no call for these.
//!
//! `runtime_api::EconomicsApi::inflation` reports the schedule in force, the next halving and
//! the rate at the current bonded ratio.

#![cfg_attr(not(feature = "std"), no_std)]

pub use pallet::*;
pub use persistence_primitives::inflation::InflationParams;
pub use weights::WeightInfo;

pub mod runtime_api;
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
	use frame_support::{pallet_prelude::*, traits::UnixTime};
	use frame_system::pallet_prelude::*;
	use persistence_primitives::inflation::{halve, MILLISECS_PER_YEAR};
	use sp_runtime::Perquintill;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	/// The longest halving period governance may set, in years (a longer one is "never": 0).
	pub const MAX_HALVING_PERIOD_YEARS: u32 = 100;

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
		/// The highest annual rate (`max_rate`) a schedule may have (`Perquintill`: 10^18 =
		/// 100 %).
		#[pallet::constant]
		type MaxAnnualRate: Get<Perquintill>;
		/// Wall-clock time (the timestamp pallet), which the halving clock counts.
		type UnixTime: UnixTime;
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

	/// The inflation schedule in force: its bounds are today's (every halving so far applied).
	#[pallet::storage]
	pub type Inflation<T: Config> =
		StorageValue<_, InflationParams, ValueQuery, DefaultInflationValue<T>>;

	/// When the next halving applies (Unix time, ms). Set at the end of block 1 (one halving
	/// period after the chain's first block time; a later block's if block 1 had no timestamp)
	/// and moved one period on by each halving; `None` before that (the runtime API reports no
	/// halving yet) and while the halving period is 0 (never).
	#[pallet::storage]
	pub type NextHalving<T: Config> = StorageValue<_, u64, OptionQuery>;

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
		/// Governance changed the inflation schedule; `next_halving` is when it next halves
		/// (Unix ms).
		InflationChanged { params: InflationParams, next_halving: Option<u64> },
		/// The halving clock passed `halvings` times: both bounds halved that many times;
		/// `next_halving` in Unix ms.
		Halved { halvings: u32, params: InflationParams, next_halving: Option<u64> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The minimum rate exceeds the maximum.
		MinAboveMax,
		/// The target bonded ratio must be positive.
		ZeroTarget,
		/// The maximum rate exceeds the runtime's cap (`MaxAnnualRate`).
		RateAboveCap,
		/// The halving period exceeds `MAX_HALVING_PERIOD_YEARS` (use 0 for "never").
		HalvingPeriodTooLong,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Accounts for `on_finalize`: one read of the clock each block; until the clock has
		/// started, the schedule and the timestamp too, and a write.
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			if NextHalving::<T>::get().is_none() {
				T::DbWeight::get().reads_writes(3, 1)
			} else {
				T::DbWeight::get().reads(1)
			}
		}

		/// Starts the halving clock at the end of the first block with a timestamp (block 1 on
		/// a chain whose timestamp inherent runs, as every block's must). A block without one
		/// (`now` = 0) leaves it for a later block rather than start the clock at 1970; a
		/// schedule that never halves (period 0) has no clock to start.
		fn on_finalize(_n: BlockNumberFor<T>) {
			if NextHalving::<T>::get().is_some() {
				return;
			}
			let p = Inflation::<T>::get();
			let now = Self::now();
			if now > 0 {
				if let Some(next) = next_after(now, &p) {
					NextHalving::<T>::put(next);
				}
			}
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Replace the inflation schedule. `min_rate`/`max_rate` are the annual rates in force
		/// from now (not pre-halving values): halvings already past are not applied to them again.
		/// The halving clock keeps running if `halving_period_years` is unchanged; a new period
		/// restarts it one new period from now; 0 stops it. Applies from the next era payout.
		///
		/// - `params`: [`InflationParams`]: `min_rate`, `max_rate` and `target_bonded` are
		///   `Perquintill`s, 10^18 = 100 % (7 % = 70_000_000_000_000_000, 20 % =
		///   200_000_000_000_000_000, 67 % = 670_000_000_000_000_000); `halving_period_years`
		///   in years of 365.25 days (0: never).
		///
		/// Origin: `AdminOrigin`. Bounds: `min_rate ≤ max_rate ≤ MaxAnnualRate`, a positive
		/// `target_bonded`, `halving_period_years ≤ 100`. Emits `Halved` first if a halving was
		/// due, then `InflationChanged`, whose `next_halving` is Unix time in ms.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_inflation())]
		pub fn set_inflation(origin: OriginFor<T>, params: InflationParams) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::validate(&params)?;
			let now = Self::now();
			let old = Self::apply_due_halvings(now);
			let next = if old.halving_period_years == params.halving_period_years {
				match NextHalving::<T>::get() {
					Some(at) => Some(at),
					None => next_after(now, &params),
				}
			} else {
				next_after(now, &params)
			};
			Inflation::<T>::put(params);
			NextHalving::<T>::set(next);
			Self::deposit_event(Event::InflationChanged { params, next_halving: next });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Check a schedule's consistency and bounds.
		pub fn validate(p: &InflationParams) -> Result<(), Error<T>> {
			ensure!(p.min_rate <= p.max_rate, Error::<T>::MinAboveMax);
			ensure!(!p.target_bonded.is_zero(), Error::<T>::ZeroTarget);
			ensure!(p.max_rate <= T::MaxAnnualRate::get(), Error::<T>::RateAboveCap);
			ensure!(
				p.halving_period_years <= MAX_HALVING_PERIOD_YEARS,
				Error::<T>::HalvingPeriodTooLong
			);
			Ok(())
		}

		/// Unix time in ms.
		pub fn now() -> u64 {
			u64::try_from(T::UnixTime::now().as_millis()).unwrap_or(u64::MAX)
		}

		/// The schedule in force at `now` and the next halving, without writing anything.
		pub fn schedule_at(now: u64) -> (InflationParams, Option<u64>, u32) {
			due(Inflation::<T>::get(), NextHalving::<T>::get(), now)
		}

		/// Apply every halving due at `now` (storage and a `Halved` event) and return the
		/// schedule in force. Era payouts call this.
		pub fn apply_due_halvings(now: u64) -> InflationParams {
			let (params, next, halvings) = Self::schedule_at(now);
			if halvings > 0 {
				Inflation::<T>::put(params);
				NextHalving::<T>::set(next);
				Self::deposit_event(Event::Halved { halvings, params, next_halving: next });
			}
			params
		}
	}

	/// One halving period after `now`, or `None` when the period is 0 (never) or beyond u64 ms.
	pub(crate) fn next_after(now: u64, p: &InflationParams) -> Option<u64> {
		if p.halving_period_years == 0 {
			return None;
		}
		u64::from(p.halving_period_years)
			.checked_mul(MILLISECS_PER_YEAR)
			.and_then(|period| now.checked_add(period))
	}

	/// `params` and `next` after every halving due at `now`, and how many there were.
	pub(crate) fn due(
		params: InflationParams,
		next: Option<u64>,
		now: u64,
	) -> (InflationParams, Option<u64>, u32) {
		let (Some(at), Some(period)) = (
			next,
			u64::from(params.halving_period_years).checked_mul(MILLISECS_PER_YEAR).filter(|p| *p > 0),
		) else {
			return (params, next, 0);
		};
		let Some(late) = now.checked_sub(at) else {
			return (params, next, 0);
		};
		// `late / period + 1` periods have ended (period > 0); more than 64 leave both bounds 0.
		let ended = late.checked_div(period).and_then(|k| k.checked_add(1)).unwrap_or(u64::MAX);
		let halvings = u32::try_from(ended).unwrap_or(u32::MAX);
		let next = ended.checked_mul(period).and_then(|d| at.checked_add(d));
		let params = InflationParams {
			min_rate: halve(params.min_rate, halvings),
			max_rate: halve(params.max_rate, halvings),
			..params
		};
		(params, next, halvings)
	}
}

/// `Get` of the inflation schedule stored now (halvings applied at the last era payout or call).
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
