//! Referenda tracks: `root` (runtime upgrades and anything else), `whitelisted_caller` (fixes the
//! technical committee fast-tracks), `general_admin` (RWA and network parameters),
//! `staking_admin` (slash cancellation, minimum commission), `treasurer` (treasury spends up to
//! 1 M XPRT), `referendum_canceller` and `referendum_killer` (stop another referendum).
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
	/// `staking_admin`.
	pub const STAKING_ADMIN: u16 = 10;
	/// `treasurer`.
	pub const TREASURER: u16 = 11;
	/// `referendum_canceller`.
	pub const REFERENDUM_CANCELLER: u16 = 20;
	/// `referendum_killer`.
	pub const REFERENDUM_KILLER: u16 = 21;
}

/// Number of tracks in each table.
pub const TRACK_COUNT: usize = 7;

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
const PRODUCTION: [Track<u16, Balance, BlockNumber>; TRACK_COUNT] = [
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
	Track {
		id: ids::STAKING_ADMIN,
		info: TrackInfo {
			name: s("staking_admin"),
			max_deciding: 10,
			decision_deposit: 5_000 * UNITS,
			prepare_period: 2 * HOURS,
			decision_period: 14 * DAYS,
			confirm_period: 3 * HOURS,
			min_enactment_period: 10 * MINUTES,
			min_approval: APPROVAL,
			min_support: ADMIN_SUPPORT,
		},
	},
	Track {
		id: ids::TREASURER,
		info: TrackInfo {
			name: s("treasurer"),
			max_deciding: 10,
			decision_deposit: 1_000 * UNITS,
			prepare_period: 2 * HOURS,
			decision_period: 14 * DAYS,
			confirm_period: 7 * DAYS,
			min_enactment_period: DAYS,
			min_approval: APPROVAL,
			min_support: ADMIN_SUPPORT,
		},
	},
	Track {
		id: ids::REFERENDUM_CANCELLER,
		info: TrackInfo {
			name: s("referendum_canceller"),
			max_deciding: 1_000,
			decision_deposit: 10_000 * UNITS,
			prepare_period: 2 * HOURS,
			decision_period: 7 * DAYS,
			confirm_period: 3 * HOURS,
			min_enactment_period: 10 * MINUTES,
			min_approval: APPROVAL,
			min_support: ADMIN_SUPPORT,
		},
	},
	Track {
		id: ids::REFERENDUM_KILLER,
		info: TrackInfo {
			name: s("referendum_killer"),
			max_deciding: 1_000,
			decision_deposit: 50_000 * UNITS,
			prepare_period: 2 * HOURS,
			decision_period: 14 * DAYS,
			confirm_period: 3 * HOURS,
			min_enactment_period: 10 * MINUTES,
			min_approval: APPROVAL,
			min_support: ADMIN_SUPPORT,
		},
	},
];

/// The same tracks with periods of blocks: a referendum passes in about ten blocks, fails
/// after twenty.
const FAST: [Track<u16, Balance, BlockNumber>; TRACK_COUNT] = [
	fast(ids::ROOT, s("root"), 1),
	fast(ids::WHITELISTED_CALLER, s("whitelisted_caller"), 100),
	fast(ids::GENERAL_ADMIN, s("general_admin"), 10),
	fast(ids::STAKING_ADMIN, s("staking_admin"), 10),
	fast(ids::TREASURER, s("treasurer"), 10),
	fast(ids::REFERENDUM_CANCELLER, s("referendum_canceller"), 1_000),
	fast(ids::REFERENDUM_KILLER, s("referendum_killer"), 1_000),
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
		let table: &'static [Track<u16, Balance, BlockNumber>; TRACK_COUNT] =
			if FastTracks::<crate::Runtime>::get() { &FAST } else { &PRODUCTION };
		table.iter().map(Cow::Borrowed)
	}

	fn track_for(origin: &Self::RuntimeOrigin) -> Result<Self::Id, ()> {
		match origin {
			OriginCaller::system(frame_system::RawOrigin::Root) => Ok(ids::ROOT),
			OriginCaller::Origins(Origin::WhitelistedCaller) => Ok(ids::WHITELISTED_CALLER),
			OriginCaller::Origins(Origin::GeneralAdmin) => Ok(ids::GENERAL_ADMIN),
			OriginCaller::Origins(Origin::StakingAdmin) => Ok(ids::STAKING_ADMIN),
			OriginCaller::Origins(Origin::Treasurer) => Ok(ids::TREASURER),
			OriginCaller::Origins(Origin::ReferendumCanceller) => Ok(ids::REFERENDUM_CANCELLER),
			OriginCaller::Origins(Origin::ReferendumKiller) => Ok(ids::REFERENDUM_KILLER),
			_ => Err(()),
		}
	}
}
