// pallet-app-chain-registry on a live --dev node: Bob's team reserves an id → registers
// metadata → governance (sudo on dev) approves → Alice (the dev validator) opts in with an
// app-chain key → the chain becomes Active → a checkpoint signed by Alice's app key finalizes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex } from '@polkadot/util-crypto';
import { startNode, submit, errorName, HOOK } from '../lib/node.js';
import { devAccounts } from '../lib/keys.js';
import { eventOf, ok as okFor } from '../lib/rwa.js';

let node;
let api;
let k;
const ok = (res) => okFor(api, res);

before(async () => {
  k = await devAccounts();
  node = await startNode({ args: ['--dev'], name: 'dev-app-chains' });
  api = node.api;
}, HOOK);

after(async () => {
  if (node) await node.stop();
}, HOOK);

test('an app chain is registered, approved, activated by Alice, and finalizes a signed checkpoint', async () => {
  // 1. Reserve the next id.
  let res = ok(await submit(api, api.tx.appChainRegistry.reserve(), k.bob));
  const chain = eventOf(res, 'appChainRegistry', 'Reserved').data.chain.toNumber();

  // 2. Register the metadata.
  res = ok(await submit(api, api.tx.appChainRegistry.register(chain, {
    name: 'TradeChain',
    genesisHash: blake2AsHex('tradechain-genesis', 256),
    codeHash: blake2AsHex('tradechain-runtime-v1', 256),
    tokenSymbol: 'TRD',
    tokenDecimals: 12,
    rpcUrl: 'wss://rpc.tradechain.example',
    website: 'https://tradechain.example',
    validatorsWanted: 1,
    minStake: 0,
  }), k.bob));
  assert.ok(eventOf(res, 'appChainRegistry', 'Registered'));

  // A validator cannot opt in before approval; a non-validator never can.
  const appKeys = new Keyring({ type: 'sr25519' });
  const aliceApp = appKeys.addFromUri('//Alice//tradechain');
  res = await submit(api, api.tx.appChainRegistry.optIn(chain, { Sr25519: aliceApp.publicKey }), k.alice);
  assert.equal(errorName(api, res.dispatchError), 'appChainRegistry.WrongState');

  // 3. Governance approves (sudo on the development chain; a general_admin referendum elsewhere).
  res = ok(await submit(api, api.tx.sudo.sudo(api.tx.appChainRegistry.approve(chain)), k.alice));
  assert.ok(eventOf(res, 'appChainRegistry', 'Approved'));

  res = await submit(api, api.tx.appChainRegistry.optIn(chain, { Sr25519: appKeys.addFromUri('//Ferdie//x').publicKey }), k.ferdie);
  assert.equal(errorName(api, res.dispatchError), 'appChainRegistry.NotValidator');

  // 4. Alice, the development validator, opts in with her app-chain key.
  ok(await submit(api, api.tx.appChainRegistry.optIn(chain, { Sr25519: aliceApp.publicKey }), k.alice));

  // 5. Activation assigns her.
  res = ok(await submit(api, api.tx.appChainRegistry.activate(chain), k.charlie));
  assert.ok(eventOf(res, 'appChainRegistry', 'Activated'));
  let view = (await api.call.appChainRegistryApi.chain(chain)).unwrap();
  assert.equal(view.lifecycle.toString(), 'Active');
  assert.deepEqual(view.assigned.map((a) => a.toString()), [k.alice.address]);

  // 6. Alice's checkpoint signer signs (app chain id, height, block hash, state root).
  const checkpoint = {
    height: 1000,
    blockHash: blake2AsHex('tradechain-block-1000', 256),
    stateRoot: blake2AsHex('tradechain-state-1000', 256),
  };
  const payload = api.createType('(Bytes, u32, u64, H256, H256)', [
    'persistence/app-chain-checkpoint', chain, checkpoint.height, checkpoint.blockHash, checkpoint.stateRoot,
  ]).toU8a();
  // A signature by another key is refused.
  res = await submit(api, api.tx.appChainRegistry.submitCheckpoint(chain, checkpoint, { Sr25519: appKeys.addFromUri('//Mallory').sign(payload) }), k.alice);
  assert.equal(errorName(api, res.dispatchError), 'appChainRegistry.BadSignature');
  res = ok(await submit(api, api.tx.appChainRegistry.submitCheckpoint(chain, checkpoint, { Sr25519: aliceApp.sign(payload) }), k.alice));
  const finalized = eventOf(res, 'appChainRegistry', 'CheckpointFinalized');
  assert.ok(finalized, 'one of one assigned validators: final');
  assert.equal(finalized.data.checkpoint.height.toNumber(), 1000);

  view = (await api.call.appChainRegistryApi.chain(chain)).unwrap();
  const latest = view.latestCheckpoint.unwrap();
  assert.equal(latest.checkpoint.height.toNumber(), 1000);
  assert.equal(latest.checkpoint.stateRoot.toHex(), checkpoint.stateRoot);
});
