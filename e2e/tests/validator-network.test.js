// The validator network on live nodes: a 3-validator `--chain local` net — started from the
// commands of docker/docker-compose.yml — authors and
// finalizes; a smoldot light client (through polkadot-api) and a warp-syncing full node follow
// it; Dave onboards from polkadot.js (rotateKeys, setKeys, bond, validate) and is
// elected; Eve nominates Dave, is exposed and paid; a killed validator does not stop finality
// and catches up on restart. Every wait is bounded; every process is stopped.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { u8aToHex, u8aToString } from '@polkadot/util';
import { submit, errorName, waitFor, sleep, within, HOOK } from '../lib/node.js';
import { readFileSync, createWriteStream, mkdirSync } from 'node:fs';
import { startNode } from '../lib/node.js';
import { startValidator, BOOT_PEER_ID } from '../lib/network.js';
import { startComposeNetwork } from '../lib/compose.js';
import { devAccounts } from '../lib/keys.js';

const UNIT = 1_000_000n;
let net;
let k;
let alice; // api of Alice's node
const extra = []; // nodes started by tests

before(async () => {
  k = await devAccounts();
  // Alice, Bob and Charlie run docker/docker-compose.yml's own commands (natively: no Docker
  // engine here), so the compose file is tested, not just kept in step by hand.
  net = await startComposeNetwork();
  alice = net.nodes.alice.api;
}, HOOK);

after(async () => {
  for (const n of [...extra, ...Object.values(net?.nodes || {})]) {
    await n.stop({ removeBase: true }).catch(() => {});
  }
}, HOOK);

const finalized = async (api) =>
  (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
const best = async (api) => (await api.rpc.chain.getHeader()).number.toNumber();
const activeEra = async (api) => (await api.query.staking.activeEra()).unwrap().index.toNumber();

/** Collect block authors until `want` have all authored, or time out. */
async function authorsUntil(api, want, timeoutMs) {
  const seen = new Set();
  let unsub;
  try {
    await new Promise((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`authors seen: ${[...seen].join(', ')}`)), timeoutMs);
      api.derive.chain.subscribeNewHeads((h) => {
        if (h.author) seen.add(h.author.toString());
        if (want.every((w) => seen.has(w))) { clearTimeout(timer); res(); }
      }).then((u) => { unsub = u; });
    });
  } finally {
    if (unsub) unsub();
  }
  return seen;
}

test('three validators all author blocks and finality advances', async () => {
  const start = await finalized(alice);
  const want = [k.alice.address, k.bob.address, k.charlie.address];
  await authorsUntil(alice, want, 180_000);
  await waitFor('finality to advance 3 blocks', async () => (await finalized(alice)) >= start + 3, 120_000, 1000);
  const peers = (await alice.rpc.system.health()).peers.toNumber();
  assert.equal(peers, 2);
});

/** What a node's Prometheus endpoint reports for `metric` (summed over its label sets). */
async function metric(node, name) {
  const text = await (await fetch(`http://127.0.0.1:${node.prometheusPort}/metrics`)).text();
  const values = text.split('\n').filter((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`))
    .map((l) => Number(l.slice(l.lastIndexOf(' ') + 1)));
  return values.length ? values.reduce((a, b) => a + b, 0) : null;
}

// Authority discovery: each validator signs its addresses with its session's discovery key and
// publishes them on the DHT; the others look up every key of the current and next set.
test('authority discovery: the runtime lists the validators\' discovery keys and each validator finds the other two on the DHT', async () => {
  const keys = (await alice.call.authorityDiscoveryApi.authorities()).map((x) => x.toHex()).sort();
  assert.deepEqual(keys, [k.alice, k.bob, k.charlie].map((p) => u8aToHex(p.publicKey)).sort());
  for (const name of ['alice', 'bob', 'charlie']) {
    await waitFor(`${name} to know the other two validators' addresses`, async () =>
      (await metric(net.nodes[name], 'substrate_authority_discovery_known_authorities_count')) >= 2, 180_000, 2000);
    assert.ok((await metric(net.nodes[name], 'substrate_authority_discovery_times_published_total')) >= 1);
  }
});

// Clients nobody here wrote. smoldot (the light client inside Substrate Connect, polkadot-api's
// smoldot provider and the wallets built on it) loads the runtime, syncs from the committed
// chain spec alone (GRANDPA warp sync from genesis over plain TCP), follows finality and reads
// storage it verifies against state roots with Merkle proofs.
test('smoldot through polkadot-api follows finality from the chain spec and reads an account with a proof', async () => {
  const { createClient } = await import('polkadot-api');
  const { getSmProvider } = await import('polkadot-api/sm-provider');
  const { start } = await import('polkadot-api/smoldot');
  const spec = JSON.parse(readFileSync(new URL('../../chain-specs/local-raw.json', import.meta.url)));
  spec.bootNodes = [`/ip4/127.0.0.1/tcp/${net.bootPort}/p2p/${BOOT_PEER_ID}`];
  // smoldot's own log (info and above) goes to e2e/.tmp/smoldot.log, for when it does not follow.
  mkdirSync(new URL('../.tmp/', import.meta.url), { recursive: true });
  const log = createWriteStream(new URL('../.tmp/smoldot.log', import.meta.url), { flags: 'a' });
  let open = true; // smoldot may still log while it terminates: never write after `end`
  const smoldot = start({
    maxLogLevel: 3,
    logCallback: (level, target, message) => { if (open) log.write(`${new Date().toISOString()} ${level} ${target} ${message}\n`); },
  });
  let client;
  try {
    const chain = await within(60_000, 'smoldot to add the chain', smoldot.addChain({ chainSpec: JSON.stringify(spec) }));
    client = createClient(getSmProvider(() => chain));
    const target = await finalized(alice);
    const block = await waitFor('smoldot to finalize what Alice finalized', async () => {
      const b = await client.getFinalizedBlock();
      return b.number >= target ? b : null;
    }, 240_000, 1000);
    // The same finalized chain as the full node.
    assert.equal((await alice.rpc.chain.getBlockHash(block.number)).toHex(), block.hash);
    // An account read through the light client (proof-checked against that block's state
    // root) equals the full node's.
    const api = client.getUnsafeApi();
    const light = await within(60_000, 'a storage read through smoldot',
      api.query.System.Account.getValue(k.ferdie.address, { at: block.hash }));
    const full = await (await alice.at(block.hash)).query.system.account(k.ferdie.address);
    assert.equal(light.data.free, full.data.free.toBigInt());
    assert.ok(light.data.free > 0n);
    // The runtime as the light client sees it (metadata and version decoded by smoldot).
    const version = await within(60_000, 'the runtime version through smoldot', api.constants.System.Version());
    assert.equal(version.spec_name, 'persistence');
  } finally {
    if (client) client.destroy();
    await within(30_000, 'smoldot to terminate', smoldot.terminate()).catch(() => {});
    open = false;
    log.end();
  }
});

test('a fresh full node joins with --sync warp and follows finality', async () => {
  const node = await startNode({
    name: 'warp',
    args: ['--chain', 'local', '--sync', 'warp', '--bootnodes', `/ip4/127.0.0.1/tcp/${net.bootPort}/p2p/${BOOT_PEER_ID}`],
  });
  extra.push(node);
  const target = await finalized(alice);
  await waitFor('the warp-synced node to finalize what Alice finalized', async () => (await finalized(node.api)) >= target, 240_000, 1000);
  const f = await finalized(node.api);
  assert.equal((await node.api.rpc.chain.getBlockHash(f)).toHex(), (await alice.rpc.chain.getBlockHash(f)).toHex());
  // It keeps following: a later block is finalized too.
  await waitFor('it to keep following', async () => (await finalized(node.api)) >= f + 2, 120_000, 1000);
  await node.stop({ removeBase: true });
  extra.splice(extra.indexOf(node), 1);
});

test('Dave onboards from polkadot.js: rotateKeys, setKeys, bond, validate → elected and authoring', async () => {
  const dave = await startValidator({ name: 'dave', bootPort: net.bootPort, devKey: false, p2pPort: undefined });
  extra.push(dave);
  const api = dave.api;
  await waitFor('Dave to sync', async () => (await best(api)) >= (await best(alice)) - 1, 120_000, 1000);
  await waitFor('Dave out of major sync', async () => !(await api.rpc.system.health()).isSyncing.isTrue, 120_000, 1000);

  // Session keys made in Dave's keystore, with the proof that Dave owns them. The extrinsics go
  // through Alice's node, as a wallet connected to any public RPC would send them: a node fresh
  // out of sync can still hold a transaction-pool view of an old block and refuse a
  // transaction born at its new best block as "ancient birth block" (seen once in CI).
  const owner = u8aToHex(k.dave.publicKey);
  const generated = await dave.provider.send('author_rotateKeysWithOwner', [owner]);
  assert.ok(generated.keys && generated.proof, 'keys and proof returned');
  let res = await submit(alice, alice.tx.session.setKeys(generated.keys, generated.proof), k.dave);
  assert.equal(res.dispatchError, undefined, errorName(alice, res.dispatchError));

  res = await submit(alice, alice.tx.staking.bond(200_000n * UNIT, 'Staked'), k.dave);
  assert.equal(res.dispatchError, undefined, errorName(alice, res.dispatchError));
  res = await submit(alice, alice.tx.staking.validate({ commission: 0, blocked: false }), k.dave);
  assert.equal(res.dispatchError, undefined, errorName(alice, res.dispatchError));
  // No referendum needed: genesis leaves room for 100 validators.
  assert.equal((await alice.query.staking.validatorCount()).toNumber(), 100);

  await waitFor('Dave in the session validator set', async () => {
    const v = (await alice.query.session.validators()).map((x) => x.toString());
    return v.includes(k.dave.address);
  }, 540_000, 3000);
  await authorsUntil(alice, [k.dave.address], 180_000);
  // Dave's discovery key (from the keys his node generated) is in the set, and Alice finds his
  // addresses on the DHT: she now knows three other validators.
  const decoded = await alice.call.sessionKeys.decodeSessionKeys(generated.keys);
  const audi = decoded.unwrap().find(([, type]) => u8aToString(type.toU8a()) === 'audi');
  assert.ok(audi, 'an authority-discovery key in the session keys');
  const set = (await alice.call.authorityDiscoveryApi.authorities()).map((x) => x.toHex());
  assert.ok(set.includes(audi[0].toHex()), 'Dave\'s discovery key is in the authority set');
  await waitFor('Alice to find Dave on the DHT', async () =>
    (await metric(net.nodes.alice, 'substrate_authority_discovery_known_authorities_count')) >= 3, 180_000, 2000);
});

test('Eve nominates Dave: exposed in erasStakers, then paid by payoutStakers', async () => {
  let res = await submit(alice, alice.tx.staking.bond(100_000n * UNIT, 'Stash'), k.eve);
  assert.equal(res.dispatchError, undefined, errorName(alice, res.dispatchError));
  res = await submit(alice, alice.tx.staking.nominate([k.dave.address]), k.eve);
  assert.equal(res.dispatchError, undefined, errorName(alice, res.dispatchError));

  // Wait for an era in which Eve backs Dave.
  const exposedEra = await waitFor('Eve exposed behind Dave', async () => {
    const era = await activeEra(alice);
    const page = await alice.query.staking.erasStakersPaged(era, k.dave.address, 0);
    if (page.isNone) return null;
    const others = page.unwrap().others.map((o) => o.who.toString());
    return others.includes(k.eve.address) ? era : null;
  }, 540_000, 3000);

  // After that era ends, anyone may trigger the payout; Eve's free balance grows.
  await waitFor('the exposed era to end', async () => (await activeEra(alice)) > exposedEra, 300_000, 3000);
  res = await submit(alice, alice.tx.staking.payoutStakers(k.dave.address, exposedEra), k.ferdie);
  assert.equal(res.dispatchError, undefined, errorName(alice, res.dispatchError));
  const rewarded = res.events
    .map(({ event }) => event)
    .filter((e) => alice.events.staking.Rewarded.is(e) && e.data.stash.toString() === k.eve.address);
  assert.equal(rewarded.length, 1, 'Eve rewarded once');
  const amount = rewarded[0].data.amount.toBigInt();
  assert.ok(amount > 0n);
  // Balances from the block that paid and its parent — the same fork as the event. (Four BABE
  // validators fork: on another fork the era ended at another block, so its payout differs.)
  const { parentHash } = await alice.rpc.chain.getHeader(res.blockHash);
  const freeAt = async (hash) =>
    (await (await alice.at(hash)).query.system.account(k.eve.address)).data.free.toBigInt();
  const before = await freeAt(parentHash);
  const after = await freeAt(res.blockHash);
  assert.equal(after, before + amount);
});

test('kill -9 one of four validators: finality continues; restarted, it catches up', async () => {
  // With four validators GRANDPA needs three; with three it needs all three (2/3 is not a
  // supermajority), which is why the fault is injected after Dave joined.
  const v = (await alice.query.session.validators()).length;
  assert.ok(v >= 4, `needs four validators, has ${v}`);
  const charlie = net.nodes.charlie;
  const base = charlie.basePath;
  // SIGKILL (after closing our own client connection to it, so nothing keeps reconnecting).
  await charlie.stop({ signal: 'SIGKILL', removeBase: false });
  await sleep(1000);
  const f0 = await finalized(alice);
  await waitFor('finality to advance 3 blocks without Charlie', async () => (await finalized(alice)) >= f0 + 3, 180_000, 1000);

  const restarted = await startValidator({ name: 'charlie', bootPort: net.bootPort, basePath: base });
  net.nodes.charlie = restarted;
  const target = await best(alice);
  await waitFor('Charlie to catch up', async () => (await best(restarted.api)) >= target, 180_000, 1000);
  // No lost state: Charlie agrees with Alice on a finalized block and its balances.
  const f = await finalized(alice);
  const hash = await alice.rpc.chain.getBlockHash(f);
  await waitFor('Charlie to know the finalized block', async () => (await best(restarted.api)) >= f, 60_000, 1000);
  assert.equal((await restarted.api.rpc.chain.getBlockHash(f)).toHex(), hash.toHex());
  const a = await (await alice.at(hash)).query.system.account(k.eve.address);
  const c = await (await restarted.api.at(hash)).query.system.account(k.eve.address);
  assert.equal(c.data.free.toBigInt(), a.data.free.toBigInt());
});
