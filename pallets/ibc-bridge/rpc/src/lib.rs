//! `ibc_*` JSON-RPC methods for relayers.
//!
//! A relayer proving this chain's IBC state to a counterparty needs, for one ICS-24 path at one
//! height: the value, a proof of it, and the root the proof is checked against (the IBC child
//! trie's root, which is what this chain's consensus state carries). `ibc_queryPath` returns the
//! three together, read at the same block, so they cannot come from different heights.

use std::sync::Arc;

use codec::Codec;
use jsonrpsee::{
	core::RpcResult,
	proc_macros::rpc,
	types::{error::ErrorObject, ErrorObjectOwned},
};
use pallet_ibc_bridge::{host::child_info, runtime_api::IbcBridgeApi as IbcBridgeRuntimeApi};
use sc_client_api::ProofProvider;
use serde::{Deserialize, Serialize};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::{Bytes, H256};
use sp_runtime::traits::{Block as BlockT, Header as HeaderT, UniqueSaturatedInto};

/// 64-bit integers travel as decimal strings: a JSON number above 2^53 is rounded by every
/// JavaScript client (polkadot.js's provider included). Numbers are accepted on input too.
mod u64_string {
	use serde::{Deserialize, Deserializer, Serializer};

	pub fn serialize<S: Serializer>(v: &u64, s: S) -> Result<S::Ok, S::Error> {
		s.collect_str(v)
	}

	pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
		#[derive(Deserialize)]
		#[serde(untagged)]
		enum Either {
			Text(String),
			Number(u64),
		}
		match Either::deserialize(d)? {
			Either::Text(s) => s.parse().map_err(serde::de::Error::custom),
			Either::Number(n) => Ok(n),
		}
	}
}

/// This chain's consensus state at a height, as a counterparty's client of it stores it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConsensusRecord {
	/// Block timestamp in nanoseconds since the Unix epoch, as a decimal string.
	#[serde(with = "u64_string")]
	pub timestamp_nanos: u64,
	/// Root of the IBC child trie at the end of the block: the root proofs verify against.
	pub root: H256,
}

/// The value at an ICS-24 path with its proof.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PathProof<Hash> {
	/// The ICS-24 path (also the key in the `ibc` child trie).
	pub path: String,
	/// The block the value and proof were read at.
	pub block_hash: Hash,
	/// Its number: the IBC height's revision height, as a decimal string.
	#[serde(with = "u64_string")]
	pub height: u64,
	/// The stored value; `None` proves absence (e.g. no receipt, for a timeout).
	pub value: Option<Bytes>,
	/// Trie nodes proving `value` (or its absence) under the child root, and the child root
	/// under the block's state root.
	pub proof: Vec<Bytes>,
	/// This chain's consensus state at `height` (recorded in that block's `on_finalize`).
	pub consensus: Option<ConsensusRecord>,
}

#[rpc(server)]
pub trait IbcApi<BlockHash> {
	/// The value at an ICS-24 path, its proof and the consensus state it verifies against, at
	/// block `at` (default: the best block).
	#[method(name = "ibc_queryPath")]
	fn query_path(&self, path: String, at: Option<BlockHash>) -> RpcResult<PathProof<BlockHash>>;

	/// This chain's consensus state at one of its recent heights (the last `HostHistory`).
	#[method(name = "ibc_consensusState")]
	fn consensus_state(&self, height: u64, at: Option<BlockHash>) -> RpcResult<Option<ConsensusRecord>>;
}

/// The RPC handler.
pub struct Ibc<C, B, AccountId, AssetId> {
	client: Arc<C>,
	_marker: std::marker::PhantomData<(B, AccountId, AssetId)>,
}

impl<C, B, AccountId, AssetId> Ibc<C, B, AccountId, AssetId> {
	pub fn new(client: Arc<C>) -> Self {
		Self { client, _marker: Default::default() }
	}
}

const RUNTIME_ERROR: i32 = 1;
const STATE_ERROR: i32 = 2;
const UNKNOWN_BLOCK: i32 = 3;

fn error(code: i32, message: &str, detail: impl std::fmt::Debug) -> ErrorObjectOwned {
	ErrorObject::owned(code, message, Some(format!("{detail:?}")))
}

impl<C, Block, AccountId, AssetId> Ibc<C, Block, AccountId, AssetId>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: IbcBridgeRuntimeApi<Block, AccountId, AssetId>,
	AccountId: Codec,
	AssetId: Codec,
{
	fn record(&self, hash: Block::Hash, height: u64) -> RpcResult<Option<ConsensusRecord>> {
		let record = self
			.client
			.runtime_api()
			.host_consensus_state(hash, height)
			.map_err(|e| error(RUNTIME_ERROR, "runtime API call failed", e))?;
		Ok(record.map(|r| ConsensusRecord { timestamp_nanos: r.timestamp_nanos, root: H256(r.root) }))
	}
}

impl<C, Block, AccountId, AssetId> IbcApiServer<Block::Hash> for Ibc<C, Block, AccountId, AssetId>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + ProofProvider<Block> + Send + Sync + 'static,
	C::Api: IbcBridgeRuntimeApi<Block, AccountId, AssetId>,
	AccountId: Codec + Send + Sync + 'static,
	AssetId: Codec + Send + Sync + 'static,
{
	fn query_path(&self, path: String, at: Option<Block::Hash>) -> RpcResult<PathProof<Block::Hash>> {
		let hash = at.unwrap_or_else(|| self.client.info().best_hash);
		let header = self
			.client
			.header(hash)
			.map_err(|e| error(STATE_ERROR, "header lookup failed", e))?
			.ok_or_else(|| error(UNKNOWN_BLOCK, "unknown block", hash))?;
		let height: u64 = (*header.number()).unique_saturated_into();
		let value = self
			.client
			.runtime_api()
			.path_value(hash, path.as_bytes().to_vec())
			.map_err(|e| error(RUNTIME_ERROR, "runtime API call failed", e))?;
		let proof = self
			.client
			.read_child_proof(hash, &child_info(), &mut std::iter::once(path.as_bytes()))
			.map_err(|e| error(STATE_ERROR, "proof generation failed", e))?;
		let consensus = self.record(hash, height)?;
		Ok(PathProof {
			path,
			block_hash: hash,
			height,
			value: value.map(Bytes),
			proof: proof.into_iter_nodes().map(Bytes).collect(),
			consensus,
		})
	}

	fn consensus_state(&self, height: u64, at: Option<Block::Hash>) -> RpcResult<Option<ConsensusRecord>> {
		let hash = at.unwrap_or_else(|| self.client.info().best_hash);
		self.record(hash, height)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	/// Found by a developer: timestamps above 2^53 came back rounded in JavaScript.
	#[test]
	fn u64_values_are_decimal_strings_in_json() {
		let record = ConsensusRecord { timestamp_nanos: 1_765_000_000_123_456_789, root: H256::repeat_byte(1) };
		let json = serde_json::to_value(&record).unwrap();
		assert_eq!(json["timestampNanos"], serde_json::json!("1765000000123456789"));
		assert_eq!(serde_json::from_value::<ConsensusRecord>(json).unwrap(), record);
		// A number is still read (older callers).
		let old = serde_json::json!({ "timestampNanos": 5, "root": format!("{:?}", H256::zero()) });
		assert_eq!(serde_json::from_value::<ConsensusRecord>(old).unwrap().timestamp_nanos, 5);
		let proof = PathProof::<H256> { path: "p".into(), block_hash: H256::zero(), height: 9_007_199_254_740_993, value: None, proof: vec![], consensus: None };
		assert_eq!(serde_json::to_value(&proof).unwrap()["height"], serde_json::json!("9007199254740993"));
	}
}
