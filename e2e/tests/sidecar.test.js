// Substrate API Sidecar (npm @substrate/api-sidecar, a REST service nobody here wrote, on its
// own @polkadot/api 10) against a live --dev node: node version, runtime spec, transaction
// material, balance-info, staking progress and asset info — each checked against the node read
// with polkadot.js at the same block.
//
// Sidecar 18.0.0 (the newest on the npm registry this suite installs from) ships on
// @polkadot/api 10, which cannot decode blocks of a stable2609 runtime (inherents are extrinsic
// format 5: /blocks answered 500). e2e/package.json `overrides` runs it on @polkadot/api 16.5.6;
// an operator does the same. Its `/transaction/fee-estimate` fails on that combination (see the
// fees test); its block view reports fees correctly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startNode, submit, waitFor, freePort, HOOK } from '../lib/node.js';
import { devAccounts } from '../lib/keys.js';

const USDT = 1984;
let node;
let api;
let k;
let sidecar;
let base;

const get = async (path) => {
  const r = await fetch(`${base}/${path}`);
  return { status: r.status, body: await r.json() };
};

before(async () => {
  k = await devAccounts();
  node = await startNode({ args: ['--dev'], name: 'dev-sidecar' });
  api = node.api;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const main = createRequire(import.meta.url).resolve('@substrate/api-sidecar/build/src/main.js');
  mkdirSync(new URL('../.tmp/', import.meta.url), { recursive: true });
  const log = createWriteStream(new URL(`../.tmp/sidecar-${port}.log`, import.meta.url));
  sidecar = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      SAS_SUBSTRATE_URL: `ws://127.0.0.1:${node.rpcPort}`,
      SAS_EXPRESS_BIND_HOST: '127.0.0.1',
      SAS_EXPRESS_PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  sidecar.stdout.pipe(log);
  sidecar.stderr.pipe(log);
  await waitFor('Sidecar to serve /node/version', async () => {
    const r = await fetch(`${base}/node/version`).catch(() => null);
    return r && r.ok;
  }, 120_000, 1000);
}, HOOK);

after(async () => {
  if (sidecar && sidecar.exitCode === null && sidecar.signalCode === null) {
    // SIGTERM, then SIGKILL if it has not exited within 10 s: no Sidecar outlives the run.
    const exited = new Promise((r) => sidecar.once('exit', r));
    sidecar.kill('SIGTERM');
    const timer = setTimeout(() => sidecar.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  if (node) await node.stop();
}, HOOK);

test('Sidecar: node, runtime spec and transaction material match the node', async () => {
  const { body: version } = await get('node/version');
  assert.equal(version.clientImplName, 'persistence-node');
  assert.equal(version.chain, 'Persistence Development');
  const { body: spec } = await get('runtime/spec');
  assert.equal(spec.specName, 'persistence');
  assert.equal(spec.specVersion, api.runtimeVersion.specVersion.toString());
  assert.equal(spec.properties.ss58Format, '75');
  const { body: material } = await get('transaction/material');
  assert.equal(material.genesisHash, api.genesisHash.toHex());
  assert.equal(material.txVersion, api.runtimeVersion.transactionVersion.toString());
});

test('Sidecar: balance-info, staking progress and USDT asset info equal polkadot.js at that block', async () => {
  const { body: bal } = await get(`accounts/${k.bob.address}/balance-info`);
  const at = await api.at(bal.at.hash);
  const acc = await at.query.system.account(k.bob.address);
  assert.equal(bal.tokenSymbol, 'XPRT');
  assert.equal(bal.free, acc.data.free.toString());
  assert.equal(bal.reserved, acc.data.reserved.toString());
  assert.equal(bal.frozen, acc.data.frozen.toString());
  assert.equal(bal.nonce, acc.nonce.toString());

  const { body: progress } = await get('pallets/staking/progress');
  const atP = await api.at(progress.at.hash);
  assert.equal(progress.activeEra, (await atP.query.staking.activeEra()).unwrap().index.toString());
  assert.equal(progress.idealValidatorCount, '100');
  assert.deepEqual(progress.validatorSet, (await atP.query.session.validators()).map((v) => v.toString()));

  const { body: info } = await get(`pallets/assets/${USDT}/asset-info`);
  const atA = await api.at(info.at.hash);
  const asset = (await atA.query.assets.asset(USDT)).unwrap();
  assert.equal(info.assetInfo.supply, asset.supply.toString());
  assert.equal(info.assetInfo.minBalance, '10000'); // 0.01 USDT
  assert.equal(info.assetInfo.status, 'Live');
  assert.equal(Buffer.from(info.assetMetaData.symbol.slice(2), 'hex').toString(), 'USDT');
  assert.equal(info.assetMetaData.decimals, '6');
});

test('Sidecar: a block with a signed transfer, its decoded events equal polkadot.js', async () => {
  const res = await submit(api, api.tx.balances.transferKeepAlive(k.charlie.address, 1_234_567n), k.bob);
  assert.equal(res.dispatchError, undefined);
  const { status, body: block } = await get(`blocks/${res.blockHash.toHex()}`);
  assert.equal(status, 200, JSON.stringify(block).slice(0, 300));
  assert.equal(block.hash, res.blockHash.toHex());
  const xt = block.extrinsics.find((x) => x.method.pallet === 'balances' && x.method.method === 'transferKeepAlive');
  assert.ok(xt, 'the transfer is decoded');
  assert.equal(xt.args.value, '1234567');
  assert.equal(xt.signature.signer.id, k.bob.address);
  const transfer = xt.events.find((e) => e.method.pallet === 'balances' && e.method.method === 'Transfer');
  assert.ok(transfer, 'its Transfer event is decoded');
  assert.deepEqual(transfer.data, [k.bob.address, k.charlie.address, '1234567']);
  assert.equal(xt.success, true);
});

// Fees. A wallet's estimate (`tx.paymentInfo`, the runtime's `TransactionPaymentApi_query_info`)
// is what the transaction then pays, and Sidecar's block view decodes the fee event. (Sidecar
// prices extrinsics itself only for chains in its registry.) Sidecar's own `POST /transaction/fee-estimate` does NOT work here: Sidecar 18 passes the extrinsic to
// `api.call.transactionPaymentApi.queryInfo` as an Extrinsic codec, while polkadot.js 16 (which
// it must run on to decode stable2609 blocks) types that argument from the metadata as `Bytes`
// — the runtime receives the extrinsic length-prefixed twice and refuses to decode it. The
// assertion below pins that upstream defect, so the test tells when a Sidecar release fixes it.
test('fees: the runtime API prices exactly what a transfer pays, paymentInfo estimates it, Sidecar decodes the fee event; its fee-estimate endpoint fails upstream', async () => {
  const value = 7_654_321n;
  const tx = api.tx.balances.transferKeepAlive(k.charlie.address, value);
  await tx.signAsync(k.dave, { nonce: (await api.rpc.system.accountNextIndex(k.dave.address)).toNumber() });
  // The wallet's estimate (polkadot.js paymentInfo, at the best block now).
  const estimate = (await api.tx.balances.transferKeepAlive(k.charlie.address, value).paymentInfo(k.dave)).partialFee.toBigInt();
  assert.ok(estimate > 0n);

  const r = await fetch(`${base}/transaction/fee-estimate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tx: tx.toHex() }),
  });
  const refused = await r.json();
  assert.equal(r.status, 400, `Sidecar's fee estimate answered ${r.status}: the upstream defect may be fixed — ${JSON.stringify(refused).slice(0, 200)}`);
  assert.equal(refused.error, 'Unable to fetch fee info');

  // Sent as it is, the transaction pays exactly the estimate (no tip, no weight refund).
  const paid = await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error('transfer not included in time')), 60_000);
    let unsub = () => {};
    tx.send(({ status, events }) => {
      if (!status.isInBlock) return;
      clearTimeout(timer);
      unsub();
      const fee = events.map(({ event }) => event).find((e) => api.events.transactionPayment.TransactionFeePaid.is(e));
      res(fee ? { fee: fee.data.actualFee.toBigInt(), tip: fee.data.tip.toBigInt(), block: status.asInBlock.toHex() } : null);
    }).then((u) => { unsub = u; }).catch((e) => { clearTimeout(timer); rej(e); });
  });
  assert.ok(paid, 'a TransactionFeePaid event');
  assert.equal(paid.tip, 0n);
  // Exactly what the runtime API quotes for these bytes at the block it was included on top of
  // (the fee multiplier moves every block, so that is the block that prices it) …
  const { parentHash } = await api.rpc.chain.getHeader(paid.block);
  const info = await (await api.at(parentHash)).call.transactionPaymentApi.queryInfo(tx.toU8a(), tx.encodedLength);
  assert.equal(info.class.toString(), 'Normal');
  assert.equal(paid.fee, info.partialFee.toBigInt());
  // … and within 0.1 % of the wallet's estimate a block or two earlier.
  const diff = paid.fee > estimate ? paid.fee - estimate : estimate - paid.fee;
  assert.ok(diff * 1000n <= estimate, `paid ${paid.fee}, estimated ${estimate}`);
  // Sidecar's block view reports that fee for the extrinsic.
  const { status, body: block } = await get(`blocks/${paid.block}`);
  assert.equal(status, 200);
  const xt = block.extrinsics.find((x) => x.method.pallet === 'balances' && x.args.value === value.toString());
  assert.ok(xt, 'the transfer in Sidecar\'s block');
  // Sidecar computes a per-extrinsic `info.partialFee` only for the chains in its own registry
  // (by spec name); for this one it says so, and the fee is in the decoded event instead.
  assert.equal(xt.info.error, 'Fee calculation not supported for this network', JSON.stringify(xt.info));
  const feePaid = xt.events.find((e) => e.method.pallet === 'transactionPayment' && e.method.method === 'TransactionFeePaid');
  assert.ok(feePaid, 'the TransactionFeePaid event in Sidecar\'s block view');
  assert.deepEqual(feePaid.data, [k.dave.address, paid.fee.toString(), '0']);
});
