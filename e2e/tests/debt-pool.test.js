// pallet-debt-pool on a live --dev node: Eve (originator) creates a 2-tranche pool → Charlie
// funds the junior tranche, Dave the senior (8 %) → the pool finances Bob's loan against a
// verified invoice → Bob repays with interest → both redeem: Dave receives exactly his yield,
// Charlie more than he put in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, submit, errorName, waitFor } from '../lib/node.js';
import { devAccounts } from '../lib/keys.js';
import { eventOf, ok as okFor, verifiedInvoice, USDT } from '../lib/rwa.js';

const D = 1_000_000n;
const K = 1_000n * D;
const PERCENT = 10_000_000_000_000_000n; // 1 % as Perquintill parts
const SECONDS_PER_YEAR = 31_557_600;

let node;
let api;
let k;

before(async () => {
  k = await devAccounts();
  node = await startNode({ args: ['--dev'], name: 'dev-debt-pool' });
  api = node.api;
});

after(async () => {
  if (node) await node.stop();
});

const eventsOf = (res, section, method) =>
  res.events.map(({ event }) => event).filter((e) => e.section === section && e.method === method);

const ok = (res) => okFor(api, res);

async function balance(asset, who) {
  const acc = await api.query.assets.account(asset, who.address);
  return acc.isSome ? acc.unwrap().balance.toBigInt() : 0n;
}

const timeAt = async (blockHash) => (await (await api.at(blockHash)).query.timestamp.now()).toNumber();

test('a pool funds a loan, the loan is repaid, and investors redeem with their returns', async () => {
  // 1. Eve opens a pool: junior + senior at 8 % with 20 % subordination, 10 k first-loss cover.
  let res = ok(await submit(api, api.tx.debtPool.create(
    USDT,
    'sme-invoices-EU',
    [
      { yieldRate: 0, minSubordination: 0 },
      { yieldRate: 8n * PERCENT, minSubordination: 200_000_000 }, // 20 % (Perbill)
    ],
    10_000n * K,
    10n * K,
    0,
  ), k.eve));
  const created = eventOf(res, 'debtPool', 'Created');
  const pool = created.data.pool.toNumber();
  const [juniorAsset, seniorAsset] = created.data.shareAssets.map((a) => a.toNumber());
  assert.equal(created.data.open.isTrue, true, 'dev pools open without approval');

  // 2. Senior money before junior money breaks the subordination minimum.
  res = await submit(api, api.tx.debtPool.invest(pool, 1, 800n * K), k.dave);
  assert.equal(errorName(api, res.dispatchError), 'debtPool.SubordinationBreached');
  const charlie0 = await balance(USDT, k.charlie);
  const dave0 = await balance(USDT, k.dave);
  ok(await submit(api, api.tx.debtPool.invest(pool, 0, 200n * K), k.charlie));
  const seniorIn = ok(await submit(api, api.tx.debtPool.invest(pool, 1, 800n * K), k.dave));
  assert.equal(await balance(seniorAsset, k.dave), 800n * K, 'share tokens in the wallet');
  assert.equal(await balance(juniorAsset, k.charlie), 200n * K);
  let view = (await api.call.debtPoolApi.pool(pool)).unwrap();
  assert.equal(view.nav.toBigInt(), 1_000n * K);
  assert.equal(view.tranches[1].subordination.toNumber(), 200_000_000);

  // 3. Bob's verified invoice → loan request → the pool finances it.
  const { classId, item } = await verifiedInvoice(api, k.bob, k.ferdie, 1_500n * K, 'po');
  res = ok(await submit(api, api.tx.assetLoan.request(classId, item, {
    currency: USDT, principal: 1_000n * K, annualRate: 20n * PERCENT, schedule: { Bullet: { term: 3600 } },
  }), k.bob));
  const loan = eventOf(res, 'assetLoan', 'Requested').data.loan.toNumber();
  res = await submit(api, api.tx.debtPool.finance(pool, loan), k.dave);
  assert.equal(errorName(api, res.dispatchError), 'debtPool.NotAdminOrManager');
  ok(await submit(api, api.tx.debtPool.finance(pool, loan), k.eve));
  const poolAccount = (await api.query.assetLoan.loans(loan)).unwrap().lender.unwrap().toString();
  view = (await api.call.debtPoolApi.pool(pool)).unwrap();
  assert.equal(view.reserve.toBigInt(), 0n);
  assert.equal(view.activeLoans.toNumber(), 1);

  // A redemption queued now waits: no cash.
  res = ok(await submit(api, api.tx.debtPool.redeem(pool, 0, 1n * K), k.charlie));
  assert.equal(eventsOf(res, 'debtPool', 'RedemptionServed').length, 0);
  ok(await submit(api, api.tx.debtPool.cancelRedemption(pool, 0, 0), k.charlie));

  // 4. Some time later Bob repays everything with interest; the pool's reserve takes it in.
  const funded = (await api.query.assetLoan.loans(loan)).unwrap().fundedAt.toNumber();
  await waitFor('interest to accrue', async () => (await api.query.timestamp.now()).toNumber() > funded + 30_000, 90_000, 2_000);
  res = ok(await submit(api, api.tx.assetLoan.repayInFull(loan), k.bob));
  const repaid = eventOf(res, 'assetLoan', 'Repaid');
  const interest = repaid.data.interest.toBigInt();
  assert.ok(interest > 0n);
  assert.ok(eventOf(res, 'debtPool', 'LoanRepaid'), 'the pool booked the repayment');
  assert.equal(await balance(USDT, { address: poolAccount }), 1_000n * K + interest + 10n * K);
  view = (await api.call.debtPoolApi.pool(pool)).unwrap();
  assert.equal(view.activeLoans.toNumber(), 0);

  // 5. Dave redeems everything: exactly 800 k grown at 8 % a year, per second.
  res = ok(await submit(api, api.tx.debtPool.redeem(pool, 1, 800n * K), k.dave));
  const served = eventOf(res, 'debtPool', 'RedemptionServed');
  const seniorOut = served.data.amount.toBigInt();
  const seconds = Math.floor((await timeAt(res.blockHash)) / 1000) - Math.floor((await timeAt(seniorIn.blockHash)) / 1000);
  const ratePerSec = Number(8n * PERCENT / BigInt(SECONDS_PER_YEAR)) / 1e18;
  const expected = 800e9 * Math.exp(seconds * Math.log1p(ratePerSec));
  assert.ok(Math.abs(Number(seniorOut) - expected) <= 2, `senior got ${seniorOut}, its yield gives ${expected}`);
  assert.ok(seniorOut > 800n * K);
  assert.equal(await balance(USDT, k.dave), dave0 + seniorOut - 800n * K);
  assert.equal(await balance(seniorAsset, k.dave), 0n, 'shares burnt');

  // 6. Charlie redeems the junior tranche: the excess spread is his.
  res = ok(await submit(api, api.tx.debtPool.redeem(pool, 0, 200n * K), k.charlie));
  const juniorOut = eventOf(res, 'debtPool', 'RedemptionServed').data.amount.toBigInt();
  assert.ok(juniorOut > 200n * K, `junior got ${juniorOut}`);
  assert.equal(await balance(USDT, k.charlie), charlie0 + juniorOut - 200n * K);
  // Senior + junior = everything the loan brought back.
  assert.ok(seniorOut + juniorOut <= 1_000n * K + interest);
  assert.ok(1_000n * K + interest - (seniorOut + juniorOut) <= 2n, 'nothing left behind but rounding');

  // 7. The pool is empty: Eve closes it and gets the cover back.
  const eve0 = await balance(USDT, k.eve);
  res = ok(await submit(api, api.tx.debtPool.close(pool), k.eve));
  const returned = eventOf(res, 'debtPool', 'Closed').data.returned.toBigInt();
  assert.ok(returned >= 10n * K);
  assert.equal(await balance(USDT, k.eve), eve0 + returned);
  assert.ok((await api.query.debtPool.pools(pool)).isNone);
});
