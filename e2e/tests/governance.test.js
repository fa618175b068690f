// OpenGov on a live --dev node (fast tracks): runtime upgrades by referendum, without sudo.
//  1. A `root` referendum to authorize an upgrade that XPRT holders vote down is rejected: no
//     upgrade is authorized and the runtime is unchanged.
//  2. A `root` referendum on `system.authorize_upgrade(hash)` passes (decision deposit,
//     conviction votes, confirmation, enactment); code with another hash is refused; the
//     authorized code is applied; `spec_version` goes 100 → 101; blocks keep being produced and
//     finalized; balances, NFTs and loans created before the upgrade are still readable;
//     polkadot-api descriptors generated from spec 100 are checked against spec 101's metadata
//     with polkadot-api's own compatibility check (Identical) and still sign a transfer.
//  3. A `treasurer` referendum (track 11) on `treasury.spend` passes; the beneficiary claims the
//     payout from the treasury's account, which also took 80 % of the claim's fee.
//
// The new runtime is the same runtime built with the `upgrade-test` feature
// (`scripts/build-upgrade-wasm.sh`), found through PERSISTENCE_UPGRADE_WASM.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { blake2AsHex } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { startNode, submit, errorName, waitFor, HOOK } from '../lib/node.js';
import { devAccounts } from '../lib/keys.js';
import { eventOf, ok as okFor, verifiedInvoice, USDT } from '../lib/rwa.js';
import { CompatibilityLevel, Enum } from 'polkadot-api';
import { papiClient, papiSigner } from '../lib/papi.js';

const UNITS = 1_000_000n;

let node;
let api;
let k;
let code;
let papi; // polkadot-api typed client on descriptors from spec 100
let before_ = {};

const ok = (res) => okFor(api, res);

const specVersion = async () => (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber();

/** Submit a root-track referendum on `call`, place its decision deposit; returns its index. */
const rootReferendum = (call, proposer) => referendum({ system: 'Root' }, call, proposer);

/** Submit a referendum for `origin`'s track on `call`, place its decision deposit. */
async function referendum(origin, call, proposer) {
  const res = ok(await submit(api, api.tx.referenda.submit(
    origin,
    { Inline: call.method.toHex() },
    { After: 1 },
  ), proposer));
  const index = eventOf(res, 'referenda', 'Submitted').data.index.toNumber();
  ok(await submit(api, api.tx.referenda.placeDecisionDeposit(index), proposer));
  return index;
}

const vote = (index, aye, balance, conviction = 'Locked1x') =>
  api.tx.convictionVoting.vote(index, { Standard: { vote: { aye, conviction }, balance } });

async function referendumOutcome(index) {
  const info = await api.query.referenda.referendumInfoFor(index);
  return info.isSome ? info.unwrap().type : 'None';
}

before(async () => {
  const path = process.env.PERSISTENCE_UPGRADE_WASM;
  assert.ok(path && existsSync(path), `upgrade runtime not found at ${path}: run scripts/build-upgrade-wasm.sh`);
  code = readFileSync(path);
  k = await devAccounts();
  node = await startNode({ args: ['--dev'], name: 'dev-governance' });
  api = node.api;

  // State created before the upgrade: an XPRT transfer, an invoice NFT and a loan request.
  ok(await submit(api, api.tx.balances.transferKeepAlive(k.ferdie.address, 123n * UNITS), k.dave));
  const { classId, item } = await verifiedInvoice(api, k.dave, k.ferdie, 10_000n * UNITS, 'inv-upgrade');
  const res = ok(await submit(api, api.tx.assetLoan.request(classId, item, {
    currency: USDT, principal: 5_000n * UNITS, annualRate: 100_000_000_000_000_000n, schedule: { Bullet: { term: 3600 } },
  }), k.dave));
  const loan = eventOf(res, 'assetLoan', 'Requested').data.loan.toNumber();
  // polkadot-api descriptors generated from the runtime before the upgrade (spec 100).
  papi = await papiClient(node.rpcPort);
  before_ = {
    classId, item, loan,
    ferdie: (await api.query.system.account(k.ferdie.address)).data.free.toBigInt(),
    asset: (await api.query.assetNft.assets(classId, item)).toHex(),
    loanRecord: (await api.query.assetLoan.loans(loan)).toHex(),
  };
}, HOOK);

after(async () => {
  if (papi) papi.destroy();
  if (node) await node.stop();
}, HOOK);

test('tracks are configured and the fast development table is active', async () => {
  const tracks = api.consts.referenda.tracks.map(([id, info]) => [id.toNumber(), Buffer.from(info.name.toU8a(true)).toString().replace(/\0+$/, '')]);
  assert.deepEqual(tracks, [
    [0, 'root'], [1, 'whitelisted_caller'], [2, 'general_admin'], [10, 'staking_admin'], [11, 'treasurer'],
    [20, 'referendum_canceller'], [21, 'referendum_killer'],
  ]);
  const root = api.consts.referenda.tracks[0][1];
  assert.ok(root.decisionPeriod.toNumber() <= 20, 'development decides in blocks');
  assert.equal((await api.query.technicalCommittee.members()).length, 3);
});

test('a referendum the holders vote down leaves the runtime unchanged', async () => {
  const hash = blake2AsHex(code, 256);
  const index = await rootReferendum(api.tx.system.authorizeUpgrade(hash), k.bob);
  ok(await submit(api, vote(index, false, 5_000_000n * UNITS), k.charlie));
  await waitFor('the referendum to be rejected', async () => (await referendumOutcome(index)) === 'Rejected', 240_000, 3_000);
  assert.ok((await api.query.system.authorizedUpgrade()).isNone, 'nothing authorized');
  assert.equal(await specVersion(), 100);
  // With nothing authorized, applying code is refused.
  const res = await submit(api, api.tx.system.applyAuthorizedUpgrade(u8aToHex(code)), k.eve);
  assert.equal(errorName(api, res.dispatchError), 'system.NothingAuthorized');
});

test('a passed root referendum authorizes a runtime upgrade that anyone then applies', async () => {
  assert.equal(await specVersion(), 100);
  const hash = blake2AsHex(code, 256);
  const index = await rootReferendum(api.tx.system.authorizeUpgrade(hash), k.bob);
  ok(await submit(api, vote(index, true, 2_000_000n * UNITS, 'Locked3x'), k.charlie));
  ok(await submit(api, vote(index, true, 1_000_000n * UNITS), k.dave));
  await waitFor('the upgrade to be authorized', async () => (await api.query.system.authorizedUpgrade()).isSome, 180_000, 2_000);
  assert.equal(await referendumOutcome(index), 'Approved');
  assert.equal((await api.query.system.authorizedUpgrade()).unwrap().codeHash.toHex(), hash);

  // Code whose hash was not authorized is refused.
  let res = await submit(api, api.tx.system.applyAuthorizedUpgrade('0x0061736d01000000'), k.eve);
  assert.equal(errorName(api, res.dispatchError), 'system.Unauthorized');

  // Anyone applies the authorized code; it runs from the next block on.
  res = ok(await submit(api, api.tx.system.applyAuthorizedUpgrade(u8aToHex(code)), k.eve, 120_000));
  const upgradeBlock = (await api.rpc.chain.getHeader(res.blockHash)).number.toNumber();
  await waitFor('spec_version 101', async () => (await specVersion()) === 101, 120_000, 2_000);

  // Blocks are still produced and finalized past the upgrade.
  await waitFor('finality past the upgrade', async () => {
    const fin = await api.rpc.chain.getFinalizedHead();
    return (await api.rpc.chain.getHeader(fin)).number.toNumber() > upgradeBlock + 2;
  }, 120_000, 2_000);

  // State from before the upgrade is intact and readable with the new runtime's metadata.
  assert.equal((await api.query.system.account(k.ferdie.address)).data.free.toBigInt(), before_.ferdie);
  assert.equal((await api.query.assetNft.assets(before_.classId, before_.item)).toHex(), before_.asset);
  assert.equal((await api.query.assetLoan.loans(before_.loan)).toHex(), before_.loanRecord);
  // The new runtime answers the loan runtime API. (After an upgrade @polkadot/api re-reads
  // metadata v14, which carries no runtime-API descriptions, so call it by name.)
  const raw = await api.rpc.state.call('AssetLoanApi_loan', api.createType('u64', before_.loan).toHex());
  assert.equal(raw[0], 1, 'Some(loan view)');
  // And the chain still takes transactions.
  ok(await submit(api, api.tx.balances.transferKeepAlive(k.ferdie.address, 1n * UNITS), k.dave));

  // polkadot-api's compatibility check of the descriptors generated from spec 100 against the
  // metadata of spec 101: the upgrade changes no type, so calls, storage, events and runtime
  // APIs a dApp was built against are Identical — and a typed call made with them still works.
  const best = (await api.rpc.chain.getHeader()).hash.toHex();
  const statics = await papi.api.getStaticApis({ at: best });
  const { compat } = statics;
  for (const [what, helper] of [
    ['tx Balances.transfer_keep_alive', compat.tx.Balances.transfer_keep_alive],
    ['tx DebtPool.invest', compat.tx.DebtPool.invest],
    ['tx AssetLoan.repay', compat.tx.AssetLoan.repay],
    ['tx AssetNft.mint', compat.tx.AssetNft.mint],
    ['query System.Account', compat.query.System.Account],
    ['query AssetLoan.Loans', compat.query.AssetLoan.Loans],
    ['event AssetLoan.Requested', compat.event.AssetLoan.Requested],
    ['api AssetLoanApi.loan', compat.apis.AssetLoanApi.loan],
    ['constant System.Version', compat.constants.System.Version],
  ]) {
    assert.ok(helper.isCompatible(CompatibilityLevel.Identical), `${what}: level ${helper.level ?? helper.args?.level}`);
  }
  assert.equal((await papi.api.constants.System.Version({ at: best })).spec_version, 101);
  const loanView = await papi.api.apis.AssetLoanApi.loan(BigInt(before_.loan), { at: best });
  assert.ok(loanView, 'the typed runtime API call answers on the new runtime');
  const res2 = await papi.api.tx.Balances.transfer_keep_alive({ dest: Enum('Id', k.ferdie.address), value: 1n * UNITS })
    .signAndSubmit(papiSigner(k.eve));
  assert.equal(res2.ok, true);
});

test('a treasurer referendum spends from the treasury (fees fund it) and the beneficiary claims it', async () => {
  const TREASURY = '0x6d6f646c70792f74727372790000000000000000000000000000000000000000';
  const free = async (who) => (await api.query.system.account(who)).data.free.toBigInt();
  ok(await submit(api, api.tx.balances.transferKeepAlive(TREASURY, 1_000n * UNITS), k.dave));
  const spends = (await api.query.treasury.spendCount()).toNumber();
  const index = await referendum({ Origins: 'Treasurer' }, api.tx.treasury.spend(null, 100n * UNITS, k.eve.address, null), k.bob);
  assert.equal((await api.query.referenda.referendumInfoFor(index)).unwrap().asOngoing.track.toNumber(), 11);
  ok(await submit(api, vote(index, true, 5_000_000n * UNITS), k.charlie));
  await waitFor('the treasurer referendum to pass', async () => (await referendumOutcome(index)) === 'Approved', 240_000, 3_000);
  await waitFor('the spend to be enacted', async () => (await api.query.treasury.spendCount()).toNumber() > spends, 60_000, 2_000);
  const spend = (await api.query.treasury.spends(spends)).unwrap();
  assert.equal(spend.amount.toBigInt(), 100n * UNITS);
  assert.equal(spend.beneficiary.toString(), k.eve.address);
  const eve = await free(k.eve.address);
  const treasury = await free(TREASURY);
  const res = ok(await submit(api, api.tx.treasury.payout(spends), k.eve));
  assert.equal(await free(k.eve.address), eve + 100n * UNITS - res.fee);
  assert.equal(await free(TREASURY), treasury - 100n * UNITS + (res.fee * 80n) / 100n);
  // An account cannot spend at all.
  const direct = await submit(api, api.tx.treasury.spend(null, 1n, k.eve.address, null), k.eve);
  assert.equal(errorName(api, direct.dispatchError), 'BadOrigin');
});
