// IBC over an open channel on a live --dev node. A simulated Cosmos chain B (pallet-ibc-bridge's
// `counterparty` example: ibc-testkit Tendermint host, signed light blocks, ICS-23 proofs)
// and its relayer open a link with the node:
// - the node verifies every header and proof of B with its Tendermint client;
// - B verifies every proof of the node's state it acts on against the node's IBC child-trie
//   root, fetched with the node's `ibc_queryPath` RPC (value + proof + consensus state).
// Then XPRT goes node → B (escrow, send_packet event, receipt on B, acknowledgement back,
// commitment deleted) and a Cosmos token B → node (a forged amount refused; voucher minted in
// pallet-assets, denom trace, acknowledgement proven to B).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { stringToHex, hexToString } from '@polkadot/util';
import { startNode, submit, errorName, HOOK } from '../lib/node.js';
import { devAccounts } from '../lib/keys.js';
import { ok as okFor } from '../lib/rwa.js';
import { startCounterparty } from '../lib/counterparty.js';
import { ibcEvents, attr, ibcApi } from '../lib/ibc.js';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { rpc as ibcRpc, types as ibcTypes } from '../../clients/polkadot-js/index.js';

let node;
let api;
let k;
let sim;
const ok = (res) => okFor(api, res);
const link = {};

before(async () => {
  k = await devAccounts();
  node = await startNode({ args: ['--dev'], name: 'dev-ibc-relay' });
  api = node.api;
  sim = startCounterparty();
}, HOOK);

after(async () => {
  if (sim) await sim.stop();
  if (node) await node.stop();
}, HOOK);

const one = (res, kind) => {
  const [ev] = ibcEvents(res, kind);
  assert.ok(ev, `${kind} event`);
  return ev;
};

/** The relayer (Bob) delivers messages to the node. */
const deliver = async (msgs) => ok(await submit(api, api.tx.ibc.deliver(msgs), k.bob));

/** Value, proof and consensus state of an ICS-24 path at a block, from the node's IBC RPC. */
const queryPath = (path, at) => node.provider.send('ibc_queryPath', [path, at ? at.toHex() : null]);

/** The packet of a `send_packet` / `recv_packet` event, in the counterparty's format. */
const packetOf = (ev) => ({
  sequence: Number(attr(ev, 'packet_sequence')),
  sourcePort: attr(ev, 'packet_src_port'),
  sourceChannel: attr(ev, 'packet_src_channel'),
  destPort: attr(ev, 'packet_dst_port'),
  destChannel: attr(ev, 'packet_dst_channel'),
  data: `0x${attr(ev, 'packet_data_hex')}`,
  timeoutHeight: attr(ev, 'packet_timeout_height'),
  timeoutTimestamp: attr(ev, 'packet_timeout_timestamp'),
});

test('a relayer opens a connection and an ICS-20 channel with a Cosmos chain', async () => {
  const info = await sim.call('info');

  // The node tracks B with a Tendermint client.
  const created = await deliver((await sim.call('create_client_on_a')).msgs);
  link.clientA = attr(one(created, 'create_client'), 'client_id');
  assert.match(link.clientA, /^07-tendermint-\d+$/);

  // B tracks the node with a Substrate client; the RPC gives the node's consensus state.
  const q = await queryPath(`clients/${link.clientA}/clientState`, created.blockHash);
  // 64-bit integers come as decimal strings (exact in JavaScript).
  assert.equal(q.height, String((await api.rpc.chain.getHeader(created.blockHash)).number.toNumber()));
  assert.match(q.consensus.timestampNanos, /^[0-9]+$/);
  // The shipped polkadot.js definitions decorate the same RPC: `api.rpc.ibc.*`, exact u64s.
  const decorated = await ApiPromise.create({ provider: new WsProvider(`ws://127.0.0.1:${node.rpcPort}`), rpc: ibcRpc, types: ibcTypes, noInitWarn: true });
  try {
    const d = await decorated.rpc.ibc.queryPath(`clients/${link.clientA}/clientState`, created.blockHash);
    assert.equal(d.height.toString(), q.height);
    assert.equal(d.consensus.unwrap().timestampNanos.toString(), q.consensus.timestampNanos);
    assert.equal(d.consensus.unwrap().root.toHex(), q.consensus.root);
    assert.ok(d.value.isSome && d.proof.length > 0);
    const c = await decorated.rpc.ibc.consensusState(d.height, created.blockHash);
    assert.equal(c.unwrap().timestampNanos.toString(), q.consensus.timestampNanos);
  } finally {
    await decorated.disconnect();
  }
  assert.ok(q.value && hexToString(q.value).includes(info.chainId), 'the client state names B');
  assert.ok(q.proof.length > 0 && q.consensus.root.length === 66, 'proof and child-trie root');
  link.clientB = (await sim.call('create_client_of_a', { height: q.height, consensus: q.consensus })).clientId;

  // Connection: node inits, B tries (after checking the node's proof), node acks (verifying
  // B's proofs of its connection end, of its client of the node and of the consensus state
  // it stored for the node), B confirms.
  const init = await deliver((await sim.call('conn_open_init_msg', { clientOnA: link.clientA })).msgs);
  link.connA = attr(one(init, 'connection_open_init'), 'connection_id');
  const tryB = await sim.call('conn_open_try', {
    clientOnA: link.clientA, connOnA: link.connA,
    proof: await queryPath(`connections/${link.connA}`, init.blockHash),
  });
  link.connB = tryB.connOnB;
  const ack = await deliver((await sim.call('conn_open_ack_msgs', { clientOnA: link.clientA, connOnA: link.connA })).msgs);
  assert.ok(ibcEvents(ack, 'update_client').length === 1, 'the client of B was updated in the same batch');
  const ackEv = one(ack, 'connection_open_ack');
  assert.equal(attr(ackEv, 'counterparty_connection_id'), link.connB);
  await sim.call('conn_open_confirm', { connOnA: link.connA, proof: await queryPath(`connections/${link.connA}`, ack.blockHash) });

  // Channel on port `transfer`, version ics20-1.
  const chanInit = await deliver((await sim.call('chan_open_init_msg', { connOnA: link.connA })).msgs);
  link.chanA = attr(one(chanInit, 'channel_open_init'), 'channel_id');
  const chanTry = await sim.call('chan_open_try', {
    connOnA: link.connA, chanOnA: link.chanA,
    proof: await queryPath(`channelEnds/ports/transfer/channels/${link.chanA}`, chanInit.blockHash),
  });
  link.chanB = chanTry.chanOnB;
  const chanAck = await deliver((await sim.call('chan_open_ack_msgs', { clientOnA: link.clientA, chanOnA: link.chanA })).msgs);
  assert.equal(attr(one(chanAck, 'channel_open_ack'), 'counterparty_channel_id'), link.chanB);
  await sim.call('chan_open_confirm', {
    chanOnA: link.chanA,
    proof: await queryPath(`channelEnds/ports/transfer/channels/${link.chanA}`, chanAck.blockHash),
  });

  // The node's channel end is open, provably.
  const end = await queryPath(`channelEnds/ports/transfer/channels/${link.chanA}`);
  assert.ok(end.value, 'channel end stored');
});

test('XPRT goes to the Cosmos chain: escrowed, packet event, received on B, acknowledged back', async () => {
  assert.ok(link.chanA, 'the channel is open');
  const escrow = await ibcApi(api, 'escrow_account', 'Option<AccountId>', link.chanA);
  assert.ok(escrow.isSome, 'the channel has an escrow account');
  const free = async (who) => (await api.query.system.account(who)).data.free.toBigInt();
  const escrowBefore = await free(escrow.unwrap());
  const aliceBefore = await free(k.alice.address);

  const amount = 5_000_000n; // 5 XPRT
  const timeout = (BigInt(Date.now()) + 3_600_000n) * 1_000_000n;
  const sent = ok(await submit(api, api.tx.ibc.transfer(
    stringToHex(link.chanA), 'Native', amount, stringToHex('cosmos1receiver'), null, timeout, '0x',
  ), k.alice));
  const sendEv = one(sent, 'send_packet');
  const packet = packetOf(sendEv);
  const data = JSON.parse(hexToString(packet.data));
  assert.deepEqual(
    { denom: data.denom, amount: data.amount, receiver: data.receiver },
    { denom: 'uxprt', amount: amount.toString(), receiver: 'cosmos1receiver' },
  );
  assert.equal(packet.sourceChannel, link.chanA);
  assert.equal(packet.destChannel, link.chanB);
  assert.equal(await free(escrow.unwrap()) - escrowBefore, amount, 'XPRT escrowed on the channel');
  // Alice authors every --dev block: 20 % of her fee comes back to her (80 % to the treasury).
  assert.equal(aliceBefore - await free(k.alice.address), amount + (sent.fee * 80n) / 100n, 'sender paid amount + fee');

  // B receives it after checking the node's packet commitment proof.
  const commitmentPath = `commitments/ports/transfer/channels/${link.chanA}/sequences/${packet.sequence}`;
  const recv = await sim.call('recv_packet', { packet, proof: await queryPath(commitmentPath, sent.blockHash) });
  assert.equal(recv.denomOnB, `transfer/${link.chanB}/uxprt`);
  assert.equal((await sim.call('balance', { denom: recv.denomOnB, holder: 'cosmos1receiver' })).amount, amount.toString());

  // The acknowledgement comes back with B's proof; the node deletes its commitment.
  const acked = await deliver((await sim.call('ack_msgs', { clientOnA: link.clientA, packet, ack: recv.ack })).msgs);
  assert.equal(attr(one(acked, 'acknowledge_packet'), 'packet_sequence'), String(packet.sequence));
  const after = await queryPath(commitmentPath, acked.blockHash);
  assert.equal(after.value, null, 'commitment deleted (absence proven by the returned proof)');
  assert.ok(after.proof.length > 0);
  assert.equal(await free(escrow.unwrap()) - escrowBefore, amount, 'still escrowed after a success ack');
});

test('a Cosmos token comes to the node as a voucher with a denom trace', async () => {
  assert.ok(link.chanA, 'the channel is open');
  const amount = 1_000_000n;
  const sent = await sim.call('send_packet', {
    clientOnA: link.clientA, chanOnA: link.chanA, denom: 'uatom', amount: amount.toString(), receiver: k.bob.address,
  });
  const { packet } = sent;
  await deliver(sent.update);

  // A relayer that inflates the amount cannot get it past B's commitment proof.
  const forged = await submit(api, api.tx.ibc.deliver([sent.forgedRecv]), k.bob);
  assert.equal(errorName(api, forged.dispatchError), 'ibc.ChannelError');
  const trace = `transfer/${link.chanA}/uatom`;
  assert.ok((await ibcApi(api, 'denom_asset', 'Option<u32>', trace)).isNone, 'nothing minted');

  const res = await deliver([sent.recv]);
  const recvEv = one(res, 'recv_packet');
  assert.equal(attr(recvEv, 'packet_sequence'), String(packet.sequence));
  const ackEv = one(res, 'write_acknowledgement');
  const ackHex = `0x${attr(ackEv, 'packet_ack_hex')}`;
  assert.deepEqual(JSON.parse(hexToString(ackHex)), { result: 'AQ==' }, 'ICS-20 success acknowledgement');

  const asset = await ibcApi(api, 'denom_asset', 'Option<u32>', trace);
  assert.ok(asset.isSome, 'voucher asset registered for the trace');
  const id = asset.unwrap().toNumber();
  assert.ok(id >= 2_000_000_000, 'vouchers live above FirstVoucherId');
  const account = await api.query.assets.account(id, k.bob.address);
  assert.equal(account.unwrap().balance.toBigInt(), amount, 'voucher minted to the receiver');

  // B checks the node's acknowledgement commitment and completes the packet.
  const ackPath = `acks/ports/transfer/channels/${link.chanA}/sequences/${packet.sequence}`;
  const done = await sim.call('ack_on_b', { packet, ack: ackHex, proof: await queryPath(ackPath, res.blockHash) });
  assert.equal(done.success, true);
});
