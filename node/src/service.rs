//! The node service: client, ParityDB backend, transaction pool, networking, BABE block
//! production, GRANDPA finality (with warp sync), authority discovery (validators) and RPC.

use std::{sync::Arc, time::Duration};

use futures::{FutureExt, StreamExt};
use persistence_runtime::{opaque::Block, RuntimeApi};
use sc_client_api::{Backend, BlockBackend};
use sc_consensus_babe::{BabeWorkerHandle, SlotProportion};
use sc_consensus_grandpa::SharedVoterState;
use sc_network_sync::strategy::warp::WarpSyncConfig;
use sc_service::{error::Error as ServiceError, Configuration, TaskManager};
use sc_telemetry::{Telemetry, TelemetryWorker};
use sc_transaction_pool_api::OffchainTransactionPoolFactory;
use sp_runtime::traits::Block as BlockT;

/// Host functions the runtime may call.
#[cfg(not(feature = "runtime-benchmarks"))]
pub type HostFunctions = sp_io::SubstrateHostFunctions;
/// Host functions the runtime may call, plus the benchmarking ones.
#[cfg(feature = "runtime-benchmarks")]
pub type HostFunctions =
	(sp_io::SubstrateHostFunctions, frame_benchmarking::benchmarking::HostFunctions);

/// The full client.
pub type FullClient =
	sc_service::TFullClient<Block, RuntimeApi, sc_executor::WasmExecutor<HostFunctions>>;
pub type FullBackend = sc_service::TFullBackend<Block>;
type FullSelectChain = sc_consensus::LongestChain<FullBackend, Block>;
type FullGrandpaBlockImport =
	sc_consensus_grandpa::GrandpaBlockImport<FullBackend, Block, FullClient, FullSelectChain>;
type FullBabeBlockImport = sc_consensus_babe::BabeBlockImport<
	Block,
	FullClient,
	FullGrandpaBlockImport,
	InherentProviders,
	FullSelectChain,
>;
type TransactionPool = sc_transaction_pool::TransactionPoolHandle<Block, FullClient>;

/// The validator reference machine (`node/res/reference-hardware.json`): Polkadot's figures per
/// core — BLAKE2b-256 at 1 GB/s on one core and on each of 4 cores together, memcpy at
/// 11.8 GB/s, disk writes at 950 MB/s sequential and 420 MB/s random — with 4 cores instead of
/// Polkadot's 8 (a BABE/GRANDPA chain with no parachain validation). (Its sr25519 entry is
/// carried as upstream has it; sc-sysinfo does not measure or check it at start-up.)
pub fn reference_hardware() -> Result<sc_sysinfo::Requirements, serde_json::Error> {
	serde_json::from_slice(include_bytes!("../res/reference-hardware.json"))
}

/// Benchmark this machine at start-up (about a second: CPU, memory and — in the database
/// directory — disk) and log the scores. A validator below the reference machine is warned,
/// not stopped: the operator decides (`--no-hardware-benchmarks` skips the run).
pub fn hardware_benchmark(database: Option<&std::path::Path>, is_authority: bool) -> sc_sysinfo::HwBench {
	let requirements = reference_hardware().unwrap_or_else(|e| {
		log::warn!("the built-in reference hardware does not parse ({e}); checking nothing");
		sc_sysinfo::Requirements(Vec::new())
	});
	if let Some(path) = database {
		// The disk benchmark writes its scratch file where the database will live.
		let _ = std::fs::create_dir_all(path);
	}
	let hwbench = sc_sysinfo::gather_hwbench(database, &requirements);
	sc_sysinfo::print_hwbench(&hwbench);
	match requirements.check_hardware(&hwbench, is_authority) {
		Ok(()) => log::info!("✅ This machine meets the validator reference hardware"),
		Err(failures) if is_authority => log::warn!(
			"⚠️  This machine is below the validator reference hardware ({failures}). A validator \
			 this slow may miss its BABE slots and GRANDPA votes, be reported unresponsive and \
			 lose rewards; see the README's hardware section."
		),
		Err(failures) => log::info!("This machine is below the validator reference hardware ({failures}); fine for a non-validator"),
	}
	hwbench
}

/// GRANDPA justifications are generated and imported at least once every this many blocks.
const GRANDPA_JUSTIFICATION_PERIOD: u32 = 512;

/// Creates the inherent data every block carries: the timestamp and the BABE slot.
#[derive(Clone)]
pub struct InherentProviders {
	slot_duration: sp_consensus_babe::SlotDuration,
}

#[async_trait::async_trait]
impl sp_inherents::CreateInherentDataProviders<Block, ()> for InherentProviders {
	type InherentDataProviders =
		(sp_consensus_babe::inherents::InherentDataProvider, sp_timestamp::InherentDataProvider);

	async fn create_inherent_data_providers(
		&self,
		_parent: <Block as BlockT>::Hash,
		_extra: (),
	) -> Result<Self::InherentDataProviders, Box<dyn std::error::Error + Send + Sync>> {
		let timestamp = sp_timestamp::InherentDataProvider::from_system_time();
		let slot =
			sp_consensus_babe::inherents::InherentDataProvider::from_timestamp_and_slot_duration(
				*timestamp,
				self.slot_duration,
			);
		Ok((slot, timestamp))
	}
}

/// Everything built before networking; what the sub-commands need.
pub type Service = sc_service::PartialComponents<
	FullClient,
	FullBackend,
	FullSelectChain,
	sc_consensus::DefaultImportQueue<Block>,
	TransactionPool,
	(
		FullBabeBlockImport,
		sc_consensus_grandpa::LinkHalf<Block, FullClient, FullSelectChain>,
		sc_consensus_babe::BabeLink<Block>,
		BabeWorkerHandle<Block>,
		Option<Telemetry>,
	),
>;

/// Build the client, backend, transaction pool and import queue.
pub fn new_partial(config: &Configuration) -> Result<Service, ServiceError> {
	let telemetry = config
		.telemetry_endpoints
		.clone()
		.filter(|x| !x.is_empty())
		.map(|endpoints| -> Result<_, sc_telemetry::Error> {
			let worker = TelemetryWorker::new(16)?;
			let telemetry = worker.handle().new_telemetry(endpoints);
			Ok((worker, telemetry))
		})
		.transpose()?;

	let executor = sc_service::new_wasm_executor::<HostFunctions>(&config.executor);
	let (client, backend, keystore_container, task_manager) =
		sc_service::new_full_parts::<Block, RuntimeApi, _>(
			config,
			telemetry.as_ref().map(|(_, telemetry)| telemetry.handle()),
			executor,
			Vec::new(),
		)?;
	let client = Arc::new(client);

	let telemetry = telemetry.map(|(worker, telemetry)| {
		task_manager.spawn_handle().spawn("telemetry", None, worker.run());
		telemetry
	});

	let select_chain = sc_consensus::LongestChain::new(backend.clone());

	let transaction_pool = Arc::from(
		sc_transaction_pool::Builder::new(
			task_manager.spawn_essential_handle(),
			client.clone(),
			config.role.is_authority().into(),
		)
		.with_options(config.transaction_pool.clone())
		.with_prometheus(config.prometheus_registry())
		.build(),
	);

	let (grandpa_block_import, grandpa_link) = sc_consensus_grandpa::block_import(
		client.clone(),
		GRANDPA_JUSTIFICATION_PERIOD,
		&(client.clone() as Arc<_>),
		select_chain.clone(),
		telemetry.as_ref().map(|x| x.handle()),
	)?;
	let justification_import = grandpa_block_import.clone();

	let babe_config = sc_consensus_babe::configuration(&*client)?;
	let slot_duration = babe_config.slot_duration();
	let (block_import, babe_link) = sc_consensus_babe::block_import(
		babe_config,
		grandpa_block_import,
		client.clone(),
		InherentProviders { slot_duration },
		select_chain.clone(),
		OffchainTransactionPoolFactory::new(transaction_pool.clone()),
	)?;

	let (import_queue, babe_worker_handle) =
		sc_consensus_babe::import_queue(sc_consensus_babe::ImportQueueParams {
			link: babe_link.clone(),
			block_import: block_import.clone(),
			justification_import: Some(Box::new(justification_import)),
			client: client.clone(),
			slot_duration,
			spawner: &task_manager.spawn_essential_handle(),
			registry: config.prometheus_registry(),
			telemetry: telemetry.as_ref().map(|x| x.handle()),
		})?;

	Ok(sc_service::PartialComponents {
		client,
		backend,
		task_manager,
		import_queue,
		keystore_container,
		select_chain,
		transaction_pool,
		other: (block_import, grandpa_link, babe_link, babe_worker_handle, telemetry),
	})
}

/// Build and start a full node with the network backend chosen by `--network-backend`;
/// `hwbench` (the start-up hardware benchmark, if run) is reported to telemetry.
/// The storage monitor (`--db-storage-threshold`) checks the database's disk before the
/// network and RPC start, and stops the node cleanly if free space later drops below it.
pub fn new_full(
	config: Configuration,
	hwbench: Option<sc_sysinfo::HwBench>,
	storage_monitor: sc_storage_monitor::StorageMonitorParams,
) -> Result<TaskManager, ServiceError> {
	match config.network.network_backend {
		sc_network::config::NetworkBackendType::Libp2p =>
			new_full_with::<sc_network::NetworkWorker<Block, <Block as BlockT>::Hash>>(
				config,
				hwbench,
				storage_monitor,
			),
		sc_network::config::NetworkBackendType::Litep2p =>
			new_full_with::<sc_network::Litep2pNetworkBackend>(config, hwbench, storage_monitor),
	}
}

fn new_full_with<N: sc_network::NetworkBackend<Block, <Block as BlockT>::Hash>>(
	config: Configuration,
	hwbench: Option<sc_sysinfo::HwBench>,
	storage_monitor: sc_storage_monitor::StorageMonitorParams,
) -> Result<TaskManager, ServiceError> {
	let sc_service::PartialComponents {
		client,
		backend,
		mut task_manager,
		import_queue,
		keystore_container,
		select_chain,
		transaction_pool,
		other: (block_import, grandpa_link, babe_link, babe_worker_handle, mut telemetry),
	} = new_partial(&config)?;

	if let Some(path) = config.database.path() {
		sc_storage_monitor::StorageMonitorService::try_spawn(
			storage_monitor,
			path.to_path_buf(),
			&task_manager.spawn_essential_handle(),
		)
		.map_err(|e| match e {
			sc_storage_monitor::Error::StorageOutOfSpace(..) => ServiceError::Other(format!(
				"{e} on the database's disk ({}): free space, or lower --db-storage-threshold",
				path.display()
			)),
			sc_storage_monitor::Error::IOError(io) => ServiceError::Other(format!(
				"cannot read the free space of the database's disk ({}): {io}",
				path.display()
			)),
		})?;
	}

	let mut net_config = sc_network::config::FullNetworkConfiguration::<
		Block,
		<Block as BlockT>::Hash,
		N,
	>::new(&config.network, config.prometheus_registry().cloned());
	let metrics = N::register_notification_metrics(config.prometheus_registry());
	let peer_store_handle = net_config.peer_store_handle();

	let genesis_hash = client
		.block_hash(0)
		.ok()
		.flatten()
		.ok_or_else(|| ServiceError::Other("the genesis block is missing".into()))?;
	let grandpa_protocol_name =
		sc_consensus_grandpa::protocol_standard_name(&genesis_hash, &config.chain_spec);
	let (grandpa_protocol_config, grandpa_notification_service) =
		sc_consensus_grandpa::grandpa_peers_set_config::<_, N>(
			grandpa_protocol_name.clone(),
			metrics.clone(),
			peer_store_handle,
		);
	net_config.add_notification_protocol(grandpa_protocol_config);

	// Warp sync: a new node downloads GRANDPA finality proofs instead of every block.
	let warp_sync = Arc::new(sc_consensus_grandpa::warp_proof::NetworkProvider::new(
		backend.clone(),
		grandpa_link.shared_authority_set().clone(),
		Vec::default(),
	));

	let (network, system_rpc_tx, tx_handler_controller, sync_service, _bitswap) =
		sc_service::build_network(sc_service::BuildNetworkParams {
			config: &config,
			net_config,
			client: client.clone(),
			transaction_pool: transaction_pool.clone(),
			spawn_handle: task_manager.spawn_handle(),
			spawn_essential_handle: task_manager.spawn_essential_handle(),
			import_queue,
			block_announce_validator_builder: None,
			warp_sync_config: Some(WarpSyncConfig::WithProvider(warp_sync)),
			block_relay: None,
			metrics,
			gap_sync_body_policy: None,
		})?;

	if config.offchain_worker.enabled {
		let offchain_workers =
			sc_offchain::OffchainWorkers::new(sc_offchain::OffchainWorkerOptions {
				runtime_api_provider: client.clone(),
				is_validator: config.role.is_authority(),
				keystore: Some(keystore_container.keystore()),
				offchain_db: backend.offchain_storage(),
				transaction_pool: Some(OffchainTransactionPoolFactory::new(
					transaction_pool.clone(),
				)),
				network_provider: Arc::new(network.clone()),
				enable_http_requests: true,
				custom_extensions: |_| vec![],
			})?;
		task_manager.spawn_handle().spawn(
			"offchain-workers-runner",
			"offchain-worker",
			offchain_workers.run(client.clone(), task_manager.spawn_handle()).boxed(),
		);
	}

	let role = config.role;
	let force_authoring = config.force_authoring;
	let backoff_authoring_blocks =
		Some(sc_consensus_slots::BackoffAuthoringOnFinalizedHeadLagging::default());
	let name = config.network.node_name.clone();
	let enable_grandpa = !config.disable_grandpa;
	let prometheus_registry = config.prometheus_registry().cloned();

	let shared_voter_state = SharedVoterState::empty();
	let rpc_builder = {
		let client = client.clone();
		let pool = transaction_pool.clone();
		let select_chain = select_chain.clone();
		let keystore = keystore_container.keystore();
		let justification_stream = grandpa_link.justification_stream();
		let shared_authority_set = grandpa_link.shared_authority_set().clone();
		let shared_voter_state = shared_voter_state.clone();
		let finality_provider = sc_consensus_grandpa::FinalityProofProvider::new_for_service(
			backend.clone(),
			Some(shared_authority_set.clone()),
		);
		let babe_worker_handle = babe_worker_handle.clone();
		let chain_spec = config.chain_spec.cloned_box();

		Box::new(move |subscription_executor: sc_rpc::SubscriptionTaskExecutor| {
			let deps = crate::rpc::FullDeps {
				client: client.clone(),
				pool: pool.clone(),
				select_chain: select_chain.clone(),
				chain_spec: chain_spec.cloned_box(),
				babe: crate::rpc::BabeDeps {
					babe_worker_handle: babe_worker_handle.clone(),
					keystore: keystore.clone(),
				},
				grandpa: crate::rpc::GrandpaDeps {
					shared_voter_state: shared_voter_state.clone(),
					shared_authority_set: shared_authority_set.clone(),
					justification_stream: justification_stream.clone(),
					subscription_executor,
					finality_provider: finality_provider.clone(),
				},
			};
			crate::rpc::create_full(deps).map_err(Into::into)
		})
	};

	// What the authority-discovery worker publishes: the operator's `--public-addr`s first,
	// private/loopback addresses only where the chain type or `--discover-local` allows them in
	// the DHT (`local`/`dev`), and a cache of what it learnt under the network directory.
	// On `local`/`dev` chains the DHT is looked up at least every 30 s instead of every 10
	// minutes (the default's ceiling of its back-off), so a validator that joins is found within
	// a session there too, like every other timing of those chains.
	let dev_chain = matches!(
		config.chain_spec.chain_type(),
		sc_chain_spec::ChainType::Local | sc_chain_spec::ChainType::Development
	);
	let discovery_config = sc_authority_discovery::WorkerConfig {
		max_query_interval: if dev_chain {
			Duration::from_secs(30)
		} else {
			sc_authority_discovery::WorkerConfig::default().max_query_interval
		},
		publish_non_global_ips: config.network.allow_non_globals_in_dht,
		public_addresses: config.network.public_addresses.clone(),
		strict_record_validation: true,
		persisted_cache_directory: config.network.net_config_path.clone(),
		..Default::default()
	};

	let _rpc_handlers = sc_service::spawn_tasks(sc_service::SpawnTasksParams {
		network: network.clone(),
		client: client.clone(),
		keystore: keystore_container.keystore(),
		task_manager: &mut task_manager,
		transaction_pool: transaction_pool.clone(),
		rpc_builder,
		backend: backend.clone(),
		system_rpc_tx,
		tx_handler_controller,
		sync_service: sync_service.clone(),
		config,
		telemetry: telemetry.as_mut(),
		tracing_execute_block: None,
	})?;

	if let (Some(hwbench), Some(telemetry)) = (hwbench, telemetry.as_ref()) {
		task_manager.spawn_handle().spawn(
			"telemetry_hwbench",
			None,
			sc_sysinfo::initialize_hwbench_telemetry(telemetry.handle(), hwbench),
		);
	}

	if role.is_authority() {
		use sc_network::NetworkEventStream as _;
		// Authority discovery: publish this validator's addresses on the DHT, signed with its
		// session's authority-discovery key (and its network key), and look up those of the
		// current and next validator set, so validators find each other beyond the bootnodes.
		let dht_events = network.event_stream("authority-discovery").filter_map(|e| async move {
			match e {
				sc_network::event::Event::Dht(e) => Some(e),
				_ => None,
			}
		});
		let (discovery_worker, _discovery_service) =
			sc_authority_discovery::new_worker_and_service_with_config(
				discovery_config,
				client.clone(),
				Arc::new(network.clone()),
				Box::pin(dht_events),
				sc_authority_discovery::Role::PublishAndDiscover(keystore_container.keystore()),
				prometheus_registry.clone(),
				task_manager.spawn_handle(),
			);
		task_manager.spawn_handle().spawn(
			"authority-discovery-worker",
			Some("networking"),
			discovery_worker.run(),
		);

		let proposer = sc_basic_authorship::ProposerFactory::new(
			task_manager.spawn_handle(),
			client.clone(),
			transaction_pool.clone(),
			prometheus_registry.as_ref(),
			telemetry.as_ref().map(|x| x.handle()),
		);

		let slot_duration = babe_link.config().slot_duration();
		let babe = sc_consensus_babe::start_babe(sc_consensus_babe::BabeParams {
			keystore: keystore_container.keystore(),
			client: client.clone(),
			select_chain,
			env: proposer,
			block_import,
			sync_oracle: sync_service.clone(),
			justification_sync_link: sync_service.clone(),
			create_inherent_data_providers: InherentProviders { slot_duration },
			force_authoring,
			backoff_authoring_blocks,
			babe_link,
			block_proposal_slot_portion: SlotProportion::new(0.5),
			max_block_proposal_slot_portion: None,
			telemetry: telemetry.as_ref().map(|x| x.handle()),
		})?;

		// BABE is essential: the node must stop if block authoring stops.
		task_manager.spawn_essential_handle().spawn_blocking(
			"babe-proposer",
			Some("block-authoring"),
			babe,
		);
	}

	// A keystore is needed only to vote; observers (non-validators) follow finality without.
	let keystore = if role.is_authority() { Some(keystore_container.keystore()) } else { None };

	if enable_grandpa {
		let grandpa_config = sc_consensus_grandpa::Config {
			gossip_duration: Duration::from_millis(333),
			justification_generation_period: GRANDPA_JUSTIFICATION_PERIOD,
			name: Some(name),
			observer_enabled: false,
			keystore,
			local_role: role,
			telemetry: telemetry.as_ref().map(|x| x.handle()),
			protocol_name: grandpa_protocol_name,
		};

		let grandpa_params = sc_consensus_grandpa::GrandpaParams {
			config: grandpa_config,
			link: grandpa_link,
			network,
			sync: sync_service,
			notification_service: grandpa_notification_service,
			voting_rule: sc_consensus_grandpa::VotingRulesBuilder::default().build(),
			prometheus_registry,
			shared_voter_state,
			telemetry: telemetry.as_ref().map(|x| x.handle()),
			offchain_tx_pool_factory: OffchainTransactionPoolFactory::new(transaction_pool),
		};

		// GRANDPA is essential: without it the chain stops finalizing.
		task_manager.spawn_essential_handle().spawn_blocking(
			"grandpa-voter",
			None,
			sc_consensus_grandpa::run_grandpa_voter(grandpa_params)?,
		);
	}

	Ok(task_manager)
}
