//! Accounts that sign with several keys (multisig) or through others (proxies): stashes stay
//! cold, treasuries and pool originators sign with several keys, operators delegate narrowly.

use crate::{Balance, Balances, Runtime, RuntimeCall, RuntimeEvent, System};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	parameter_types,
	traits::{ConstU32, InstanceFilter},
};
use persistence_primitives::currency::deposit;
use scale_info::TypeInfo;
use sp_runtime::traits::BlakeTwo256;

parameter_types! {
	/// A multisig operation in progress holds the depositor's XPRT for its record and for each
	/// signatory (released when it executes or is cancelled).
	pub const MultisigDepositBase: Balance = deposit(1, 88);
	pub const MultisigDepositFactor: Balance = deposit(0, 32);
	/// Proxies hold a deposit for the account's proxy list and for each proxy in it.
	pub const ProxyDepositBase: Balance = deposit(1, 8);
	pub const ProxyDepositFactor: Balance = deposit(0, 33);
	/// Time-delayed proxies announce calls; each announcement holds a deposit too.
	pub const AnnouncementDepositBase: Balance = deposit(1, 8);
	pub const AnnouncementDepositFactor: Balance = deposit(0, 66);
}

impl pallet_multisig::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type DepositBase = MultisigDepositBase;
	type DepositFactor = MultisigDepositFactor;
	type MaxSignatories = ConstU32<100>;
	// Upstream's weights (with this runtime's ParityDB read/write costs) until
	// `benchmarks/weights.sh pallet_multisig` regenerates them on this runtime.
	type WeightInfo = crate::weights::pallet_multisig::WeightInfo<Runtime>;
	type BlockNumberProvider = System;
}

/// What a proxy may do for the account that added it.
#[derive(
	Copy, Clone, Eq, PartialEq, Ord, PartialOrd, Encode, Decode, DecodeWithMemTracking, Debug,
	MaxEncodedLen, TypeInfo, Default,
)]
pub enum ProxyType {
	/// Everything.
	#[default]
	Any,
	/// Everything that cannot move the account's funds: no XPRT, stablecoin, share or NFT
	/// transfer, no loan, pool or IBC money movement — staking (its rewards paid to the
	/// account itself or staked), governance, session keys, app-chain operation, managing the
	/// account's own proxies (never granting more than itself). Not multisig approvals nor
	/// acting as a proxy of other accounts: those dispatch from other origins, outside this
	/// filter.
	NonTransfer,
	/// Voting, delegating and referenda (OpenGov), the technical committee, preimages.
	Governance,
	/// Bonding, nominating, validating, payouts, session keys, bags-list.
	Staking,
	/// A debt pool's day-to-day administration for its admin: delegate the manager, finance,
	/// liquidate, top up cover, claim the fee, set the write-down policy, close.
	PoolAdmin,
	/// An app chain's and an app-chain validator's operation in the registry.
	AppChain,
	/// Reject announcements of time-delayed proxies (a cold key's emergency brake).
	CancelProxy,
}

impl InstanceFilter<RuntimeCall> for ProxyType {
	fn filter(&self, c: &RuntimeCall) -> bool {
		use pallet_debt_pool::Call as Pool;
		use pallet_proxy::Call as Proxies;
		let batch = matches!(c, RuntimeCall::Utility(..));
		match self {
			ProxyType::Any => true,
			ProxyType::NonTransfer =>
				staking_keeps_rewards(c) &&
					pool_calls_keep_rewards(c) &&
					matches!(
						c,
						RuntimeCall::System(..) |
							RuntimeCall::Staking(..) |
							RuntimeCall::NominationPools(..) |
							RuntimeCall::Session(..) |
							RuntimeCall::VoterList(..) |
							RuntimeCall::Utility(..) |
							RuntimeCall::Preimage(..) |
							RuntimeCall::ConvictionVoting(..) |
							RuntimeCall::Referenda(..) |
							RuntimeCall::Whitelist(..) |
							RuntimeCall::TechnicalCommittee(..) |
							RuntimeCall::AppChainRegistry(..) |
							// The account's own identity record, not sub-accounts (each sub can
							// `quit_sub` with the deposit reserved for it) nor judgement requests
							// (they pay the registrar's fee).
							RuntimeCall::Identity(
								pallet_identity::Call::set_identity { .. } |
									pallet_identity::Call::clear_identity { .. } |
									pallet_identity::Call::cancel_request { .. } |
									pallet_identity::Call::rename_sub { .. } |
									pallet_identity::Call::remove_sub { .. }
							) |
							RuntimeCall::Treasury(..) |
							// Unlocking what has vested, not a vested transfer (that moves XPRT).
							RuntimeCall::Vesting(
								pallet_vesting::Call::vest { .. } | pallet_vesting::Call::vest_other { .. }
							) |
							// The account's own proxies only: `proxy`, `proxy_announced` and
							// `create_pure` would dispatch as other accounts, outside this filter.
							RuntimeCall::Proxy(
								Proxies::add_proxy { .. } |
									Proxies::remove_proxy { .. } |
									Proxies::remove_proxies { .. } |
									Proxies::announce { .. } |
									Proxies::remove_announcement { .. } |
									Proxies::reject_announcement { .. }
							)
					),
			ProxyType::Governance =>
				batch ||
					matches!(
						c,
						RuntimeCall::ConvictionVoting(..) |
							RuntimeCall::Referenda(..) |
							RuntimeCall::Whitelist(..) |
							RuntimeCall::TechnicalCommittee(..) |
							RuntimeCall::Treasury(..) |
							RuntimeCall::Preimage(..)
					),
			ProxyType::Staking =>
				staking_keeps_rewards(c) &&
					pool_calls_keep_rewards(c) &&
					(batch ||
						matches!(
							c,
							RuntimeCall::Staking(..) |
								RuntimeCall::Session(..) |
								RuntimeCall::VoterList(..) |
								RuntimeCall::NominationPools(..)
						)),
			// Not `set_manager`: a manager the proxy named would outlive the proxy.
			ProxyType::PoolAdmin =>
				batch ||
					matches!(
						c,
						RuntimeCall::DebtPool(
							Pool::finance { .. } |
								Pool::liquidate { .. } |
								Pool::top_up_cover { .. } |
								Pool::claim_fee { .. } |
								Pool::set_write_down_policy { .. } |
								Pool::close { .. } |
								Pool::update_loan { .. } |
								Pool::process_redemptions { .. }
						)
					),
			ProxyType::AppChain => batch || matches!(c, RuntimeCall::AppChainRegistry(..)),
			ProxyType::CancelProxy =>
				matches!(c, RuntimeCall::Proxy(pallet_proxy::Call::reject_announcement { .. })),
		}
	}

	fn is_superset(&self, o: &Self) -> bool {
		match (self, o) {
			(x, y) if x == y => true,
			(ProxyType::Any, _) => true,
			(_, ProxyType::Any) => false,
			// NonTransfer allows every call of these.
			(ProxyType::NonTransfer, ProxyType::Governance | ProxyType::Staking | ProxyType::AppChain) => true,
			_ => false,
		}
	}
}

/// Staking calls a limited proxy may make keep the rewards with the account: no reward
/// destination that pays another account (`set_payee` / `bond` with `Account(_)`).
fn staking_keeps_rewards(c: &RuntimeCall) -> bool {
	use pallet_staking::{Call as S, RewardDestination as R};
	!matches!(
		c,
		RuntimeCall::Staking(S::set_payee { payee: R::Account(_) } | S::bond { payee: R::Account(_), .. })
	)
}

/// Nomination-pool calls a limited proxy may make keep the rewards with the account: not the
/// calls that name who receives a pool's commission or holds its roles (`create`,
/// `create_with_pool_id`, `update_roles`, `set_commission`) — those would let the proxy route
/// the account's pool rewards to an account of its choosing — nor `adjust_pool_deposit`, which
/// pays into a pool's reward account from the caller's (found in review). Joining a pool is
/// allowed, as nominating a validator is: its commission (at most 10 %) is the price of the
/// pool the proxy picks.
fn pool_calls_keep_rewards(c: &RuntimeCall) -> bool {
	use pallet_nomination_pools::Call as P;
	!matches!(
		c,
		RuntimeCall::NominationPools(
			P::create { .. } |
				P::create_with_pool_id { .. } |
				P::update_roles { .. } |
				P::set_commission { .. } |
				P::adjust_pool_deposit { .. }
		)
	)
}

impl pallet_proxy::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type ProxyType = ProxyType;
	type ProxyDepositBase = ProxyDepositBase;
	type ProxyDepositFactor = ProxyDepositFactor;
	type MaxProxies = ConstU32<32>;
	// Upstream's weights (with this runtime's ParityDB read/write costs) until
	// `benchmarks/weights.sh pallet_proxy` regenerates them on this runtime.
	type WeightInfo = crate::weights::pallet_proxy::WeightInfo<Runtime>;
	type MaxPending = ConstU32<32>;
	type CallHasher = BlakeTwo256;
	type AnnouncementDepositBase = AnnouncementDepositBase;
	type AnnouncementDepositFactor = AnnouncementDepositFactor;
	type BlockNumberProvider = System;
}
