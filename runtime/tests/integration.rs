//! Runtime integration tests on the real (native) runtime, from the `development` preset.

use codec::Encode;
use frame_support::{assert_noop, assert_ok, traits::Get as _};
use persistence_runtime::{
	genesis_config_presets::{self, USDC_ASSET_ID, USDT_ASSET_ID},
	AccountId, Assets, Balances, Executive, Header, Runtime, RuntimeCall, RuntimeGenesisConfig,
	Session, SignedPayload, Staking, System, TxExtension, UncheckedExtrinsic, SLOT_DURATION,
};
use serde_json::Value;
use sp_consensus_babe::{
	digests::{PreDigest, SecondaryPlainPreDigest},
	BABE_ENGINE_ID,
};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{generic::Era, traits::Header as _, BuildStorage, Digest, DigestItem, MultiAddress, MultiSignature};

fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(b), Value::Object(p)) =>
			for (k, v) in p {
				merge(b.entry(k).or_insert(Value::Null), v);
			},
		(b, p) => *b = p,
	}
}

/// Storage of the chain built from a genesis preset, merged onto the default config exactly as
/// the node's chain-spec builder does.
fn ext_from_preset(patch: Value) -> sp_io::TestExternalities {
	let mut json = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut json, patch);
	let config: RuntimeGenesisConfig = serde_json::from_value(json).unwrap();
	let storage = config.build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(0));
	ext
}

fn dev_ext() -> sp_io::TestExternalities {
	ext_from_preset(genesis_config_presets::development_config_genesis())
}

fn alice() -> AccountId {
	Sr25519Keyring::Alice.to_account_id()
}
fn bob() -> AccountId {
	Sr25519Keyring::Bob.to_account_id()
}

fn tx_ext(nonce: u32) -> TxExtension {
	(
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(Era::Immortal),
		frame_system::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
		pallet_transaction_payment::ChargeTransactionPayment::from(0),
		frame_system::WeightReclaim::new(),
		frame_metadata_hash_extension::CheckMetadataHash::new(false),
	)
}

fn signed(call: RuntimeCall, who: Sr25519Keyring, nonce: u32) -> UncheckedExtrinsic {
	let ext = tx_ext(nonce);
	let payload = SignedPayload::new(call.clone(), ext.clone()).unwrap();
	let sig = payload.using_encoded(|p| who.sign(p));
	UncheckedExtrinsic::new_signed(
		call,
		MultiAddress::Id(who.to_account_id()),
		MultiSignature::Sr25519(sig),
		ext,
	)
}

#[test]
fn development_genesis_builds() {
	dev_ext().execute_with(|| {
		// XPRT: exactly 100 M — the 12 dev accounts' equal shares and the treasury's remainder
		// (its existential deposit; the division leaves nothing over); validators bonded.
		assert_eq!(pallet_balances::TotalIssuance::<Runtime>::get(), genesis_config_presets::GENESIS_SUPPLY);
		let each = (genesis_config_presets::GENESIS_SUPPLY - persistence_runtime::EXISTENTIAL_DEPOSIT) / 12;
		assert_eq!(each, 8_333_333_332_500);
		assert_eq!(Balances::free_balance(&bob()) + Balances::reserved_balance(&bob()), each);
		assert_eq!(
			Balances::free_balance(&persistence_runtime::configs::TreasuryAccount::get()),
			genesis_config_presets::GENESIS_SUPPLY - 12 * each
		);
		assert_eq!(genesis_config_presets::GENESIS_SUPPLY - 12 * each, 10_000);
		// Stablecoins exist with metadata, and the dev accounts hold them.
		for id in [USDT_ASSET_ID, USDC_ASSET_ID] {
			assert_eq!(Assets::balance(id, bob()), genesis_config_presets::DEV_STABLECOIN_BALANCE);
		}
		assert_eq!(
			pallet_assets::Metadata::<Runtime>::get(USDT_ASSET_ID).symbol.to_vec(),
			b"USDT".to_vec()
		);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(alice()));
		// The dev asset verifier.
		assert!(pallet_asset_nft::Verifiers::<Runtime>::contains_key(
			genesis_config_presets::dev_verifier()
		));
	});
}

#[test]
fn staking_elects_alice() {
	dev_ext().execute_with(|| {
		assert_eq!(Session::validators(), vec![alice()]);
		assert!(pallet_staking::Validators::<Runtime>::contains_key(alice()));
		let overview = pallet_staking::ErasStakersOverview::<Runtime>::get(0, alice())
			.expect("Alice is exposed in era 0");
		assert_eq!(overview.total, genesis_config_presets::VALIDATOR_BOND);
		assert_eq!(pallet_staking::ValidatorCount::<Runtime>::get(), 100);
	});
}

#[test]
fn local_testnet_elects_three_validators() {
	ext_from_preset(genesis_config_presets::local_config_genesis()).execute_with(|| {
		let mut v = Session::validators();
		v.sort();
		let mut expected: Vec<AccountId> = [Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
			.iter()
			.map(|k| k.to_account_id())
			.collect();
		expected.sort();
		assert_eq!(v, expected);
		// Authority discovery knows the same three validators by their discovery keys (the
		// development sr25519 keys `--alice` etc. put in each node's keystore), for this
		// session and the next.
		let mut want: Vec<sp_authority_discovery::AuthorityId> =
			[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
				.iter()
				.map(|k| k.public().into())
				.collect();
		want.sort();
		let mut current = pallet_authority_discovery::Pallet::<Runtime>::current_authorities().to_vec();
		current.sort();
		assert_eq!(current, want);
		let mut all = pallet_authority_discovery::Pallet::<Runtime>::authorities();
		all.sort();
		assert_eq!(all, want);
	});
}

#[test]
fn staging_has_no_sudo_key_and_production_timing() {
	ext_from_preset(genesis_config_presets::staging_config_genesis()).execute_with(|| {
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
		// 1-hour sessions, 6 per era.
		assert_eq!(<Runtime as pallet_babe::Config>::EpochDuration::get(), 600);
		assert_eq!(<Runtime as pallet_staking::Config>::SessionsPerEra::get(), 6);
		// Governance on production tracks, pools need approval, loans default after 30 days.
		assert!(!persistence_runtime::governance::origins::FastTracks::<Runtime>::get());
		assert!(pallet_debt_pool::ApprovalRequired::<Runtime>::get());
		assert_eq!(pallet_asset_loan::Parameters::<Runtime>::get().grace_period, 30 * 86_400_000);
		assert_eq!(pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get().len(), 3);
		// Vote locks and the app-chain retirement delay: 7 days.
		assert_eq!(<Runtime as pallet_conviction_voting::Config>::VoteLockingPeriod::get(), 7 * 14_400);
		assert_eq!(<Runtime as pallet_app_chain_registry::Config>::RetirementDelay::get(), 7 * 14_400);
		// Room for 100 validators from genesis (3 launch validators): joining needs no referendum.
		assert_eq!(pallet_staking::ValidatorCount::<Runtime>::get(), 100);
		assert_eq!(pallet_staking::Validators::<Runtime>::count(), 3);
	});
}

#[test]
fn development_governance_runs_on_fast_tracks() {
	dev_ext().execute_with(|| {
		use pallet_referenda::TracksInfo as _;
		assert!(persistence_runtime::governance::origins::FastTracks::<Runtime>::get());
		let root = persistence_runtime::governance::tracks::TracksInfo::info(0).unwrap();
		assert_eq!((root.prepare_period, root.decision_period, root.confirm_period), (1, 20, 2));
	});
}

#[test]
fn development_has_fast_timing() {
	dev_ext().execute_with(|| {
		assert_eq!(<Runtime as pallet_babe::Config>::EpochDuration::get(), 10);
		assert_eq!(<Runtime as pallet_staking::Config>::SessionsPerEra::get(), 3);
		// Vote locks and the app-chain retirement delay: one minute, so they can be tried.
		assert_eq!(<Runtime as pallet_conviction_voting::Config>::VoteLockingPeriod::get(), 10);
		assert_eq!(<Runtime as pallet_app_chain_registry::Config>::RetirementDelay::get(), 10);
	});
}

/// GRANDPA keeps a set id → session entry for every session an offender stays slashable (the
/// bonding duration), on every network.
#[test]
fn grandpa_keeps_set_ids_for_the_bonding_duration_on_every_network() {
	let presets = [
		genesis_config_presets::development_config_genesis(),
		genesis_config_presets::local_config_genesis(),
		genesis_config_presets::staging_config_genesis(),
	];
	for preset in presets {
		ext_from_preset(preset).execute_with(|| {
			let sessions = <Runtime as pallet_staking::Config>::SessionsPerEra::get();
			let bonding = <Runtime as pallet_staking::Config>::BondingDuration::get();
			let kept = <Runtime as pallet_grandpa::Config>::MaxSetIdSessionEntries::get();
			assert!(kept as u64 >= bonding as u64 * sessions as u64, "{kept} < {bonding} × {sessions}");
		});
	}
	assert_eq!(<Runtime as pallet_grandpa::Config>::MaxSetIdSessionEntries::get(), 168);
}

#[test]
fn era_payout_follows_the_governed_inflation_schedule() {
	use sp_staking::EraPayout;
	dev_ext().execute_with(|| {
		let year_ms = persistence_primitives::inflation::MILLISECS_PER_YEAR;
		let issuance: u128 = 100_000_000 * 1_000_000;
		// At the 67 % target the default schedule pays 7 % a year.
		let (paid, rest) = persistence_runtime::configs::XprtEraPayout::era_payout(
			issuance * 67 / 100,
			issuance,
			year_ms,
		);
		assert_eq!(rest, 0);
		assert_eq!(paid, issuance * 7 / 100);
		// Governance lowers the schedule; the next payout follows.
		let p = persistence_primitives::inflation::InflationParams {
			min_rate: sp_runtime::Perquintill::from_percent(3),
			max_rate: sp_runtime::Perquintill::from_percent(10),
			target_bonded: sp_runtime::Perquintill::from_percent(67),
			halving_period_years: 2,
		};
		assert_ok!(persistence_runtime::Economics::set_inflation(
			persistence_runtime::RuntimeOrigin::root(),
			p
		));
		let (paid, _) = persistence_runtime::configs::XprtEraPayout::era_payout(
			issuance * 67 / 100,
			issuance,
			year_ms,
		);
		assert_eq!(paid, issuance * 3 / 100);
	});
}

#[test]
fn halvings_are_stateful_and_follow_wall_clock_time_on_the_real_runtime() {
	use persistence_primitives::inflation::MILLISECS_PER_YEAR;
	use persistence_runtime::{Economics, Runtime, RuntimeOrigin};
	use sp_runtime::Perquintill;
	use sp_staking::EraPayout;
	dev_ext().execute_with(|| {
		let t0: u64 = 1_800_000_000_000;
		let issuance: u128 = 100_000_000 * 1_000_000;
		let payout = || persistence_runtime::configs::XprtEraPayout::era_payout(0, issuance, MILLISECS_PER_YEAR).0;
		// Block 1 ends at t0: the halving clock starts (2-year period).
		frame_system::Pallet::<Runtime>::set_block_number(1);
		pallet_timestamp::Now::<Runtime>::put(t0);
		<Economics as frame_support::traits::OnFinalize<_>>::on_finalize(1);
		assert_eq!(pallet_economics::NextHalving::<Runtime>::get(), Some(t0 + 2 * MILLISECS_PER_YEAR));
		// Nothing bonded: the maximum, 20 % a year.
		assert_eq!(payout(), issuance / 5);
		// Two years of wall-clock time later (block count irrelevant), the payout halves: 10 %.
		pallet_timestamp::Now::<Runtime>::put(t0 + 2 * MILLISECS_PER_YEAR);
		assert_eq!(payout(), issuance / 10);
		assert_eq!(pallet_economics::Inflation::<Runtime>::get().max_rate, Perquintill::from_percent(10));
		// Governance sets 12 % from now on: 12 % is paid (not 6 %).
		let p = persistence_primitives::inflation::InflationParams {
			min_rate: Perquintill::from_percent(4),
			max_rate: Perquintill::from_percent(12),
			target_bonded: Perquintill::from_percent(67),
			halving_period_years: 2,
		};
		assert_ok!(Economics::set_inflation(RuntimeOrigin::root(), p));
		assert_eq!(payout(), issuance * 12 / 100);
		// The cap: no referendum can set more than 20 %.
		let too_much = persistence_primitives::inflation::InflationParams { max_rate: Perquintill::from_percent(21), ..p };
		assert_noop!(
			Economics::set_inflation(RuntimeOrigin::root(), too_much),
			pallet_economics::Error::<Runtime>::RateAboveCap
		);
	});
}

#[test]
fn a_block_with_a_transfer_executes() {
	dev_ext().execute_with(|| {
		let slot = 1_000u64;
		let pre = PreDigest::SecondaryPlain(SecondaryPlainPreDigest {
			authority_index: 0,
			slot: slot.into(),
		});
		let header = Header::new(
			1,
			Default::default(),
			Default::default(),
			System::block_hash(0),
			Digest { logs: vec![DigestItem::PreRuntime(BABE_ENGINE_ID, pre.encode())] },
		);
		Executive::initialize_block(&header);

		let now = slot * SLOT_DURATION;
		let set_time = UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(
			pallet_timestamp::Call::set { now },
		));
		assert_ok!(Executive::apply_extrinsic(set_time).unwrap());

		let alice_before = Balances::free_balance(alice());
		let bob_before = Balances::free_balance(bob());
		let amount = 5_000_000u128;
		let xt = signed(
			RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
				dest: MultiAddress::Id(bob()),
				value: amount,
			}),
			Sr25519Keyring::Alice,
			0,
		);
		assert_ok!(Executive::apply_extrinsic(xt).unwrap());

		let fee = System::events()
			.iter()
			.find_map(|r| match &r.event {
				persistence_runtime::RuntimeEvent::TransactionPayment(
					pallet_transaction_payment::Event::TransactionFeePaid { actual_fee, .. },
				) => Some(*actual_fee),
				_ => None,
			})
			.expect("a fee was paid");
		assert!(fee > 0);
		assert_eq!(Balances::free_balance(bob()), bob_before + amount);
		// Alice also authored the block: 20 % of her fee comes back to her.
		assert_eq!(Balances::free_balance(alice()), alice_before - amount - fee + (fee - fee * 80 / 100));
		assert_eq!(System::account_nonce(alice()), 1);

		let header = Executive::finalize_block();
		assert_eq!(header.number, 1);
		assert_eq!(pallet_timestamp::Now::<Runtime>::get(), now);
	});
}

/// The length fee is 0.00001 XPRT (10 planck) per byte of extrinsic: a 1 KB remark pays
/// 10 planck for each of its encoded bytes on top of the base and weight fees (it was 0: the
/// constant rounded to nothing in integer arithmetic).
#[test]
fn a_one_kilobyte_remark_pays_the_length_fee() {
	dev_ext().execute_with(|| {
		use frame_support::weights::{Weight, WeightToFee as _};
		use persistence_primitives::currency::UNITS;
		let per_byte = <Runtime as pallet_transaction_payment::Config>::LengthToFee::weight_to_fee(&Weight::from_parts(1, 0));
		assert_eq!(per_byte, UNITS / 100_000);
		let xt = signed(
			RuntimeCall::System(frame_system::Call::remark { remark: vec![7u8; 1024] }),
			Sr25519Keyring::Alice,
			0,
		);
		let len = xt.encoded_size() as u32;
		// 1,024 bytes of remark, 108 of call, signature and extensions (the last one
		// `CheckMetadataHash`'s mode byte).
		assert_eq!(len, 1_133);
		let details = persistence_runtime::TransactionPayment::query_fee_details(xt, len);
		let inclusion = details.inclusion_fee.expect("a signed extrinsic pays an inclusion fee");
		assert_eq!(inclusion.len_fee, 11_330);
	});
}

#[test]
fn existential_deposit_and_decimals() {
	assert_eq!(
		<Runtime as pallet_balances::Config>::ExistentialDeposit::get(),
		persistence_runtime::EXISTENTIAL_DEPOSIT
	);
	assert_eq!(persistence_runtime::TOKEN_DECIMALS, 6);
	assert_eq!(<Runtime as frame_system::Config>::SS58Prefix::get(), 75);
	dev_ext().execute_with(|| assert_eq!(Staking::current_era(), Some(0)));
}

#[test]
fn an_equivocation_report_slashes_and_disables_the_offender() {
	use genesis_config_presets::{dev_accounts, genesis, Authority, FAST_TIMING};
	use sp_keyring::Ed25519Keyring;
	use sp_staking::offence::ReportOffence;
	// Four validators: a third of them (one) may be disabled at once. (With three, GRANDPA's
	// byzantine threshold allows disabling none.)
	let authorities = vec![
		Authority::from_keyring(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
		Authority::from_keyring(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
		Authority::from_keyring(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
		Authority::from_keyring(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
	];
	let patch = genesis(authorities, dev_accounts(), Some(alice()), alice(), vec![], vec![], FAST_TIMING, false);
	ext_from_preset(patch).execute_with(|| {
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		let stake_before = pallet_staking::Ledger::<Runtime>::get(&charlie).unwrap().active;
		let index = Session::validators().iter().position(|v| v == &charlie).unwrap() as u32;
		let offence = pallet_babe::EquivocationOffence {
			slot: 42u64.into(),
			session_index: Session::current_index(),
			validator_set_count: 4,
			offender: (charlie.clone(), ()),
		};
		assert_ok!(persistence_runtime::Offences::report_offence(vec![], offence));

		// Disabled at once …
		assert!(pallet_session::DisabledValidators::<Runtime>::get().iter().any(|(i, _)| *i == index));
		// … and a slash is recorded for era 0: min(3k/n, 1)² = (3/4)² = 56.25 % for one
		// equivocator in four, applied after the 27-era deferral unless governance cancels it.
		let (fraction, _) = pallet_staking::ValidatorSlashInEra::<Runtime>::get(0, &charlie)
			.expect("Charlie is slashed in era 0");
		assert_eq!(fraction, sp_runtime::Perbill::from_rational(9u32, 16u32));
		assert_eq!(pallet_staking::Ledger::<Runtime>::get(&charlie).unwrap().active, stake_before);
		// A second report of the same equivocation is a duplicate.
		let again = pallet_babe::EquivocationOffence {
			slot: 42u64.into(),
			session_index: Session::current_index(),
			validator_set_count: 4,
			offender: (charlie.clone(), ()),
		};
		assert!(persistence_runtime::Offences::report_offence(vec![], again).is_err());
	});
}

/// A loan on the real runtime: Bob's invoice, verified by the dev verifier (Ferdie), borrowed
/// against in USDT, funded by Charlie, repaid in full; the genesis advance rates and loan
/// parameters are those of the `development` preset.
#[test]
fn an_invoice_loan_runs_on_the_real_runtime() {
	use pallet_asset_loan::{LoanTerms, Schedule};
	use persistence_primitives::rwa::AssetKind;
	use persistence_runtime::{AssetLoan, AssetNft, RuntimeOrigin, Timestamp};
	use sp_runtime::{Perbill, Perquintill};

	dev_ext().execute_with(|| {
		System::set_block_number(1);
		// Set the clock directly (Timestamp::set would also drive BABE's slot check).
		pallet_timestamp::Now::<Runtime>::put(1_800_000_000_000);
		let bob = bob();
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		let ferdie = Sr25519Keyring::Ferdie.to_account_id();
		assert_eq!(pallet_asset_loan::AdvanceRates::<Runtime>::get(AssetKind::Invoice), Some(Perbill::from_percent(80)));
		assert_eq!(pallet_asset_loan::Parameters::<Runtime>::get().grace_period, 30_000);

		assert_ok!(AssetNft::create_class(RuntimeOrigin::signed(bob.clone()), AssetKind::Invoice, Default::default()));
		let now = Timestamp::get();
		assert_ok!(AssetNft::mint(
			RuntimeOrigin::signed(bob.clone()),
			0,
			pallet_asset_nft::AssetParams {
				face_value: 10_000_000_000,
				currency: USDT_ASSET_ID,
				issue_date: Some(now),
				maturity_date: Some(now + 90 * 86_400_000),
				document_hash: Default::default(),
				metadata: Default::default(),
				private_fields: Default::default(),
			}
		));
		assert_ok!(AssetNft::verify(RuntimeOrigin::signed(ferdie), 0, 0, Default::default(), 10_000_000_000, now + 86_400_000 * 100));
		let terms = LoanTerms {
			currency: USDT_ASSET_ID,
			principal: 8_000_000_000,
			annual_rate: Perquintill::from_percent(9),
			schedule: Schedule::Installments { count: 3, period: 30 * 86_400 },
		};
		assert_ok!(AssetLoan::request(RuntimeOrigin::signed(bob.clone()), 0, 0, terms));
		let bob_usdt = Assets::balance(USDT_ASSET_ID, &bob);
		assert_ok!(AssetLoan::fund(RuntimeOrigin::signed(charlie.clone()), 0));
		assert_eq!(Assets::balance(USDT_ASSET_ID, &bob), bob_usdt + 8_000_000_000);
		pallet_timestamp::Now::<Runtime>::put(now + 15 * 86_400_000);
		let view = AssetLoan::view(0, Timestamp::get()).unwrap();
		assert!(view.debt > 8_000_000_000 && view.next_installment.is_some());
		let charlie_usdt = Assets::balance(USDT_ASSET_ID, &charlie);
		assert_ok!(AssetLoan::repay_in_full(RuntimeOrigin::signed(bob.clone()), 0));
		assert_eq!(Assets::balance(USDT_ASSET_ID, &charlie), charlie_usdt + view.debt);
		assert!(pallet_asset_loan::Loans::<Runtime>::get(0).is_none());
	});
}

/// A debt pool on the real runtime finances a loan; the repayment lands in the pool account and
/// is in its NAV at once (one set of books: the pool reads its loans from the loan pallet).
#[test]
fn a_debt_pool_finances_a_loan_on_the_real_runtime() {
	use pallet_asset_loan::{LoanTerms, Schedule};
	use pallet_debt_pool::TrancheSpec;
	use persistence_primitives::rwa::AssetKind;
	use persistence_runtime::{AssetLoan, AssetNft, DebtPool, RuntimeOrigin};
	use sp_runtime::{BoundedVec, Perbill, Perquintill};

	dev_ext().execute_with(|| {
		System::set_block_number(1);
		pallet_timestamp::Now::<Runtime>::put(1_800_000_000_000);
		let (alice, bob) = (alice(), bob());
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		let dave = Sr25519Keyring::Dave.to_account_id();
		let ferdie = Sr25519Keyring::Ferdie.to_account_id();
		const K: u128 = 1_000_000_000;
		// Development pools open without approval.
		assert!(!pallet_debt_pool::ApprovalRequired::<Runtime>::get());
		assert_ok!(DebtPool::create(
			RuntimeOrigin::signed(alice.clone()),
			USDT_ASSET_ID,
			BoundedVec::truncate_from(b"invoices".to_vec()),
			BoundedVec::truncate_from(vec![
				TrancheSpec { yield_rate: Perquintill::zero(), min_subordination: Perbill::zero() },
				TrancheSpec { yield_rate: Perquintill::from_percent(8), min_subordination: Perbill::from_percent(20) },
			]),
			10_000 * K,
			5 * K,
			Perquintill::zero(),
		));
		assert_ok!(DebtPool::invest(RuntimeOrigin::signed(charlie), 0, 0, 20 * K, 0));
		assert_ok!(DebtPool::invest(RuntimeOrigin::signed(dave), 0, 1, 80 * K, 0));

		assert_ok!(AssetNft::create_class(RuntimeOrigin::signed(bob.clone()), AssetKind::Invoice, Default::default()));
		let now = pallet_timestamp::Now::<Runtime>::get();
		assert_ok!(AssetNft::mint(
			RuntimeOrigin::signed(bob.clone()),
			0,
			pallet_asset_nft::AssetParams {
				face_value: 100 * K,
				currency: USDT_ASSET_ID,
				issue_date: Some(now),
				maturity_date: Some(now + 90 * 86_400_000),
				document_hash: Default::default(),
				metadata: Default::default(),
				private_fields: Default::default(),
			}
		));
		assert_ok!(AssetNft::verify(RuntimeOrigin::signed(ferdie), 0, 0, Default::default(), 100 * K, now + 86_400_000 * 100));
		let terms = LoanTerms {
			currency: USDT_ASSET_ID,
			principal: 50 * K,
			annual_rate: Perquintill::from_percent(12),
			schedule: Schedule::Bullet { term: 90 * 86_400 },
		};
		assert_ok!(AssetLoan::request(RuntimeOrigin::signed(bob.clone()), 0, 0, terms));
		assert_ok!(DebtPool::finance(RuntimeOrigin::signed(alice), 0, 0));
		assert_eq!(DebtPool::view(0).unwrap().reserve, 50 * K);
		pallet_timestamp::Now::<Runtime>::put(now + 60 * 86_400_000);
		assert_ok!(AssetLoan::repay_in_full(RuntimeOrigin::signed(bob), 0));
		let view = DebtPool::view(0).unwrap();
		assert_eq!(view.active_loans, 0);
		assert!(view.reserve > 100 * K, "principal and interest came back: {}", view.reserve);
		assert_eq!(view.nav, view.reserve);
	});
}


/// Nobody but a pool (or Root) can create an asset in the id ranges pools and IBC vouchers mint
/// from, so squatting them cannot block pool creation.
#[test]
fn asset_ids_of_pools_and_vouchers_are_reserved() {
	use persistence_runtime::{configs::tokens::SHARE_ASSET_ID_START, RuntimeOrigin};
	dev_ext().execute_with(|| {
		System::set_block_number(1);
		let bob = bob();
		for id in [SHARE_ASSET_ID_START, SHARE_ASSET_ID_START + 1, 2_000_000_000, u32::MAX] {
			assert_noop!(
				pallet_assets::Pallet::<Runtime>::create(RuntimeOrigin::signed(bob.clone()), id.into(), bob.clone().into(), 1),
				sp_runtime::DispatchError::BadOrigin
			);
		}
		assert_ok!(pallet_assets::Pallet::<Runtime>::create(
			RuntimeOrigin::signed(bob.clone()),
			(SHARE_ASSET_ID_START - 1).into(),
			bob.clone().into(),
			1
		));
		// An asset anyone created is not a lending currency: no pool in it. USDT and USDC are.
		let tranche = pallet_debt_pool::TrancheSpec { yield_rate: Default::default(), min_subordination: Default::default() };
		let create = |currency: u32| {
			persistence_runtime::DebtPool::create(
				RuntimeOrigin::signed(bob.clone()),
				currency,
				Default::default(),
				vec![tranche.clone()].try_into().unwrap(),
				1_000_000_000,
				0,
				Default::default(),
			)
		};
		assert_noop!(create(SHARE_ASSET_ID_START - 1), pallet_debt_pool::Error::<Runtime>::CurrencyNotLendable);
		assert!(pallet_asset_loan::LendableCurrencies::<Runtime>::contains_key(USDT_ASSET_ID));
		assert!(pallet_asset_loan::LendableCurrencies::<Runtime>::contains_key(USDC_ASSET_ID));
		assert_ok!(create(USDT_ASSET_ID));
	});
}

/// The debt-pool README's worked example on the real runtime (USDT's real 0.01 minimum
/// balance, the development write-down policy and timing, real origins — no signing for the
/// keyless pool account): a pool loan defaults, the pool liquidates it by auction, two
/// bidders, the shortfall is booked against the cover then the junior, the senior is untouched
/// and redeems in full, the pool closes and every deposit returns.
#[test]
fn worked_example_pool_liquidation_on_the_real_runtime() {
	use pallet_asset_loan::{LoanTerms, Schedule};
	use pallet_debt_pool::{PoolState, TrancheSpec};
	use persistence_primitives::rwa::AssetKind;
	use persistence_runtime::{AssetLoan, AssetNft, Balances, DebtPool, RuntimeOrigin};
	use sp_runtime::{BoundedVec, Perbill, Perquintill};

	dev_ext().execute_with(|| {
		System::set_block_number(1);
		const T0: u64 = 1_800_000_000_000;
		const DAY: u64 = 86_400_000;
		const K: u128 = 1_000_000_000;
		pallet_timestamp::Now::<Runtime>::put(T0);
		let (alice, bob) = (alice(), bob());
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		let dave = Sr25519Keyring::Dave.to_account_id();
		let eve = Sr25519Keyring::Eve.to_account_id();
		let ferdie = Sr25519Keyring::Ferdie.to_account_id();
		let xprt = |a: &AccountId| Balances::free_balance(a);
		let xprt0: Vec<_> = [&alice, &charlie, &dave].iter().map(|a| xprt(a)).collect();
		let usdt = |a: &AccountId| Assets::balance(USDT_ASSET_ID, a);

		assert_ok!(DebtPool::create(
			RuntimeOrigin::signed(alice.clone()),
			USDT_ASSET_ID,
			BoundedVec::truncate_from(b"invoices".to_vec()),
			BoundedVec::truncate_from(vec![
				TrancheSpec { yield_rate: Perquintill::zero(), min_subordination: Perbill::zero() },
				TrancheSpec { yield_rate: Perquintill::from_percent(8), min_subordination: Perbill::from_percent(20) },
			]),
			10_000 * K,
			20 * K,
			Perquintill::zero(),
		));
		assert_ok!(DebtPool::invest(RuntimeOrigin::signed(charlie.clone()), 0, 0, 200 * K, 0));
		assert_ok!(DebtPool::invest(RuntimeOrigin::signed(dave.clone()), 0, 1, 800 * K, 0));

		// Two invoices of Bob's, verified by Ferdie; loans of 900 k (2 years) and 100 k (300 days).
		assert_ok!(AssetNft::create_class(RuntimeOrigin::signed(bob.clone()), AssetKind::Invoice, Default::default()));
		for (item, (face, principal, days)) in [(1_200 * K, 900 * K, 730u64), (130 * K, 100 * K, 300)].into_iter().enumerate() {
			let item = item as u32;
			assert_ok!(AssetNft::mint(
				RuntimeOrigin::signed(bob.clone()),
				0,
				pallet_asset_nft::AssetParams {
					face_value: face,
					currency: USDT_ASSET_ID,
					issue_date: Some(T0),
					maturity_date: Some(T0 + days * DAY),
					document_hash: Default::default(),
					metadata: Default::default(),
					private_fields: Default::default(),
				}
			));
			assert_ok!(AssetNft::verify(RuntimeOrigin::signed(ferdie.clone()), 0, item, Default::default(), face, T0 + 300 * DAY));
			let terms = LoanTerms {
				currency: USDT_ASSET_ID,
				principal,
				annual_rate: Perquintill::from_percent(10),
				schedule: Schedule::Bullet { term: days * 86_400 },
			};
			assert_ok!(AssetLoan::request(RuntimeOrigin::signed(bob.clone()), 0, item, terms));
		}
		let (a, b) = (0, 1);
		assert_ok!(DebtPool::finance(RuntimeOrigin::signed(alice.clone()), 0, a));
		assert_ok!(DebtPool::finance(RuntimeOrigin::signed(alice.clone()), 0, b));

		// A year on, b (due on day 300) is unpaid: pricing waits for it to be revalued.
		pallet_timestamp::Now::<Runtime>::put(T0 + 365 * DAY);
		assert_eq!(DebtPool::view(0).unwrap().stale_loan, Some(b));
		assert_noop!(
			DebtPool::invest(RuntimeOrigin::signed(charlie.clone()), 0, 0, K, 0),
			pallet_debt_pool::Error::<Runtime>::NavStale
		);
		assert_ok!(DebtPool::update_loan(RuntimeOrigin::signed(eve.clone()), b));
		// The pool cannot be the signer: a stranger liquidates only after the delay …
		assert_ok!(AssetLoan::mark_default(RuntimeOrigin::signed(eve.clone()), b));
		assert_noop!(
			DebtPool::liquidate(RuntimeOrigin::signed(eve.clone()), b, None),
			pallet_debt_pool::Error::<Runtime>::LiquidationDelayNotOver
		);
		// … the originator at once.
		assert_ok!(DebtPool::liquidate(RuntimeOrigin::signed(alice.clone()), b, Some(30 * K)));
		let senior_before = DebtPool::view(0).unwrap().tranches[1].value;
		assert_ok!(AssetLoan::bid(RuntimeOrigin::signed(eve.clone()), b, 40 * K));
		assert_ok!(AssetLoan::bid(RuntimeOrigin::signed(ferdie.clone()), b, 50 * K));
		let auction_end = pallet_asset_loan::Auctions::<Runtime>::get(b).unwrap().ends_at;
		pallet_timestamp::Now::<Runtime>::put(auction_end);
		let debt_at_sale = AssetLoan::view(b, auction_end).unwrap().debt;
		let pallet_asset_loan::Booking::Late { value: value_b, debt: booked_debt } =
			pallet_asset_loan::Loans::<Runtime>::get(b).unwrap().booking
		else {
			panic!("b is booked late")
		};
		assert_eq!(value_b, booked_debt - Perbill::from_percent(25) * booked_debt);
		let junior_before = DebtPool::view(0).unwrap().tranches[0].value;
		assert_ok!(AssetLoan::settle_auction(RuntimeOrigin::signed(eve.clone()), b));
		assert_eq!(pallet_uniques::Pallet::<Runtime>::owner(0, 1), Some(ferdie.clone()));
		assert_eq!(usdt(&eve), 1_000_000 * 1_000_000, "the outbid bidder got its bid back");

		let v = DebtPool::view(0).unwrap();
		assert_eq!(v.first_loss_cover, 0, "the cover paid the first 20 k of the loss");
		assert_eq!(v.state, PoolState::Open);
		// Senior untouched (30 s of its 8 % yield apart); the junior took the rest of the loss.
		assert!(v.tranches[1].value >= senior_before && v.tranches[1].value - senior_before < K / 1000);
		// b was booked 65 days late: the development policy writes down 25 %. The junior lost
		// that booked value less the 50 k recovered (the cover's 20 k having stood behind the
		// write-down before, and paid the realised loss now).
		assert_eq!(junior_before - v.tranches[0].value, value_b - 50 * K);
		let events = System::events();
		assert!(events.iter().any(|r| matches!(
			&r.event,
			persistence_runtime::RuntimeEvent::DebtPool(pallet_debt_pool::Event::LossBooked { covered, loss, .. })
				if *covered == 20 * K && *loss == debt_at_sale - 50 * K
		)));

		// Loan a is repaid at maturity; everyone leaves; the pool closes.
		pallet_timestamp::Now::<Runtime>::put(T0 + 730 * DAY);
		assert_ok!(AssetLoan::repay_in_full(RuntimeOrigin::signed(bob.clone()), a));
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(dave.clone()), 0, 1, 800 * K, 0));
		let junior_shares = Assets::balance(v.tranches[0].share_asset, &charlie);
		assert_ok!(DebtPool::redeem(RuntimeOrigin::signed(charlie.clone()), 0, 0, junior_shares, 0));
		let dave_usdt = usdt(&dave);
		assert_ok!(DebtPool::claim(RuntimeOrigin::signed(dave.clone()), 0, 1, 0));
		assert_ok!(DebtPool::claim(RuntimeOrigin::signed(charlie.clone()), 0, 0, 0));
		// The senior redeemed in full: 800 k grown at 8 % for two years.
		let senior_out = usdt(&dave) - dave_usdt;
		assert!(((senior_out as f64 / 1e6) - 800_000.0 * (0.08f64 * 730.0 / 365.25).exp()).abs() < 1.0, "{senior_out}");
		assert_ok!(DebtPool::close(RuntimeOrigin::signed(alice.clone()), 0));
		assert!(pallet_debt_pool::Pools::<Runtime>::get(0).is_none());
		// Every XPRT deposit is back: the pool's and the queue entries'; the loans' too.
		assert_eq!(
			<Balances as frame_support::traits::fungible::InspectHold<AccountId>>::balance_on_hold(
				&persistence_runtime::RuntimeHoldReason::AssetLoan(pallet_asset_loan::HoldReason::LoanDeposit),
				&bob
			),
			0
		);
		for (who, before) in [&alice, &charlie, &dave].iter().zip(xprt0) {
			assert_eq!(xprt(who), before);
		}
	});
}

/// An app-chain validator that signs two different checkpoints at one height is reported to the
/// offences pallet on the real runtime, and staking slashes and disables it — on a genesis of
/// four validators (with one, every signature finalizes at once).
#[test]
fn an_app_chain_equivocation_is_slashed_through_the_offences_pallet() {
	use genesis_config_presets::{dev_accounts, genesis, Authority, FAST_TIMING};
	use pallet_app_chain_registry::{checkpoint_payload, AppKey, AppSignature, ChainMetadata, Checkpoint};
	use persistence_runtime::{AppChainRegistry, RuntimeOrigin};
	use sp_core::{sr25519, Pair, H256};
	use sp_keyring::Ed25519Keyring;
	use sp_runtime::BoundedVec;

	let keyrings = [Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie, Sr25519Keyring::Dave];
	let eds = [Ed25519Keyring::Alice, Ed25519Keyring::Bob, Ed25519Keyring::Charlie, Ed25519Keyring::Dave];
	let authorities = keyrings.iter().zip(eds.iter()).map(|(s, e)| Authority::from_keyring(*s, *e)).collect();
	let patch = genesis(authorities, dev_accounts(), Some(alice()), alice(), vec![], vec![], FAST_TIMING, false);
	ext_from_preset(patch).execute_with(|| {
		System::set_block_number(1);
		let eve = Sr25519Keyring::Eve.to_account_id();
		assert_ok!(AppChainRegistry::reserve(RuntimeOrigin::signed(eve.clone())));
		assert_ok!(AppChainRegistry::register(
			RuntimeOrigin::signed(eve.clone()),
			0,
			ChainMetadata {
				name: BoundedVec::truncate_from(b"TradeChain".to_vec()),
				genesis_hash: H256::repeat_byte(1),
				code_hash: H256::repeat_byte(2),
				token_symbol: BoundedVec::truncate_from(b"TRD".to_vec()),
				token_decimals: 12,
				rpc_url: BoundedVec::truncate_from(b"wss://rpc.trade.example".to_vec()),
				website: BoundedVec::new(),
				validators_wanted: 4,
				min_stake: 0,
			}
		));
		assert_ok!(AppChainRegistry::approve(RuntimeOrigin::root(), 0));
		// Eve is not a validator.
		let stray = AppKey::Sr25519(sr25519::Pair::from_seed(&[1; 32]).public());
		assert!(AppChainRegistry::opt_in(RuntimeOrigin::signed(eve), 0, stray).is_err());
		let pairs: Vec<_> = (0..4u8).map(|i| sr25519::Pair::from_seed(&[10 + i; 32])).collect();
		for (k, p) in keyrings.iter().zip(pairs.iter()) {
			assert_ok!(AppChainRegistry::opt_in(RuntimeOrigin::signed(k.to_account_id()), 0, AppKey::Sr25519(p.public())));
		}
		assert_ok!(AppChainRegistry::activate(RuntimeOrigin::signed(alice()), 0));
		let sign = |p: &sr25519::Pair, c: &Checkpoint| AppSignature::Sr25519(p.sign(&checkpoint_payload(0, c)));
		let a = Checkpoint { height: 5, block_hash: H256::repeat_byte(1), state_root: H256::repeat_byte(2) };
		let b = Checkpoint { height: 5, block_hash: H256::repeat_byte(3), state_root: H256::repeat_byte(4) };
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		assert_ok!(AppChainRegistry::submit_checkpoint(RuntimeOrigin::signed(charlie.clone()), 0, a, sign(&pairs[2], &a)));
		assert_ok!(AppChainRegistry::submit_checkpoint(RuntimeOrigin::signed(charlie.clone()), 0, b, sign(&pairs[2], &b)));
		// Reported: staking recorded a slash for Charlie in era 0 ((3·1/4)² = 56.25 %).
		let (fraction, _) = pallet_staking::ValidatorSlashInEra::<Runtime>::get(0, &charlie).expect("slashed");
		assert_eq!(fraction, sp_runtime::Perbill::from_rational(9u32, 16u32));
		assert!(pallet_app_chain_registry::Equivocations::<Runtime>::get((0, 5), &charlie).is_some());
		// Charlie lost the assignment: two of the three remaining validators finalize.
		assert_eq!(AppChainRegistry::view(0).unwrap().assigned.len(), 3);
		for i in [0usize, 1] {
			let who = keyrings[i].to_account_id();
			assert_ok!(AppChainRegistry::submit_checkpoint(RuntimeOrigin::signed(who), 0, a, sign(&pairs[i], &a)));
		}
		let latest = AppChainRegistry::view(0).unwrap().latest_checkpoint.unwrap();
		assert_eq!((latest.checkpoint, latest.signatures), (a, 2));
	});
}

/// IBC on the real runtime: a relayer creates a Tendermint client from a signed fixture header
/// and updates it (ed25519/sha256 through the runtime's host functions), paying the 10 XPRT
/// deposit; this chain's own consensus state is recorded in the Substrate client format;
/// governance (root) freezes the client; a transfer over an unknown channel is refused.
#[test]
fn ibc_client_lifecycle_on_the_real_runtime() {
	use frame_support::{assert_noop, traits::{fungible::InspectHold, Hooks}, BoundedVec};
	use persistence_runtime::{Ibc, RuntimeOrigin};
	use pallet_ibc_bridge::{benchmark_fixtures, RawMessage, TransferAsset};
	use prost::Message;

	fn raw(bytes: &[u8]) -> RawMessage<<Runtime as pallet_ibc_bridge::Config>::MaxMessageSize> {
		let any = ibc_proto::google::protobuf::Any::decode(bytes).unwrap();
		RawMessage {
			type_url: BoundedVec::try_from(any.type_url.into_bytes()).unwrap(),
			value: BoundedVec::try_from(any.value).unwrap(),
		}
	}

	dev_ext().execute_with(|| {
		System::set_block_number(1);
		let fixture = benchmark_fixtures::for_validators(100).expect("fixtures generated");
		assert_eq!(fixture.validators, 100);
		pallet_timestamp::Now::<Runtime>::put(fixture.header_time_ms + 10_000);

		let held = Balances::balance_on_hold(&pallet_ibc_bridge::HoldReason::IbcObjectDeposit.into(), &bob());
		assert_ok!(Ibc::deliver(
			RuntimeOrigin::signed(bob()),
			BoundedVec::try_from(vec![raw(&fixture.create_client)]).unwrap()
		));
		assert_eq!(
			Balances::balance_on_hold(&pallet_ibc_bridge::HoldReason::IbcObjectDeposit.into(), &bob()) - held,
			10 * persistence_runtime::UNITS
		);
		assert_ok!(Ibc::deliver(
			RuntimeOrigin::signed(bob()),
			BoundedVec::try_from(vec![raw(&fixture.update_client)]).unwrap()
		));
		let client = ibc::core::host::types::identifiers::ClientId::new("07-tendermint", 0).unwrap();
		assert_eq!(Ibc::client_latest_height(&client).unwrap().revision_height(), 6);

		// This chain's consensus state, in the format a Substrate client of Persistence stores.
		Ibc::on_finalize(1);
		let record = pallet_ibc_bridge::HostConsensusStates::<Runtime>::get(1).unwrap();
		assert_eq!(record.root, pallet_ibc_bridge::host::commitment_root());
		assert_ne!(record.root, [0u8; 32]);

		assert_noop!(
			Ibc::freeze_client(RuntimeOrigin::signed(alice()), BoundedVec::try_from(b"07-tendermint-0".to_vec()).unwrap()),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(Ibc::freeze_client(RuntimeOrigin::root(), BoundedVec::try_from(b"07-tendermint-0".to_vec()).unwrap()));

		assert_noop!(
			Ibc::transfer(
				RuntimeOrigin::signed(alice()),
				BoundedVec::try_from(b"channel-0".to_vec()).unwrap(),
				TransferAsset::Native,
				1_000_000,
				BoundedVec::try_from(b"cosmos1receiver".to_vec()).unwrap(),
				None,
				Some(u64::MAX),
				BoundedVec::new(),
			),
			pallet_ibc_bridge::Error::<Runtime>::UnknownChannel
		);
	});
}

fn last_proxy_result() -> Option<sp_runtime::DispatchResult> {
	System::events().iter().rev().find_map(|r| match &r.event {
		persistence_runtime::RuntimeEvent::Proxy(pallet_proxy::Event::ProxyExecuted { result }) => Some(*result),
		_ => None,
	})
}

/// Proxies fit this chain: a `NonTransfer` proxy cannot move the account's funds (not even in a
/// batch) and cannot grant more than it has; it may manage staking; a `PoolAdmin` proxy
/// administers a pool and nothing else. Adding a proxy holds its deposit.
#[test]
fn proxies_do_what_their_type_allows_and_nothing_else() {
	use persistence_runtime::{configs::ProxyType, Proxy, RuntimeOrigin};
	dev_ext().execute_with(|| {
		System::set_block_number(1);
		let (alice, bob, charlie) = (alice(), bob(), Sr25519Keyring::Charlie.to_account_id());
		let reserved = Balances::reserved_balance(&alice);
		assert_ok!(Proxy::add_proxy(RuntimeOrigin::signed(alice.clone()), bob.clone().into(), ProxyType::NonTransfer, 0));
		let deposit = persistence_runtime::configs::ProxyDepositBase::get() + persistence_runtime::configs::ProxyDepositFactor::get();
		assert_eq!(Balances::reserved_balance(&alice), reserved + deposit);
		let as_alice = |who: &AccountId, call: RuntimeCall| {
			assert_ok!(Proxy::proxy(RuntimeOrigin::signed(who.clone()), alice.clone().into(), None, Box::new(call)));
			last_proxy_result().expect("ProxyExecuted")
		};
		let filtered = Err(frame_system::Error::<Runtime>::CallFiltered.into());

		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive { dest: charlie.clone().into(), value: 1_000_000 });
		let before = Balances::free_balance(&charlie);
		assert_eq!(as_alice(&bob, transfer.clone()), filtered);
		let batch = RuntimeCall::Utility(pallet_utility::Call::batch_all { calls: vec![transfer.clone()] });
		assert!(as_alice(&bob, batch).is_err());
		assert_eq!(Balances::free_balance(&charlie), before, "no XPRT moved");
		let usdt = RuntimeCall::Assets(pallet_assets::Call::transfer { id: USDT_ASSET_ID.into(), target: charlie.clone().into(), amount: 10_000 });
		assert_eq!(as_alice(&bob, usdt), filtered);
		// It cannot add an `Any` proxy for the account.
		let grant = RuntimeCall::Proxy(pallet_proxy::Call::add_proxy { delegate: charlie.clone().into(), proxy_type: ProxyType::Any, delay: 0 });
		assert_eq!(as_alice(&bob, grant), filtered);
		assert_eq!(pallet_proxy::Proxies::<Runtime>::get(&alice).0.len(), 1);
		// Found in review: nor by acting as Alice in another account's proxy or multisig (those
		// dispatch from other origins, outside Alice's filter on Bob).
		let through = RuntimeCall::Proxy(pallet_proxy::Call::proxy { real: charlie.clone().into(), force_proxy_type: None, call: Box::new(transfer.clone()) });
		assert_eq!(as_alice(&bob, through), filtered);
		let multisig = RuntimeCall::Multisig(pallet_multisig::Call::as_multi_threshold_1 { other_signatories: vec![charlie.clone()], call: Box::new(transfer.clone()) });
		assert_eq!(as_alice(&bob, multisig), filtered);
		// Identity: the account's own record, not sub-accounts — each sub could `quit_sub` with
		// the deposit reserved for it, draining the account 0.20053 XPRT at a time.
		let info = pallet_identity::legacy::IdentityInfo {
			display: pallet_identity::Data::Raw(b"Alice".to_vec().try_into().unwrap()),
			..Default::default()
		};
		let set = RuntimeCall::Identity(pallet_identity::Call::set_identity { info: Box::new(info) });
		assert_eq!(as_alice(&bob, set), Ok(()));
		assert!(pallet_identity::IdentityOf::<Runtime>::contains_key(&alice));
		let sub = RuntimeCall::Identity(pallet_identity::Call::add_sub { sub: charlie.clone().into(), data: pallet_identity::Data::None });
		assert_eq!(as_alice(&bob, sub), filtered);
		assert!(pallet_identity::SubsOf::<Runtime>::get(&alice).1.is_empty());
		let judge = RuntimeCall::Identity(pallet_identity::Call::request_judgement { reg_index: 0, max_fee: 1_000_000 });
		assert_eq!(as_alice(&bob, judge), filtered);
		// Vesting: unlocking, not a vested transfer.
		let vest = RuntimeCall::Vesting(pallet_vesting::Call::vest {});
		assert_eq!(as_alice(&bob, vest), Err(pallet_vesting::Error::<Runtime>::NotVesting.into()));
		let vested = RuntimeCall::Vesting(pallet_vesting::Call::vested_transfer {
			target: charlie.clone().into(),
			schedule: pallet_vesting::VestingInfo::new(10_000_000u128, 1_000u128, 1u32),
		});
		assert_eq!(as_alice(&bob, vested), filtered);
		// Staking it may do — with the rewards kept by the account.
		let payee = RuntimeCall::Staking(pallet_staking::Call::set_payee { payee: pallet_staking::RewardDestination::Stash });
		assert_eq!(as_alice(&bob, payee), Ok(()));
		assert_eq!(pallet_staking::Payee::<Runtime>::get(&alice), Some(pallet_staking::RewardDestination::Stash));
		let elsewhere = RuntimeCall::Staking(pallet_staking::Call::set_payee { payee: pallet_staking::RewardDestination::Account(bob.clone()) });
		assert_eq!(as_alice(&bob, elsewhere), filtered);
		assert_eq!(pallet_staking::Payee::<Runtime>::get(&alice), Some(pallet_staking::RewardDestination::Stash));

		// A pool-admin proxy administers Alice's pool, and cannot transfer.
		let pool = pallet_debt_pool::NextPoolId::<Runtime>::get();
		let tranche = pallet_debt_pool::TrancheSpec { yield_rate: Default::default(), min_subordination: Default::default() };
		assert_ok!(persistence_runtime::DebtPool::create(
			RuntimeOrigin::signed(alice.clone()),
			USDT_ASSET_ID,
			Default::default(),
			vec![tranche].try_into().unwrap(),
			1_000_000_000,
			0,
			Default::default(),
		));
		assert_ok!(Proxy::add_proxy(RuntimeOrigin::signed(alice.clone()), charlie.clone().into(), ProxyType::PoolAdmin, 0));
		let step = pallet_asset_loan::WriteDownStep { days_overdue: 1, write_down: sp_runtime::Perbill::one() };
		let policy = RuntimeCall::DebtPool(pallet_debt_pool::Call::set_write_down_policy { pool, policy: Some(vec![step].try_into().unwrap()) });
		assert_eq!(as_alice(&charlie, policy), Ok(()));
		let account = persistence_runtime::DebtPool::pool_account(pool);
		assert!(pallet_asset_loan::LenderPolicies::<Runtime>::contains_key(&account));
		// Not the manager: a manager it named would outlive the proxy.
		let manage = RuntimeCall::DebtPool(pallet_debt_pool::Call::set_manager { pool, manager: Some(charlie.clone()) });
		assert_eq!(as_alice(&charlie, manage), filtered);
		assert_eq!(as_alice(&charlie, transfer), filtered);
		let invest = RuntimeCall::DebtPool(pallet_debt_pool::Call::invest { pool, tranche: 0, amount: 1_000_000, min_shares: 0 });
		assert_eq!(as_alice(&charlie, invest), filtered);
	});
}

/// A 2-of-3 multisig account moves funds only once two of its signatories approved; the first
/// approver's deposit is held until then.
#[test]
fn a_two_of_three_multisig_moves_funds_with_two_signatures() {
	use persistence_runtime::{Multisig, RuntimeOrigin};
	use frame_support::dispatch::GetDispatchInfo;
	dev_ext().execute_with(|| {
		System::set_block_number(1);
		let (alice, bob, charlie) = (alice(), bob(), Sr25519Keyring::Charlie.to_account_id());
		let ferdie = Sr25519Keyring::Ferdie.to_account_id();
		let mut all = vec![alice.clone(), bob.clone(), charlie.clone()];
		all.sort();
		let others = |me: &AccountId| all.iter().filter(|a| *a != me).cloned().collect::<Vec<_>>();
		let multi = Multisig::multi_account_id(&all, 2);
		assert_ok!(Balances::transfer_keep_alive(RuntimeOrigin::signed(alice.clone()), multi.clone().into(), 100_000_000));
		let call = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive { dest: ferdie.clone().into(), value: 10_000_000 });
		let hash = sp_io::hashing::blake2_256(&call.encode());
		let weight = call.get_dispatch_info().call_weight;
		let reserved = Balances::reserved_balance(&alice);
		assert_ok!(Multisig::approve_as_multi(RuntimeOrigin::signed(alice.clone()), 2, others(&alice), None, hash, weight));
		let deposit = persistence_runtime::configs::MultisigDepositBase::get() + 2 * persistence_runtime::configs::MultisigDepositFactor::get();
		assert_eq!(Balances::reserved_balance(&alice), reserved + deposit);
		let before = Balances::free_balance(&ferdie);
		assert_eq!(Balances::free_balance(&multi), 100_000_000, "one approval moves nothing");
		let when = pallet_multisig::Multisigs::<Runtime>::get(&multi, hash).expect("pending").when;
		assert_ok!(Multisig::as_multi(RuntimeOrigin::signed(bob.clone()), 2, others(&bob), Some(when), Box::new(call), weight));
		assert_eq!(Balances::free_balance(&ferdie), before + 10_000_000);
		assert_eq!(Balances::free_balance(&multi), 90_000_000);
		assert_eq!(Balances::reserved_balance(&alice), reserved, "deposit released");
	});
}

fn staging_ext() -> sp_io::TestExternalities {
	ext_from_preset(genesis_config_presets::staging_config_genesis())
}

/// Block 1 authored by Alice (BABE authority 0), its timestamp set.
fn start_block_authored_by_alice() {
	let slot = 1_000u64;
	let pre = PreDigest::SecondaryPlain(SecondaryPlainPreDigest { authority_index: 0, slot: slot.into() });
	let header = Header::new(
		1,
		Default::default(),
		Default::default(),
		System::block_hash(0),
		Digest { logs: vec![DigestItem::PreRuntime(BABE_ENGINE_ID, pre.encode())] },
	);
	Executive::initialize_block(&header);
	let set_time =
		UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(pallet_timestamp::Call::set { now: slot * SLOT_DURATION }));
	assert_ok!(Executive::apply_extrinsic(set_time).unwrap());
}

/// Fees: 80 % of the fee to the treasury, 20 % and the whole tip to the block author; nothing
/// is burnt (before, the fee and the tip were burnt).
#[test]
fn fees_go_to_the_treasury_and_the_author_and_tips_to_the_author() {
	use persistence_runtime::configs::TreasuryAccount;
	dev_ext().execute_with(|| {
		start_block_authored_by_alice();
		let treasury_before = Balances::free_balance(TreasuryAccount::get());
		let alice_before = Balances::free_balance(alice());
		let issuance_before = pallet_balances::TotalIssuance::<Runtime>::get();
		let tip = 1_000_000u128; // 1 XPRT
		let call = RuntimeCall::System(frame_system::Call::remark { remark: vec![1u8; 10] });
		let mut ext = tx_ext(0);
		ext.7 = pallet_transaction_payment::ChargeTransactionPayment::from(tip);
		let payload = SignedPayload::new(call.clone(), ext.clone()).unwrap();
		let sig = payload.using_encoded(|p| Sr25519Keyring::Bob.sign(p));
		let xt = UncheckedExtrinsic::new_signed(call, MultiAddress::Id(bob()), MultiSignature::Sr25519(sig), ext);
		assert_ok!(Executive::apply_extrinsic(xt).unwrap());
		let (paid, tip_paid) = System::events()
			.iter()
			.find_map(|r| match &r.event {
				persistence_runtime::RuntimeEvent::TransactionPayment(
					pallet_transaction_payment::Event::TransactionFeePaid { actual_fee, tip, .. },
				) => Some((*actual_fee, *tip)),
				_ => None,
			})
			.expect("a fee was paid");
		assert_eq!(tip_paid, tip);
		let fee = paid - tip;
		assert!(fee > 0);
		let to_treasury = fee * 80 / 100;
		assert_eq!(Balances::free_balance(TreasuryAccount::get()), treasury_before + to_treasury);
		assert_eq!(Balances::free_balance(alice()), alice_before + (fee - to_treasury) + tip);
		assert_eq!(pallet_balances::TotalIssuance::<Runtime>::get(), issuance_before, "nothing burnt");
	});
}

/// Staking slashes (and the era reward remainder) are credited to the treasury, not burnt.
#[test]
fn slashes_go_to_the_treasury() {
	use frame_support::traits::{fungible::Balanced, OnUnbalanced};
	use persistence_runtime::configs::TreasuryAccount;
	dev_ext().execute_with(|| {
		let before = Balances::free_balance(TreasuryAccount::get());
		let slashed = <Balances as Balanced<AccountId>>::issue(5_000_000);
		<Runtime as pallet_staking::Config>::Slash::on_unbalanced(slashed);
		let remainder = <Balances as Balanced<AccountId>>::issue(7);
		<Runtime as pallet_staking::Config>::RewardRemainder::on_unbalanced(remainder);
		assert_eq!(Balances::free_balance(TreasuryAccount::get()), before + 5_000_007);
	});
}

/// A passed `treasurer` referendum spends up to 1 M XPRT, Root any amount, an account nothing;
/// the beneficiary (or anyone) claims the payout from the treasury's account.
#[test]
fn the_treasurer_track_spends_up_to_its_limit_and_the_payout_is_claimed() {
	use persistence_runtime::{
		configs::TreasuryAccount,
		governance::origins::{Origin, TREASURER_MAX_SPEND},
		RuntimeOrigin, Treasury,
	};
	dev_ext().execute_with(|| {
		System::set_block_number(1);
		let treasurer = || RuntimeOrigin::from(Origin::Treasurer);
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		assert_ok!(Balances::transfer_keep_alive(RuntimeOrigin::signed(alice()), TreasuryAccount::get().into(), 2_000_000 * 1_000_000));
		assert_noop!(
			Treasury::spend(treasurer(), Box::new(()), TREASURER_MAX_SPEND + 1, Box::new(charlie.clone()), None),
			pallet_treasury::Error::<Runtime>::InsufficientPermission
		);
		assert_noop!(
			Treasury::spend(RuntimeOrigin::signed(alice()), Box::new(()), 1, Box::new(charlie.clone()), None),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			Treasury::spend(RuntimeOrigin::from(Origin::GeneralAdmin), Box::new(()), 1, Box::new(charlie.clone()), None),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(Treasury::spend(treasurer(), Box::new(()), TREASURER_MAX_SPEND, Box::new(charlie.clone()), None));
		assert_ok!(Treasury::spend(RuntimeOrigin::root(), Box::new(()), TREASURER_MAX_SPEND + 1, Box::new(charlie.clone()), None));
		let before = Balances::free_balance(&charlie);
		let treasury_before = Balances::free_balance(TreasuryAccount::get());
		assert_ok!(Treasury::payout(RuntimeOrigin::signed(bob()), 0));
		assert_eq!(Balances::free_balance(&charlie), before + TREASURER_MAX_SPEND);
		assert_eq!(Balances::free_balance(TreasuryAccount::get()), treasury_before - TREASURER_MAX_SPEND);
		// Paid once only.
		assert_noop!(Treasury::payout(RuntimeOrigin::signed(bob()), 0), pallet_treasury::Error::<Runtime>::AlreadyAttempted);
	});
}

/// A `staking_admin` referendum administers staking where the staking pallet lets its
/// `AdminOrigin` act: cancelling a deferred slash (a wrong slash no longer needs the whitelist
/// path), the minimum commission, ledger repair, a manual slash. The validator count stays a
/// `root` decision (the pallet requires Root); accounts and `general_admin` may do neither.
#[test]
fn the_staking_admin_track_governs_staking() {
	use persistence_runtime::{governance::origins::Origin, RuntimeOrigin};
	dev_ext().execute_with(|| {
		let admin = || RuntimeOrigin::from(Origin::StakingAdmin);
		assert_ok!(Staking::set_min_commission(admin(), sp_runtime::Perbill::from_percent(5)));
		assert_eq!(pallet_staking::MinCommission::<Runtime>::get(), sp_runtime::Perbill::from_percent(5));
		// The origin passes (the refusal is about the empty list, not who asks) …
		assert_noop!(Staking::cancel_deferred_slash(admin(), 0, vec![]), pallet_staking::Error::<Runtime>::EmptyTargets);
		// … an account's does not.
		assert_noop!(
			Staking::cancel_deferred_slash(RuntimeOrigin::signed(alice()), 0, vec![0]),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			Staking::set_min_commission(RuntimeOrigin::from(Origin::GeneralAdmin), sp_runtime::Perbill::zero()),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			Staking::set_min_commission(RuntimeOrigin::signed(alice()), sp_runtime::Perbill::zero()),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(Staking::set_validator_count(admin(), 150), sp_runtime::DispatchError::BadOrigin);
		assert_ok!(Staking::set_validator_count(RuntimeOrigin::root(), 80));
		assert_eq!(pallet_staking::ValidatorCount::<Runtime>::get(), 80);
	});
}

/// `staging`'s vesting allocations: Dave and Eve hold their share with 90 % locked, unlocking
/// linearly over two years of blocks; what is locked cannot be sent.
#[test]
fn staging_allocations_vest_linearly_over_two_years() {
	use genesis_config_presets::{staging_share, STAGING_VESTING_BLOCKS};
	use persistence_runtime::{RuntimeOrigin, Vesting};
	staging_ext().execute_with(|| {
		let dave = Sr25519Keyring::Dave.to_account_id();
		let share = staging_share();
		assert_eq!(share, 8_333_333_332_500);
		let locked = share - share / 10;
		assert_eq!(Balances::free_balance(&dave), share);
		assert_eq!(<Vesting as frame_support::traits::VestingSchedule<AccountId>>::vesting_balance(&dave), Some(locked));
		// Only the liquid 10 % can move.
		assert!(Balances::transfer_keep_alive(RuntimeOrigin::signed(dave.clone()), bob().into(), share / 10 + 1).is_err());
		// Half-way: half of the locked part has vested.
		System::set_block_number(STAGING_VESTING_BLOCKS / 2);
		assert_ok!(Vesting::vest(RuntimeOrigin::signed(dave.clone())));
		let per_block = locked / u128::from(STAGING_VESTING_BLOCKS);
		let still_locked = locked - per_block * u128::from(STAGING_VESTING_BLOCKS / 2);
		assert_eq!(<Vesting as frame_support::traits::VestingSchedule<AccountId>>::vesting_balance(&dave), Some(still_locked));
		assert_ok!(Balances::transfer_keep_alive(RuntimeOrigin::signed(dave.clone()), bob().into(), share - still_locked - 1_000_000));
		// The schedule unlocks `per_block` (rounded down) a block, so the last planck vest a few
		// blocks after two years: at block ⌈locked / per_block⌉ (5 blocks, 30 s, late).
		let end = locked.div_ceil(per_block) as u32;
		assert_eq!(end, STAGING_VESTING_BLOCKS + 5);
		System::set_block_number(end - 1);
		assert_ok!(Vesting::vest(RuntimeOrigin::signed(dave.clone())));
		assert_eq!(<Vesting as frame_support::traits::VestingSchedule<AccountId>>::vesting_balance(&dave), Some(locked - per_block * u128::from(end - 1)));
		// At the end nothing is locked and the schedule is gone.
		System::set_block_number(end);
		assert_ok!(Vesting::vest(RuntimeOrigin::signed(dave.clone())));
		assert_eq!(<Vesting as frame_support::traits::VestingSchedule<AccountId>>::vesting_balance(&dave), None);
		// A vested transfer below 1 XPRT is refused (a schedule is state others pay to read).
		let schedule = pallet_vesting::VestingInfo::new(999_999u128, 1u128, 10u32);
		assert_noop!(
			Vesting::vested_transfer(RuntimeOrigin::signed(dave.clone()), bob().into(), schedule),
			pallet_vesting::Error::<Runtime>::AmountLow
		);
	});
}

/// Identity: governance (a `general_admin` referendum) adds a registrar — a KYC provider for
/// originators and verifiers; an account sets its identity against a deposit, requests a
/// judgement, and the registrar gives it.
#[test]
fn a_registrar_added_by_governance_judges_an_identity() {
	use pallet_identity::{legacy::IdentityInfo, Data, Judgement};
	use persistence_runtime::{configs::{BasicDeposit, ByteDeposit}, governance::origins::Origin, Identity, RuntimeOrigin};
	dev_ext().execute_with(|| {
		System::set_block_number(1);
		let ferdie = Sr25519Keyring::Ferdie.to_account_id();
		assert_noop!(
			Identity::add_registrar(RuntimeOrigin::signed(alice()), ferdie.clone().into()),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(Identity::add_registrar(RuntimeOrigin::from(Origin::GeneralAdmin), ferdie.clone().into()));
		let info = IdentityInfo {
			display: Data::Raw(b"Bob's Invoices Ltd".to_vec().try_into().unwrap()),
			legal: Data::Raw(b"Bob's Invoices Limited".to_vec().try_into().unwrap()),
			..Default::default()
		};
		let bytes = info.encoded_size() as u128;
		let reserved = Balances::reserved_balance(bob());
		assert_ok!(Identity::set_identity(RuntimeOrigin::signed(bob()), Box::new(info.clone())));
		assert_eq!(Balances::reserved_balance(bob()), reserved + BasicDeposit::get() + bytes * ByteDeposit::get());
		assert_ok!(Identity::request_judgement(RuntimeOrigin::signed(bob()), 0, 0));
		let hash = <<Runtime as frame_system::Config>::Hashing as sp_runtime::traits::Hash>::hash_of(&info);
		assert_ok!(Identity::provide_judgement(RuntimeOrigin::signed(ferdie.clone()), 0, bob().into(), Judgement::Reasonable, hash));
		let registration = pallet_identity::IdentityOf::<Runtime>::get(bob()).expect("Bob has an identity");
		assert_eq!(registration.judgements.into_inner(), vec![(0, Judgement::Reasonable)]);
		// Only the registrar judges.
		assert_noop!(
			Identity::provide_judgement(RuntimeOrigin::signed(alice()), 0, bob().into(), Judgement::Reasonable, hash),
			pallet_identity::Error::<Runtime>::InvalidIndex
		);
	});
}

/// Nomination pools on the real runtime: a holder of 1 XPRT stakes through a pool. The creator
/// bonds the 100 XPRT nominator minimum; a member's XPRT stays on its own account, held for the
/// pool (delegated staking); the pool nominates; below-minimum bonds, a commission above the 10 %
/// cap and an early withdrawal are refused with named errors and change nothing; after the
/// bonding period the member withdraws exactly what it bonded.
#[test]
fn a_small_holder_stakes_through_a_nomination_pool() {
	use pallet_nomination_pools::Error as PoolError;
	use persistence_runtime::{
		genesis_config_presets::{POOL_MIN_CREATE_BOND, POOL_MIN_JOIN_BOND},
		NominationPools, RuntimeHoldReason, RuntimeOrigin, UNITS,
	};
	let held = |who: &AccountId| {
		<Balances as frame_support::traits::fungible::InspectHold<AccountId>>::balance_on_hold(
			&RuntimeHoldReason::DelegatedStaking(pallet_delegated_staking::HoldReason::StakingDelegation),
			who,
		)
	};
	dev_ext().execute_with(|| {
		System::set_block_number(1);
		let (alice, bob, charlie) = (alice(), bob(), Sr25519Keyring::Charlie.to_account_id());
		assert_eq!((POOL_MIN_JOIN_BOND, POOL_MIN_CREATE_BOND), (UNITS, 100 * UNITS));
		let create = |amount| {
			NominationPools::create(
				RuntimeOrigin::signed(charlie.clone()),
				amount,
				charlie.clone().into(),
				charlie.clone().into(),
				charlie.clone().into(),
			)
		};
		assert_noop!(create(100 * UNITS - 1), PoolError::<Runtime>::MinimumBondNotMet);
		assert_ok!(create(100 * UNITS));
		let pool = pallet_nomination_pools::LastPoolId::<Runtime>::get();
		assert_eq!(pool, 1);
		let (bonded, _reward) = NominationPools::api_pool_accounts(pool);
		let stake = || pallet_staking::Ledger::<Runtime>::get(&bonded).map(|l| (l.total, l.active));
		assert_eq!(stake(), Some((100 * UNITS, 100 * UNITS)));
		assert_eq!(held(&charlie), 100 * UNITS);

		// Bob joins with the 1 XPRT minimum; his XPRT stays on his account, held for the pool.
		assert_noop!(
			NominationPools::join(RuntimeOrigin::signed(bob.clone()), UNITS - 1, pool),
			PoolError::<Runtime>::MinimumBondNotMet
		);
		let bob_total = <Balances as frame_support::traits::fungible::Inspect<AccountId>>::total_balance(&bob);
		assert_ok!(NominationPools::join(RuntimeOrigin::signed(bob.clone()), UNITS, pool));
		assert_eq!(held(&bob), UNITS);
		assert_eq!(<Balances as frame_support::traits::fungible::Inspect<AccountId>>::total_balance(&bob), bob_total, "nothing left Bob's account");
		assert_eq!(NominationPools::api_member_total_balance(bob.clone()), UNITS);
		assert_eq!(stake(), Some((101 * UNITS, 101 * UNITS)));

		// The pool nominates Alice; its commission is capped at 10 %.
		assert_ok!(NominationPools::nominate(RuntimeOrigin::signed(charlie.clone()), pool, vec![alice.clone()]));
		assert_eq!(pallet_staking::Nominators::<Runtime>::get(&bonded).map(|n| n.targets.to_vec()), Some(vec![alice.clone()]));
		assert_noop!(
			NominationPools::set_commission(
				RuntimeOrigin::signed(charlie.clone()),
				pool,
				Some((sp_runtime::Perbill::from_percent(11), charlie.clone()))
			),
			PoolError::<Runtime>::CommissionExceedsGlobalMaximum
		);
		assert_ok!(NominationPools::set_commission(
			RuntimeOrigin::signed(charlie.clone()),
			pool,
			Some((sp_runtime::Perbill::from_percent(10), charlie.clone()))
		));

		// Bob unbonds; nothing can be withdrawn before the 28-era bonding period ends.
		assert_ok!(NominationPools::unbond(RuntimeOrigin::signed(bob.clone()), bob.clone().into(), UNITS));
		assert_eq!(stake(), Some((101 * UNITS, 100 * UNITS)));
		assert_noop!(
			NominationPools::withdraw_unbonded(RuntimeOrigin::signed(bob.clone()), bob.clone().into(), 0),
			PoolError::<Runtime>::CannotWithdrawAny
		);
		let era = pallet_staking::CurrentEra::<Runtime>::get().unwrap_or(0) + persistence_runtime::configs::BondingDuration::get();
		pallet_staking::CurrentEra::<Runtime>::put(era);
		pallet_staking::ActiveEra::<Runtime>::put(pallet_staking::ActiveEraInfo { index: era, start: None });
		assert_ok!(NominationPools::withdraw_unbonded(RuntimeOrigin::signed(bob.clone()), bob.clone().into(), 0));
		assert_eq!(held(&bob), 0);
		assert_eq!(Balances::free_balance(&bob), bob_total, "Bob has exactly what he bonded back");
		assert!(!pallet_nomination_pools::PoolMembers::<Runtime>::contains_key(&bob));
		assert_eq!(stake(), Some((100 * UNITS, 100 * UNITS)));
	});
}

/// Limited proxies and pools: a `Staking` proxy may join a pool and unbond for the account, but
/// not create one or set a commission — both name who receives the pool's rewards.
#[test]
fn a_staking_proxy_joins_a_pool_but_cannot_name_reward_receivers() {
	use persistence_runtime::{configs::ProxyType, NominationPools, Proxy, RuntimeOrigin, UNITS};
	dev_ext().execute_with(|| {
		System::set_block_number(1);
		let (alice, bob, charlie) = (alice(), bob(), Sr25519Keyring::Charlie.to_account_id());
		assert_ok!(NominationPools::create(
			RuntimeOrigin::signed(charlie.clone()),
			100 * UNITS,
			charlie.clone().into(),
			charlie.clone().into(),
			charlie.clone().into(),
		));
		assert_ok!(Proxy::add_proxy(RuntimeOrigin::signed(alice.clone()), bob.clone().into(), ProxyType::Staking, 0));
		let as_alice = |call: RuntimeCall| {
			assert_ok!(Proxy::proxy(RuntimeOrigin::signed(bob.clone()), alice.clone().into(), None, Box::new(call)));
			last_proxy_result().expect("ProxyExecuted")
		};
		let filtered = Err(frame_system::Error::<Runtime>::CallFiltered.into());
		use pallet_nomination_pools::Call as P;
		assert_eq!(as_alice(RuntimeCall::NominationPools(P::join { amount: 5 * UNITS, pool_id: 1 })), Ok(()));
		assert_eq!(NominationPools::api_member_total_balance(alice.clone()), 5 * UNITS);
		let create = P::create { amount: 100 * UNITS, root: bob.clone().into(), nominator: bob.clone().into(), bouncer: bob.clone().into() };
		assert_eq!(as_alice(RuntimeCall::NominationPools(create)), filtered);
		assert_eq!(pallet_nomination_pools::LastPoolId::<Runtime>::get(), 1);
		let commission = P::set_commission { pool_id: 1, new_commission: Some((sp_runtime::Perbill::from_percent(5), bob.clone())) };
		assert_eq!(as_alice(RuntimeCall::NominationPools(commission)), filtered);
		let roles = P::update_roles {
			pool_id: 1,
			new_root: pallet_nomination_pools::ConfigOp::Set(bob.clone()),
			new_nominator: pallet_nomination_pools::ConfigOp::Noop,
			new_bouncer: pallet_nomination_pools::ConfigOp::Noop,
		};
		assert_eq!(as_alice(RuntimeCall::NominationPools(roles)), filtered);
		assert_eq!(as_alice(RuntimeCall::NominationPools(P::unbond { member_account: alice.clone().into(), unbonding_points: 5 * UNITS })), Ok(()));
	});
}

/// The public testnet, from the launch operators' network file: its three validators, committee
/// and allocations are none of the public development keys; issuance is exactly 100 M XPRT
/// (the treasury holds what the file does not allocate); no sudo key; the team's and investors'
/// allocations vest; production timing.
#[test]
fn the_testnet_is_launched_from_its_network_file_on_no_development_key() {
	use genesis_config_presets::launch;
	use persistence_runtime::{configs::TreasuryAccount, UNITS};
	let net: launch::Network = serde_json::from_str(include_str!("../../chain-specs/testnet.network.json")).unwrap();
	let patch = launch::genesis_patch(&net).unwrap();
	ext_from_preset(patch).execute_with(|| {
		let dev: Vec<AccountId> = Sr25519Keyring::iter().map(|k| k.to_account_id()).collect();
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
		assert_eq!(pallet_balances::TotalIssuance::<Runtime>::get(), 100_000_000 * UNITS);
		// The file allocates 71.302 M XPRT; the treasury holds the other 28.698 M.
		assert_eq!(Balances::free_balance(TreasuryAccount::get()), 28_698_000 * UNITS);
		let validators: Vec<AccountId> = pallet_staking::Validators::<Runtime>::iter_keys().collect();
		assert_eq!(validators.len(), 3);
		for v in &validators {
			assert!(!dev.contains(v));
			assert_eq!(pallet_staking::Ledger::<Runtime>::get(v).map(|l| l.total), Some(1_000_000 * UNITS));
		}
		let committee = pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get();
		assert_eq!(committee.len(), 3);
		assert!(committee.iter().all(|m| !dev.contains(m)));
		let balances: Vec<AccountId> = frame_system::Account::<Runtime>::iter_keys().collect();
		assert!(balances.iter().all(|a| !dev.contains(a)), "no XPRT on a development key");
		assert_eq!(pallet_vesting::Vesting::<Runtime>::iter().count(), 2);
		assert_eq!(pallet_staking::ValidatorCount::<Runtime>::get(), 100);
		assert_eq!(<Runtime as pallet_babe::Config>::EpochDuration::get(), 600);
		// Each validator's discovery key is the file's.
		use sp_core::crypto::Ss58Codec;
		let mut file_keys: Vec<sp_authority_discovery::AuthorityId> = net
			.validators
			.iter()
			.map(|v| sp_core::sr25519::Public::from_ss58check_with_version(&v.authority_discovery).unwrap().0.into())
			.collect();
		file_keys.sort();
		let mut keys = pallet_authority_discovery::Pallet::<Runtime>::authorities();
		keys.sort();
		assert_eq!(keys, file_keys);
	});
}
