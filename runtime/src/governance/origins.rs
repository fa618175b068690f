//! The custom origins that referenda tracks dispatch with, and the network's governance pace.
//!
//! A referendum on the `general_admin` track that passes dispatches its call with the
//! `GeneralAdmin` origin; the RWA pallets accept that origin for their privileged calls
//! (verifiers, advance rates, loan parameters, pool approval, inflation). `WhitelistedCaller`
//! dispatches calls the technical committee has whitelisted. `StakingAdmin`,
//! `ReferendumCanceller`, `ReferendumKiller` and `Treasurer` come from the tracks of the same
//! names.

pub use pallet_custom_origins::*;

#[frame_support::pallet]
pub mod pallet_custom_origins {
	use frame_support::{pallet_prelude::*, traits::OriginTrait};

	#[pallet::config]
	pub trait Config: frame_system::Config {}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// Whether this network runs governance on the fast track table (periods of a few blocks,
	/// for development and test networks) instead of the production one.
	#[pallet::storage]
	pub type FastTracks<T> = StorageValue<_, bool, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Use the fast track table.
		pub fast_tracks: bool,
		#[serde(skip)]
		pub _marker: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			FastTracks::<T>::put(self.fast_tracks);
		}
	}

	/// Origins of the non-root tracks.
	#[derive(
		PartialEq, Eq, Clone, MaxEncodedLen, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug,
	)]
	#[pallet::origin]
	pub enum Origin {
		/// A call the technical committee whitelisted, approved by the `whitelisted_caller`
		/// track.
		WhitelistedCaller,
		/// RWA and network parameters: verifiers, advance rates, loan parameters, pool and
		/// app-chain approval, inflation, identity registrars.
		GeneralAdmin,
		/// Staking administration, the staking pallet's `AdminOrigin`: cancelling a deferred
		/// slash, the minimum commission, ledger repair, a manual slash. (The validator count
		/// and staking limits stay with Root: the pallet requires it.)
		StakingAdmin,
		/// Cancels a referendum (deposits returned), e.g. one that a whitelisted fix supersedes.
		ReferendumCanceller,
		/// Kills a referendum (deposits slashed to the treasury): one that is an attack.
		ReferendumKiller,
		/// Treasury spends of up to `TREASURER_MAX_SPEND` each.
		Treasurer,
	}

	/// The most one `treasurer` referendum may spend: 1,000,000 XPRT. Larger spends go
	/// through a `root` referendum.
	pub const TREASURER_MAX_SPEND: crate::Balance = 1_000_000 * crate::UNITS;

	/// The treasury's `SpendOrigin` for a passed `treasurer` referendum: it may spend up to
	/// `TREASURER_MAX_SPEND`.
	pub struct TreasurySpender;
	impl<O: OriginTrait + From<Origin>> EnsureOrigin<O> for TreasurySpender
	where
		for<'a> &'a O::PalletsOrigin: TryInto<&'a Origin>,
	{
		type Success = crate::Balance;
		fn try_origin(o: O) -> Result<Self::Success, O> {
			match o.caller().try_into() {
				Ok(Origin::Treasurer) => return Ok(TREASURER_MAX_SPEND),
				_ => (),
			}
			Err(o)
		}
		#[cfg(feature = "runtime-benchmarks")]
		fn try_successful_origin() -> Result<O, ()> {
			Ok(O::from(Origin::Treasurer))
		}
	}

	/// `EnsureOrigin` for one custom origin, succeeding with `()`.
	macro_rules! ensure_custom_origin {
		($($name:ident),* $(,)?) => { $(
			#[doc = concat!("Passes for the `", stringify!($name), "` origin.")]
			pub struct $name;
			impl<O: OriginTrait + From<Origin>> EnsureOrigin<O> for $name
			where
				for<'a> &'a O::PalletsOrigin: TryInto<&'a Origin>,
			{
				type Success = ();
				fn try_origin(o: O) -> Result<Self::Success, O> {
					match o.caller().try_into() {
						Ok(Origin::$name) => return Ok(()),
						_ => (),
					}
					Err(o)
				}
				#[cfg(feature = "runtime-benchmarks")]
				fn try_successful_origin() -> Result<O, ()> {
					Ok(O::from(Origin::$name))
				}
			}
		)* };
	}
	ensure_custom_origin!(WhitelistedCaller, GeneralAdmin, StakingAdmin, ReferendumCanceller, ReferendumKiller, Treasurer);
}
