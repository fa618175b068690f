//! Referenda tracks: `root` (runtime upgrades and anything else), `whitelisted_caller` (fixes the
//! technical committee fast-tracks) and `general_admin` (RWA and network parameters).
//!
//! Two tables with the same tracks: production periods (hours and days), and fast periods
//! (a few blocks) for `development` and `local_testnet`, chosen at genesis
//! (`origins::FastTracks`) so tests can run a referendum to completion.

use super::origins::{FastTracks, Origin};
use crate::{Balance, BlockNumber, OriginCaller, DAYS, HOURS, MINUTES, UNITS};
use alloc::borrow::Cow;
use pallet_referenda::{Curve, Track, TrackInfo};
use sp_runtime::{str_array as s, Perbill};

/// Track ids.
pub mod ids {
	/// `root`.
	pub const ROOT: u16 = 0;
	/// `whitelisted_caller`.
	pub const WHITELISTED_CALLER: u16 = 1;
	/// `general_admin`.
	pub const GENERAL_ADMIN: u16 = 2;
}

const fn percent(x: u32) -> Perbill {
	Perbill::from_percent(x)
}

/// Approval falls linearly from 100 % to 50 % over the decision period.
const APPROVAL: Curve = Curve::LinearDecreasing { length: percent(100), floor: percent(50), ceil: percent(100) };
/// Root support: from 50 % of issuance down to 0.5 %.
const ROOT_SUPPORT: Curve = Curve::LinearDecreasing { length: percent(100), floor: Perbill::from_parts(5_000_000), ceil: percent(50) };
/// Whitelisted calls need little support: the committee vouched for them.
const WHITELISTED_SUPPORT: Curve =
	Curve::LinearDecreasing { length: percent(100), floor: Perbill::from_parts(100_000), ceil: percent(1) };
/// General admin: from 20 % down to 0.5 %.
const ADMIN_SUPPORT: Curve = Curve::LinearDecreasing { length: percent(100), floor: Perbill::from_parts(5_000_000), ceil: percent(20) };
/// Fast networks: 1 % of issuance is enough support.
const FAST_SUPPORT: Curve = Curve::LinearDecreasing { length: percent(100), floor: percent(1), ceil: percent(1) };

/// Production tracks.
const PRODUCTION: [Track<u16, Balance, BlockNumber>; 3] = [
	Track {
		id: ids::ROOT,
		info: TrackInfo {
			name: s("root"),
			max_deciding: 1,
			decision_deposit: 10_000 * UNITS,
			prepare_period: 2 * HOURS,
			decision_period: 14 * DAYS,
			confirm_period: DAYS,
			min_enactment_period: DAYS,
			min_approval: APPROVAL,
			min_support: ROOT_SUPPORT,
		},
	},
	Track {
		id: ids::WHITELISTED_CALLER,
		info: TrackInfo {
			name: s("whitelisted_caller"),
			max_deciding: 100,
			decision_deposit: 1_000 * UNITS,
			prepare_period: 30 * MINUTES,
			decision_period: 14 * DAYS,
			confirm_period: 10 * MINUTES,
			min_enactment_period: 10 * MINUTES,
			min_approval: APPROVAL,
			min_support: WHITELISTED_SUPPORT,
		},
	},
	Track {
		id: ids::GENERAL_ADMIN,
		info: TrackInfo {
			name: s("general_admin"),
			max_deciding: 10,
			decision_deposit: 5_000 * UNITS,
			prepare_period: 2 * HOURS,
			decision_period: 14 * DAYS,
			confirm_period: DAYS,
			min_enactment_period: DAYS,
			min_approval: APPROVAL,
			min_support: ADMIN_SUPPORT,
		},
	},
];

/// The same tracks with periods of blocks: a referendum passes in about ten blocks, fails
/// after twenty.
const FAST: [Track<u16, Balance, BlockNumber>; 3] = [
	fast(ids::ROOT, s("root"), 1),
	fast(ids::WHITELISTED_CALLER, s("whitelisted_caller"), 100),
	fast(ids::GENERAL_ADMIN, s("general_admin"), 10),
];

const fn fast(id: u16, name: [u8; 25], max_deciding: u32) -> Track<u16, Balance, BlockNumber> {
	Track {
		id,
		info: TrackInfo {
			name,
			max_deciding,
			decision_deposit: 10 * UNITS,
			prepare_period: 1,
			decision_period: 20,
			confirm_period: 2,
			min_enactment_period: 1,
			min_approval: APPROVAL,
			min_support: FAST_SUPPORT,
		},
	}
}

/// The runtime's track table.
pub struct TracksInfo;
impl pallet_referenda::TracksInfo<Balance, BlockNumber> for TracksInfo {
	type Id = u16;
	type RuntimeOrigin = <crate::RuntimeOrigin as frame_support::traits::OriginTrait>::PalletsOrigin;

	fn tracks() -> impl Iterator<Item = Cow<'static, Track<Self::Id, Balance, BlockNumber>>> {
		let table: &'static [Track<u16, Balance, BlockNumber>; 3] =
			if FastTracks::<crate::Runtime>::get() { &FAST } else { &PRODUCTION };
		table.iter().map(Cow::Borrowed)
	}

	fn track_for(origin: &Self::RuntimeOrigin) -> Result<Self::Id, ()> {
		match origin {
			OriginCaller::system(frame_system::RawOrigin::Root) => Ok(ids::ROOT),
			OriginCaller::Origins(Origin::WhitelistedCaller) => Ok(ids::WHITELISTED_CALLER),
			OriginCaller::Origins(Origin::GeneralAdmin) => Ok(ids::GENERAL_ADMIN),
			_ => Err(()),
		}
	}
}
