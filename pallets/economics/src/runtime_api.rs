//! Runtime API of the economics pallet: the inflation schedule in force, for wallets,
//! explorers and staking dashboards.

use persistence_primitives::inflation::InflationParams;
use sp_runtime::Perquintill;

/// The schedule as it stands at the last block's time.
#[derive(
	Clone, PartialEq, Eq, Debug, codec::Encode, codec::Decode, scale_info::TypeInfo,
)]
pub struct InflationView {
	/// The schedule in force: bounds after every halving due by now (including one due but
	/// not yet written, which the next era payout applies).
	pub params: InflationParams,
	/// When the next halving applies (Unix time, ms); `None`: never.
	pub next_halving: Option<u64>,
	/// The active era's bonded ratio (its total exposure over total issuance).
	pub bonded_ratio: Perquintill,
	/// The annual rate the next era payout pays at that bonded ratio.
	pub annual_rate: Perquintill,
}

sp_api::decl_runtime_apis! {
	/// The XPRT inflation schedule.
	pub trait EconomicsApi {
		/// The schedule in force, the next halving and the rate at the current bonded ratio.
		fn inflation() -> InflationView;
	}
}
