// What a node operator relies on, on a live --dev validator: the hardware benchmark at start-up,
// the storage monitor that refuses to run a database on a disk without room, and
// `sync_state_genSyncSpec` — a chain spec with a light-client checkpoint of the finalized chain,
// from which smoldot (a client nobody here wrote) syncs and follows finality. And the launch
// tool: three operators' fresh keys in a network file → `launch-spec` → a network that
// authors and finalizes with no development key and no sudo.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync, mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNode, waitFor, within, nodeBinary, freePort, HOOK } from '../lib/node.js';
import { BOOT_KEY, BOOT_PEER_ID } from '../lib/network.js';
import { devAccounts } from '../lib/keys.js';

let node;
let api;

before(async () => {
  node = await startNode({ args: ['--dev', '--node-key', BOOT_KEY], name: 'dev-operator' });
  api = node.api;
}, HOOK);

after(async () => {
  if (node) await node.stop();
}, HOOK);

const finalized = async () => (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();

test('a validator benchmarks its hardware at start-up and says how it compares with the reference machine', async () => {
  const log = () => readFileSync(node.logPath, 'utf8');
  await waitFor('the hardware benchmark in the node log', () => /validator reference hardware/.test(log()), 30_000);
  // sc-sysinfo's scores: CPU, memory and (in the database directory) disk.
  for (const score of ['CPU single core score', 'Memory score', 'Disk score (seq. writes)']) {
    assert.match(log(), new RegExp(score.replace(/[().]/g, '\\$&')), score);
  }
});

test('the storage monitor: a node refuses to start when its disk has less free space than --db-storage-threshold', async () => {
  // 10^9 MiB (about a petabyte) free is more than any disk here has.
  let refusal;
  await assert.rejects(
    startNode({ args: ['--dev', '--no-hardware-benchmarks', '--db-storage-threshold', '1000000000'], name: 'dev-full-disk' }),
    (e) => { refusal = e; return /node exited early/.test(e.message); },
  );
  const log = readFileSync(refusal.message.match(/see (\S+\.log)/)[1], 'utf8');
  assert.match(log, /Out of storage space: available \d+MiB, required 1000000000MiB/);
  // Before the network and RPC started.
  assert.doesNotMatch(log, /Running JSON-RPC server/);
});

test('sync_state_genSyncSpec: a checkpoint of the finalized chain; smoldot started from it follows finality', async () => {
  await waitFor('finality to pass block 3', async () => (await finalized()) >= 3, 120_000, 1000);
  const res = await fetch(`http://127.0.0.1:${node.rpcPort}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: 1, jsonrpc: '2.0', method: 'sync_state_genSyncSpec', params: [true] }),
  });
  const { result: spec, error } = await res.json();
  assert.equal(error, undefined, JSON.stringify(error));
  const sync = spec.lightSyncState;
  assert.ok(sync, 'the spec carries a lightSyncState checkpoint');
  for (const key of ['finalizedBlockHeader', 'babeEpochChanges', 'babeFinalizedBlockWeight', 'grandpaAuthoritySet']) {
    assert.ok(sync[key] !== undefined && sync[key] !== null, key);
  }
  // The checkpoint is a block this node finalized.
  const header = api.registry.createType('Header', sync.finalizedBlockHeader);
  const number = header.number.toNumber();
  assert.ok(number >= 3, `checkpoint at #${number}`);
  assert.ok(number <= await finalized());
  assert.equal(header.hash.toHex(), (await api.rpc.chain.getBlockHash(number)).toHex());
  assert.equal(spec.id, 'persistence_dev');
  assert.ok(spec.genesis.raw, 'a raw spec');

  const { createClient } = await import('polkadot-api');
  const { getSmProvider } = await import('polkadot-api/sm-provider');
  const { start } = await import('polkadot-api/smoldot');
  spec.bootNodes = [`/ip4/127.0.0.1/tcp/${node.p2pPort}/p2p/${BOOT_PEER_ID}`];
  mkdirSync(new URL('../.tmp/', import.meta.url), { recursive: true });
  const log = createWriteStream(new URL('../.tmp/smoldot-checkpoint.log', import.meta.url), { flags: 'a' });
  let open = true;
  const smoldot = start({
    maxLogLevel: 3,
    logCallback: (level, target, message) => { if (open) log.write(`${new Date().toISOString()} ${level} ${target} ${message}\n`); },
  });
  let client;
  try {
    const chain = await within(60_000, 'smoldot to add the chain', smoldot.addChain({ chainSpec: JSON.stringify(spec) }));
    client = createClient(getSmProvider(() => chain));
    const target = number + 2;
    const block = await waitFor(`smoldot to finalize #${target}`, async () => {
      const b = await client.getFinalizedBlock();
      return b.number >= target ? b : null;
    }, 180_000, 1000);
    assert.equal((await api.rpc.chain.getBlockHash(block.number)).toHex(), block.hash);
  } finally {
    if (client) client.destroy();
    await within(30_000, 'smoldot to terminate', smoldot.terminate()).catch(() => {});
    open = false;
    log.end();
  }
});

const run = promisify(execFile);
const node_ = (args) => run(nodeBinary(), args, { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
/** A fresh key: { secretPhrase, ss58Address, ss58PublicKey } from `persistence-node key generate`. */
const freshKey = async (scheme) => JSON.parse((await node_(['key', 'generate', '--scheme', scheme, '--output-type', 'json'])).stdout);

test('launch-spec: three operators\' fresh keys in a network file launch a network that finalizes, with no sudo and no development key', async () => {
  const UNIT = 1_000_000;
  const dir = mkdtempSync(join(tmpdir(), 'persistence-launch-'));
  const nodes = [];
  try {
    const ops = [];
    for (let i = 0; i < 3; i++) {
      ops.push({ stash: await freshKey('sr25519'), babe: await freshKey('sr25519'), grandpa: await freshKey('ed25519'), audi: await freshKey('sr25519') });
    }
    const member = await freshKey('sr25519');
    const admin = await freshKey('sr25519');
    const network = {
      name: 'Launch Test', id: 'persistence_launch_test', protocolId: 'xprt-launch-test', bootNodes: [],
      validatorCount: 3,
      validators: ops.map((o) => ({ stash: o.stash.ss58Address, babe: o.babe.ss58PublicKey, grandpa: o.grandpa.ss58PublicKey, authorityDiscovery: o.audi.ss58PublicKey, bond: 10_000 * UNIT })),
      endowments: [
        ...ops.map((o) => ({ account: o.stash.ss58Address, amount: 20_000 * UNIT })),
        { account: member.ss58Address, amount: 1_000 * UNIT },
      ],
      technicalCommittee: [member.ss58Address],
      stablecoinAdmin: admin.ss58Address,
    };
    const file = join(dir, 'network.json');
    writeFileSync(file, JSON.stringify(network));
    const raw = join(dir, 'spec-raw.json');
    writeFileSync(raw, (await node_(['launch-spec', '--network', file, '--raw'])).stdout);
    const plain = JSON.parse((await node_(['launch-spec', '--network', file])).stdout);
    assert.equal(plain.id, 'persistence_launch_test');
    assert.equal(plain.chainType, 'Live');
    assert.equal(plain.genesis.runtimeGenesis.patch.sudo.key, null);

    // A network file naming a development key is refused, with the reason.
    const bad = join(dir, 'bad.json');
    const { alice } = await devAccounts();
    writeFileSync(bad, JSON.stringify({ ...network, technicalCommittee: [alice.address] }));
    await assert.rejects(node_(['launch-spec', '--network', bad]), (e) => /is a public development key/.test(e.stderr));

    // Each operator puts its session keys into its own node's keystore, then the three start.
    const bootPort = await freePort();
    for (const [i, o] of ops.entries()) {
      const base = join(dir, `v${i}`);
      for (const [type, scheme, key] of [['babe', 'sr25519', o.babe], ['gran', 'ed25519', o.grandpa], ['audi', 'sr25519', o.audi]]) {
        await node_(['key', 'insert', '--base-path', base, '--chain', raw, '--key-type', type, '--scheme', scheme, '--suri', key.secretPhrase]);
      }
      const args = ['--chain', raw, '--validator', '--no-hardware-benchmarks'];
      if (i === 0) args.push('--node-key', BOOT_KEY);
      else args.push('--unsafe-force-node-key-generation', '--bootnodes', `/ip4/127.0.0.1/tcp/${bootPort}/p2p/${BOOT_PEER_ID}`);
      nodes.push(await startNode({ args, name: `launch-${i}`, basePath: base, p2pPort: i === 0 ? bootPort : undefined }));
    }
    const head = nodes[0].api;
    // Three GRANDPA voters: finality needs all three operators' keys.
    await waitFor('the launched network to finalize block 3', async () =>
      (await head.rpc.chain.getHeader(await head.rpc.chain.getFinalizedHead())).number.toNumber() >= 3, 240_000, 1000);
    assert.equal((await head.query.sudo.key()).isNone, true);
    assert.equal((await head.query.balances.totalIssuance()).toBigInt(), 100_000_000n * BigInt(UNIT));
    const validators = (await head.query.session.validators()).map((v) => v.toString()).sort();
    assert.deepEqual(validators, ops.map((o) => o.stash.ss58Address).sort());
    // The authority-discovery set is the operators' discovery keys from the file.
    const discovery = (await head.call.authorityDiscoveryApi.authorities()).map((k) => k.toHex()).sort();
    assert.deepEqual(discovery, ops.map((o) => o.audi.publicKey).sort());
  } finally {
    for (const n of nodes) await n.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
