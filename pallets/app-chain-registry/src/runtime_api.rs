//! Runtime API of the app-chain registry: chain info, lifecycle, assigned validators, latest
//! finalized checkpoint.

use crate::{ChainId, ChainView};
use codec::Codec;

sp_api::decl_runtime_apis! {
	/// Queries of app chains.
	pub trait AppChainRegistryApi<AccountId, BlockNumber> where AccountId: Codec, BlockNumber: Codec {
		/// The app chain: owner, lifecycle, name, genesis and code hashes, pending upgrade,
		/// assigned validators, number opted in, latest finalized checkpoint.
		fn chain(chain: ChainId) -> Option<ChainView<AccountId, BlockNumber>>;
	}
}
