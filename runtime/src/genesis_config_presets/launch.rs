//! A launch network's genesis from one file of operator-supplied keys (`persistence-node
//! launch-spec --network <file>`): validators (stash, BABE, GRANDPA and authority-discovery keys, bond), endowments,
//! vesting, the validator count, the technical committee, the stablecoin admin and asset
//! verifiers. Every figure is checked before a genesis is built; the well-known development
//! keys (Alice … Ferdie, their `//stash`, One, Two) are refused anywhere in it — they are public,
//! so anyone could sign for a validator, a committee seat or an allocation held by one.
//!
//! Not checked (operators' duty): that the keys' owners hold their secrets, and that the
//! bootnodes are reachable.

use super::{Authority, GenesisParts, GENESIS_SUPPLY, PRODUCTION_TIMING};
use crate::{configs::MaxValidatorSet, AccountId, Balance, EXISTENTIAL_DEPOSIT, UNITS};
use alloc::{collections::BTreeSet, format, string::String, vec::Vec};
use frame_support::traits::Get;
use serde::Deserialize;
use serde_json::Value;
use sp_core::{crypto::Ss58Codec, ed25519, sr25519};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// The least a launch validator bonds: the chain's `minValidatorBond` at genesis.
pub const MIN_LAUNCH_BOND: Balance = 10_000 * UNITS;

/// A network file. Accounts and keys are SS58 strings (any prefix: the key's bytes count);
/// amounts are in planck (`uxprt`, 10⁻⁶ XPRT); vesting periods in blocks (6 s).
#[derive(Deserialize, Debug, Clone)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Network {
	/// Human-readable name, e.g. "Persistence Testnet".
	pub name: String,
	/// Chain id, e.g. "persistence_testnet" (the database directory's name).
	pub id: String,
	/// libp2p protocol id, e.g. "xprt-testnet".
	pub protocol_id: String,
	/// Bootnode multiaddresses with their peer ids.
	pub boot_nodes: Vec<String>,
	/// Seats of the validator election (at least the launch validators, at most 100).
	pub validator_count: u32,
	pub validators: Vec<Validator>,
	/// Every genesis balance but the treasury's, which receives what remains of 100 M XPRT.
	pub endowments: Vec<Endowment>,
	#[serde(default)]
	pub vesting: Vec<Vesting>,
	pub technical_committee: Vec<String>,
	/// Owner of the USDT and USDC assets.
	pub stablecoin_admin: String,
	/// Asset verifiers (may be empty: governance adds them).
	#[serde(default)]
	pub verifiers: Vec<String>,
}

/// A launch validator.
#[derive(Deserialize, Debug, Clone)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Validator {
	/// Stash account (sr25519); it must be endowed with at least `bond`.
	pub stash: String,
	/// BABE session key (sr25519 public key).
	pub babe: String,
	/// GRANDPA session key (ed25519 public key).
	pub grandpa: String,
	/// Authority-discovery session key (sr25519 public key): signs the node's addresses on
	/// the DHT.
	pub authority_discovery: String,
	/// XPRT bonded from the stash at genesis (planck).
	pub bond: Balance,
}

/// A genesis balance.
#[derive(Deserialize, Debug, Clone)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Endowment {
	pub account: String,
	/// Planck.
	pub amount: Balance,
}

/// A vesting allocation: of the account's endowment, `liquid` is free at genesis and the rest
/// unlocks linearly over `blocks` blocks from block 0.
#[derive(Deserialize, Debug, Clone)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Vesting {
	pub account: String,
	/// Planck free at genesis.
	pub liquid: Balance,
	/// Blocks until the whole endowment is free.
	pub blocks: u32,
}

/// The 32-byte keys anyone can sign for: every sr25519 and ed25519 development key (an account
/// id of either kind signs with `MultiSignature`) and the bare development phrase's.
fn development_keys() -> Vec<[u8; 32]> {
	use sp_core::{crypto::DEV_PHRASE, Pair};
	let mut keys: Vec<[u8; 32]> = Sr25519Keyring::iter().map(|k| k.public().0).collect();
	keys.extend(Ed25519Keyring::iter().map(|k| k.public().0));
	if let Ok(p) = sr25519::Pair::from_string(DEV_PHRASE, None) {
		keys.push(p.public().0);
	}
	if let Ok(p) = ed25519::Pair::from_string(DEV_PHRASE, None) {
		keys.push(p.public().0);
	}
	keys
}

fn refuse_development(what: &str, s: &str, key: &[u8; 32]) -> Result<(), String> {
	if development_keys().contains(key) {
		return Err(format!("{what} `{s}` is a public development key (anyone can sign for it)"));
	}
	Ok(())
}

fn account(what: &str, s: &str) -> Result<AccountId, String> {
	let key = sr25519::Public::from_ss58check_with_version(s)
		.map(|(k, _)| k)
		.map_err(|e| format!("{what} `{s}` is not an SS58 account: {e:?}"))?;
	refuse_development(what, s, &key.0)?;
	Ok(key.into())
}

fn grandpa_key(what: &str, s: &str) -> Result<ed25519::Public, String> {
	let key = ed25519::Public::from_ss58check_with_version(s)
		.map(|(k, _)| k)
		.map_err(|e| format!("{what} `{s}` is not an SS58 ed25519 key: {e:?}"))?;
	refuse_development(what, s, &key.0)?;
	Ok(key)
}

fn distinct<T: Ord + Clone>(what: &str, items: &[T]) -> Result<(), String> {
	let set: BTreeSet<T> = items.iter().cloned().collect();
	if set.len() != items.len() {
		return Err(format!("{what}: the same one appears twice"));
	}
	Ok(())
}

/// The genesis patch of `net` (on top of the runtime's defaults, as a preset's), or why the
/// file cannot launch a network.
pub fn genesis_patch(net: &Network) -> Result<Value, String> {
	if net.id.is_empty() || net.protocol_id.is_empty() || net.name.is_empty() {
		return Err("name, id and protocolId must not be empty".into());
	}
	if net.validators.is_empty() {
		return Err("at least one validator is needed".into());
	}
	let seats_max = MaxValidatorSet::get();
	if (net.validator_count as usize) < net.validators.len() || net.validator_count > seats_max {
		return Err(format!(
			"validatorCount {} must be at least the {} launch validators and at most {seats_max}",
			net.validator_count,
			net.validators.len()
		));
	}
	let mut balances = Vec::new();
	for e in &net.endowments {
		let who = account("endowment", &e.account)?;
		if e.amount < EXISTENTIAL_DEPOSIT {
			return Err(format!("endowment of `{}` is below the existential deposit (0.01 XPRT)", e.account));
		}
		if who == crate::configs::TreasuryAccount::get() {
			return Err("the treasury is not endowed by the file: it receives what the file leaves".into());
		}
		balances.push((who, e.amount));
	}
	distinct("endowments", &balances.iter().map(|(a, _)| a.clone()).collect::<Vec<_>>())?;
	let allocated = balances
		.iter()
		.try_fold(0 as Balance, |sum, (_, b)| sum.checked_add(*b))
		.ok_or("endowments overflow")?;
	// The treasury keeps at least its existential deposit.
	if allocated > GENESIS_SUPPLY.saturating_sub(EXISTENTIAL_DEPOSIT) {
		return Err(format!(
			"endowments total {allocated} planck, more than the 100 M XPRT supply less the treasury's 0.01 XPRT"
		));
	}
	let balance_of = |who: &AccountId| balances.iter().find(|(a, _)| a == who).map(|(_, b)| *b);

	let mut stakers = Vec::new();
	for v in &net.validators {
		let stash = account("validator stash", &v.stash)?;
		let babe = account("validator BABE key", &v.babe)?;
		let grandpa = grandpa_key("validator GRANDPA key", &v.grandpa)?;
		let discovery = account("validator authority-discovery key", &v.authority_discovery)?;
		if v.bond < MIN_LAUNCH_BOND {
			return Err(format!("validator `{}` bonds less than the 10,000 XPRT minimum", v.stash));
		}
		// The stash keeps its existential deposit free beside the bond.
		if balance_of(&stash).unwrap_or(0) < v.bond.saturating_add(EXISTENTIAL_DEPOSIT) {
			return Err(format!("validator `{}` is not endowed with its bond plus 0.01 XPRT", v.stash));
		}
		let babe: sr25519::Public = sr25519::Public::from_raw(babe.into());
		let discovery: sr25519::Public = sr25519::Public::from_raw(discovery.into());
		stakers.push((
			Authority { stash, babe: babe.into(), grandpa: grandpa.into(), authority_discovery: discovery.into() },
			v.bond,
		));
	}
	distinct("validator stashes", &stakers.iter().map(|(a, _)| a.stash.clone()).collect::<Vec<_>>())?;
	distinct("validator BABE keys", &stakers.iter().map(|(a, _)| a.babe.clone()).collect::<Vec<_>>())?;
	distinct("validator GRANDPA keys", &stakers.iter().map(|(a, _)| a.grandpa.clone()).collect::<Vec<_>>())?;
	distinct(
		"validator authority-discovery keys",
		&stakers.iter().map(|(a, _)| a.authority_discovery.clone()).collect::<Vec<_>>(),
	)?;

	let mut vesting = Vec::new();
	for v in &net.vesting {
		let who = account("vesting account", &v.account)?;
		// Vesting locks what is free after staking's genesis bonded the stash, so a vesting
		// stash's bond would escape the schedule: validators vest nothing at genesis.
		if stakers.iter().any(|(a, _)| a.stash == who) {
			return Err(format!("vesting `{}`: a validator stash cannot vest at genesis", v.account));
		}
		let endowed = balance_of(&who).ok_or(format!("vesting account `{}` is not endowed", v.account))?;
		let locked = endowed.checked_sub(v.liquid).ok_or(format!("vesting `{}`: liquid exceeds the endowment", v.account))?;
		if v.blocks == 0 || locked < UNITS || locked / Balance::from(v.blocks) == 0 {
			return Err(format!(
				"vesting `{}`: at least 1 XPRT must vest, over at least one block, at least 1 planck a block",
				v.account
			));
		}
		// The vesting pallet's genesis entry: (who, begin, length, liquid).
		vesting.push((who, 0u32, v.blocks, v.liquid));
	}
	distinct("vesting accounts", &vesting.iter().map(|(a, ..)| a.clone()).collect::<Vec<_>>())?;

	let max_members: u32 = <crate::Runtime as pallet_collective::Config<pallet_collective::Instance1>>::MaxMembers::get();
	if net.technical_committee.is_empty() || net.technical_committee.len() > max_members as usize {
		return Err(format!("the technical committee needs 1 to {max_members} members"));
	}
	let committee = net
		.technical_committee
		.iter()
		.map(|m| account("technical committee member", m))
		.collect::<Result<Vec<_>, _>>()?;
	distinct("technical committee", &committee)?;
	let verifiers =
		net.verifiers.iter().map(|m| account("verifier", m)).collect::<Result<Vec<_>, _>>()?;
	distinct("verifiers", &verifiers)?;
	let max_verifiers: u32 = <crate::Runtime as pallet_asset_nft::Config>::MaxVerifiers::get();
	if verifiers.len() > max_verifiers as usize {
		return Err(format!("at most {max_verifiers} verifiers"));
	}
	let stablecoin_admin = account("stablecoin admin", &net.stablecoin_admin)?;

	let mut patch = super::genesis_with(GenesisParts {
		stakers,
		balances,
		validator_count: net.validator_count,
		technical_committee: committee,
		// A launch network has no sudo key: governance from block 0.
		sudo: None,
		stablecoin_admin,
		stablecoin_holders: Vec::new(),
		verifiers,
		timing: PRODUCTION_TIMING,
		invulnerable: false,
	});
	if let Some(obj) = patch.as_object_mut() {
		obj.insert("vesting".into(), serde_json::json!({ "vesting": vesting }));
	}
	Ok(patch)
}

#[cfg(test)]
mod tests {
	use super::*;

	fn ss58(k: sr25519::Public) -> String {
		k.to_ss58check()
	}
	fn key(seed: &str) -> sr25519::Public {
		use sp_core::Pair;
		sr25519::Pair::from_string(&format!("//launch-test-{seed}"), None).unwrap().public()
	}
	fn ed(seed: &str) -> ed25519::Public {
		use sp_core::Pair;
		ed25519::Pair::from_string(&format!("//launch-test-{seed}"), None).unwrap().public()
	}

	/// One validator (bond 1 M XPRT of 2 M), a committee of one, an admin: valid.
	fn network() -> Network {
		Network {
			name: "Test".into(),
			id: "test".into(),
			protocol_id: "xprt-test".into(),
			boot_nodes: Vec::new(),
			validator_count: 10,
			validators: alloc::vec![Validator {
				stash: ss58(key("stash")),
				babe: ss58(key("babe")),
				grandpa: ed("grandpa").to_ss58check(),
				authority_discovery: ss58(key("audi")),
				bond: 1_000_000 * UNITS,
			}],
			endowments: alloc::vec![
				Endowment { account: ss58(key("stash")), amount: 2_000_000 * UNITS },
				Endowment { account: ss58(key("team")), amount: 10_000_000 * UNITS },
			],
			vesting: alloc::vec![Vesting { account: ss58(key("team")), liquid: 1_000_000 * UNITS, blocks: 1_000 }],
			technical_committee: alloc::vec![ss58(key("tc"))],
			stablecoin_admin: ss58(key("admin")),
			verifiers: Vec::new(),
		}
	}

	fn refused(f: impl FnOnce(&mut Network), why: &str) {
		let mut net = network();
		f(&mut net);
		let err = genesis_patch(&net).unwrap_err();
		assert!(err.contains(why), "`{err}` does not say `{why}`");
	}

	#[test]
	fn a_valid_network_builds() {
		let patch = genesis_patch(&network()).unwrap();
		assert_eq!(patch["sudo"]["key"], Value::Null);
		assert_eq!(patch["staking"]["validatorCount"], 10);
		assert_eq!(patch["vesting"]["vesting"].as_array().map(|v| v.len()), Some(1));
	}

	#[test]
	fn every_refusal_names_its_reason() {
		let alice = Sr25519Keyring::Alice.to_account_id().to_ss58check();
		refused(|n| n.technical_committee = alloc::vec![alice.clone()], "public development key");
		refused(|n| n.endowments[1].account = Sr25519Keyring::BobStash.to_account_id().to_ss58check(), "public development key");
		refused(|n| n.validators[0].babe = alice.clone(), "public development key");
		refused(|n| n.validators[0].grandpa = Ed25519Keyring::Alice.public().to_ss58check(), "public development key");
		refused(|n| n.validators[0].authority_discovery = alice.clone(), "public development key");
		refused(|n| n.validators[0].authority_discovery = "nope".into(), "authority-discovery key `nope` is not an SS58 account");
		refused(|n| {
			let mut v = n.validators[0].clone();
			v.stash = ss58(key("stash2"));
			v.babe = ss58(key("babe2"));
			v.grandpa = ed("grandpa2").to_ss58check();
			n.endowments.push(Endowment { account: v.stash.clone(), amount: 2_000_000 * UNITS });
			n.validators.push(v)
		}, "validator authority-discovery keys: the same one appears twice");
		refused(|n| n.stablecoin_admin = "not-an-address".into(), "is not an SS58 account");
		refused(|n| n.validators.clear(), "at least one validator");
		refused(|n| n.validator_count = 0, "validatorCount 0");
		refused(|n| n.validator_count = 101, "at most 100");
		refused(|n| n.endowments[1].amount = 100_000_000 * UNITS, "more than the 100 M XPRT supply");
		refused(|n| n.endowments[1].amount = EXISTENTIAL_DEPOSIT - 1, "below the existential deposit");
		refused(|n| n.endowments[1].account = n.endowments[0].account.clone(), "endowments: the same one appears twice");
		refused(|n| n.validators[0].bond = MIN_LAUNCH_BOND - 1, "less than the 10,000 XPRT minimum");
		refused(|n| n.endowments[0].amount = 1_000_000 * UNITS, "not endowed with its bond plus 0.01 XPRT");
		refused(|n| { let v = n.validators[0].clone(); n.validators.push(v) }, "the same one appears twice");
		refused(|n| n.vesting[0].account = ss58(key("nobody")), "is not endowed");
		refused(|n| n.vesting[0].liquid = 10_000_001 * UNITS, "liquid exceeds the endowment");
		refused(|n| n.vesting[0].blocks = 0, "at least 1 XPRT must vest");
		refused(|n| n.technical_committee.clear(), "1 to 32 members");
		refused(|n| n.technical_committee = (0..33).map(|i| ss58(key(&format!("tc{i}")))).collect(), "1 to 32 members");
		// Found in review: an ed25519 development key's account, and the bare development phrase.
		refused(|n| n.endowments[1].account = sr25519::Public::from_raw(Ed25519Keyring::Alice.public().0).to_ss58check(), "public development key");
		refused(|n| {
			use sp_core::Pair;
			n.stablecoin_admin = sr25519::Pair::from_string(sp_core::crypto::DEV_PHRASE, None).unwrap().public().to_ss58check()
		}, "public development key");
		// Found in review: a vesting validator stash would bond XPRT the schedule never locks.
		refused(|n| n.vesting[0].account = n.validators[0].stash.clone(), "a validator stash cannot vest");
		refused(|n| n.endowments[1].account = sr25519::Public::from_raw(crate::configs::TreasuryAccount::get().into()).to_ss58check(), "the treasury is not endowed");
		refused(|n| n.verifiers = alloc::vec![ss58(key("v")), ss58(key("v"))], "verifiers: the same one appears twice");
		refused(|n| n.verifiers = (0..65).map(|i| ss58(key(&format!("v{i}")))).collect(), "at most 64 verifiers");
		refused(|n| n.id.clear(), "must not be empty");
	}
}
