//! Types of the asset-NFT pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use persistence_primitives::{
	rwa::{AssetKind, LockId, VerificationState},
	AssetId, Balance,
};
use scale_info::TypeInfo;
use sp_core::H256;

/// Id of an asset class (a `pallet-uniques` collection).
pub type ClassId = u32;
/// Id of an asset within its class (a `pallet-uniques` item).
pub type ItemId = u32;
/// Unix time in milliseconds.
pub type Moment = u64;

/// An asset class: a collection of assets of one kind, following one schema.
#[derive(CloneNoBound, Encode, Decode, PartialEqNoBound, EqNoBound, MaxEncodedLen, TypeInfo, DebugNoBound)]
#[scale_info(skip_type_params(SchemaLimit))]
pub struct ClassInfo<AccountId: Clone + PartialEq + Eq + core::fmt::Debug, SchemaLimit: Get<u32>> {
	/// Who created the class; the only account that may mint into it.
	pub owner: AccountId,
	/// The kind of every asset in the class.
	pub kind: AssetKind,
	/// Name of the schema the assets' metadata follows (e.g. `ubl-invoice-2.1`).
	pub schema: BoundedVec<u8, SchemaLimit>,
	/// XPRT held from `owner` while the class exists (uxprt).
	pub deposit: Balance,
	/// Assets currently in the class.
	pub assets: u32,
	/// The id the next minted asset gets.
	pub next_item: ItemId,
}

/// A verifier's verdict on an asset.
#[derive(Clone, Encode, Decode, PartialEq, Eq, MaxEncodedLen, TypeInfo, Debug)]
pub enum Verification<AccountId> {
	/// Waiting for a verifier.
	Pending,
	/// Attested by `verifier` at `appraised_value` (in the asset's currency, base units), valid
	/// until `valid_until` (Unix ms).
	Verified { verifier: AccountId, appraised_value: Balance, valid_until: Moment },
	/// Rejected by `verifier` with an application-defined `reason` code.
	Rejected { verifier: AccountId, reason: u16 },
}

impl<AccountId> Verification<AccountId> {
	/// The state as seen at `now`: a verified asset whose appraisal has passed its horizon is
	/// `Expired` (it needs verifying again).
	pub fn state_at(&self, now: Moment) -> VerificationState {
		match self {
			Verification::Pending => VerificationState::Pending,
			Verification::Verified { valid_until, .. } if *valid_until > now =>
				VerificationState::Verified,
			Verification::Verified { .. } => VerificationState::Expired,
			Verification::Rejected { .. } => VerificationState::Rejected,
		}
	}
}

/// The parameters of an asset, as given at mint.
#[derive(
	CloneNoBound, Encode, Decode, DecodeWithMemTracking, PartialEqNoBound, EqNoBound, MaxEncodedLen, TypeInfo, DebugNoBound,
)]
#[scale_info(skip_type_params(MetadataLimit, MaxPrivateFields))]
pub struct AssetParams<MetadataLimit: Get<u32>, MaxPrivateFields: Get<u32>> {
	/// Face value (invoice amount, book value), in `currency`'s smallest unit (USDT and USDC
	/// have 6 decimals: 1 USDT = 1_000_000); positive.
	pub face_value: Balance,
	/// The stablecoin (`pallet-assets` id, e.g. 1984 for USDT) the values are denominated in.
	pub currency: AssetId,
	/// Issue date, Unix time in milliseconds; required for invoices.
	pub issue_date: Option<Moment>,
	/// Maturity / due date, Unix time in milliseconds; required for invoices, after
	/// `issue_date`.
	pub maturity_date: Option<Moment>,
	/// Hash of the off-chain documents (32 bytes, e.g. blake2-256 of the PDF bundle).
	pub document_hash: H256,
	/// Public metadata (e.g. a JSON document following the class schema, or a CID), at most
	/// `MetadataLimit` bytes.
	pub metadata: BoundedVec<u8, MetadataLimit>,
	/// Commitments to private fields, at most `MaxPrivateFields`: each
	/// `blake2_256(SCALE(COMMITMENT_DOMAIN, salt, value))` (`functions::commitment_of`).
	pub private_fields: BoundedVec<H256, MaxPrivateFields>,
}

/// The record of one real-world asset. Ownership lives in `pallet-uniques`.
#[derive(CloneNoBound, Encode, Decode, PartialEqNoBound, EqNoBound, MaxEncodedLen, TypeInfo, DebugNoBound)]
#[scale_info(skip_type_params(MetadataLimit, MaxPrivateFields))]
pub struct AssetRecord<AccountId: Clone + PartialEq + Eq + core::fmt::Debug, MetadataLimit: Get<u32>, MaxPrivateFields: Get<u32>> {
	/// What the asset is (the class's kind).
	pub kind: AssetKind,
	/// Face value, currency, dates, document hash, metadata, private commitments.
	pub params: AssetParams<MetadataLimit, MaxPrivateFields>,
	/// The verifiers' verdict.
	pub verification: Verification<AccountId>,
	/// Whether the invoice has been paid by its debtor.
	pub settled: bool,
	/// Who holds a collateral lock, if anyone.
	pub locked_by: Option<LockId>,
	/// Who paid the storage deposit (refunded to them on burn).
	pub depositor: AccountId,
	/// The storage deposit held from `depositor` (XPRT, in uxprt).
	pub deposit: Balance,
}

impl<MetadataLimit: Get<u32>, MaxPrivateFields: Get<u32>> AssetParams<MetadataLimit, MaxPrivateFields> {
	/// Bytes this asset stores beyond its fixed-size fields, which the deposit is charged on.
	pub fn stored_bytes(&self) -> u32 {
		let fields = (self.private_fields.len() as u32).saturating_mul(32);
		(self.metadata.len() as u32).saturating_add(fields)
	}
}
