//! Chain specifications built from the runtime's genesis presets.

use persistence_runtime::{
	genesis_config_presets::{
		DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET, TESTNET_RUNTIME_PRESET,
	},
	SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL, WASM_BINARY,
};
use sc_service::ChainType;

/// A chain specification of the Persistence chain.
pub type ChainSpec = sc_service::GenericChainSpec;

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
	let mut b = ChainSpec::builder(wasm()?, None)
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

/// Bootnodes of the public testnet. Placeholders until the launch operators publish theirs:
/// replace them in `chain-specs/testnet*.json` (and here) with the real addresses.
const TESTNET_BOOTNODES: [&str; 2] = [
	"/dns/boot-0.testnet.persistence.one/tcp/30333/p2p/12D3KooWHdiAxVd8uMQR1hGWXccidmfCwLqcMpGwR6QcTP6QRMuD",
	"/dns/boot-1.testnet.persistence.one/tcp/30333/p2p/12D3KooWSCufgHzV4fCwRijfH2k3abrpAJxTKxEvN1FDuRXA2U9x",
];

/// `--chain testnet`: the public test network (no sudo key).
pub fn testnet_chain_spec() -> Result<ChainSpec, String> {
	let boot_nodes = TESTNET_BOOTNODES
		.iter()
		.map(|a| a.parse().map_err(|e| format!("bad testnet bootnode {a}: {e:?}")))
		.collect::<Result<Vec<_>, String>>()?;
	from_preset(
		"Persistence Testnet",
		"persistence_testnet",
		ChainType::Live,
		TESTNET_RUNTIME_PRESET,
		Some("xprt-testnet"),
		boot_nodes,
	)
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
