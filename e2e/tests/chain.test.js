// Chain foundation: a live --dev node produces and finalizes blocks, reports XPRT, moves XPRT
// and USDT exactly, refuses overspends with named errors, and exposes every pallet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, submit, errorName, waitFor, HOOK } from '../lib/node.js';
import { devAccounts, SS58_PREFIX } from '../lib/keys.js';

const USDT = 1984;
let node;
let api;
let k;

before(async () => {
  k = await devAccounts();
  node = await startNode({ args: ['--dev'], name: 'dev-chain' });
  api = node.api;
}, HOOK);

after(async () => {
  if (node) await node.stop();
}, HOOK);

const free = async (at, who) => (await at.query.system.account(who)).data.free.toBigInt();
const usdt = async (at, who) => {
  const a = await at.query.assets.account(USDT, who);
  return a.isSome ? a.unwrap().balance.toBigInt() : 0n;
};

test('blocks are produced and finalized', async () => {
  const start = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
  const reached = await waitFor('finalized head to advance 3 blocks', async () => {
    const n = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
    return n >= start + 3 ? n : null;
  }, 90_000, 1000);
  assert.ok(reached >= start + 3);
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  assert.ok(best >= reached, 'best block is at or above the finalized one');
});

test('chain properties report XPRT, 6 decimals and our SS58 prefix', async () => {
  const props = await api.rpc.system.properties();
  assert.deepEqual(props.tokenSymbol.unwrap().map((s) => s.toString()), ['XPRT']);
  assert.deepEqual(props.tokenDecimals.unwrap().map((d) => d.toNumber()), [6]);
  assert.equal(props.ss58Format.unwrap().toNumber(), SS58_PREFIX);
  assert.equal(api.consts.system.ss58Prefix.toNumber(), SS58_PREFIX);
  assert.equal((await api.rpc.system.chain()).toString(), 'Persistence Development');
});

// The treasury's account: `modl` + its pallet id `py/trsry`, padded with zeros.
const TREASURY = '0x6d6f646c70792f74727372790000000000000000000000000000000000000000';

test('an XPRT transfer changes balances exactly: its fee goes 80 % to the treasury, 20 % to the author', async () => {
  assert.equal(api.consts.treasury.palletId.toU8a().length, 8);
  assert.equal(new TextDecoder().decode(api.consts.treasury.palletId.toU8a()), 'py/trsry');
  const amount = 12_345_678n; // 12.345678 XPRT
  const res = await submit(api, api.tx.balances.transferKeepAlive(k.bob.address, amount), k.alice);
  assert.equal(res.dispatchError, undefined);
  assert.ok(res.fee > 0n, 'a fee was paid');
  const header = await api.rpc.chain.getHeader(res.blockHash);
  const before = await api.at(header.parentHash);
  const after = await api.at(res.blockHash);
  const toTreasury = (res.fee * 80n) / 100n;
  assert.equal(await free(after, TREASURY), (await free(before, TREASURY)) + toTreasury);
  // Alice authors every --dev block: she gets the other 20 % of her own fee back.
  assert.equal(await free(after, k.alice.address), (await free(before, k.alice.address)) - amount - toTreasury);
  assert.equal(await free(after, k.bob.address), (await free(before, k.bob.address)) + amount);
});

test('a USDT transfer moves exactly the amount', async () => {
  const amount = 250_000_000n; // 250 USDT
  const res = await submit(api, api.tx.assets.transfer(USDT, k.charlie.address, amount), k.alice);
  assert.equal(res.dispatchError, undefined);
  const header = await api.rpc.chain.getHeader(res.blockHash);
  const before = await api.at(header.parentHash);
  const after = await api.at(res.blockHash);
  assert.equal(await usdt(after, k.alice.address), (await usdt(before, k.alice.address)) - amount);
  assert.equal(await usdt(after, k.charlie.address), (await usdt(before, k.charlie.address)) + amount);
  const meta = await api.query.assets.metadata(USDT);
  assert.equal(meta.symbol.toUtf8(), 'USDT');
  assert.equal(meta.decimals.toNumber(), 6);
});

test('overspending is refused with a named error and leaves balances unchanged', async () => {
  // XPRT: more than Dave has.
  const daveFree = await free(api, k.dave.address);
  let res = await submit(api, api.tx.balances.transferAllowDeath(k.eve.address, daveFree * 2n), k.dave);
  assert.equal(errorName(api, res.dispatchError), 'Token.FundsUnavailable');
  let header = await api.rpc.chain.getHeader(res.blockHash);
  let before = await api.at(header.parentHash);
  let after = await api.at(res.blockHash);
  assert.equal(await free(after, k.dave.address), (await free(before, k.dave.address)) - res.fee);
  assert.equal(await free(after, k.eve.address), await free(before, k.eve.address));

  // USDT: more than Dave holds — pallet-assets' own module error.
  const daveUsdt = await usdt(api, k.dave.address);
  res = await submit(api, api.tx.assets.transfer(USDT, k.eve.address, daveUsdt + 1n), k.dave);
  assert.equal(errorName(api, res.dispatchError), 'assets.BalanceLow');
  header = await api.rpc.chain.getHeader(res.blockHash);
  before = await api.at(header.parentHash);
  after = await api.at(res.blockHash);
  assert.equal(await usdt(after, k.dave.address), await usdt(before, k.dave.address));
  assert.equal(await usdt(after, k.eve.address), await usdt(before, k.eve.address));
});

test('the runtime metadata lists every pallet of the foundation', async () => {
  const names = api.runtimeMetadata.asLatest.pallets.map((p) => p.name.toString());
  for (const p of [
    'System', 'Timestamp', 'Babe', 'Grandpa', 'Balances', 'TransactionPayment', 'Authorship',
    'Session', 'Historical', 'Offences', 'Staking', 'Uniques', 'Assets', 'Utility', 'Sudo',
    'Preimage', 'Scheduler', 'Multisig', 'Proxy',
  ]) {
    assert.ok(names.includes(p), `metadata lacks ${p}: ${names.join(', ')}`);
  }
  assert.ok(api.runtimeMetadata.version >= 15, `metadata v${api.runtimeMetadata.version}`);
});

test('Alice is the elected validator and authors blocks', async () => {
  const validators = (await api.query.session.validators()).map((v) => v.toString());
  assert.deepEqual(validators, [k.alice.address]);
  const ledger = await api.query.staking.bonded(k.alice.address);
  assert.ok(ledger.isSome, 'Alice is bonded');
});
