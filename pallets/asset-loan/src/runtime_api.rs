//! Runtime API of the asset-loan pallet: a loan as it stands now (debt, next installment,
//! amount due, present value), for wallets, lenders and pools.

use crate::{LoanId, LoanView};
use codec::Codec;
use persistence_primitives::Balance;

sp_api::decl_runtime_apis! {
	/// Queries of open loans.
	pub trait AssetLoanApi<AccountId> where AccountId: Codec {
		/// The loan now: status (with `Overdue` derived from time), debt, outstanding principal,
		/// accrued interest, next installment, amount due, maturity, present value. `None` if
		/// there is no such open loan.
		fn loan(loan: LoanId) -> Option<LoanView<AccountId>>;
		/// The present value of a loan now: its debt, written down by the governance policy
		/// when late.
		fn present_value(loan: LoanId) -> Option<Balance>;
	}
}
