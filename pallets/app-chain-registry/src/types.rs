//! Types of the app-chain registry.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use persistence_primitives::Balance;
use scale_info::TypeInfo;
use sp_core::{ed25519, sr25519, H256};
use sp_runtime::Perbill;
use sp_staking::{offence::Offence, SessionIndex};

/// Identifier of an app chain.
pub type ChainId = u32;

/// Where an app chain stands.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug)]
pub enum Lifecycle<BlockNumber> {
	/// An id is reserved; no metadata yet.
	Reserved,
	/// Metadata registered; waiting for governance.
	Registered,
	/// Approved by governance; validators may opt in.
	Approved,
	/// Enough validators opted in: validators are assigned every era and checkpoints finalize.
	Active,
	/// Paused by governance: no checkpoints.
	Paused,
	/// Retired by its owner at `at`; the deposit can be withdrawn after the retirement delay.
	Retired {
		/// Block number (of this chain) of retirement.
		at: BlockNumber,
	},
	/// Rejected by governance; the deposit was returned.
	Rejected,
}

/// What an app-chain team registers.
///
/// In polkadot.js (byte fields as hex, e.g. `stringToHex('TradeChain')`): `{ name, genesisHash,
/// codeHash, tokenSymbol, tokenDecimals: 12, rpcUrl, website, validatorsWanted: 4,
/// minStake: 10_000_000_000n }` (10,000 XPRT).
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, DebugNoBound,
)]
#[scale_info(skip_type_params(NameLimit, UrlLimit))]
pub struct ChainMetadata<NameLimit: Get<u32>, UrlLimit: Get<u32>> {
	/// Human-readable name (bytes, at most `NameLimit`).
	pub name: BoundedVec<u8, NameLimit>,
	/// Hash of the app chain's genesis block (32 bytes).
	pub genesis_hash: H256,
	/// Hash of the app chain's runtime code (32 bytes).
	pub code_hash: H256,
	/// Symbol of the app chain's token (bytes, at most `NameLimit`).
	pub token_symbol: BoundedVec<u8, NameLimit>,
	/// Decimals of the app chain's token (stored for clients; the registry does not use it).
	pub token_decimals: u8,
	/// A public RPC endpoint, e.g. `wss://rpc.example` (bytes, at most `UrlLimit`).
	pub rpc_url: BoundedVec<u8, UrlLimit>,
	/// The team's website (bytes, at most `UrlLimit`).
	pub website: BoundedVec<u8, UrlLimit>,
	/// How many validators the chain wants (1 to `MaxAssigned`).
	pub validators_wanted: u32,
	/// The least stake a validator needs to be assigned: XPRT in uxprt (1 XPRT = 1_000_000),
	/// compared with its total bonded stake on this chain.
	pub min_stake: Balance,
}

impl<N: Get<u32>, U: Get<u32>> ChainMetadata<N, U> {
	/// Bytes of variable-length data, which the deposit is charged on.
	pub fn stored_bytes(&self) -> u32 {
		[self.name.len(), self.token_symbol.len(), self.rpc_url.len(), self.website.len()]
			.iter()
			.fold(0u32, |a, l| a.saturating_add(*l as u32))
	}
}

/// A registered app chain.
#[derive(CloneNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, MaxEncodedLen, TypeInfo, DebugNoBound)]
#[scale_info(skip_type_params(NameLimit, UrlLimit))]
pub struct ChainInfo<
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
	NameLimit: Get<u32>,
	UrlLimit: Get<u32>,
> {
	/// The team's account: registers, proposes upgrades, retires.
	pub owner: AccountId,
	/// Lifecycle state.
	pub lifecycle: Lifecycle<BlockNumber>,
	/// Metadata, once registered.
	pub metadata: Option<ChainMetadata<NameLimit, UrlLimit>>,
	/// XPRT held from the owner.
	pub deposit: Balance,
	/// The era of the last validator assignment.
	pub assigned_era: u32,
}

/// An app-chain validator's key for signing checkpoints.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug)]
pub enum AppKey {
	/// An sr25519 public key.
	Sr25519(sr25519::Public),
	/// An ed25519 public key.
	Ed25519(ed25519::Public),
}

/// A signature by an [`AppKey`].
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug)]
pub enum AppSignature {
	/// sr25519.
	Sr25519(sr25519::Signature),
	/// ed25519.
	Ed25519(ed25519::Signature),
}

impl AppKey {
	/// Whether `sig` is this key's signature of `msg` (checked with the host's crypto).
	pub fn verify(&self, msg: &[u8], sig: &AppSignature) -> bool {
		match (self, sig) {
			(AppKey::Sr25519(k), AppSignature::Sr25519(s)) => sp_io::crypto::sr25519_verify(s, msg, k),
			(AppKey::Ed25519(k), AppSignature::Ed25519(s)) => sp_io::crypto::ed25519_verify(s, msg, k),
			_ => false,
		}
	}
}

/// A claim about an app chain's finalized state.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug)]
pub struct Checkpoint {
	/// Block height (block number) on the app chain, not on this chain.
	pub height: u64,
	/// Its block hash (32 bytes).
	pub block_hash: H256,
	/// Its state root (32 bytes).
	pub state_root: H256,
}

/// The domain separator of checkpoint signatures.
pub const CHECKPOINT_CONTEXT: &[u8] = b"persistence/app-chain-checkpoint";

/// The bytes an app key signs for `checkpoint` of `chain`:
/// `SCALE(("persistence/app-chain-checkpoint", chain, height, block_hash, state_root))`.
pub fn checkpoint_payload(chain: ChainId, checkpoint: &Checkpoint) -> alloc::vec::Vec<u8> {
	(CHECKPOINT_CONTEXT, chain, checkpoint.height, checkpoint.block_hash, checkpoint.state_root).encode()
}

/// A validator's vote on one height.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Vote {
	/// `blake2_256` of the checkpoint.
	pub checkpoint: H256,
	/// The signature.
	pub signature: AppSignature,
}

/// A finalized checkpoint and when it finalized.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct FinalizedCheckpoint<BlockNumber> {
	/// The checkpoint.
	pub checkpoint: Checkpoint,
	/// The block (number) of this chain in which it finalized.
	pub finalized_at: BlockNumber,
	/// How many assigned validators signed it.
	pub signatures: u32,
}

/// An app-chain validator signed two different checkpoints at one height.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct CheckpointEquivocation<Offender> {
	/// The session of this chain when it was reported.
	pub session_index: SessionIndex,
	/// How many validators were assigned to the app chain.
	pub validator_set_count: u32,
	/// The offender.
	pub offender: Offender,
	/// The app chain and height.
	pub slot: (ChainId, u64),
}

impl<Offender: Clone> Offence<Offender> for CheckpointEquivocation<Offender> {
	const ID: sp_staking::offence::Kind = *b"appchain:equivoc";
	type Slot = (ChainId, u64);

	fn offenders(&self) -> alloc::vec::Vec<Offender> {
		alloc::vec![self.offender.clone()]
	}
	fn session_index(&self) -> SessionIndex {
		self.session_index
	}
	fn validator_set_count(&self) -> u32 {
		self.validator_set_count
	}
	fn slot(&self) -> Self::Slot {
		self.slot
	}
	/// As for GRANDPA equivocations: `min(3k / n, 1)²` for `k` offenders among `n` validators —
	/// an isolated mistake costs little, a coordinated attack everything.
	fn slash_fraction(&self, offenders_count: u32) -> Perbill {
		let x = Perbill::from_rational(offenders_count.saturating_mul(3), self.validator_set_count.max(1));
		x.square()
	}
}

/// An app chain as clients see it (runtime API).
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct ChainView<AccountId, BlockNumber> {
	/// Owner.
	pub owner: AccountId,
	/// Lifecycle.
	pub lifecycle: Lifecycle<BlockNumber>,
	/// Name, genesis hash, current code hash, validators wanted (if registered).
	pub name: alloc::vec::Vec<u8>,
	/// Genesis hash.
	pub genesis_hash: Option<H256>,
	/// Current runtime code hash.
	pub code_hash: Option<H256>,
	/// A code upgrade waiting for governance.
	pub pending_upgrade: Option<H256>,
	/// Validators assigned now.
	pub assigned: alloc::vec::Vec<AccountId>,
	/// Validators opted in.
	pub candidates: u32,
	/// The latest finalized checkpoint.
	pub latest_checkpoint: Option<FinalizedCheckpoint<BlockNumber>>,
}
