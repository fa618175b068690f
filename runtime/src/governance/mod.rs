//! On-chain governance (OpenGov): XPRT holders decide by referenda with conviction voting on
//! tracks; a technical committee may whitelist urgent calls for the fast
//! `whitelisted_caller` track. No sudo key is needed (the `testnet` preset has none).
//!
//! A runtime upgrade: a `root`-track referendum on `system.authorize_upgrade(code_hash)`; after
//! enactment anyone submits `system.apply_authorized_upgrade(code)`.

pub mod origins;
pub mod tracks;

pub use origins::{GeneralAdmin, ReferendumCanceller, ReferendumKiller, StakingAdmin, Treasurer, TreasurySpender, WhitelistedCaller};

use crate::{
	AccountId, Balance, Balances, BlockNumber, Preimage, Referenda, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeOrigin, Scheduler, System, DAYS, UNITS,
};
use frame_support::{
	parameter_types,
	traits::{ConstU32, EitherOf, EitherOfDiverse},
	weights::Weight,
};
use frame_system::EnsureRoot;
use sp_runtime::Perbill;

/// The origin the RWA and network pallets accept for their privileged calls: Root (a `root`
/// referendum, or sudo on development networks) or a passed `general_admin` referendum.
pub type GeneralAdminOrRoot = EitherOf<EnsureRoot<AccountId>, GeneralAdmin>;

/// The staking pallet's admin origin: Root or a passed `staking_admin` referendum.
pub type StakingAdminOrRoot = EitherOf<EnsureRoot<AccountId>, StakingAdmin>;

/// Two thirds of the technical committee.
pub type TechnicalTwoThirds =
	pallet_collective::EnsureProportionAtLeast<AccountId, TechnicalCollective, 2, 3>;

/// Votes stay locked for one conviction period after the referendum ends (× the conviction
/// multiplier's lock periods): 7 days; 1 minute on the development networks (fast tracks), so
/// unlocking can be tried there.
pub struct VoteLockingPeriod;
impl frame_support::traits::Get<BlockNumber> for VoteLockingPeriod {
	fn get() -> BlockNumber {
		if origins::FastTracks::<Runtime>::get() { crate::MINUTES } else { 7 * DAYS }
	}
}

impl pallet_conviction_voting::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = crate::weights::pallet_conviction_voting::WeightInfo<Runtime>;
	type Currency = Balances;
	type Polls = Referenda;
	type MaxTurnout = frame_support::traits::tokens::currency::ActiveIssuanceOf<Balances, AccountId>;
	type MaxVotes = ConstU32<512>;
	type VoteLockingPeriod = VoteLockingPeriod;
	type BlockNumberProvider = System;
	type VotingHooks = ();
}

parameter_types! {
	pub const AlarmInterval: BlockNumber = 1;
	/// Submitting a referendum holds 10 XPRT (returned once it is decided).
	pub const SubmissionDeposit: Balance = 10 * UNITS;
	pub const UndecidingTimeout: BlockNumber = 14 * DAYS;
}

impl pallet_referenda::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = crate::weights::pallet_referenda::WeightInfo<Runtime>;
	type Scheduler = Scheduler;
	type Currency = Balances;
	type SubmitOrigin = frame_system::EnsureSigned<AccountId>;
	// A `referendum_canceller` referendum or the technical committee may cancel a referendum
	// (deposits returned); a `referendum_killer` referendum kills one (deposits slashed).
	type CancelOrigin = EitherOf<EitherOf<EnsureRoot<AccountId>, TechnicalTwoThirds>, ReferendumCanceller>;
	type KillOrigin = EitherOf<EnsureRoot<AccountId>, ReferendumKiller>;
	// Slashed deposits go to the treasury.
	type Slash = crate::Treasury;
	type Votes = pallet_conviction_voting::VotesOf<Runtime>;
	type Tally = pallet_conviction_voting::TallyOf<Runtime>;
	type SubmissionDeposit = SubmissionDeposit;
	type MaxQueued = ConstU32<100>;
	type UndecidingTimeout = UndecidingTimeout;
	type AlarmInterval = AlarmInterval;
	type Tracks = tracks::TracksInfo;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

impl origins::pallet_custom_origins::Config for Runtime {}

parameter_types! {
	/// A whitelisted call must be dispatched within a day.
	pub const DeferredDispatchExpiration: BlockNumber = DAYS;
}

impl pallet_whitelist::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WhitelistOrigin = EitherOfDiverse<EnsureRoot<AccountId>, TechnicalTwoThirds>;
	type DispatchWhitelistedOrigin = EitherOf<EnsureRoot<AccountId>, WhitelistedCaller>;
	type Preimages = Preimage;
	type DeferredDispatchExpiration = DeferredDispatchExpiration;
	type BlockNumberProvider = System;
	type WeightInfo = crate::weights::pallet_whitelist::WeightInfo<Runtime>;
}

parameter_types! {
	pub const TechnicalMotionDuration: BlockNumber = 3 * DAYS;
	pub MaxProposalWeight: Weight = Perbill::from_percent(50) * crate::configs::RuntimeBlockWeights::get().max_block;
}

/// The technical committee's collective instance.
pub type TechnicalCollective = pallet_collective::Instance1;

impl pallet_collective::Config<TechnicalCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = TechnicalMotionDuration;
	type MaxProposals = ConstU32<100>;
	type MaxMembers = ConstU32<32>;
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = crate::weights::pallet_collective::WeightInfo<Runtime>;
	// Membership changes by `root` referendum.
	type SetMembersOrigin = EnsureRoot<AccountId>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = EnsureRoot<AccountId>;
	type KillOrigin = EnsureRoot<AccountId>;
	type Consideration = ();
}

#[cfg(test)]
mod tests {
	use super::{origins::Origin, tracks};
	use crate::{OriginCaller, Runtime, RuntimeOrigin};
	use frame_support::traits::EnsureOrigin;
	use pallet_referenda::TracksInfo as _;

	fn ext(fast: bool) -> sp_io::TestExternalities {
		let mut ext = sp_io::TestExternalities::new_empty();
		ext.execute_with(|| super::origins::FastTracks::<Runtime>::put(fast));
		ext
	}

	#[test]
	fn each_origin_maps_to_its_track() {
		ext(false).execute_with(|| {
			let root: OriginCaller = frame_system::RawOrigin::Root.into();
			assert_eq!(tracks::TracksInfo::track_for(&root), Ok(tracks::ids::ROOT));
			assert_eq!(
				tracks::TracksInfo::track_for(&OriginCaller::Origins(Origin::WhitelistedCaller)),
				Ok(tracks::ids::WHITELISTED_CALLER)
			);
			assert_eq!(
				tracks::TracksInfo::track_for(&OriginCaller::Origins(Origin::GeneralAdmin)),
				Ok(tracks::ids::GENERAL_ADMIN)
			);
			for (origin, track) in [
				(Origin::StakingAdmin, tracks::ids::STAKING_ADMIN),
				(Origin::Treasurer, tracks::ids::TREASURER),
				(Origin::ReferendumCanceller, tracks::ids::REFERENDUM_CANCELLER),
				(Origin::ReferendumKiller, tracks::ids::REFERENDUM_KILLER),
			] {
				assert_eq!(tracks::TracksInfo::track_for(&OriginCaller::Origins(origin)), Ok(track));
			}
			let signed: OriginCaller = frame_system::RawOrigin::Signed(crate::AccountId::from([1u8; 32])).into();
			assert_eq!(tracks::TracksInfo::track_for(&signed), Err(()));
			assert!(tracks::TracksInfo::check_integrity().is_ok());
		});
	}

	#[test]
	fn the_rwa_pallets_accept_general_admin_and_root_but_not_accounts() {
		type AssetNftGov = <Runtime as pallet_asset_nft::Config>::GovernanceOrigin;
		type LoanGov = <Runtime as pallet_asset_loan::Config>::GovernanceOrigin;
		type PoolGov = <Runtime as pallet_debt_pool::Config>::ApprovalOrigin;
		type EconomicsGov = <Runtime as pallet_economics::Config>::AdminOrigin;
		let admin = || RuntimeOrigin::from(Origin::GeneralAdmin);
		let whitelisted = || RuntimeOrigin::from(Origin::WhitelistedCaller);
		let signed = || RuntimeOrigin::signed(crate::AccountId::from([1u8; 32]));
		assert!(AssetNftGov::ensure_origin(admin()).is_ok());
		assert!(LoanGov::ensure_origin(admin()).is_ok());
		assert!(PoolGov::ensure_origin(admin()).is_ok());
		assert!(EconomicsGov::ensure_origin(admin()).is_ok());
		assert!(LoanGov::ensure_origin(RuntimeOrigin::root()).is_ok());
		assert!(LoanGov::ensure_origin(signed()).is_err());
		assert!(PoolGov::ensure_origin(whitelisted()).is_err());
		assert!(AssetNftGov::ensure_origin(signed()).is_err());
	}

	/// The canceller track cancels (deposits returned) but cannot kill; the killer track kills.
	#[test]
	fn the_canceller_and_killer_tracks_stop_referenda_and_nothing_else() {
		type Cancel = <Runtime as pallet_referenda::Config>::CancelOrigin;
		type Kill = <Runtime as pallet_referenda::Config>::KillOrigin;
		type Spend = <Runtime as pallet_treasury::Config>::SpendOrigin;
		assert!(Cancel::ensure_origin(RuntimeOrigin::from(Origin::ReferendumCanceller)).is_ok());
		assert!(Kill::ensure_origin(RuntimeOrigin::from(Origin::ReferendumCanceller)).is_err());
		assert!(Kill::ensure_origin(RuntimeOrigin::from(Origin::ReferendumKiller)).is_ok());
		assert!(Cancel::ensure_origin(RuntimeOrigin::from(Origin::GeneralAdmin)).is_err());
		assert!(Kill::ensure_origin(RuntimeOrigin::signed(crate::AccountId::from([1u8; 32]))).is_err());
		assert_eq!(Spend::ensure_origin(RuntimeOrigin::from(Origin::Treasurer)).ok(), Some(super::origins::TREASURER_MAX_SPEND));
		assert!(Spend::ensure_origin(RuntimeOrigin::from(Origin::StakingAdmin)).is_err());
	}

	#[test]
	fn development_tracks_are_fast_and_production_tracks_are_not() {
		ext(true).execute_with(|| {
			let root = tracks::TracksInfo::info(tracks::ids::ROOT).unwrap();
			assert!(root.decision_period <= 20 && root.confirm_period <= 2);
		});
		ext(false).execute_with(|| {
			let root = tracks::TracksInfo::info(tracks::ids::ROOT).unwrap();
			assert_eq!(root.decision_period, 14 * crate::DAYS);
			assert_eq!(tracks::TracksInfo::tracks().count(), tracks::TRACK_COUNT);
		});
	}
}
