// try-runtime on the state of a running dev chain.
// A dev node builds state in every credit pallet (an open pool with both tranches invested, a
// financed loan, a queued redemption with a payout set aside, an unfunded loan request), then
// restarts on the same database with the runtime built with `try-runtime`
// (`--wasm-runtime-overrides`: the same spec_version, so the node runs it in place of the
// on-chain code). Through `state_call`:
// - `TryRuntime_on_runtime_upgrade(All)` runs every migration with its pre/post checks and
//   every pallet's `try_state` on the chain's latest state;
// - `TryRuntime_execute_block(block, state root check, signature check, try_state All)`
//   re-executes every block of the chain on its parent's state;
// - a failure fails the call: a block with a forged state root, and (after sudo corrupts a
//   pool's books) the debt pool's own `try_state`, are RPC errors (the runtime panics; the
//   node's log has the message).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';
import { startNode, submit, waitFor, HOOK } from '../lib/node.js';
import { devAccounts } from '../lib/keys.js';
import { eventOf, ok as okFor, verifiedInvoice, USDT } from '../lib/rwa.js';

const D = 1_000_000n;
const K = 1_000n * D;
const PERCENT = 10_000_000_000_000_000n; // 1 % as Perquintill parts
// UpgradeCheckSelect::All and TryStateSelect::All are both variant 1. Arguments go to
// state_call as hex: polkadot.js reads a Uint8Array as already length-prefixed bytes.
const ALL = new Uint8Array([1]);
const args = (...parts) => u8aToHex(u8aConcat(...parts));

/** The try-runtime blob runtime/build.rs builds when PERSISTENCE_TRY_RUNTIME_WASM=1. */
function tryRuntimeWasm() {
  const target = process.env.CARGO_TARGET_DIR || join(process.env.HOME, '.cache', 'persistence-target');
  const path = join(target, 'release', 'wbuild', 'persistence-runtime', 'try_runtime_wasm_binary.rs.compact.compressed.wasm');
  if (!existsSync(path)) throw new Error(`no try-runtime WASM at ${path}: build with scripts/build.sh (PERSISTENCE_TRY_RUNTIME_WASM=1)`);
  return path;
}

let k;
let base;
let overrides;
let node;

before(async () => {
  k = await devAccounts();
  base = mkdtempSync(join(tmpdir(), 'persistence-try-runtime-'));
  overrides = mkdtempSync(join(tmpdir(), 'persistence-overrides-'));
  copyFileSync(tryRuntimeWasm(), join(overrides, 'try-runtime.compact.compressed.wasm'));
}, HOOK);

after(async () => {
  if (node) await node.stop({ removeBase: false }).catch(() => {});
  for (const dir of [base, overrides]) if (dir) rmSync(dir, { recursive: true, force: true });
}, HOOK);

test('every pallet passes its upgrade checks and try_state on a dev chain\'s state, and every block re-executes', async () => {
  // 1. State on the production runtime.
  node = await startNode({ args: ['--dev'], basePath: base, name: 'try-runtime-1' });
  let api = node.api;
  const ok = (res) => okFor(api, res);
  let res = ok(await submit(api, api.tx.debtPool.create(
    USDT, 'try-runtime',
    [{ yieldRate: 0, minSubordination: 0 }, { yieldRate: 8n * PERCENT, minSubordination: 200_000_000 }],
    10_000n * K, 10n * K, 0,
  ), k.eve));
  const pool = eventOf(res, 'debtPool', 'Created').data.pool.toNumber();
  ok(await submit(api, api.tx.debtPool.invest(pool, 0, 200n * K, 0), k.charlie));
  ok(await submit(api, api.tx.debtPool.invest(pool, 1, 800n * K, 0), k.dave));
  const invoice = await verifiedInvoice(api, k.bob, k.ferdie, 1_000n * K, 'try-runtime');
  res = ok(await submit(api, api.tx.assetLoan.request(invoice.classId, invoice.item, {
    currency: USDT, principal: 700n * K, annualRate: 10n * PERCENT, schedule: { Bullet: { term: 86_400 } },
  }), k.bob));
  const loan = eventOf(res, 'assetLoan', 'Requested').data.loan.toNumber();
  ok(await submit(api, api.tx.debtPool.finance(pool, loan), k.eve));
  // The senior asks for more than the pool's cash: part is paid (set aside to claim), the
  // rest waits in the queue.
  res = ok(await submit(api, api.tx.debtPool.redeem(pool, 1, 500n * K, 0), k.dave));
  const served = eventOf(res, 'debtPool', 'RedemptionServed');
  assert.ok(served, 'part of the redemption is served');
  const view = (await api.call.debtPoolApi.pool(pool)).unwrap();
  assert.ok(view.tranches[1].queuedShares.toBigInt() > 0n, 'the rest is queued');
  // An unfunded request (collateral locked, in no portfolio).
  const second = await verifiedInvoice(api, k.bob, k.ferdie, 100n * K, 'try-runtime-2');
  ok(await submit(api, api.tx.assetLoan.request(second.classId, second.item, {
    currency: USDT, principal: 50n * K, annualRate: 12n * PERCENT, schedule: { Bullet: { term: 86_400 } },
  }), k.bob));
  const head = (await api.rpc.chain.getHeader()).number.toNumber();
  const specVersion = (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber();
  await node.stop({ removeBase: false });

  // 2. The same database on the try-runtime build of the same runtime.
  node = await startNode({ args: ['--dev', '--wasm-runtime-overrides', overrides], basePath: base, name: 'try-runtime-2' });
  api = node.api;
  assert.match(readFileSync(node.logPath, 'utf8'), /Found wasm override/);
  const version = await api.rpc.state.getRuntimeVersion();
  assert.equal(version.specVersion.toNumber(), specVersion);
  // A runtime API's id is the blake2-64 of its trait name.
  assert.ok(version.apis.some(([id]) => id.toHex() === blake2AsHex('TryRuntime', 64)), 'the node runs the try-runtime build');

  // Upgrade checks and every pallet's try_state on the latest state.
  const best = await api.rpc.chain.getBlockHash(head);
  const upgrade = await api.rpc.state.call('TryRuntime_on_runtime_upgrade', args(ALL), best);
  // (weight used, the block's limit): two `Weight`s of two compact integers each.
  assert.ok(upgrade.length >= 4, `on_runtime_upgrade returned ${upgrade.toHex()}`);

  // Every block re-executed on its parent's state, state root and signatures checked, then
  // every pallet's try_state.
  // A stored header carries the author's seal, which the runtime never saw (the import
  // takes it off before executing): the runtime executes the block without it.
  const unsealed = (block, stateRoot = block.header.stateRoot) => api.createType('Block', {
    header: {
      parentHash: block.header.parentHash,
      number: block.header.number,
      stateRoot,
      extrinsicsRoot: block.header.extrinsicsRoot,
      digest: { logs: block.header.digest.logs.slice(0, -1) },
    },
    extrinsics: block.extrinsics,
  });
  const encodedBlock = async (n) => {
    const hash = await api.rpc.chain.getBlockHash(n);
    const { block } = await api.rpc.chain.getBlock(hash);
    return { block: unsealed(block), original: block, parent: block.header.parentHash };
  };
  for (let n = 1; n <= head; n++) {
    const { block, parent } = await encodedBlock(n);
    await api.rpc.state.call('TryRuntime_execute_block', args(block.toU8a(), [1, 1], ALL), parent);
  }

  // 3. Failures fail the call: the runtime panics, the RPC answers an error (a trap), and the
  // node logs the panic's message.
  const trap = /Execution aborted due to trap/;
  const logged = (what) => waitFor(`"${what}" in the node log`, () => readFileSync(node.logPath, 'utf8').includes(what), 10_000, 250);
  // A block whose state root is forged:
  const { original, parent } = await encodedBlock(head);
  const forged = unsealed(original, '0x' + '11'.repeat(32));
  await assert.rejects(
    api.rpc.state.call('TryRuntime_execute_block', args(forged.toU8a(), [1, 1], ALL), parent),
    trap,
  );
  await logged('Storage root must match that calculated.');
  // A pool whose books set aside more than its account holds (written by sudo, as no call can):
  const raw = (await api.query.debtPool.pools(pool)).unwrap();
  const corrupted = api.createType(raw.toRawType(), { ...Object.fromEntries(raw.entries()), payable: 10_000_000n * K });
  assert.equal(corrupted.toHex().length, raw.toHex().length, 'only the payable changed');
  res = ok(await submit(api, api.tx.sudo.sudo(api.tx.system.setStorage([[api.query.debtPool.pools.key(pool), corrupted.toHex()]])), k.alice));
  await assert.rejects(
    api.rpc.state.call('TryRuntime_on_runtime_upgrade', args(ALL), res.blockHash),
    trap,
  );
  await logged('debt-pool try_state: a pool account holds less than its books set aside');
});
