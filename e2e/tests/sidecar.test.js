// Substrate API Sidecar (npm @substrate/api-sidecar, a REST service nobody here wrote, on its
// own @polkadot/api 10) against a live --dev node: node version, runtime spec, transaction
// material, balance-info, staking progress and asset info — each checked against the node read
// with polkadot.js at the same block.
//
// Sidecar 18.0.0 (the newest on the npm registry this suite installs from) ships on
// @polkadot/api 10, which cannot decode blocks of a stable2609 runtime (inherents are extrinsic
// format 5: /blocks answered 500). e2e/package.json `overrides` runs it on @polkadot/api 16.5.6;
// an operator does the same. Not yet checked here: its fee estimate.
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
