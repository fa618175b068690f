//! Invariant fuzzer of the credit engine on the real runtime (its USDT with the real 0.01
//! minimum balance, the development write-down policy and timing, real origins).
//!
//! Each case is a random sequence of calls over NFTs, loans, a two-tranche pool, auctions,
//! defaults, liquidations, dust amounts and accounts without any USDT. After every call it
//! checks: stablecoins are conserved (no payout burns anything; only a user's own leftover
//! below the minimum balance may be reaped from that user's account), the pool's books equal
//! its account's balance, NAV = Σ tranche values, the pool's payouts set aside equal what its
//! queue entries hold, the loan escrow holds exactly the best bids and the unclaimed refunds,
//! and an NFT is locked exactly while it backs an open loan. At the end every loan is driven to
//! a closed state and every investor leaves; then the pool must close, empty.
//!
//! `CREDIT_FUZZ_CASES` sets the number of cases (default 10,000); `CREDIT_FUZZ_SEED` the first
//! seed. A failure names its seed: rerun with `CREDIT_FUZZ_SEED=<seed> CREDIT_FUZZ_CASES=1`.

use frame_support::traits::fungibles::Mutate;
use pallet_asset_loan::{LoanState, LoanTerms, Loans, Schedule};
use pallet_debt_pool::{Pools, Queues, TrancheSpec};
use persistence_primitives::rwa::{AssetKind, RwaCollateral};
use persistence_runtime::{
	genesis_config_presets::{self, USDT_ASSET_ID},
	AccountId, AssetLoan, AssetNft, Assets, Balances, DebtPool, Runtime, RuntimeGenesisConfig, RuntimeOrigin,
	System,
};
use serde_json::Value;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{BoundedVec, BuildStorage, Perbill, Perquintill, Storage};

const USDT: u32 = USDT_ASSET_ID;
const D: u128 = 1_000_000;
const K: u128 = 1_000 * D;
const MIN: u128 = 10_000;
const DAY: u64 = 86_400_000;
const T0: u64 = 1_800_000_000_000;

fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(b), Value::Object(p)) =>
			for (k, v) in p {
				merge(b.entry(k).or_insert(Value::Null), v);
			},
		(b, p) => *b = p,
	}
}

fn dev_storage() -> Storage {
	let mut json = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut json, genesis_config_presets::development_config_genesis());
	let config: RuntimeGenesisConfig = serde_json::from_value(json).unwrap();
	let mut storage = config.build_storage().unwrap();
	// The native runtime executes the calls: the WASM code is not needed, and not copying it
	// makes every case cheaper.
	storage.top.remove(sp_core::storage::well_known_keys::CODE);
	storage
}

/// xorshift64*: small, fast, reproducible.
struct Rng(u64);
impl Rng {
	fn next(&mut self) -> u64 {
		self.0 ^= self.0 >> 12;
		self.0 ^= self.0 << 25;
		self.0 ^= self.0 >> 27;
		self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
	}
	fn below(&mut self, n: u64) -> u64 {
		self.next() % n.max(1)
	}
	fn pick<T: Clone>(&mut self, v: &[T]) -> T {
		v[self.below(v.len() as u64) as usize].clone()
	}
	/// An amount: dust (below, at and just above the minimum balance) or real money.
	fn amount(&mut self) -> u128 {
		match self.below(4) {
			0 => 1 + self.below(MIN as u64 * 2) as u128,
			1 => MIN,
			2 => (1 + self.below(50)) as u128 * K,
			_ => (1 + self.below(300)) as u128 * K,
		}
	}
}

struct World {
	admin: AccountId,
	junior: AccountId,
	senior: AccountId,
	/// Holds XPRT only: receives shares by transfer and redeems them.
	empty: AccountId,
	borrowers: [AccountId; 2],
	bidders: [AccountId; 2],
	verifier: AccountId,
	classes: [u32; 2],
	nfts: Vec<(u32, u32)>,
	loans: Vec<u64>,
	/// USDT held by all accounts after the last call.
	held: u128,
}

fn usdt(who: &AccountId) -> u128 {
	Assets::balance(USDT, who)
}

fn setup() -> World {
	System::set_block_number(1);
	pallet_timestamp::Now::<Runtime>::put(T0);
	let k = |k: Sr25519Keyring| k.to_account_id();
	let empty = AccountId::from([7u8; 32]);
	let _ = <Balances as frame_support::traits::fungible::Mutate<AccountId>>::mint_into(&empty, 1_000_000_000);
	let w = World {
		admin: k(Sr25519Keyring::Alice),
		junior: k(Sr25519Keyring::Charlie),
		senior: k(Sr25519Keyring::Dave),
		empty,
		borrowers: [k(Sr25519Keyring::Bob), k(Sr25519Keyring::Eve)],
		bidders: [k(Sr25519Keyring::Ferdie), k(Sr25519Keyring::AliceStash)],
		verifier: k(Sr25519Keyring::Ferdie),
		classes: [0, 1],
		nfts: Vec::new(),
		loans: Vec::new(),
		held: 0,
	};
	let _ = Assets::mint_into(USDT, &w.bidders[1], 1_000_000 * D);
	let _ = <Balances as frame_support::traits::fungible::Mutate<AccountId>>::mint_into(&w.bidders[1], 1_000_000_000_000);
	for b in &w.borrowers {
		assert!(AssetNft::create_class(RuntimeOrigin::signed(b.clone()), AssetKind::Invoice, Default::default()).is_ok());
	}
	assert!(DebtPool::create(
		RuntimeOrigin::signed(w.admin.clone()),
		USDT,
		BoundedVec::truncate_from(b"fuzz".to_vec()),
		BoundedVec::truncate_from(vec![
			TrancheSpec { yield_rate: Perquintill::zero(), min_subordination: Perbill::zero() },
			TrancheSpec { yield_rate: Perquintill::from_percent(8), min_subordination: Perbill::from_percent(20) },
		]),
		10_000 * K,
		20 * K,
		Perquintill::from_percent(1),
	)
	.is_ok());
	assert!(DebtPool::invest(RuntimeOrigin::signed(w.junior.clone()), 0, 0, 200 * K, 0).is_ok());
	assert!(DebtPool::invest(RuntimeOrigin::signed(w.senior.clone()), 0, 1, 600 * K, 0).is_ok());
	w
}

fn now() -> u64 {
	pallet_timestamp::Now::<Runtime>::get()
}

fn advance(ms: u64) {
	pallet_timestamp::Now::<Runtime>::put(now() + ms);
	System::set_block_number(System::block_number() + 1);
}

/// A new verified invoice of `borrower` appraised at `value`, and a loan requested against it.
fn request(w: &mut World, b: usize, principal: u128, rng: &mut Rng) -> Option<u64> {
	let borrower = w.borrowers[b].clone();
	let class = w.classes[b];
	let item = pallet_asset_nft::Pallet::<Runtime>::do_mint(
		borrower.clone(),
		class,
		pallet_asset_nft::AssetParams {
			face_value: principal * 2,
			currency: USDT,
			issue_date: Some(now()),
			maturity_date: Some(now() + 90 * DAY),
			document_hash: Default::default(),
			metadata: Default::default(),
			private_fields: Default::default(),
		},
	)
	.ok()?;
	w.nfts.push((class, item));
	AssetNft::verify(RuntimeOrigin::signed(w.verifier.clone()), class, item, Default::default(), principal * 2, now() + 300 * DAY)
		.ok()?;
	let schedule = match rng.below(3) {
		0 => Schedule::Bullet { term: 60 + rng.below(120 * 86_400) },
		1 => Schedule::Installments { count: 1 + rng.below(6) as u32, period: 60 + rng.below(40 * 86_400) },
		_ => Schedule::Bullet { term: 60 },
	};
	let terms = LoanTerms { currency: USDT, principal, annual_rate: Perquintill::from_percent(rng.below(4) * 5), schedule };
	let id = pallet_asset_loan::NextLoanId::<Runtime>::get();
	AssetLoan::request(RuntimeOrigin::signed(borrower), class, item, terms).ok()?;
	w.loans.push(id);
	Some(id)
}

fn pool_account() -> AccountId {
	DebtPool::pool_account(0)
}

fn held_usdt() -> u128 {
	pallet_assets::Account::<Runtime>::iter_prefix(USDT).map(|(_, a)| a.balance).sum()
}

fn check(w: &mut World, step: &str) {
	// Stablecoins conserved: nothing is created; nothing is lost but a user's own leftover
	// below the minimum balance, reaped from that user's account by a transfer the user made
	// (less than the minimum per call).
	let held = held_usdt();
	assert!(held <= w.held && w.held - held < MIN, "{step}: USDT held went from {} to {held}", w.held);
	w.held = held;
	// The pool's books equal its account.
	let p = Pools::<Runtime>::get(0).expect("pool");
	let v = DebtPool::view(0).expect("view");
	assert_eq!(
		usdt(&pool_account()),
		v.reserve + v.first_loss_cover + p.payable + p.fee_payable + p.anchor,
		"{step}: pool books vs account"
	);
	assert_eq!(v.tranches.iter().map(|t| t.value).sum::<u128>(), v.nav, "{step}: NAV = Σ tranche values");
	let payable: u128 = (0..2u8).flat_map(|t| Queues::<Runtime>::iter_prefix((0, t)).map(|(_, e)| e.payable)).sum();
	assert_eq!(p.payable, payable, "{step}: payouts set aside");
	// The escrow holds the best bids and the unclaimed refunds.
	let bids: u128 = pallet_asset_loan::Auctions::<Runtime>::iter().filter_map(|(_, a)| a.best.map(|b| b.1)).sum();
	let claims: u128 = pallet_asset_loan::Claims::<Runtime>::iter().map(|(_, _, c)| c).sum();
	assert_eq!(usdt(&AssetLoan::escrow_account()), bids + claims, "{step}: escrow");
	// Locks: an NFT is locked exactly while an open loan holds it.
	for (c, i) in &w.nfts {
		let locked = <AssetNft as RwaCollateral<AccountId>>::collateral_info(c, i).map(|x| x.locked_by.is_some());
		let open = Loans::<Runtime>::iter().any(|(_, l)| l.collateral == (*c, *i));
		assert_eq!(locked, Some(open), "{step}: lock of {c}/{i}");
	}
	// The pool's loans in the loan pallet's books.
	let open = Loans::<Runtime>::iter().filter(|(_, l)| l.lender.as_ref() == Some(&pool_account())).count() as u32;
	assert_eq!(v.active_loans, open, "{step}: pool loans");
}

fn step(w: &mut World, rng: &mut Rng) -> String {
	let o = RuntimeOrigin::signed;
	match rng.below(17) {
		0 => {
			let t = rng.below(2) as u8;
			let who = if t == 0 { w.junior.clone() } else { w.senior.clone() };
			let a = rng.amount();
			let _ = DebtPool::invest(o(who), 0, t, a, 0);
			format!("invest {t} {a}")
		},
		1 | 2 => {
			let t = rng.below(2) as u8;
			let who = rng.pick(&[w.junior.clone(), w.senior.clone(), w.empty.clone()]);
			let asset = Pools::<Runtime>::get(0).unwrap().tranches[t as usize].share_asset;
			let held = Assets::balance(asset, &who);
			let shares = if rng.below(2) == 0 { held } else { rng.amount().min(held) };
			let _ = DebtPool::redeem(o(who), 0, t, shares, 0);
			format!("redeem {t} {shares}")
		},
		3 => {
			for t in 0..2u8 {
				let entries: Vec<_> = Queues::<Runtime>::iter_prefix((0, t)).collect();
				for (pos, e) in entries {
					if rng.below(2) == 0 {
						let _ = DebtPool::claim(o(e.who.clone()), 0, t, pos);
					} else if e.shares > 0 && rng.below(4) == 0 {
						let _ = DebtPool::cancel_redemption(o(e.who.clone()), 0, t, pos);
					}
				}
			}
			"claim/cancel".into()
		},
		4 | 5 => {
			let b = rng.below(2) as usize;
			let principal = rng.amount().max(MIN);
			if let Some(id) = request(w, b, principal, rng) {
				if DebtPool::finance(o(w.admin.clone()), 0, id).is_err() && rng.below(2) == 0 {
					let _ = AssetLoan::cancel(o(w.borrowers[b].clone()), id);
				}
			}
			format!("request+finance {principal}")
		},
		6 => {
			let Some(id) = rng_loan(w, rng) else { return "repay none".into() };
			let Some(l) = Loans::<Runtime>::get(id) else { return "repay closed".into() };
			let payer = l.borrower.clone();
			let view = AssetLoan::view(id, now());
			let amount = match (rng.below(3), view) {
				(0, Some(v)) => v.next_installment.map(|x| x.1).unwrap_or(1),
				(1, Some(v)) => v.debt,
				_ => rng.amount(),
			};
			let _ = AssetLoan::repay(o(payer), id, amount);
			format!("repay {id} {amount}")
		},
		7 => {
			let ms = match rng.below(3) {
				0 => 1 + rng.below(120_000),
				1 => rng.below(5 * DAY),
				_ => rng.below(100 * DAY),
			};
			advance(ms);
			format!("wait {ms}")
		},
		8 => {
			let Some(id) = rng_loan(w, rng) else { return "revalue none".into() };
			let _ = DebtPool::update_loan(o(w.bidders[0].clone()), id);
			format!("revalue {id}")
		},
		9 => {
			let Some(id) = rng_loan(w, rng) else { return "default none".into() };
			let _ = AssetLoan::mark_default(o(w.bidders[0].clone()), id);
			format!("default {id}")
		},
		10 => {
			let Some(id) = rng_loan(w, rng) else { return "liquidate none".into() };
			if rng.below(2) == 0 {
				let r = rng.amount().max(MIN);
				let _ = DebtPool::liquidate(o(w.admin.clone()), id, Some(r));
			} else {
				let _ = DebtPool::liquidate(o(w.bidders[1].clone()), id, None);
			}
			format!("liquidate {id}")
		},
		11 | 12 => {
			let Some(id) = rng_loan(w, rng) else { return "bid none".into() };
			let who = rng.pick(&w.bidders);
			let a = rng.amount();
			let _ = AssetLoan::bid(o(who), id, a);
			format!("bid {id} {a}")
		},
		13 => {
			let Some(id) = rng_loan(w, rng) else { return "settle none".into() };
			let _ = AssetLoan::settle_auction(o(w.bidders[0].clone()), id);
			format!("settle {id}")
		},
		14 => {
			let _ = DebtPool::process_redemptions(o(w.bidders[0].clone()), 0);
			"process".into()
		},
		15 => {
			// Share dust to the account that holds no USDT at all.
			let t = rng.below(2) as usize;
			let asset = Pools::<Runtime>::get(0).unwrap().tranches[t].share_asset;
			let from = if t == 0 { w.junior.clone() } else { w.senior.clone() };
			let amount = MIN + rng.below(MIN as u64) as u128;
			let _ = <Assets as Mutate<AccountId>>::transfer(
				asset,
				&from,
				&w.empty,
				amount,
				frame_support::traits::tokens::Preservation::Preserve,
			);
			for who in w.bidders.clone() {
				let _ = AssetLoan::claim(o(who), USDT);
			}
			"share dust / claim refunds".into()
		},
		_ => {
			// A borrower spends every USDT it has (a later surplus finds an empty account).
			let b = rng.pick(&w.borrowers);
			let all = usdt(&b);
			let _ = <Assets as Mutate<AccountId>>::transfer(
				USDT,
				&b,
				&w.junior,
				all,
				frame_support::traits::tokens::Preservation::Expendable,
			);
			format!("drain borrower {all}")
		},
	}
}

fn rng_loan(w: &World, rng: &mut Rng) -> Option<u64> {
	if w.loans.is_empty() {
		None
	} else {
		Some(rng.pick(&w.loans))
	}
}

/// Drive every loan to a closed state and every investor out; the pool must then close.
fn wind_down(w: &mut World, seed: u64) {
	let o = RuntimeOrigin::signed;
	for round in 0..6 {
		let open: Vec<_> = Loans::<Runtime>::iter().collect();
		if open.is_empty() {
			break;
		}
		for (id, l) in open {
			let _ = Assets::mint_into(USDT, &l.borrower, 10_000_000 * D);
			match l.state {
				LoanState::Requested => {
					assert!(AssetLoan::cancel(o(l.borrower.clone()), id).is_ok(), "seed {seed}: cancel {id}");
				},
				LoanState::InAuction { .. } => {
					let a = pallet_asset_loan::Auctions::<Runtime>::get(id).expect("auction");
					if a.best.is_none() && now() < a.ends_at {
						let _ = Assets::mint_into(USDT, &w.bidders[0], a.reserve);
						assert!(AssetLoan::bid(o(w.bidders[0].clone()), id, a.reserve).is_ok(), "seed {seed}: bid {id}");
					}
					if now() < a.ends_at {
						pallet_timestamp::Now::<Runtime>::put(a.ends_at);
					}
					let r = AssetLoan::settle_auction(o(w.bidders[0].clone()), id);
					assert!(r.is_ok(), "seed {seed}: settle {id}: {r:?} {:?}", pallet_asset_loan::Auctions::<Runtime>::get(id));
				},
				LoanState::Defaulted { .. } if round % 2 == 0 => {
					assert!(
						DebtPool::liquidate(o(w.admin.clone()), id, Some(MIN)).is_ok() ||
							AssetLoan::repay_in_full(o(l.borrower.clone()), id).is_ok(),
						"seed {seed}: defaulted {id}"
					);
				},
				_ => {
					assert!(AssetLoan::repay_in_full(o(l.borrower.clone()), id).is_ok(), "seed {seed}: repay {id}");
				},
			}
		}
	}
	assert_eq!(Loans::<Runtime>::iter().count(), 0, "seed {seed}: every loan closed");
	// Every investor leaves: the stale-loan rule cannot bite, no loan is open.
	for _ in 0..8 {
		for t in [1u8, 0] {
			let asset = Pools::<Runtime>::get(0).unwrap().tranches[t as usize].share_asset;
			for who in [w.junior.clone(), w.senior.clone(), w.empty.clone(), w.admin.clone()] {
				let held = Assets::balance(asset, &who);
				if held > 0 {
					let _ = DebtPool::redeem(o(who.clone()), 0, t, held, 0);
				}
			}
		}
		let _ = DebtPool::process_redemptions(o(w.admin.clone()), 0);
	}
	let _ = Assets::mint_into(USDT, &w.empty, MIN);
	for t in 0..2u8 {
		let entries: Vec<_> = Queues::<Runtime>::iter_prefix((0, t)).collect();
		for (pos, e) in entries {
			if e.shares != 0 {
				let p = Pools::<Runtime>::get(0).unwrap();
				panic!(
					"seed {seed}: unserved redemption left at {t}/{pos}: {e:?}; view {:?}; holders {:?}; heads {:?}",
					DebtPool::view(0),
					p.tranches.iter().map(|t| pallet_assets::Account::<Runtime>::iter_prefix(t.share_asset).map(|(a, b)| (a, b.balance)).collect::<Vec<_>>()).collect::<Vec<_>>(),
					p.tranches.iter().map(|t| (t.queue_head, t.queue_tail, t.queued_shares)).collect::<Vec<_>>()
				);
			}
			assert!(DebtPool::claim(o(e.who.clone()), 0, t, pos).is_ok(), "seed {seed}: claim");
		}
	}
	let _ = DebtPool::claim_fee(o(w.admin.clone()), 0);
	let r = DebtPool::close(o(w.admin.clone()), 0);
	assert!(r.is_ok(), "seed {seed}: close: {r:?}");
	assert_eq!(usdt(&pool_account()), 0, "seed {seed}: pool account empty");
}

#[test]
fn credit_engine_invariants_hold_over_random_call_sequences() {
	let cases: u64 = std::env::var("CREDIT_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
	let first: u64 = std::env::var("CREDIT_FUZZ_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(1);
	let storage = dev_storage();
	let mut calls = 0u64;
	for seed in first..first + cases {
		let mut ext = sp_io::TestExternalities::new(storage.clone());
		ext.execute_with(|| {
			let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
			let mut w = setup();
			w.held = held_usdt();
			check(&mut w, "setup");
			let len = 5 + rng.below(30);
			let mut log = Vec::new();
			for _ in 0..len {
				let s = step(&mut w, &mut rng);
				log.push(s.clone());
				let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&mut w, &s)));
				if let Err(e) = result {
					panic!("seed {seed} after {log:?}: {e:?}");
				}
				calls += 1;
			}
			wind_down(&mut w, seed);
		});
	}
	println!("{cases} sequences, {calls} random calls, every invariant held");
}
