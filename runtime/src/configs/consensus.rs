//! Block production (BABE), finality (GRANDPA), sessions, authorship and offences.

use crate::{
	AccountId, Babe, Balances, Historical, Moment, Offences, Runtime, RuntimeEvent,
	Session, SessionKeys, Staking, HOURS, SLOT_DURATION,
};
use frame_support::{
	parameter_types,
	traits::{ConstU64, KeyOwnerProofSystem},
};
use sp_runtime::traits::OpaqueKeys;

parameter_types! {
	pub const ExpectedBlockTime: Moment = SLOT_DURATION;
	/// How long an equivocation report stays valid: the bonding duration at production timing
	/// (28 eras of 6 one-hour sessions).
	pub const ReportLongevity: u64 = 28 * 6 * HOURS as u64;
	pub const MaxAuthorities: u32 = 100;
	pub const MaxNominators: u32 = 512;
	/// GRANDPA keeps the set id → session mapping for this many sessions (for equivocation
	/// proofs): the bonding duration (28 eras) at the most sessions per era of any network (6,
	/// `testnet`), so an equivocation is provable for as long as the offender is slashable.
	pub const MaxSetIdSessionEntries: u32 =
		crate::configs::staking::BondingDuration::get() * crate::genesis_config_presets::MAX_SESSIONS_PER_ERA;
}

impl pallet_babe::Config for Runtime {
	// Per network, from genesis (`pallet-economics`): BABE epochs are sessions.
	type EpochDuration = pallet_economics::EpochDurationOf<Runtime>;
	type ExpectedBlockTime = ExpectedBlockTime;
	// Session rotates the epoch: a new session starts a new BABE epoch.
	type EpochChangeTrigger = pallet_babe::ExternalTrigger;
	type DisabledValidators = Session;
	type WeightInfo = ();
	type MaxAuthorities = MaxAuthorities;
	type MaxNominators = MaxNominators;
	type KeyOwnerProof =
		<Historical as KeyOwnerProofSystem<(sp_core::crypto::KeyTypeId, pallet_babe::AuthorityId)>>::Proof;
	type EquivocationReportSystem =
		pallet_babe::EquivocationReportSystem<Self, Offences, Historical, ReportLongevity>;
}

impl pallet_timestamp::Config for Runtime {
	type Moment = Moment;
	// BABE checks the slot against the timestamp.
	type OnTimestampSet = Babe;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = crate::weights::pallet_timestamp::WeightInfo<Runtime>;
}

/// Authority discovery: the current and next validator set's discovery keys (from the session
/// keys), which validator nodes use to find and connect to each other through the DHT.
impl pallet_authority_discovery::Config for Runtime {
	type MaxAuthorities = MaxAuthorities;
}

impl pallet_authorship::Config for Runtime {
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Babe>;
	// Staking awards era points to block authors; without them there are no rewards.
	type EventHandler = Staking;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = sp_runtime::traits::ConvertInto;
	type ShouldEndSession = Babe;
	type NextSessionRotation = Babe;
	type SessionManager = pallet_session::historical::NoteHistoricalRoot<Self, Staking>;
	type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	// At most a third of the set may be disabled for misbehaviour at once; a worse offender
	// replaces a lesser one.
	type DisablingStrategy = pallet_session::disabling::UpToLimitWithReEnablingDisablingStrategy;
	type WeightInfo = crate::weights::pallet_session::WeightInfo<Runtime>;
	type Currency = Balances;
	type KeyDeposit = ();
}

impl pallet_session::historical::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type FullIdentification = ();
	type FullIdentificationOf = pallet_staking::UnitIdentificationOf<Self>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = MaxAuthorities;
	type MaxNominators = MaxNominators;
	type MaxSetIdSessionEntries = MaxSetIdSessionEntries;
	type KeyOwnerProof = <Historical as KeyOwnerProofSystem<(sp_core::crypto::KeyTypeId, pallet_grandpa::AuthorityId)>>::Proof;
	type EquivocationReportSystem =
		pallet_grandpa::EquivocationReportSystem<Self, Offences, Historical, ReportLongevity>;
}

impl pallet_offences::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type IdentificationTuple = pallet_session::historical::IdentificationTuple<Self>;
	// Staking slashes and disables the offender.
	type OnOffenceHandler = Staking;
}

