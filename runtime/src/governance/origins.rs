//! The custom origins that referenda tracks dispatch with, and the network's governance pace.
//!
//! A referendum on the `general_admin` track that passes dispatches its call with the
//! `GeneralAdmin` origin; the RWA pallets accept that origin for their privileged calls
//! (verifiers, advance rates, loan parameters, pool approval, inflation). `WhitelistedCaller`
//! dispatches calls the technical committee has whitelisted.

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
		/// app-chain approval, inflation.
		GeneralAdmin,
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
	ensure_custom_origin!(WhitelistedCaller, GeneralAdmin);
}
