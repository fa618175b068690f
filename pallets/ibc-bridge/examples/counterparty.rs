//! `counterparty` — a Cosmos chain and its relayer, simulated, for end-to-end tests that open
//! an IBC link to a **live** Persistence node.
//!
//! Chain B is an ibc-testkit chain with a Tendermint host: every block is a light block signed
//! by tendermint-testgen validators whose app hash commits (ICS-23, IAVL + multistore) to B's
//! IBC store. The node's Tendermint client of B therefore verifies B's headers and proofs for
//! real. B tracks the node with the Substrate client format the runtime expects
//! (`/persistence.lightclients.substrate.v1.*`): consensus states are (timestamp, root of the
//! node's `ibc` child trie) as the node's `ibc_queryPath` RPC reports them, and every proof of
//! the node's state B relies on is checked against that root with `sp-trie` before B acts on
//! it. What B trusts without checking is that consensus record itself (a real client would
//! verify GRANDPA justifications for it).
//!
//! B's side of each handshake step is written straight into its provable store (a real ibc-go
//! chain would run its handlers; ibc-testkit's handlers cannot hold a Substrate client).
//!
//! Protocol: one JSON object per line on stdin, one JSON answer per line on stdout
//! (`{"ok":true,…}` or `{"ok":false,"error":…}`). Messages for the node come back as
//! `{"typeUrl","value"}` (hex), ready for `ibc.deliver`. Node proofs are passed as the
//! `ibc_queryPath` result. Commands: `info`, `create_client_on_a`, `update_a`,
//! `create_client_of_a`, `conn_open_init_msg`, `conn_open_try`, `conn_open_ack_msgs`,
//! `conn_open_confirm`, `chan_open_init_msg`, `chan_open_try`, `chan_open_ack_msgs`,
//! `chan_open_confirm`, `recv_packet`, `ack_msgs`, `send_packet`, `ack_on_b`, `balance`.
//!
//! Built by `cargo test --release --workspace` (examples are compiled with the tests):
//! `$CARGO_TARGET_DIR/release/examples/counterparty`.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use basecoin_store::context::Store;
use ibc::apps::transfer::types::ack_success_b64;
use ibc::core::channel::types::acknowledgement::{Acknowledgement, AcknowledgementStatus};
use ibc::core::channel::types::channel::{
    ChannelEnd, Counterparty as ChanCounterparty, Order, State as ChanState,
};
use ibc::core::channel::types::commitment::{compute_ack_commitment, compute_packet_commitment};
use ibc::core::channel::types::msgs::{
    MsgAcknowledgement, MsgChannelOpenAck, MsgChannelOpenInit, MsgRecvPacket,
};
use ibc::core::channel::types::packet::Packet;
use ibc::core::channel::types::timeout::{TimeoutHeight, TimeoutTimestamp};
use ibc::core::channel::types::Version as ChanVersion;
use ibc::core::client::types::msgs::{MsgCreateClient, MsgUpdateClient};
use ibc::core::client::types::Height;
use ibc::core::commitment_types::commitment::{CommitmentPrefix, CommitmentProofBytes};
use ibc::core::connection::types::msgs::{MsgConnectionOpenAck, MsgConnectionOpenInit};
use ibc::core::connection::types::version::Version as ConnVersion;
use ibc::core::connection::types::{
    ConnectionEnd, Counterparty as ConnCounterparty, State as ConnState,
};
use ibc::core::host::types::identifiers::{
    ChainId, ChannelId, ClientId, ConnectionId, PortId, Sequence,
};
use ibc::core::host::types::path::{
    AckPath, ChannelEndPath, ClientConsensusStatePath, ClientStatePath, CommitmentPath,
    ConnectionPath, Path, ReceiptPath,
};
use ibc::core::host::ValidationContext;
use ibc::core::primitives::proto::{Any, Protobuf};
use ibc::core::primitives::{Signer, Timestamp, ToProto};
use ibc_query::core::context::ProvableContext;
use ibc_testkit::context::TestContext;
use ibc_testkit::fixtures::core::context::dummy_store_generic_test_context;
use ibc_testkit::hosts::{TendermintHost, TestBlock, TestHost};
use ibc_testkit::testapp::ibc::core::types::dummy_light_client;
use pallet_ibc_bridge::self_client::{
    RawSubstrateClientState, RawSubstrateConsensusState, SUBSTRATE_CLIENT_STATE_TYPE_URL,
    SUBSTRATE_CONSENSUS_STATE_TYPE_URL,
};
use prost::Message;
use serde_json::{json, Value};
use sp_core::{Blake2Hasher, H256};
use sp_trie::{LayoutV1, StorageProof};

type Cosmos = TestContext<TendermintHost>;
type Res<T> = Result<T, String>;

/// The node's chain id and revision (runtime `configs/ibc.rs`).
const A_CHAIN_ID: &str = "persistence-1";
const A_REVISION: u64 = 1;
/// B's clock starts this far behind the wall clock, so that B's blocks (3 s apart) are never
/// in the node's future during a test.
const B_CLOCK_LAG: Duration = Duration::from_secs(300);

struct Sim {
    b: Cosmos,
    /// The height the node's client of B was last brought to.
    a_client_of_b_height: Option<Height>,
    /// B's client of the node.
    client_of_a: ClientId,
    client_of_a_created: bool,
    /// Node heights B has a consensus state for → IBC child-trie root.
    a_roots: BTreeMap<u64, H256>,
    a_latest: u64,
    next_seq_send_b: u64,
    /// ICS-20 balances on B by (denomination, holder).
    balances: BTreeMap<(String, String), u128>,
}

fn now_nanos() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0)
}

fn str_of<'a>(v: &'a Value, key: &str) -> Res<&'a str> {
    v.get(key).and_then(Value::as_str).ok_or_else(|| format!("missing string `{key}`"))
}

fn u64_of(v: &Value, key: &str) -> Res<u64> {
    match v.get(key) {
        Some(Value::Number(n)) => n.as_u64().ok_or_else(|| format!("`{key}` is not a u64")),
        Some(Value::String(s)) => s.parse().map_err(|_| format!("`{key}` is not a u64")),
        _ => Err(format!("missing number `{key}`")),
    }
}

fn hex_of(s: &str) -> Res<Vec<u8>> {
    hex::decode(s.trim_start_matches("0x")).map_err(|e| format!("bad hex: {e}"))
}

fn any_json(any: Any) -> Value {
    json!({ "typeUrl": any.type_url, "value": format!("0x{}", hex::encode(any.value)) })
}

fn signer() -> Signer {
    Signer::from("cosmos1relayer".to_string())
}

fn a_height(h: u64) -> Res<Height> {
    Height::new(A_REVISION, h).map_err(|e| e.to_string())
}

fn prefix_a() -> CommitmentPrefix {
    CommitmentPrefix::from(b"ibc".to_vec())
}

/// A proof of the node's state, as `ibc_queryPath` returns it.
struct NodeProof {
    path: String,
    height: u64,
    value: Option<Vec<u8>>,
    nodes: Vec<Vec<u8>>,
    timestamp_nanos: u64,
    root: H256,
}

impl NodeProof {
    fn parse(v: &Value) -> Res<Self> {
        let path = str_of(v, "path")?.to_string();
        let height = u64_of(v, "height")?;
        let value = match v.get("value") {
            Some(Value::String(s)) => Some(hex_of(s)?),
            _ => None,
        };
        let nodes = v
            .get("proof")
            .and_then(Value::as_array)
            .ok_or("missing `proof`")?
            .iter()
            .map(|n| n.as_str().ok_or_else(|| "proof node is not hex".to_string()).and_then(hex_of))
            .collect::<Res<Vec<_>>>()?;
        let consensus = v.get("consensus").ok_or("missing `consensus`")?;
        let timestamp_nanos = u64_of(consensus, "timestampNanos")?;
        let root_bytes = hex_of(str_of(consensus, "root")?)?;
        let root = H256::from_slice(root_bytes.get(..32).ok_or("root is not 32 bytes")?);
        Ok(Self { path, height, value, nodes, timestamp_nanos, root })
    }
}

impl Sim {
    fn new() -> Self {
        let host = TendermintHost::builder()
            .chain_id(ChainId::new("cosmos-0").expect("valid chain id"))
            .build();
        let latest = Timestamp::from_nanoseconds(now_nanos().saturating_sub(B_CLOCK_LAG.as_nanos() as u64));
        let b: Cosmos = dummy_store_generic_test_context().host(host).latest_timestamp(latest).call();
        Self {
            b,
            a_client_of_b_height: None,
            client_of_a: ClientId::new("10-grandpa", 0).expect("valid client id"),
            client_of_a_created: false,
            a_roots: BTreeMap::new(),
            a_latest: 0,
            next_seq_send_b: 1,
            balances: BTreeMap::new(),
        }
    }

    fn put(&mut self, path: impl Into<Path>, value: Vec<u8>) -> Res<()> {
        let path: Path = path.into();
        self.b
            .ibc_store_mut()
            .store
            .set(path.to_string().into(), value)
            .map(|_| ())
            .map_err(|e| format!("B's store refused {path}: {e:?}"))
    }

    fn get(&self, path: impl Into<Path>) -> Option<Vec<u8>> {
        let path: Path = path.into();
        let store = &self.b.ibc_store().store;
        store.get(basecoin_store::types::Height::Pending, &path.to_string().into())
    }

    fn delete(&mut self, path: impl Into<Path>) {
        let path: Path = path.into();
        self.b.ibc_store_mut().store.delete(&path.to_string().into());
    }

    /// B commits a block (its store root goes into a new signed light block).
    fn commit(&mut self) -> Height {
        self.b.advance_block_height();
        self.b.latest_height()
    }

    /// B's proof of `path` at its latest height.
    fn proof_b(&self, path: impl Into<Path>) -> Res<CommitmentProofBytes> {
        let path: Path = path.into();
        let bytes = self
            .b
            .ibc_store()
            .get_proof(self.b.latest_height(), &path)
            .ok_or_else(|| format!("B has no proof of {path}"))?;
        CommitmentProofBytes::try_from(bytes).map_err(|e| e.to_string())
    }

    /// B's client of the node learns the node's consensus state at a height (a relayer's
    /// `MsgUpdateClient` to B).
    fn track_a(&mut self, height: u64, timestamp_nanos: u64, root: H256) -> Res<()> {
        if let Some(known) = self.a_roots.get(&height) {
            return if *known == root { Ok(()) } else { Err(format!("conflicting roots for node height {height}")) };
        }
        let consensus = Any {
            type_url: SUBSTRATE_CONSENSUS_STATE_TYPE_URL.into(),
            value: RawSubstrateConsensusState { timestamp: timestamp_nanos, root: root.0.to_vec() }.encode_to_vec(),
        };
        self.put(ClientConsensusStatePath::new(self.client_of_a.clone(), A_REVISION, height), consensus.encode_to_vec())?;
        self.a_roots.insert(height, root);
        if height > self.a_latest {
            self.a_latest = height;
            let state = self.client_state_of_a();
            self.put(ClientStatePath::new(self.client_of_a.clone()), state.encode_to_vec())?;
        }
        Ok(())
    }

    fn client_state_of_a(&self) -> Any {
        Any {
            type_url: SUBSTRATE_CLIENT_STATE_TYPE_URL.into(),
            value: RawSubstrateClientState {
                chain_id: A_CHAIN_ID.into(),
                revision_number: A_REVISION,
                latest_height: self.a_latest,
                frozen_height: 0,
            }
            .encode_to_vec(),
        }
    }

    /// Checks a proof of the node's state against the root B's client stored for its height;
    /// returns the proven value.
    fn verify_a(&mut self, proof: &Value, expected_path: &str) -> Res<Option<Vec<u8>>> {
        let p = NodeProof::parse(proof)?;
        if p.path != expected_path {
            return Err(format!("proof is for `{}`, expected `{expected_path}`", p.path));
        }
        if !self.client_of_a_created {
            return Err("B has no client of the node yet".into());
        }
        self.track_a(p.height, p.timestamp_nanos, p.root)?;
        let db = StorageProof::new(p.nodes).into_memory_db::<Blake2Hasher>();
        let proven = sp_trie::read_trie_value::<LayoutV1<Blake2Hasher>, _>(&db, &p.root, p.path.as_bytes(), None, None)
            .map_err(|e| format!("proof of `{}` does not verify: {e:?}", p.path))?;
        if proven != p.value {
            return Err(format!("proof of `{}` proves a different value", p.path));
        }
        Ok(proven)
    }

    /// `MsgUpdateClient` bringing the node's client of B to B's latest height (none if it
    /// is already there).
    fn update_a(&mut self, client_on_a: &str) -> Res<Vec<Value>> {
        let target = self.b.latest_height();
        let trusted = self.a_client_of_b_height.ok_or("the node has no client of B")?;
        if trusted == target {
            return Ok(vec![]);
        }
        let trusted_block = self.b.host.get_block(&trusted).ok_or("trusted block missing")?;
        let header = self
            .b
            .host_block(&target)
            .ok_or("target block missing")?
            .into_header_with_trusted(&trusted_block);
        let msg = MsgUpdateClient {
            client_id: client_on_a.parse().map_err(|e| format!("{e}"))?,
            client_message: header.into(),
            signer: signer(),
        };
        self.a_client_of_b_height = Some(target);
        Ok(vec![any_json(msg.to_any())])
    }

    fn handle(&mut self, cmd: &Value) -> Res<Value> {
        let name = str_of(cmd, "cmd")?;
        match name {
            "info" => Ok(json!({
                "chainId": self.b.host.chain_id.as_str(),
                "height": self.b.latest_height().to_string(),
                "timestampNanos": self.b.latest_timestamp().nanoseconds(),
                "clientOfA": self.client_of_a.as_str(),
            })),
            "create_client_on_a" => {
                let light = dummy_light_client(&self.b).call();
                let consensus = light.consensus_states.values().next().cloned().ok_or("no consensus state")?;
                let height = self.b.latest_height();
                let msg = MsgCreateClient::new(light.client_state.into(), consensus.into(), signer());
                self.a_client_of_b_height = Some(height);
                Ok(json!({ "msgs": [any_json(msg.to_any())], "height": height.to_string() }))
            }
            "update_a" => Ok(json!({ "msgs": self.update_a(str_of(cmd, "clientOnA")?)? })),
            "create_client_of_a" => {
                let height = u64_of(cmd, "height")?;
                let consensus = cmd.get("consensus").ok_or("missing `consensus`")?;
                let ts = u64_of(consensus, "timestampNanos")?;
                let root = hex_of(str_of(consensus, "root")?)?;
                self.client_of_a_created = true;
                self.track_a(height, ts, H256::from_slice(root.get(..32).ok_or("root is not 32 bytes")?))?;
                self.commit();
                Ok(json!({ "clientId": self.client_of_a.as_str() }))
            }
            "conn_open_init_msg" => {
                let msg = MsgConnectionOpenInit {
                    client_id_on_a: str_of(cmd, "clientOnA")?.parse().map_err(|e| format!("{e}"))?,
                    counterparty: ConnCounterparty::new(
                        self.client_of_a.clone(),
                        None,
                        self.b.ibc_store().commitment_prefix(),
                    ),
                    version: None,
                    delay_period: Duration::ZERO,
                    signer: signer(),
                };
                Ok(json!({ "msgs": [any_json(msg.to_any())] }))
            }
            "conn_open_try" => {
                let client_on_a: ClientId = str_of(cmd, "clientOnA")?.parse().map_err(|e| format!("{e}"))?;
                let conn_a: ConnectionId = str_of(cmd, "connOnA")?.parse().map_err(|e| format!("{e}"))?;
                let path = ConnectionPath::new(&conn_a).to_string();
                let value = self.verify_a(cmd.get("proof").ok_or("missing `proof`")?, &path)?.ok_or("no connection on the node")?;
                let end = ConnectionEnd::decode_vec(&value).map_err(|e| format!("{e}"))?;
                if end.state != ConnState::Init
                    || end.client_id() != &client_on_a
                    || end.counterparty().client_id() != &self.client_of_a
                {
                    return Err(format!("unexpected connection end on the node: {end:?}"));
                }
                let conn_b = ConnectionId::new(0);
                let ours = ConnectionEnd::new(
                    ConnState::TryOpen,
                    self.client_of_a.clone(),
                    ConnCounterparty::new(client_on_a, Some(conn_a), prefix_a()),
                    vec![ConnVersion::compatibles().into_iter().next().ok_or("no version")?],
                    Duration::ZERO,
                )
                .map_err(|e| format!("{e}"))?;
                self.put(ConnectionPath::new(&conn_b), ours.encode_vec())?;
                let h = self.commit();
                Ok(json!({ "connOnB": conn_b.as_str(), "height": h.to_string() }))
            }
            "conn_open_ack_msgs" => {
                let client_on_a = str_of(cmd, "clientOnA")?;
                let conn_a: ConnectionId = str_of(cmd, "connOnA")?.parse().map_err(|e| format!("{e}"))?;
                let conn_b = ConnectionId::new(0);
                let mut msgs = self.update_a(client_on_a)?;
                let h_b = self.b.latest_height();
                let consensus_height = a_height(self.a_latest)?;
                let msg = MsgConnectionOpenAck {
                    conn_id_on_a: conn_a,
                    conn_id_on_b: conn_b.clone(),
                    client_state_of_a_on_b: self.client_state_of_a(),
                    proof_conn_end_on_b: self.proof_b(ConnectionPath::new(&conn_b))?,
                    proof_client_state_of_a_on_b: self.proof_b(ClientStatePath::new(self.client_of_a.clone()))?,
                    proof_consensus_state_of_a_on_b: self.proof_b(ClientConsensusStatePath::new(
                        self.client_of_a.clone(),
                        A_REVISION,
                        self.a_latest,
                    ))?,
                    proofs_height_on_b: h_b,
                    consensus_height_of_a_on_b: consensus_height,
                    version: ConnVersion::compatibles().into_iter().next().ok_or("no version")?,
                    signer: signer(),
                    proof_consensus_state_of_a: None,
                };
                msgs.push(any_json(msg.to_any()));
                Ok(json!({ "msgs": msgs }))
            }
            "conn_open_confirm" => {
                let conn_a: ConnectionId = str_of(cmd, "connOnA")?.parse().map_err(|e| format!("{e}"))?;
                let conn_b = ConnectionId::new(0);
                let path = ConnectionPath::new(&conn_a).to_string();
                let value = self.verify_a(cmd.get("proof").ok_or("missing `proof`")?, &path)?.ok_or("no connection on the node")?;
                let end = ConnectionEnd::decode_vec(&value).map_err(|e| format!("{e}"))?;
                if end.state != ConnState::Open || end.counterparty().connection_id() != Some(&conn_b) {
                    return Err(format!("the node's connection is not open towards B: {end:?}"));
                }
                let raw = self.get(ConnectionPath::new(&conn_b)).ok_or("B has no connection")?;
                let mut ours = ConnectionEnd::decode_vec(&raw).map_err(|e| format!("{e}"))?;
                ours.set_state(ConnState::Open);
                self.put(ConnectionPath::new(&conn_b), ours.encode_vec())?;
                let h = self.commit();
                Ok(json!({ "height": h.to_string() }))
            }
            "chan_open_init_msg" => {
                let msg = MsgChannelOpenInit {
                    port_id_on_a: PortId::transfer(),
                    connection_hops_on_a: vec![str_of(cmd, "connOnA")?.parse().map_err(|e| format!("{e}"))?],
                    port_id_on_b: PortId::transfer(),
                    ordering: Order::Unordered,
                    signer: signer(),
                    version_proposal: ChanVersion::new("ics20-1".to_string()),
                };
                Ok(json!({ "msgs": [any_json(msg.to_any())] }))
            }
            "chan_open_try" => {
                let conn_a: ConnectionId = str_of(cmd, "connOnA")?.parse().map_err(|e| format!("{e}"))?;
                let chan_a: ChannelId = str_of(cmd, "chanOnA")?.parse().map_err(|e| format!("{e}"))?;
                let path = ChannelEndPath::new(&PortId::transfer(), &chan_a).to_string();
                let value = self.verify_a(cmd.get("proof").ok_or("missing `proof`")?, &path)?.ok_or("no channel on the node")?;
                let end = ChannelEnd::decode_vec(&value).map_err(|e| format!("{e}"))?;
                if end.state != ChanState::Init
                    || end.connection_hops != vec![conn_a]
                    || end.remote.port_id != PortId::transfer()
                    || end.version.as_str() != "ics20-1"
                {
                    return Err(format!("unexpected channel end on the node: {end:?}"));
                }
                let chan_b = ChannelId::new(0);
                let ours = ChannelEnd::new(
                    ChanState::TryOpen,
                    Order::Unordered,
                    ChanCounterparty::new(PortId::transfer(), Some(chan_a)),
                    vec![ConnectionId::new(0)],
                    ChanVersion::new("ics20-1".to_string()),
                )
                .map_err(|e| format!("{e}"))?;
                self.put(ChannelEndPath::new(&PortId::transfer(), &chan_b), ours.encode_vec())?;
                let h = self.commit();
                Ok(json!({ "chanOnB": chan_b.as_str(), "height": h.to_string() }))
            }
            "chan_open_ack_msgs" => {
                let client_on_a = str_of(cmd, "clientOnA")?;
                let chan_a: ChannelId = str_of(cmd, "chanOnA")?.parse().map_err(|e| format!("{e}"))?;
                let chan_b = ChannelId::new(0);
                let mut msgs = self.update_a(client_on_a)?;
                let msg = MsgChannelOpenAck {
                    port_id_on_a: PortId::transfer(),
                    chan_id_on_a: chan_a,
                    chan_id_on_b: chan_b.clone(),
                    version_on_b: ChanVersion::new("ics20-1".to_string()),
                    proof_chan_end_on_b: self.proof_b(ChannelEndPath::new(&PortId::transfer(), &chan_b))?,
                    proof_height_on_b: self.b.latest_height(),
                    signer: signer(),
                };
                msgs.push(any_json(msg.to_any()));
                Ok(json!({ "msgs": msgs }))
            }
            "chan_open_confirm" => {
                let chan_a: ChannelId = str_of(cmd, "chanOnA")?.parse().map_err(|e| format!("{e}"))?;
                let chan_b = ChannelId::new(0);
                let path = ChannelEndPath::new(&PortId::transfer(), &chan_a).to_string();
                let value = self.verify_a(cmd.get("proof").ok_or("missing `proof`")?, &path)?.ok_or("no channel on the node")?;
                let end = ChannelEnd::decode_vec(&value).map_err(|e| format!("{e}"))?;
                if end.state != ChanState::Open || end.remote.channel_id() != Some(&chan_b) {
                    return Err(format!("the node's channel is not open towards B: {end:?}"));
                }
                let raw = self.get(ChannelEndPath::new(&PortId::transfer(), &chan_b)).ok_or("B has no channel")?;
                let mut ours = ChannelEnd::decode_vec(&raw).map_err(|e| format!("{e}"))?;
                ours.set_state(ChanState::Open);
                self.put(ChannelEndPath::new(&PortId::transfer(), &chan_b), ours.encode_vec())?;
                let h = self.commit();
                Ok(json!({ "height": h.to_string() }))
            }
            "recv_packet" => self.recv_packet(cmd),
            "ack_msgs" => {
                let client_on_a = str_of(cmd, "clientOnA")?;
                let packet = packet_from(cmd.get("packet").ok_or("missing `packet`")?)?;
                let ack = Acknowledgement::try_from(hex_of(str_of(cmd, "ack")?)?).map_err(|e| format!("{e}"))?;
                let mut msgs = self.update_a(client_on_a)?;
                let msg = MsgAcknowledgement {
                    proof_acked_on_b: self.proof_b(AckPath::new(&PortId::transfer(), &packet.chan_id_on_b, packet.seq_on_a))?,
                    proof_height_on_b: self.b.latest_height(),
                    packet,
                    acknowledgement: ack,
                    signer: signer(),
                };
                msgs.push(any_json(msg.to_any()));
                Ok(json!({ "msgs": msgs }))
            }
            "send_packet" => self.send_packet(cmd),
            "ack_on_b" => {
                let packet = packet_from(cmd.get("packet").ok_or("missing `packet`")?)?;
                // The node acknowledged B's packet: check its ack commitment, then delete B's
                // packet commitment (ICS-04 acknowledgePacket on B).
                let path = AckPath::new(&packet.port_id_on_b, &packet.chan_id_on_b, packet.seq_on_a).to_string();
                let value = self.verify_a(cmd.get("proof").ok_or("missing `proof`")?, &path)?.ok_or("the node wrote no acknowledgement")?;
                let ack = Acknowledgement::try_from(hex_of(str_of(cmd, "ack")?)?).map_err(|e| format!("{e}"))?;
                if value != compute_ack_commitment(&ack).into_vec() {
                    return Err("acknowledgement differs from the node's commitment".into());
                }
                let status: AcknowledgementStatus = serde_json::from_slice(ack.as_ref()).map_err(|e| format!("{e}"))?;
                let commitment = CommitmentPath::new(&packet.port_id_on_a, &packet.chan_id_on_a, packet.seq_on_a);
                if self.get(commitment.clone()).is_none() {
                    return Err("B has no commitment for this packet".into());
                }
                self.delete(commitment);
                let h = self.commit();
                Ok(json!({ "success": status.is_successful(), "height": h.to_string() }))
            }
            "balance" => {
                let key = (str_of(cmd, "denom")?.to_string(), str_of(cmd, "holder")?.to_string());
                Ok(json!({ "amount": self.balances.get(&key).copied().unwrap_or(0).to_string() }))
            }
            other => Err(format!("unknown command `{other}`")),
        }
    }

    /// B receives the node's ICS-20 packet: checks the node's packet commitment, credits the
    /// receiver with a voucher (or releases B's own tokens coming home) and writes the receipt
    /// and a success acknowledgement.
    fn recv_packet(&mut self, cmd: &Value) -> Res<Value> {
        let packet = packet_from(cmd.get("packet").ok_or("missing `packet`")?)?;
        let path = CommitmentPath::new(&packet.port_id_on_a, &packet.chan_id_on_a, packet.seq_on_a).to_string();
        let value = self.verify_a(cmd.get("proof").ok_or("missing `proof`")?, &path)?.ok_or("the node has no such packet")?;
        let expected = compute_packet_commitment(&packet.data, &packet.timeout_height_on_b, &packet.timeout_timestamp_on_b);
        if value != expected.into_vec() {
            return Err("packet differs from the node's commitment".into());
        }
        if let TimeoutTimestamp::At(t) = packet.timeout_timestamp_on_b {
            if self.b.latest_timestamp() >= t {
                return Err("packet timed out on B".into());
            }
        }
        let receipt = ReceiptPath::new(&packet.port_id_on_b, &packet.chan_id_on_b, packet.seq_on_a);
        if self.get(receipt.clone()).is_some() {
            return Err("packet already received".into());
        }
        let data: Value = serde_json::from_slice(&packet.data).map_err(|e| format!("not ICS-20 data: {e}"))?;
        let denom = str_of(&data, "denom")?;
        let amount: u128 = str_of(&data, "amount")?.parse().map_err(|_| "bad amount".to_string())?;
        let receiver = str_of(&data, "receiver")?.to_string();
        let source_prefix = format!("{}/{}/", packet.port_id_on_a, packet.chan_id_on_a);
        let local_denom = match denom.strip_prefix(&source_prefix) {
            Some(native) => native.to_string(),
            None => format!("{}/{}/{}", packet.port_id_on_b, packet.chan_id_on_b, denom),
        };
        let balance = self.balances.entry((local_denom.clone(), receiver.clone())).or_default();
        *balance = balance.saturating_add(amount);
        let ack: Acknowledgement = AcknowledgementStatus::success(ack_success_b64()).into();
        self.put(receipt, vec![1])?;
        self.put(
            AckPath::new(&packet.port_id_on_b, &packet.chan_id_on_b, packet.seq_on_a),
            compute_ack_commitment(&ack).into_vec(),
        )?;
        let h = self.commit();
        Ok(json!({
            "ack": format!("0x{}", hex::encode(ack.as_ref())),
            "denomOnB": local_denom,
            "receiver": receiver,
            "height": h.to_string(),
        }))
    }

    /// B's transfer module sends an ICS-20 packet to the node (B's tokens are escrowed on B);
    /// returns the packet, the client update and `MsgRecvPacket` that deliver it, and a forged
    /// `MsgRecvPacket` (amount changed after B committed to the packet) the node must refuse.
    fn send_packet(&mut self, cmd: &Value) -> Res<Value> {
        let client_on_a = str_of(cmd, "clientOnA")?;
        let chan_a: ChannelId = str_of(cmd, "chanOnA")?.parse().map_err(|e| format!("{e}"))?;
        let chan_b = ChannelId::new(0);
        let data = json!({
            "denom": str_of(cmd, "denom")?,
            "amount": str_of(cmd, "amount")?,
            "sender": "cosmos1sender",
            "receiver": str_of(cmd, "receiver")?,
            "memo": "",
        });
        let seq = Sequence::from(self.next_seq_send_b);
        let packet = Packet {
            seq_on_a: seq,
            port_id_on_a: PortId::transfer(),
            chan_id_on_a: chan_b.clone(),
            port_id_on_b: PortId::transfer(),
            chan_id_on_b: chan_a,
            data: serde_json::to_vec(&data).map_err(|e| e.to_string())?,
            timeout_height_on_b: TimeoutHeight::Never,
            timeout_timestamp_on_b: TimeoutTimestamp::At(Timestamp::from_nanoseconds(
                now_nanos().saturating_add(3_600_000_000_000),
            )),
        };
        let commitment = compute_packet_commitment(&packet.data, &packet.timeout_height_on_b, &packet.timeout_timestamp_on_b);
        self.put(CommitmentPath::new(&PortId::transfer(), &chan_b, seq), commitment.into_vec())?;
        self.next_seq_send_b = self.next_seq_send_b.saturating_add(1);
        self.commit();
        let update = self.update_a(client_on_a)?;
        let msg = MsgRecvPacket {
            proof_commitment_on_a: self.proof_b(CommitmentPath::new(&PortId::transfer(), &chan_b, seq))?,
            proof_height_on_a: self.b.latest_height(),
            packet: packet.clone(),
            signer: signer(),
        };
        // The same proof with the packet's amount inflated: what a dishonest relayer would send.
        let mut forged = msg.clone();
        let mut forged_data = data.clone();
        forged_data["amount"] = json!(format!("{}0", str_of(cmd, "amount")?));
        forged.packet.data = serde_json::to_vec(&forged_data).map_err(|e| e.to_string())?;
        Ok(json!({
            "packet": packet_json(&packet),
            "update": update,
            "recv": any_json(msg.to_any()),
            "forgedRecv": any_json(forged.to_any()),
        }))
    }
}

fn packet_json(p: &Packet) -> Value {
    json!({
        "sequence": u64::from(p.seq_on_a),
        "sourcePort": p.port_id_on_a.as_str(),
        "sourceChannel": p.chan_id_on_a.as_str(),
        "destPort": p.port_id_on_b.as_str(),
        "destChannel": p.chan_id_on_b.as_str(),
        "data": format!("0x{}", hex::encode(&p.data)),
        "timeoutHeight": match p.timeout_height_on_b { TimeoutHeight::Never => "0-0".to_string(), TimeoutHeight::At(h) => h.to_string() },
        "timeoutTimestamp": match p.timeout_timestamp_on_b { TimeoutTimestamp::Never => 0, TimeoutTimestamp::At(t) => t.nanoseconds() },
    })
}

/// A packet as `packet_json` writes it (or as the node's `send_packet` event attributes give
/// it: `packet_timeout_height` `rev-height` or `0-0`, timestamp in nanoseconds or 0).
fn packet_from(v: &Value) -> Res<Packet> {
    let timeout_height = str_of(v, "timeoutHeight")?;
    let timeout_height_on_b = if timeout_height == "0-0" {
        TimeoutHeight::Never
    } else {
        TimeoutHeight::At(timeout_height.parse().map_err(|e| format!("{e}"))?)
    };
    let ts = u64_of(v, "timeoutTimestamp")?;
    let timeout_timestamp_on_b =
        if ts == 0 { TimeoutTimestamp::Never } else { TimeoutTimestamp::At(Timestamp::from_nanoseconds(ts)) };
    Ok(Packet {
        seq_on_a: Sequence::from(u64_of(v, "sequence")?),
        port_id_on_a: str_of(v, "sourcePort")?.parse().map_err(|e| format!("{e}"))?,
        chan_id_on_a: str_of(v, "sourceChannel")?.parse().map_err(|e| format!("{e}"))?,
        port_id_on_b: str_of(v, "destPort")?.parse().map_err(|e| format!("{e}"))?,
        chan_id_on_b: str_of(v, "destChannel")?.parse().map_err(|e| format!("{e}"))?,
        data: hex_of(str_of(v, "data")?)?,
        timeout_height_on_b,
        timeout_timestamp_on_b,
    })
}

fn main() {
    let mut sim = Sim::new();
    let stdin = std::io::stdin();
    let mut stdout = std::io::stdout();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        if line.trim().is_empty() {
            continue;
        }
        let answer = match serde_json::from_str::<Value>(&line) {
            Ok(cmd) => match sim.handle(&cmd) {
                Ok(mut v) => {
                    if let Value::Object(m) = &mut v {
                        m.insert("ok".into(), Value::Bool(true));
                    }
                    v
                }
                Err(e) => json!({ "ok": false, "error": e }),
            },
            Err(e) => json!({ "ok": false, "error": format!("not JSON: {e}") }),
        };
        if writeln!(stdout, "{answer}").and_then(|_| stdout.flush()).is_err() {
            break;
        }
    }
}
