//! # Persistence runtime
//!
//! The state-transition function of the Persistence chain: a nominated-proof-of-stake chain
//! (BABE block production, GRANDPA finality) whose native token is **XPRT** (6 decimals), with
//! stablecoins in `pallet-assets` and real-world-asset NFTs in `pallet-uniques`.
//!
//! Pallet configuration lives in [`configs`], one module per pallet group; runtime APIs in
//! `apis.rs`; genesis presets (`development`, `local_testnet`, `staging`) in
//! [`genesis_config_presets`].

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime!` does a lot of recursion and requires us to increase the limit.
#![recursion_limit = "512"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

use alloc::vec::Vec;

pub mod apis;
pub use apis::RuntimeApi;
#[cfg(feature = "runtime-benchmarks")]
#[macro_use]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
pub mod governance;
pub mod weights;

use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use persistence_primitives::{
	currency::{CENTS, EXISTENTIAL_DEPOSIT, MILLICENTS, TOKEN_DECIMALS, TOKEN_SYMBOL, UNITS},
	time::{
		BlockNumber, Moment, DAYS, HOURS, MILLISECS_PER_BLOCK, MINUTES, PRIMARY_PROBABILITY,
		SLOT_DURATION,
	},
	AssetId, Balance, Nonce, SS58_PREFIX,
};

/// Alias to 512-bit hash when used in the context of a transaction signature on the chain.
pub type Signature = MultiSignature;

/// An account on the chain: the public key behind [`Signature`].
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// A hash of some data used by the chain.
pub type Hash = sp_core::H256;

/// Opaque types. These are used by the CLI to instantiate machinery that don't need to know
/// the specifics of the runtime. They can then be made to be agnostic over specific formats
/// of data like extrinsics, allowing for them to continue syncing the network through upgrades
/// to even the core data structures.
pub mod opaque {
	use super::*;
	use sp_runtime::{generic, traits::Hash as HashT};

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as HashT>::Output;
}

impl_opaque_keys! {
	/// The session keys a validator registers with `session.setKeys`: a BABE key (block
	/// production), a GRANDPA key (finality) and an authority-discovery key (sr25519: the node
	/// signs its network addresses with it and publishes them on the DHT, so the other
	/// validators find it without bootnodes or static peers).
	pub struct SessionKeys {
		pub babe: Babe,
		pub grandpa: Grandpa,
		pub authority_discovery: AuthorityDiscovery,
	}
}

/// Runtime version. The `upgrade-test` feature builds the same runtime one `spec_version`
/// higher, which is what the runtime-upgrade end-to-end test enacts through governance.
#[cfg(not(feature = "upgrade-test"))]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("persistence"),
	impl_name: alloc::borrow::Cow::Borrowed("persistence-node"),
	authoring_version: 1,
	// Bump on every runtime change that alters behaviour; `apply_authorized_upgrade` refuses
	// code whose spec_version is not higher.
	spec_version: 100,
	impl_version: 0,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	// 1 (state trie V1): what light clients accept — smoldot (Substrate Connect, polkadot-api's
	// smoldot provider, Talisman, SubWallet, Nova) and chopsticks refuse 2 and 3. The price:
	// no staged code (system_version 3); `set_code` writes the new code in the block that
	// enacts it, which still executes entirely on the old code — the new code runs from the
	// next block on.
	system_version: 1,
};

/// Runtime version of the `upgrade-test` build: `spec_version` one higher.
#[cfg(feature = "upgrade-test")]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("persistence"),
	impl_name: alloc::borrow::Cow::Borrowed("persistence-node"),
	authoring_version: 1,
	spec_version: 101,
	impl_version: 0,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// The BABE epoch configuration at genesis.
pub const BABE_GENESIS_EPOCH_CONFIG: sp_consensus_babe::BabeEpochConfiguration =
	sp_consensus_babe::BabeEpochConfiguration {
		c: PRIMARY_PROBABILITY,
		allowed_slots: sp_consensus_babe::AllowedSlots::PrimaryAndSecondaryVRFSlots,
	};

/// The address format for describing accounts.
pub type Address = MultiAddress<AccountId, ()>;

/// Block header type as expected by this runtime.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;

/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// A Block signed with a Justification.
pub type SignedBlock = generic::SignedBlock<Block>;

/// BlockId type as expected by this runtime.
pub type BlockId = generic::BlockId<Block>;

/// The transaction extensions that are added to every signed transaction.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_system::WeightReclaim<Runtime>,
	// RFC-78: a signer that sets mode 1 commits to this runtime's metadata hash, so a hardware
	// wallet (Ledger's generic app) can show the call decoded from metadata it has verified.
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
);

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Unsigned transactions the runtime creates itself (equivocation reports from BABE and GRANDPA).
impl<LocalCall> frame_system::offchain::CreateTransactionBase<LocalCall> for Runtime
where
	RuntimeCall: From<LocalCall>,
{
	type Extrinsic = UncheckedExtrinsic;
	type RuntimeCall = RuntimeCall;
}

impl<LocalCall> frame_system::offchain::CreateBare<LocalCall> for Runtime
where
	RuntimeCall: From<LocalCall>,
{
	fn create_bare(call: RuntimeCall) -> UncheckedExtrinsic {
		UncheckedExtrinsic::new_bare(call)
	}
}

/// Storage migrations run on a runtime upgrade (none yet: this is the first release).
pub type Migrations = ();

/// Executive: handles dispatch to the various modules.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

// The pallets of the runtime. The order matters for hooks: BABE before Session (a session
// ends when BABE's epoch ends), Staking before Session (Session asks Staking for the next
// validator set).
#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Babe = pallet_babe;

	#[runtime::pallet_index(2)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(3)]
	pub type Authorship = pallet_authorship;

	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	#[runtime::pallet_index(6)]
	pub type Staking = pallet_staking;

	#[runtime::pallet_index(7)]
	pub type Offences = pallet_offences;

	#[runtime::pallet_index(8)]
	pub type Historical = pallet_session::historical;

	#[runtime::pallet_index(9)]
	pub type Session = pallet_session;

	#[runtime::pallet_index(10)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(11)]
	pub type VoterList = pallet_bags_list<Instance1>;

	#[runtime::pallet_index(12)]
	pub type Economics = pallet_economics;

	#[runtime::pallet_index(13)]
	pub type Treasury = pallet_treasury;

	#[runtime::pallet_index(14)]
	pub type NominationPools = pallet_nomination_pools;

	#[runtime::pallet_index(15)]
	pub type DelegatedStaking = pallet_delegated_staking;

	#[runtime::pallet_index(16)]
	pub type AuthorityDiscovery = pallet_authority_discovery;

	#[runtime::pallet_index(20)]
	pub type Utility = pallet_utility;

	#[runtime::pallet_index(21)]
	pub type Preimage = pallet_preimage;

	#[runtime::pallet_index(22)]
	pub type Scheduler = pallet_scheduler;

	#[runtime::pallet_index(23)]
	pub type Multisig = pallet_multisig;

	#[runtime::pallet_index(24)]
	pub type Proxy = pallet_proxy;

	#[runtime::pallet_index(25)]
	pub type Vesting = pallet_vesting;

	#[runtime::pallet_index(26)]
	pub type Identity = pallet_identity;

	#[runtime::pallet_index(30)]
	pub type Assets = pallet_assets;

	#[runtime::pallet_index(31)]
	pub type Uniques = pallet_uniques;

	#[runtime::pallet_index(40)]
	pub type AssetNft = pallet_asset_nft;

	#[runtime::pallet_index(41)]
	pub type AssetLoan = pallet_asset_loan;

	#[runtime::pallet_index(42)]
	pub type DebtPool = pallet_debt_pool;

	#[runtime::pallet_index(45)]
	pub type AppChainRegistry = pallet_app_chain_registry;

	#[runtime::pallet_index(60)]
	pub type Ibc = pallet_ibc_bridge;

	#[runtime::pallet_index(50)]
	pub type ConvictionVoting = pallet_conviction_voting;

	#[runtime::pallet_index(51)]
	pub type Referenda = pallet_referenda;

	#[runtime::pallet_index(52)]
	pub type Whitelist = pallet_whitelist;

	#[runtime::pallet_index(53)]
	pub type Origins = governance::origins::pallet_custom_origins;

	#[runtime::pallet_index(54)]
	pub type TechnicalCommittee = pallet_collective<Instance1>;

	#[runtime::pallet_index(255)]
	pub type Sudo = pallet_sudo;
}
