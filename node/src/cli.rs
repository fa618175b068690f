//! Command-line interface.

/// Sub-commands of `persistence-node`.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management (generate, inspect, insert a session key into the keystore, …).
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification (from a preset: `dev`, `local`, `testnet`, or a file).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Build a launch network's chain spec (plain, or `--raw`) from a network file of
	/// operator-supplied keys: validators, endowments, vesting, validator count, committee.
	LaunchSpec(LaunchSpecCmd),

	/// Export the chain specification of the selected chain.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Db meta columns information.
	ChainInfo(sc_cli::ChainInfoCmd),

	/// Sub-commands concerned with benchmarking (built with `--features runtime-benchmarks`).
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),
}

/// The node's command line.
#[derive(Debug, clap::Parser)]
pub struct Cli {
	/// A sub-command; without one the node runs.
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	/// Options of a running node.
	#[clap(flatten)]
	pub run: sc_cli::RunCmd,

	/// Skip the hardware benchmark run at start-up (CPU, memory and disk speed, compared with
	/// the validator reference machine; a validator below it is warned).
	#[arg(long)]
	pub no_hardware_benchmarks: bool,

	/// Free space the database's disk must keep (`--db-storage-threshold`, MiB, 0 = off): below
	/// it the node refuses to start, or stops cleanly while running, instead of corrupting its
	/// database on a full disk.
	#[clap(flatten)]
	pub storage_monitor: sc_storage_monitor::StorageMonitorParams,
}

/// `launch-spec --network <file> [--raw]`: print the chain spec of the network the file
/// describes (see `chain-specs/testnet.network.json` and the README's "Launch a network").
#[derive(Debug, clap::Args)]
pub struct LaunchSpecCmd {
	/// The network file (JSON).
	#[arg(long, value_name = "FILE")]
	pub network: std::path::PathBuf,
	/// Print the raw spec (genesis storage) instead of the plain one (genesis config).
	#[arg(long)]
	pub raw: bool,
}
