//! Types of the debt-pool pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use persistence_primitives::{interest::Accumulator, AssetId, Balance};
use scale_info::TypeInfo;
use sp_runtime::{FixedU128, Perbill, Perquintill};

/// Identifier of a pool.
pub type PoolId = u32;
/// Position of a tranche in its pool: 0 is the junior (first-loss) tranche, the last the most
/// senior.
pub type TrancheIndex = u8;
/// Unix time in milliseconds.
pub type Moment = u64;
/// Position in a tranche's redemption queue.
pub type QueuePosition = u64;

/// Where a pool stands.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug)]
pub enum PoolState {
	/// Created, waiting for governance approval: no investment yet.
	PendingApproval,
	/// Taking investments, financing loans, serving redemptions.
	Open,
	/// The junior tranche has been wiped out by losses: no new financing and no senior
	/// investment; redemptions, repayments and liquidations continue, the originator may top
	/// up the cover and junior deposits recapitalise it. Returns to `Open` when the junior
	/// tranche has value again.
	Impaired,
}

/// A tranche as the originator specifies it at creation.
///
/// In polkadot.js, a senior tranche at 8 % with 20 % subordination:
/// `{ yieldRate: 80_000_000_000_000_000n, minSubordination: 200_000_000 }`.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug)]
pub struct TrancheSpec {
	/// Annual yield owed to the tranche, accrued per second (ignored for the junior tranche,
	/// which takes the residual): a `Perquintill`, 10^18 = 100 % a year
	/// (8 % = 80_000_000_000_000_000).
	pub yield_rate: Perquintill,
	/// The share of pool value that must sit below this tranche (ignored for the junior): a
	/// `Perbill` below 100 %, 10^9 = 100 % (20 % = 200_000_000).
	pub min_subordination: Perbill,
}

/// A tranche of a pool.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Tranche {
	/// The `pallet-assets` token of the tranche's shares.
	pub share_asset: AssetId,
	/// Annual yield (0 for the junior tranche).
	pub yield_rate: Perquintill,
	/// Minimum subordination (0 for the junior tranche).
	pub min_subordination: Perbill,
	/// The tranche's claim, normalized against `accumulator` (senior tranches only): what it is
	/// owed is `claim × accumulator` — everything invested, grown at the yield, less what was
	/// redeemed.
	pub normalized_claim: Balance,
	/// Per-second compounding of the yield.
	pub accumulator: Accumulator,
	/// First queued redemption not yet served (or cancelled).
	pub queue_head: QueuePosition,
	/// Where the next redemption request goes.
	pub queue_tail: QueuePosition,
	/// Shares waiting in the queue (held in the pool account).
	pub queued_shares: Balance,
	/// Shares the pool account holds of its own token so that its share account never dies
	/// (the token's minimum balance): not part of the supply investors hold.
	pub anchor: Balance,
}

/// A debt pool.
#[derive(CloneNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, MaxEncodedLen, TypeInfo, DebugNoBound)]
#[scale_info(skip_type_params(MaxTranches, LabelLimit))]
pub struct Pool<AccountId: Clone + PartialEq + Eq + core::fmt::Debug, MaxTranches: Get<u32>, LabelLimit: Get<u32>> {
	/// The originator: creates the pool, posts the cover, finances loans, earns the fee.
	pub admin: AccountId,
	/// A delegated borrower-manager who may also finance loans.
	pub manager: Option<AccountId>,
	/// The stablecoin of the pool.
	pub currency: AssetId,
	/// Risk class label (e.g. `"trade-receivables-EU-B"`).
	pub risk_class: BoundedVec<u8, LabelLimit>,
	/// State.
	pub state: PoolState,
	/// Tranches, junior first.
	pub tranches: BoundedVec<Tranche, MaxTranches>,
	/// Most cash the pool may hold, in `currency`'s base units; deposits beyond it are
	/// refused.
	pub max_reserve: Balance,
	/// The originator's first-loss cover still available (in the pool account). It pays
	/// realised losses; while a loss is unrealised (a write-down) it only stands behind it.
	pub first_loss_cover: Balance,
	/// Annual fee of the originator, as a share of NAV (`Perquintill`: 10^18 = 100 % a year).
	pub fee_rate: Perquintill,
	/// Fee accrued and not yet set aside.
	pub fee_owed: Balance,
	/// Fee set aside for the admin to claim (in the pool account).
	pub fee_payable: Balance,
	/// Redemption proceeds set aside for their holders to claim (in the pool account).
	pub payable: Balance,
	/// The pool currency's minimum balance, kept in the pool account so that it never dies.
	pub anchor: Balance,
	/// The lender portfolio's realised losses already charged to the cover.
	pub loss_seen: Balance,
	/// When the fee and the tranche yields were last brought up to date (Unix s).
	pub last_update: u64,
	/// XPRT held from the admin while the pool exists.
	pub deposit: Balance,
}

/// What a pool owns now, from its account and its lender portfolio (the loan pallet's books).
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct Books {
	/// The pool these are the books of.
	pub pool: PoolId,
	/// Cash of the tranches: the account's balance less the anchor, the cover and payouts set
	/// aside.
	pub cash: Balance,
	/// Value of the open loans (the loan pallet's valuation of the pool's portfolio).
	pub loans: Balance,
	/// What the cover stands behind now: the unrealised losses, up to the cover.
	pub guarantee: Balance,
	/// The write-downs not realised yet (late loans' booked debt less their booked value).
	pub unrealised: Balance,
	/// Open loans.
	pub loan_count: u32,
	/// A loan whose valuation is out of date, if any.
	pub stale_loan: Option<persistence_primitives::loans::LoanId>,
	/// Each tranche's supply (shares held by investors, queued ones included), junior first:
	/// read from the share tokens once per call and refreshed whenever the call mints, burns
	/// or queues shares, so pricing the pool again within the call reads nothing.
	pub supplies: alloc::vec::Vec<Balance>,
}

impl Books {
	/// The supply of tranche `t` (none for a tranche that does not exist).
	pub fn supply(&self, t: usize) -> Balance {
		self.supplies.get(t).copied().unwrap_or_default()
	}
}

/// A queued redemption.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Redemption<AccountId> {
	/// Who redeems.
	pub who: AccountId,
	/// Shares still to be served.
	pub shares: Balance,
	/// Proceeds of the shares served so far, waiting to be claimed.
	pub payable: Balance,
	/// XPRT held from `who` for this entry until it is claimed or cancelled.
	pub deposit: Balance,
}

/// A holder's queued shares and unclaimed proceeds in one tranche.
#[derive(Clone, Copy, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Holding {
	/// Shares queued for redemption.
	pub queued: Balance,
	/// Proceeds of served redemptions not yet claimed.
	pub claimable: Balance,
}

/// A tranche as investors see it now (runtime API).
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct TrancheView {
	/// Share token.
	pub share_asset: AssetId,
	/// Price of one share unit in the pool currency (18 decimals).
	pub price: FixedU128,
	/// Value of the tranche.
	pub value: Balance,
	/// Shares outstanding.
	pub supply: Balance,
	/// Annual yield (0 for the junior).
	pub yield_rate: Perquintill,
	/// Share of NAV below this tranche now.
	pub subordination: Perbill,
	/// Minimum subordination.
	pub min_subordination: Perbill,
	/// Queued redemption requests.
	pub queue_length: u64,
	/// Shares in the queue.
	pub queued_shares: Balance,
}

/// A pool as investors see it now (runtime API).
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct PoolView {
	/// State.
	pub state: PoolState,
	/// Net asset value: cash + loans + what the cover stands behind − fees owed.
	pub nav: Balance,
	/// Cash of the tranches.
	pub reserve: Balance,
	/// First-loss cover left.
	pub first_loss_cover: Balance,
	/// Open loans.
	pub active_loans: u32,
	/// Value of the open loans.
	pub loan_value: Balance,
	/// A loan whose valuation is out of date: deposits and redemptions wait until someone
	/// revalues it.
	pub stale_loan: Option<persistence_primitives::loans::LoanId>,
	/// Tranches, junior first.
	pub tranches: alloc::vec::Vec<TrancheView>,
}

/// A holder's position in one tranche (runtime API).
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct PositionView {
	/// The tranche.
	pub tranche: TrancheIndex,
	/// Shares held.
	pub shares: Balance,
	/// Shares queued for redemption.
	pub queued: Balance,
	/// Value of held and queued shares now.
	pub value: Balance,
	/// Proceeds of served redemptions waiting to be claimed.
	pub claimable: Balance,
}
