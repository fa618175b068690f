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
		/// A lender's portfolio as the loan pallet books it, valued now: value, open loans,
		/// unrealised and realised losses, and a loan whose valuation is out of date (call
		/// `assetLoan.revalue` on it). `None` only if valuing it overflows.
		fn portfolio(lender: AccountId) -> Option<persistence_primitives::loans::PortfolioValuation>;
	}
}
