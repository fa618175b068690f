//! Chain specifications built from the runtime's genesis presets.

use persistence_runtime::{
	genesis_config_presets::{launch, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET},
	SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL, WASM_BINARY,
};
use sc_service::ChainType;

/// Chain-spec fields beyond genesis.
#[derive(Default, Clone, serde::Serialize, serde::Deserialize, sc_chain_spec::ChainSpecExtension)]
#[serde(rename_all = "camelCase")]
pub struct Extensions {
	/// A light-client checkpoint (`lightSyncState`: a finalized header with its BABE epochs
	/// and GRANDPA authority set), written by `sync_state_genSyncSpec`; `null` in the committed
	/// specs until a running network's operators publish one.
	pub light_sync_state: sc_sync_state_rpc::LightSyncStateExtension,
}

/// A chain specification of the Persistence chain.
pub type ChainSpec = sc_service::GenericChainSpec<Extensions>;

/// Chain properties polkadot.js reads: token symbol, decimals and the SS58 prefix.
pub fn properties() -> sc_chain_spec::Properties {
	let mut p = sc_chain_spec::Properties::new();
	p.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	p.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	p.insert("ss58Format".into(), SS58_PREFIX.into());
	p
}

fn wasm() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| "the runtime WASM is not available (built with SKIP_WASM_BUILD?)".into())
}

fn from_preset(
	name: &str,
	id: &str,
	chain_type: ChainType,
	preset: &str,
	protocol_id: Option<&str>,
	boot_nodes: Vec<sc_network::config::MultiaddrWithPeerId>,
) -> Result<ChainSpec, String> {
	let mut b = ChainSpec::builder(wasm()?, Extensions::default())
		.with_name(name)
		.with_id(id)
		.with_chain_type(chain_type)
		.with_genesis_config_preset_name(preset)
		.with_properties(properties())
		.with_boot_nodes(boot_nodes);
	if let Some(p) = protocol_id {
		b = b.with_protocol_id(p);
	}
	Ok(b.build())
}

/// `--dev`: Alice alone, blocks every 6 s.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	from_preset("Persistence Development", "persistence_dev", ChainType::Development, DEV_RUNTIME_PRESET, None, vec![])
}

/// `--chain local`: Alice, Bob and Charlie validate.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	from_preset(
		"Persistence Local Testnet",
		"persistence_local",
		ChainType::Local,
		LOCAL_TESTNET_RUNTIME_PRESET,
		Some("xprt-local"),
		vec![],
	)
}

/// The public testnet, described by the launch operators' keys (`chain-specs/testnet.network.json`:
/// no development key anywhere in it; see `launch-spec`).
const TESTNET_NETWORK: &str = include_str!("../../chain-specs/testnet.network.json");

/// A launch network's chain spec from its network file (validators, endowments, vesting,
/// committee …; checked by the runtime's `launch::genesis_patch`). No sudo key.
pub fn from_network(net: &launch::Network) -> Result<ChainSpec, String> {
	// The patch goes into the WASM runtime's genesis builder, which reads accounts in the
	// generic SS58 format (42): this node prints Persistence's prefix (75) everywhere else.
	let patch = {
		let _generic = GenericSs58::new();
		launch::genesis_patch(net)?
	};
	let boot_nodes = net
		.boot_nodes
		.iter()
		.map(|a| a.parse().map_err(|e| format!("bootnode `{a}` is not a multiaddress with a peer id: {e:?}")))
		.collect::<Result<Vec<sc_network::config::MultiaddrWithPeerId>, String>>()?;
	Ok(ChainSpec::builder(wasm()?, Extensions::default())
		.with_name(&net.name)
		.with_id(&net.id)
		.with_chain_type(ChainType::Live)
		.with_protocol_id(&net.protocol_id)
		.with_properties(properties())
		.with_boot_nodes(boot_nodes)
		.with_genesis_config_patch(patch)
		.build())
}

/// While alive, addresses serialize in the generic SS58 format (42); the previous default comes
/// back when it drops (also on an early return or a panic).
struct GenericSs58(sp_core::crypto::Ss58AddressFormat);

impl GenericSs58 {
	fn new() -> Self {
		let ours = sp_core::crypto::default_ss58_version();
		sp_core::crypto::set_default_ss58_version(sp_core::crypto::Ss58AddressFormat::custom(42));
		Self(ours)
	}
}

impl Drop for GenericSs58 {
	fn drop(&mut self) {
		sp_core::crypto::set_default_ss58_version(self.0);
	}
}

/// Read and parse a network file.
pub fn read_network(path: &std::path::Path) -> Result<launch::Network, String> {
	let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
	serde_json::from_slice(&bytes).map_err(|e| format!("{} is not a network file: {e}", path.display()))
}

/// `--chain testnet`: the public test network (no sudo key), from its network file.
pub fn testnet_chain_spec() -> Result<ChainSpec, String> {
	let net: launch::Network =
		serde_json::from_str(TESTNET_NETWORK).map_err(|e| format!("the built-in testnet network file: {e}"))?;
	from_network(&net)
}

/// Resolve `--chain`: a preset name or a path to a JSON chain spec.
pub fn load(id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
	Ok(match id {
		"dev" | "development" => Box::new(development_chain_spec()?),
		"" | "local" | "local_testnet" => Box::new(local_chain_spec()?),
		"testnet" => Box::new(testnet_chain_spec()?),
		path => Box::new(ChainSpec::from_json_file(std::path::PathBuf::from(path))?),
	})
}
