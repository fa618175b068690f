//! Command dispatch: run the node or one of its sub-commands.

use crate::{
	chain_spec,
	cli::{Cli, Subcommand},
	service,
};
use persistence_runtime::opaque::Block;
use sc_cli::SubstrateCli;
use sc_service::PartialComponents;

impl SubstrateCli for Cli {
	fn impl_name() -> String {
		"Persistence Node".into()
	}

	fn impl_version() -> String {
		env!("SUBSTRATE_CLI_IMPL_VERSION").into()
	}

	fn description() -> String {
		env!("CARGO_PKG_DESCRIPTION").into()
	}

	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}

	fn support_url() -> String {
		"https://example.invalid/persistence/issues".into()
	}

	fn copyright_start_year() -> i32 {
		2026
	}

	fn load_spec(&self, id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
		chain_spec::load(id)
	}
}

/// Why a node started without `--chain` refuses to start.
pub const NO_CHAIN: &str = "no chain chosen: pass `--chain testnet` (the public test network), \
	`--chain <spec.json>`, `--dev` (a single-node development chain) or `--chain local` (a \
	3-validator local network; both development chains have a sudo key anyone can sign for)";

/// A node runs only on a chain its operator named: no silent default (sc-cli's would be
/// `local`, whose sudo key — Alice — anyone can sign for).
fn chain_chosen(run: &sc_cli::RunCmd) -> Result<(), String> {
	let shared = sc_cli::CliConfiguration::shared_params(run);
	if shared.chain.is_none() && !shared.is_dev() {
		return Err(NO_CHAIN.into());
	}
	Ok(())
}

/// Parse the command line and run the node or the chosen sub-command.
pub fn run() -> sc_cli::Result<()> {
	// Addresses in RPC parameters and output (e.g. `system_accountNextIndex`, which every wallet
	// calls) use Persistence's SS58 prefix.
	sp_core::crypto::set_default_ss58_version(sp_core::crypto::Ss58AddressFormat::custom(
		persistence_runtime::SS58_PREFIX,
	));
	let cli = Cli::from_args();

	match &cli.subcommand {
		Some(Subcommand::Key(cmd)) => cmd.run(&cli),
		Some(Subcommand::BuildSpec(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.chain_spec, config.network))
		},
		Some(Subcommand::LaunchSpec(cmd)) => {
			let net = chain_spec::read_network(&cmd.network).map_err(sc_cli::Error::Input)?;
			let spec = chain_spec::from_network(&net).map_err(sc_cli::Error::Input)?;
			let json = sc_service::ChainSpec::as_json(&spec, cmd.raw).map_err(sc_cli::Error::Input)?;
			println!("{json}");
			Ok(())
		},
		Some(Subcommand::ExportChainSpec(cmd)) => {
			let chain_spec = cli.load_spec(&cmd.chain)?;
			cmd.run(chain_spec)
		},
		Some(Subcommand::CheckBlock(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		},
		Some(Subcommand::ExportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } = service::new_partial(&config)?;
				Ok((cmd.run(client, config.database), task_manager))
			})
		},
		Some(Subcommand::ExportState(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } = service::new_partial(&config)?;
				Ok((cmd.run(client, config.chain_spec), task_manager))
			})
		},
		Some(Subcommand::ImportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		},
		Some(Subcommand::PurgeChain(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.database))
		},
		Some(Subcommand::Revert(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, backend, .. } =
					service::new_partial(&config)?;
				// BABE epochs and GRANDPA authority sets live in aux storage: revert them too.
				let aux_revert = Box::new(
					|client: std::sync::Arc<service::FullClient>,
					 backend: std::sync::Arc<service::FullBackend>,
					 blocks| {
					sc_consensus_babe::revert(client.clone(), backend, blocks)?;
					sc_consensus_grandpa::revert(client, blocks)?;
					Ok(())
				});
				Ok((cmd.run(client, backend, Some(aux_revert)), task_manager))
			})
		},
		Some(Subcommand::ChainInfo(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run::<Block>(&config))
		},
		#[cfg(feature = "runtime-benchmarks")]
		Some(Subcommand::Benchmark(cmd)) => {
			use frame_benchmarking_cli::BenchmarkCmd;
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| match cmd {
				BenchmarkCmd::Pallet(cmd) => cmd.run_with_spec::<sp_runtime::traits::HashingFor<Block>, service::HostFunctions>(Some(config.chain_spec)),
				BenchmarkCmd::Storage(cmd) => {
					let PartialComponents { client, backend, .. } = service::new_partial(&config)?;
					let db = backend.expose_db();
					let storage = backend.expose_storage();
					let shared_trie_cache = backend.expose_shared_trie_cache();
					cmd.run(config, client, db, storage, shared_trie_cache)
				},
				BenchmarkCmd::Machine(cmd) => cmd.run(
					&config,
					frame_benchmarking_cli::SUBSTRATE_REFERENCE_HARDWARE.clone(),
				),
				_ => Err("this benchmark sub-command is not supported by persistence-node; use `benchmark pallet`".into()),
			})
		},
		None => {
			chain_chosen(&cli.run)?;
			let runner = cli.create_runner(&cli.run)?;
			let no_hardware_benchmarks = cli.no_hardware_benchmarks;
			let storage_monitor = cli.storage_monitor.clone();
			runner.run_node_until_exit(|config| async move {
				let hwbench = if no_hardware_benchmarks {
					None
				} else {
					Some(service::hardware_benchmark(config.database.path(), config.role.is_authority()))
				};
				service::new_full(config, hwbench, storage_monitor).map_err(sc_cli::Error::Service)
			})
		},
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use clap::Parser;

	fn chosen(args: &[&str]) -> Result<(), String> {
		let cli = Cli::try_parse_from(args).map_err(|e| e.to_string())?;
		chain_chosen(&cli.run)
	}

	#[test]
	fn a_node_without_chain_refuses_to_start() {
		assert_eq!(chosen(&["persistence-node"]), Err(NO_CHAIN.to_string()));
		assert_eq!(chosen(&["persistence-node", "--validator"]), Err(NO_CHAIN.to_string()));
		assert_eq!(chosen(&["persistence-node", "--dev"]), Ok(()));
		assert_eq!(chosen(&["persistence-node", "--chain", "testnet"]), Ok(()));
		assert_eq!(chosen(&["persistence-node", "--chain", "local"]), Ok(()));
	}

	#[test]
	fn operator_flags_parse_with_their_defaults() {
		let cli = Cli::try_parse_from(["persistence-node", "--dev"]).unwrap();
		assert!(!cli.no_hardware_benchmarks);
		// 1 GiB kept free, checked every 5 s, unless the operator says otherwise.
		assert_eq!((cli.storage_monitor.threshold, cli.storage_monitor.polling_period), (1024, 5));
		let cli = Cli::try_parse_from([
			"persistence-node",
			"--dev",
			"--no-hardware-benchmarks",
			"--db-storage-threshold",
			"0",
		])
		.unwrap();
		assert!(cli.no_hardware_benchmarks);
		assert_eq!(cli.storage_monitor.threshold, 0);
	}

	#[test]
	fn the_reference_hardware_parses() {
		let requirements = service::reference_hardware().unwrap();
		assert_eq!(requirements.0.len(), 6);
	}
}
