//! Genesis presets: `development` (Alice alone), `local_testnet` (Alice, Bob, Charlie) and
//! `staging` (production timing, no sudo key, development keys: a rehearsal network for tests).
//! The public testnet is not a preset: `persistence-node` builds it from the launch operators'
//! network file ([`launch`], `chain-specs/testnet.network.json`). Chain specs in `chain-specs/`
//! are generated from these.

use crate::{
	AccountId, AssetId, AssetLoanConfig, AssetNftConfig, DebtPoolConfig, OriginsConfig, TechnicalCommitteeConfig, Balance, BalancesConfig, EconomicsConfig, BabeConfig, RuntimeGenesisConfig, SessionConfig,
	SessionKeys, StakingConfig, NominationPoolsConfig, SudoConfig, AssetsConfig, BABE_GENESIS_EPOCH_CONFIG, EXISTENTIAL_DEPOSIT, UNITS,
};
use alloc::{vec, vec::Vec};

/// Launch networks from a file of operator-supplied keys (used by `persistence-node launch-spec`).
#[cfg(feature = "std")]
pub mod launch;
use frame_support::build_struct_json_patch;
use pallet_asset_loan::{LoanParameters, WriteDownStep};
use pallet_staking::StakerStatus;
use persistence_primitives::rwa::AssetKind;
use sp_runtime::{Perbill, Perquintill};
use persistence_primitives::currency::DOLLARS;
use serde_json::Value;
use sp_authority_discovery::AuthorityId as AuthorityDiscoveryId;
use sp_consensus_babe::AuthorityId as BabeId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// Asset id of the USDT stablecoin (as on Polkadot Asset Hub).
pub const USDT_ASSET_ID: AssetId = 1984;
/// Asset id of the USDC stablecoin (as on Polkadot Asset Hub).
pub const USDC_ASSET_ID: AssetId = 1337;

/// Total XPRT at genesis: 100 M, as on Persistence's Cosmos chain.
pub const GENESIS_SUPPLY: Balance = 100_000_000 * UNITS;
/// XPRT each validator bonds at genesis.
pub const VALIDATOR_BOND: Balance = 1_000_000 * UNITS;
/// The least a nomination-pool member bonds.
pub const POOL_MIN_JOIN_BOND: Balance = UNITS;
/// What a pool's creator bonds (the direct nominator minimum).
pub const POOL_MIN_CREATE_BOND: Balance = 100 * UNITS;
/// Nomination pools that may exist at once (governance may raise it).
pub const MAX_POOLS: u32 = 512;
/// Stablecoins each dev account starts with: 1 M USDT and 1 M USDC.
pub const DEV_STABLECOIN_BALANCE: Balance = 1_000_000 * DOLLARS;

/// The name of the local testnet preset.
pub const LOCAL_TESTNET_RUNTIME_PRESET: &str = sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET;
/// The name of the development preset.
pub const DEV_RUNTIME_PRESET: &str = sp_genesis_builder::DEV_RUNTIME_PRESET;
/// The name of the staging preset: the public testnet's timing and rules on development keys.
pub const STAGING_RUNTIME_PRESET: &str = "staging";
/// Only in `runtime-benchmarks` builds: the genesis `benchmarks/weights.sh` benchmarks the
/// standard pallets on (see [`benchmark_config_genesis`]).
#[cfg(feature = "runtime-benchmarks")]
pub const BENCHMARK_RUNTIME_PRESET: &str = "benchmark";

/// Session timing of a network.
#[derive(Clone, Copy)]
pub struct Timing {
	/// Blocks per session (BABE epoch).
	pub epoch_duration: u64,
	/// Sessions per staking era.
	pub sessions_per_era: u32,
	/// How long a loan may be overdue before default (ms).
	pub loan_grace_period: u64,
	/// How long a collateral auction takes bids (ms).
	pub auction_duration: u64,
	/// Whether new debt pools wait for governance approval.
	pub pool_approval: bool,
	/// How long (ms) a pool loan must be in default before anyone may liquidate it.
	pub liquidation_delay: u64,
	/// Whether referenda run on the fast track table (periods of blocks).
	pub fast_governance: bool,
}

/// Development and local networks: 10-block sessions, 3 per era (an election every 3 minutes).
/// Loans default 30 s after a missed payment and auctions last 30 s, so tests can run them.
pub const FAST_TIMING: Timing = Timing {
	epoch_duration: 10,
	sessions_per_era: 3,
	loan_grace_period: 30_000,
	auction_duration: 30_000,
	pool_approval: false,
	liquidation_delay: 30_000,
	fast_governance: true,
};
/// The most sessions per era of any network: GRANDPA keeps a set id → session entry for every
/// session of the bonding duration at this many (`MaxSetIdSessionEntries`).
pub const MAX_SESSIONS_PER_ERA: u32 = 6;
const _: () = assert!(FAST_TIMING.sessions_per_era <= MAX_SESSIONS_PER_ERA);
const _: () = assert!(PRODUCTION_TIMING.sessions_per_era <= MAX_SESSIONS_PER_ERA);

/// Validators elected at genesis and after, until governance changes it (a `root` referendum:
/// `staking.setValidatorCount`): room for the network to grow from its launch
/// set — an election fills it from whoever validates, so a new validator needs no referendum.
/// At most `max_validator_count` (100).
pub const VALIDATOR_COUNT: u32 = 100;

/// Production timing (testnet): 1-hour sessions, 6 per era (6-hour eras).
/// Loans default after 30 days overdue; auctions last 3 days.
pub const PRODUCTION_TIMING: Timing = Timing {
	epoch_duration: crate::HOURS as u64,
	sessions_per_era: MAX_SESSIONS_PER_ERA,
	loan_grace_period: 30 * DAY_MS,
	auction_duration: 3 * DAY_MS,
	pool_approval: true,
	liquidation_delay: 7 * DAY_MS,
	fast_governance: false,
};

/// A day in milliseconds.
const DAY_MS: u64 = 86_400_000;

/// The technical committee of the development presets: Alice, Bob and Charlie (a launch
/// network names its own in its network file).
fn technical_committee() -> Vec<AccountId> {
	[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
		.into_iter()
		.map(|k| k.to_account_id())
		.collect()
}

/// Advance rates at genesis: how much of an asset's appraised value may be borrowed.
fn advance_rates() -> Vec<(AssetKind, Perbill)> {
	vec![
		(AssetKind::Invoice, Perbill::from_percent(80)),
		(AssetKind::Receivable, Perbill::from_percent(75)),
		(AssetKind::Inventory, Perbill::from_percent(50)),
		(AssetKind::Equipment, Perbill::from_percent(50)),
		(AssetKind::RealEstate, Perbill::from_percent(60)),
	]
}

/// Write-down policy at genesis: 10 % after 30 days overdue, 25 % after 60, 50 % after 90,
/// everything after 180.
fn write_down_policy() -> Vec<WriteDownStep> {
	[(30, 10), (60, 25), (90, 50), (180, 100)]
		.into_iter()
		.map(|(days_overdue, p)| WriteDownStep { days_overdue, write_down: Perbill::from_percent(p) })
		.collect()
}

/// A genesis validator: stash account and its session keys.
#[derive(Clone)]
pub struct Authority {
	pub stash: AccountId,
	pub babe: BabeId,
	pub grandpa: GrandpaId,
	pub authority_discovery: AuthorityDiscoveryId,
}

impl Authority {
	/// A validator with the well-known development keys of `sr` (stash, BABE, authority
	/// discovery) and `ed` (GRANDPA) — what `--alice` etc. put in a node's keystore.
	pub fn from_keyring(sr: Sr25519Keyring, ed: Ed25519Keyring) -> Self {
		Self {
			stash: sr.to_account_id(),
			babe: sr.public().into(),
			grandpa: ed.public().into(),
			authority_discovery: sr.public().into(),
		}
	}
}

fn session_keys(a: &Authority) -> SessionKeys {
	SessionKeys {
		babe: a.babe.clone(),
		grandpa: a.grandpa.clone(),
		authority_discovery: a.authority_discovery.clone(),
	}
}

fn dev_authority(name: &str) -> Option<Authority> {
	let (sr, ed) = match name {
		"Alice" => (Sr25519Keyring::Alice, Ed25519Keyring::Alice),
		"Bob" => (Sr25519Keyring::Bob, Ed25519Keyring::Bob),
		"Charlie" => (Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
		_ => return None,
	};
	Some(Authority::from_keyring(sr, ed))
}

/// The well-known development accounts (Alice … Ferdie and their `//stash` accounts).
pub fn dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect()
}

/// Genesis shared by every preset (and a building block for custom networks).
///
/// `endowed` share `GENESIS_SUPPLY` equally but for the treasury's existential deposit and the
/// division's remainder, which the treasury holds (so issuance is exactly `GENESIS_SUPPLY`);
/// validators bond [`VALIDATOR_BOND`] from their share.
#[allow(clippy::too_many_arguments)]
pub fn genesis(
	authorities: Vec<Authority>,
	endowed: Vec<AccountId>,
	sudo: Option<AccountId>,
	stablecoin_admin: AccountId,
	stablecoin_holders: Vec<AccountId>,
	verifiers: Vec<AccountId>,
	timing: Timing,
	invulnerable: bool,
) -> Value {
	let each = genesis_share(endowed.len());
	let validator_count = VALIDATOR_COUNT.max(authorities.len() as u32);
	genesis_with(GenesisParts {
		stakers: authorities.into_iter().map(|a| (a, VALIDATOR_BOND)).collect(),
		balances: endowed.into_iter().map(|a| (a, each)).collect(),
		validator_count,
		technical_committee: technical_committee(),
		sudo,
		stablecoin_admin,
		stablecoin_holders,
		verifiers,
		timing,
		invulnerable,
	})
}

/// Everything a network's genesis is made of (see [`genesis_with`]).
pub struct GenesisParts {
	/// Validators and what each bonds from its own balance.
	pub stakers: Vec<(Authority, Balance)>,
	/// XPRT balances; the treasury receives what is left of `GENESIS_SUPPLY`.
	pub balances: Vec<(AccountId, Balance)>,
	/// Seats of the validator election.
	pub validator_count: u32,
	pub technical_committee: Vec<AccountId>,
	pub sudo: Option<AccountId>,
	/// Owner of the USDT and USDC assets.
	pub stablecoin_admin: AccountId,
	/// Accounts funded with [`DEV_STABLECOIN_BALANCE`] of each stablecoin (dev networks).
	pub stablecoin_holders: Vec<AccountId>,
	/// Asset verifiers.
	pub verifiers: Vec<AccountId>,
	pub timing: Timing,
	/// Exempt the validators from slashing (the lone development validator only).
	pub invulnerable: bool,
}

/// The genesis patch of a network: `balances` plus the treasury's remainder make exactly
/// `GENESIS_SUPPLY` (the caller keeps `balances` within it).
pub fn genesis_with(parts: GenesisParts) -> Value {
	let GenesisParts {
		stakers,
		balances,
		validator_count,
		technical_committee,
		sudo,
		stablecoin_admin,
		stablecoin_holders,
		verifiers,
		timing,
		invulnerable,
	} = parts;
	let allocated = balances.iter().fold(0, |sum: Balance, (_, b)| sum.saturating_add(*b));
	let to_treasury = GENESIS_SUPPLY.saturating_sub(allocated);
	let authorities: Vec<Authority> = stakers.iter().map(|(a, _)| a.clone()).collect();
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: balances
				.into_iter()
				.chain(core::iter::once((crate::configs::TreasuryAccount::get(), to_treasury)))
				.collect::<Vec<_>>(),
		},
		babe: BabeConfig { epoch_config: BABE_GENESIS_EPOCH_CONFIG },
		session: SessionConfig {
			keys: authorities
				.iter()
				.map(|a| (a.stash.clone(), a.stash.clone(), session_keys(a)))
				.collect::<Vec<_>>(),
		},
		staking: StakingConfig {
			validator_count,
			minimum_validator_count: 1,
			// Only the lone development validator is exempt from slashing.
			invulnerables: if invulnerable {
				authorities.iter().map(|a| a.stash.clone()).collect::<Vec<_>>()
			} else {
				Vec::new()
			},
			slash_reward_fraction: sp_runtime::Perbill::from_percent(10),
			stakers: stakers
				.iter()
				.map(|(a, bond)| {
					(a.stash.clone(), a.stash.clone(), *bond, StakerStatus::<AccountId>::Validator)
				})
				.collect::<Vec<_>>(),
			min_validator_bond: 10_000 * UNITS,
			min_nominator_bond: 100 * UNITS,
			max_validator_count: Some(VALIDATOR_COUNT),
		},
		nomination_pools: NominationPoolsConfig {
			// Anyone with 1 XPRT can stake through a pool; a pool's creator bonds the direct
			// nominator minimum, which stays bonded while the pool exists.
			min_join_bond: POOL_MIN_JOIN_BOND,
			min_create_bond: POOL_MIN_CREATE_BOND,
			max_pools: Some(MAX_POOLS),
			max_members_per_pool: None,
			max_members: None,
			// No pool may take more than 10 % of its members' rewards.
			global_max_commission: Some(Perbill::from_percent(10)),
		},
		sudo: SudoConfig { key: sudo },
		asset_nft: AssetNftConfig { verifiers },
		asset_loan: AssetLoanConfig {
			// Loans and pools in the chain's stablecoins only (governance lists more).
			lendable_currencies: vec![USDT_ASSET_ID, USDC_ASSET_ID],
			advance_rates: advance_rates(),
			write_down_policy: write_down_policy(),
			parameters: LoanParameters {
				penalty_rate: Perquintill::from_percent(5),
				grace_period: timing.loan_grace_period,
				auction_duration: timing.auction_duration,
				min_bid_increment: Perbill::from_percent(1),
			},
		},
		debt_pool: DebtPoolConfig {
			approval_required: timing.pool_approval,
			liquidation_delay: timing.liquidation_delay,
			..Default::default()
		},
		origins: OriginsConfig { fast_tracks: timing.fast_governance },
		technical_committee: TechnicalCommitteeConfig { members: technical_committee },
		economics: EconomicsConfig {
			epoch_duration: Some(timing.epoch_duration),
			sessions_per_era: Some(timing.sessions_per_era),
		},
		assets: AssetsConfig {
			assets: vec![
				(USDT_ASSET_ID, stablecoin_admin.clone(), true, 10_000),
				(USDC_ASSET_ID, stablecoin_admin.clone(), true, 10_000),
			],
			metadata: vec![
				(USDT_ASSET_ID, b"Tether USD".to_vec(), b"USDT".to_vec(), 6),
				(USDC_ASSET_ID, b"USD Coin".to_vec(), b"USDC".to_vec(), 6),
			],
			accounts: stablecoin_holders
				.iter()
				.flat_map(|a| {
					[
						(USDT_ASSET_ID, a.clone(), DEV_STABLECOIN_BALANCE),
						(USDC_ASSET_ID, a.clone(), DEV_STABLECOIN_BALANCE),
					]
				})
				.collect::<Vec<_>>(),
		},
	})
}

/// `development`: Alice is the only validator and the sudo key; the dev accounts hold XPRT,
/// USDT and USDC.
pub fn development_config_genesis() -> Value {
	single_validator_genesis(FAST_TIMING)
}

/// Alice validates alone (invulnerable) and is sudo; the dev accounts hold XPRT and the
/// stablecoins; Ferdie verifies assets.
fn single_validator_genesis(timing: Timing) -> Value {
	let alice = Sr25519Keyring::Alice.to_account_id();
	genesis(
		dev_authority("Alice").into_iter().collect(),
		dev_accounts(),
		Some(alice.clone()),
		alice,
		dev_accounts(),
		vec![dev_verifier()],
		timing,
		true,
	)
}

/// The asset verifier of development networks: Ferdie.
pub fn dev_verifier() -> AccountId {
	Sr25519Keyring::Ferdie.to_account_id()
}

/// `local_testnet`: Alice, Bob and Charlie validate; Alice is sudo.
pub fn local_config_genesis() -> Value {
	let alice = Sr25519Keyring::Alice.to_account_id();
	genesis(
		["Alice", "Bob", "Charlie"].into_iter().filter_map(dev_authority).collect(),
		dev_accounts(),
		Some(alice.clone()),
		alice,
		dev_accounts(),
		vec![dev_verifier()],
		FAST_TIMING,
		false,
	)
}

/// `staging`: the public testnet's rules — production timing, no sudo key, vesting allocations
/// — on the well-known development keys (Alice, Bob and Charlie validate), for tests and
/// rehearsals. Never a public network: anyone can sign for its validators and allocations.
pub fn staging_config_genesis() -> Value {
	let alice = Sr25519Keyring::Alice.to_account_id();
	let mut patch = genesis(
		["Alice", "Bob", "Charlie"].into_iter().filter_map(dev_authority).collect(),
		dev_accounts(),
		None,
		alice,
		Vec::new(),
		Vec::new(),
		PRODUCTION_TIMING,
		false,
	);
	// Allocations that vest: Dave's and Eve's (stand-ins for team and investor allocations)
	// unlock linearly over two years from genesis, 10 % liquid at once.
	let vesting: Vec<(AccountId, u32, u32, Balance)> = [Sr25519Keyring::Dave, Sr25519Keyring::Eve]
		.into_iter()
		.map(|k| (k.to_account_id(), 0, STAGING_VESTING_BLOCKS, staging_share() / 10))
		.collect();
	if let Some(obj) = patch.as_object_mut() {
		obj.insert("vesting".into(), serde_json::json!({ "vesting": vesting }));
	}
	patch
}

/// Two years of 6-second blocks.
pub const STAGING_VESTING_BLOCKS: u32 = 2 * 365 * crate::DAYS;

/// Each of `endowed` accounts' share of the genesis supply (the treasury keeps the existential
/// deposit and the division's remainder).
pub fn genesis_share(endowed: usize) -> Balance {
	GENESIS_SUPPLY.saturating_sub(EXISTENTIAL_DEPOSIT) / endowed.max(1) as Balance
}

/// Each endowed account's share of `staging`'s genesis supply.
pub fn staging_share() -> Balance {
	genesis_share(dev_accounts().len())
}

/// `benchmark`: `development`'s accounts and validator, with the production governance tracks
/// (upstream's referenda benchmarks expect a prepare period longer than one block) and
/// `minValidatorBond` / `minNominatorBond` at zero (upstream's staking and session benchmarks
/// bond less than our minimums).
#[cfg(feature = "runtime-benchmarks")]
pub fn benchmark_config_genesis() -> Value {
	let mut patch = single_validator_genesis(PRODUCTION_TIMING);
	if let Some(staking) = patch.get_mut("staking").and_then(Value::as_object_mut) {
		staking.insert("minValidatorBond".into(), Value::from(0u64));
		staking.insert("minNominatorBond".into(), Value::from(0u64));
	}
	patch
}

/// Provides the JSON representation of predefined genesis config for given `id`.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		DEV_RUNTIME_PRESET => development_config_genesis(),
		LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		STAGING_RUNTIME_PRESET => staging_config_genesis(),
		#[cfg(feature = "runtime-benchmarks")]
		BENCHMARK_RUNTIME_PRESET => benchmark_config_genesis(),
		_ => return None,
	};
	serde_json::to_string(&patch).ok().map(|s| s.into_bytes())
}

/// List of supported presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(DEV_RUNTIME_PRESET),
		PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET),
		PresetId::from(STAGING_RUNTIME_PRESET),
		#[cfg(feature = "runtime-benchmarks")]
		PresetId::from(BENCHMARK_RUNTIME_PRESET),
	]
}
