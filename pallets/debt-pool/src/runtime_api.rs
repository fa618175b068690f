//! Runtime API of the debt-pool pallet: NAV, tranche prices, yields, subordination, reserve,
//! queue lengths, and a holder's position.

use crate::{PoolId, PoolView, PositionView};
use alloc::vec::Vec;
use codec::Codec;

sp_api::decl_runtime_apis! {
	/// Queries of debt pools.
	pub trait DebtPoolApi<AccountId> where AccountId: Codec {
		/// The pool now: state, NAV, reserve, first-loss cover, open loans, and per tranche
		/// (junior first) price, value, supply, yield, subordination, queue.
		fn pool(pool: PoolId) -> Option<PoolView>;
		/// `who`'s shares (held and queued) in each tranche and their value now.
		fn position(pool: PoolId, who: AccountId) -> Vec<PositionView>;
	}
}
