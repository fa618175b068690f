// polkadot-api — a client nobody here wrote — on a live --dev node: descriptors generated from
// the running node by its own CLI (`papi add -w ws://…`, codegen included), a typed transfer, a
// typed call into every custom pallet (successes decoded as typed events, refusals as typed
// module errors), and typed runtime API calls. Node 20 has no global WebSocket: the client is
// given `ws`'s, and the CLI runs with --experimental-websocket.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Binary, Enum } from 'polkadot-api';
import { papiClient, papiSigner } from '../lib/papi.js';
import { startNode, HOOK } from '../lib/node.js';
import { devAccounts } from '../lib/keys.js';

const UNIT = 1_000_000n;
const USDT = 1984;

let node;
let papi;
let api;
let k;
const signer = papiSigner;

before(async () => {
  k = await devAccounts();
  node = await startNode({ args: ['--dev'], name: 'dev-papi' });
  papi = await papiClient(node.rpcPort);
  api = papi.api;
}, HOOK);

after(async () => {
  if (papi) papi.destroy();
  if (node) await node.stop();
}, HOOK);

/** Sign, submit and wait for the block; the result carries typed events and dispatchError. */
const send = (tx, pair) => tx.signAndSubmit(signer(pair));
/** The payloads of one typed event kind in a result. */
const payloads = (kind, res) => kind.filter(res.events).map((e) => e.payload);
/** A dispatch error as plain JSON (`value: undefined` of unit variants dropped). */
const errorOf = (res) => JSON.parse(JSON.stringify(res.dispatchError ?? null));

test('descriptors from the live node: a typed transfer pays the documented fee and moves the amount', async () => {
  const version = await api.constants.System.Version();
  assert.equal(version.spec_name, 'persistence');
  const before = await api.query.System.Account.getValue(k.bob.address);
  const tx = api.tx.Balances.transfer_keep_alive({ dest: Enum('Id', k.bob.address), value: 7n * UNIT });
  const estimate = await tx.getEstimatedFees(k.alice.address);
  const res = await send(tx, k.alice);
  assert.equal(res.ok, true, JSON.stringify(res.dispatchError));
  const [transfer] = payloads(api.event.Balances.Transfer, res);
  assert.equal(transfer.amount, 7n * UNIT);
  assert.equal(transfer.to, k.bob.address);
  // polkadot-api's estimate (a dry run with a dummy signature) is what was charged, up to the
  // fee multiplier's move between blocks.
  const [paid] = payloads(api.event.TransactionPayment.TransactionFeePaid, res);
  assert.ok(paid.actual_fee <= estimate && estimate - paid.actual_fee <= estimate / 1000n, `${paid.actual_fee} vs ${estimate}`);
  const after = await api.query.System.Account.getValue(k.bob.address, { at: res.block.hash });
  assert.equal(after.data.free, before.data.free + 7n * UNIT);
});

test('a typed call into every custom pallet: events and module errors decoded', async () => {
  // asset-nft: a class.
  let res = await send(api.tx.AssetNft.create_class({ kind: Enum('Invoice'), schema: Binary.fromText('papi-schema') }), k.alice);
  assert.equal(res.ok, true, JSON.stringify(res.dispatchError));
  const [created] = payloads(api.event.AssetNft.ClassCreated, res);
  assert.equal(created.kind.type, 'Invoice');

  // asset-loan: a refusal decodes to the pallet's named error.
  res = await send(api.tx.AssetLoan.cancel({ loan: 4242n }), k.alice);
  assert.equal(res.ok, false);
  assert.deepEqual(errorOf(res), { type: 'Module', value: { type: 'AssetLoan', value: { type: 'UnknownLoan' } } });

  // debt-pool: a pool with one tranche, then its view through the runtime API.
  const poolId = await api.query.DebtPool.NextPoolId.getValue();
  res = await send(api.tx.DebtPool.create({
    currency: USDT,
    risk_class: Binary.fromText('papi'),
    tranches: [{ yield_rate: 0n, min_subordination: 0 }],
    max_reserve: 1_000_000n * UNIT,
    first_loss_cover: 0n,
    fee_rate: 0n,
  }), k.alice);
  assert.equal(res.ok, true, JSON.stringify(res.dispatchError));
  const [pool] = payloads(api.event.DebtPool.Created, res);
  assert.equal(pool.pool, poolId);
  assert.equal(pool.admin, k.alice.address);
  const view = await api.apis.DebtPoolApi.pool(poolId, { at: res.block.hash });
  assert.equal(view.tranches.length, 1);
  assert.equal(view.nav, 0n);

  // app-chain-registry: an id reserved with its deposit.
  res = await send(api.tx.AppChainRegistry.reserve(), k.bob);
  assert.equal(res.ok, true, JSON.stringify(res.dispatchError));
  const [reserved] = payloads(api.event.AppChainRegistry.Reserved, res);
  assert.equal(reserved.deposit, 100n * UNIT);

  // ibc and economics: governance calls signed by an account are refused with BadOrigin.
  res = await send(api.tx.Ibc.freeze_client({ client: Binary.fromText('07-tendermint-0') }), k.bob);
  assert.deepEqual(errorOf(res), { type: 'BadOrigin' });
  res = await send(api.tx.Economics.set_inflation({
    params: { min_rate: 70_000_000_000_000_000n, max_rate: 200_000_000_000_000_000n, target_bonded: 670_000_000_000_000_000n, halving_period_years: 2 },
  }), k.bob);
  assert.deepEqual(errorOf(res), { type: 'BadOrigin' });
});

test('typed runtime API calls: an empty portfolio; a 1 KB remark is quoted its length fee', async () => {
  const p = await api.apis.AssetLoanApi.portfolio(k.ferdie.address);
  assert.deepEqual({ ...p }, { value: 0n, loans: 0, unrealised_loss: 0n, realised_loss: 0n, stale_loan: undefined });
  // The length fee: 10 planck (0.00001 XPRT) a byte — 10,240 for 1 KB.
  assert.equal(await api.apis.TransactionPaymentApi.query_length_to_fee(1024), 10_240n);
  // polkadot-api quotes a 1 KB remark at least that more than an empty one.
  const quote = (n) => api.tx.System.remark({ remark: new Uint8Array(n) }).getEstimatedFees(k.alice.address);
  const [empty, kilo] = [await quote(0), await quote(1024)];
  assert.ok(kilo - empty >= 10_240n, `${kilo} - ${empty}`);
});

// RFC-78 (`CheckMetadataHash`), what Ledger's generic app relies on: the signer commits to the
// hash of the runtime's metadata (merkleized with the token symbol and decimals), the runtime
// checks it against the hash compiled into its WASM. polkadot-api's `withMetadataHash` signer
// computes the hash from the live metadata; a signer that hashes other figures — a wallet that
// would display amounts with the wrong decimals — is refused before the transaction is pooled.
test('Ledger-style signing: a transfer committed to the metadata hash goes through; a wrong hash is refused', async () => {
  const { withMetadataHash } = await import('polkadot-api/signer');
  const props = await (await fetch(`http://127.0.0.1:${node.rpcPort}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: 1, jsonrpc: '2.0', method: 'system_properties', params: [] }),
  })).json();
  const { tokenSymbol, tokenDecimals } = props.result;
  assert.deepEqual([tokenSymbol, tokenDecimals], ['XPRT', 6]);

  const before = await api.query.System.Account.getValue(k.dave.address);
  const transfer = (value) => api.tx.Balances.transfer_keep_alive({ dest: Enum('Id', k.dave.address), value });
  const ledger = withMetadataHash({ tokenSymbol, decimals: tokenDecimals }, papiSigner(k.bob));
  const res = await transfer(3n * UNIT).signAndSubmit(ledger);
  assert.equal(res.ok, true, JSON.stringify(res.dispatchError));
  const after = await api.query.System.Account.getValue(k.dave.address, { at: res.block.hash });
  assert.equal(after.data.free, before.data.free + 3n * UNIT);

  // The same signer with 12 decimals (or another symbol) hashes other metadata: refused as a
  // bad proof, nothing moves.
  for (const info of [{ tokenSymbol, decimals: 12 }, { tokenSymbol: 'DOT', decimals: tokenDecimals }]) {
    await assert.rejects(
      transfer(UNIT).signAndSubmit(withMetadataHash(info, papiSigner(k.bob))),
      (e) => e.name === 'InvalidTxError' && JSON.stringify(e.error).includes('BadProof'),
    );
  }
  const unchanged = await api.query.System.Account.getValue(k.dave.address);
  assert.equal(unchanged.data.free, after.data.free);
});
