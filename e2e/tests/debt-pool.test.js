// pallet-debt-pool on a live --dev node.
// 1. Eve (originator) creates a 2-tranche pool → Charlie funds the junior tranche, Dave the
//    senior (8 %) → the pool finances Bob's loan against a verified invoice → Bob repays with
//    interest → both redeem and claim: Dave receives exactly his yield, Charlie more than he
//    put in.
// 2. The failure path: a pool-financed loan defaults, the pool liquidates it by auction, two
//    bidders, settlement books the shortfall against the cover then the junior, the senior
//    redeems in full, the pool closes and every deposit returns.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, submit, errorName, waitFor, HOOK } from '../lib/node.js';
import { devAccounts } from '../lib/keys.js';
import { eventOf, ok as okFor, verifiedInvoice, USDT } from '../lib/rwa.js';

const D = 1_000_000n;
const K = 1_000n * D;
const PERCENT = 10_000_000_000_000_000n; // 1 % as Perquintill parts
const SECONDS_PER_YEAR = 31_557_600;
const ANCHOR = 10_000n; // USDT's minimum balance (0.01), kept in every pool account

let node;
let api;
let k;

before(async () => {
  k = await devAccounts();
  node = await startNode({ args: ['--dev'], name: 'dev-debt-pool' });
  api = node.api;
}, HOOK);

after(async () => {
  if (node) await node.stop();
}, HOOK);

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
  res = await submit(api, api.tx.debtPool.invest(pool, 1, 800n * K, 0), k.dave);
  assert.equal(errorName(api, res.dispatchError), 'debtPool.SubordinationBreached');
  const charlie0 = await balance(USDT, k.charlie);
  const dave0 = await balance(USDT, k.dave);
  ok(await submit(api, api.tx.debtPool.invest(pool, 0, 200n * K, 0), k.charlie));
  const seniorIn = ok(await submit(api, api.tx.debtPool.invest(pool, 1, 800n * K, 800n * K), k.dave));
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
  res = ok(await submit(api, api.tx.debtPool.redeem(pool, 0, 1n * K, 0), k.charlie));
  assert.equal(eventsOf(res, 'debtPool', 'RedemptionServed').length, 0);
  ok(await submit(api, api.tx.debtPool.cancelRedemption(pool, 0, 0), k.charlie));

  // 4. Some time later Bob repays everything with interest; the pool's reserve takes it in.
  const funded = (await api.query.assetLoan.loans(loan)).unwrap().fundedAt.toNumber();
  await waitFor('interest to accrue', async () => (await api.query.timestamp.now()).toNumber() > funded + 30_000, 90_000, 2_000);
  res = ok(await submit(api, api.tx.assetLoan.repayInFull(loan), k.bob));
  const repaid = eventOf(res, 'assetLoan', 'Repaid');
  const interest = repaid.data.interest.toBigInt();
  assert.ok(interest > 0n);
  // One set of books: no notification, the cash is simply in the pool account (plus the cover
  // and the 0.01 USDT anchor that keeps the account alive).
  assert.equal(await balance(USDT, { address: poolAccount }), 1_000n * K + interest + 10n * K + ANCHOR);
  view = (await api.call.debtPoolApi.pool(pool)).unwrap();
  assert.equal(view.activeLoans.toNumber(), 0);

  // 5. Dave redeems everything: exactly 800 k grown at 8 % a year, per second.
  res = ok(await submit(api, api.tx.debtPool.redeem(pool, 1, 800n * K, 0), k.dave));
  const served = eventOf(res, 'debtPool', 'RedemptionServed');
  // Proceeds are set aside; Dave claims them (pull, not push).
  assert.equal(await balance(USDT, k.dave), dave0 - 800n * K);
  ok(await submit(api, api.tx.debtPool.claim(pool, 1, served.data.position), k.dave));
  const seniorOut = served.data.amount.toBigInt();
  const seconds = Math.floor((await timeAt(res.blockHash)) / 1000) - Math.floor((await timeAt(seniorIn.blockHash)) / 1000);
  const ratePerSec = Number(8n * PERCENT / BigInt(SECONDS_PER_YEAR)) / 1e18;
  const expected = 800e9 * Math.exp(seconds * Math.log1p(ratePerSec));
  assert.ok(Math.abs(Number(seniorOut) - expected) <= 2, `senior got ${seniorOut}, its yield gives ${expected}`);
  assert.ok(seniorOut > 800n * K);
  assert.equal(await balance(USDT, k.dave), dave0 + seniorOut - 800n * K);
  assert.equal(await balance(seniorAsset, k.dave), 0n, 'shares burnt');

  // 6. Charlie redeems the junior tranche: the excess spread is his.
  res = ok(await submit(api, api.tx.debtPool.redeem(pool, 0, 200n * K, 0), k.charlie));
  const juniorServed = eventOf(res, 'debtPool', 'RedemptionServed');
  const juniorOut = juniorServed.data.amount.toBigInt();
  ok(await submit(api, api.tx.debtPool.claim(pool, 0, juniorServed.data.position), k.charlie));
  assert.ok(juniorOut > 200n * K, `junior got ${juniorOut}`);
  assert.equal(await balance(USDT, k.charlie), charlie0 + juniorOut - 200n * K);
  // Senior + junior = everything the loan brought back.
  assert.ok(seniorOut + juniorOut <= 1_000n * K + interest);
  assert.ok(1_000n * K + interest - (seniorOut + juniorOut) <= 2n, 'nothing left behind but rounding');

  // 7. The pool is empty: Eve closes it and gets the cover back.
  const eve0 = await balance(USDT, k.eve);
  res = ok(await submit(api, api.tx.debtPool.close(pool), k.eve));
  const returned = eventOf(res, 'debtPool', 'Closed').data.returned.toBigInt();
  assert.ok(returned >= 10n * K + ANCHOR);
  assert.equal(await balance(USDT, k.eve), eve0 + returned);
  assert.ok((await api.query.debtPool.pools(pool)).isNone);
});

const held = async (who) => (await api.query.balances.holds(who.address)).reduce((a, h) => a + h.amount.toBigInt(), 0n);

test('a defaulted pool loan is liquidated by auction; the cover then the junior take the loss; everyone leaves', async () => {
  const holds0 = { eve: await held(k.eve), charlie: await held(k.charlie), dave: await held(k.dave) };
  // Eve's pool: junior 200 k (Charlie), senior 800 k at 8 % (Dave), 10 k first-loss cover.
  let res = ok(await submit(api, api.tx.debtPool.create(
    USDT, 'sme-invoices-EU-2',
    [{ yieldRate: 0, minSubordination: 0 }, { yieldRate: 8n * PERCENT, minSubordination: 200_000_000 }],
    10_000n * K, 10n * K, 0,
  ), k.eve));
  const pool = eventOf(res, 'debtPool', 'Created').data.pool.toNumber();
  ok(await submit(api, api.tx.debtPool.invest(pool, 0, 200n * K, 0), k.charlie));
  ok(await submit(api, api.tx.debtPool.invest(pool, 1, 800n * K, 0), k.dave));

  // Bob borrows 100 k for one minute against an invoice and never pays.
  const { classId, item } = await verifiedInvoice(api, k.bob, k.ferdie, 150n * K, 'unpaid');
  res = ok(await submit(api, api.tx.assetLoan.request(classId, item, {
    currency: USDT, principal: 100n * K, annualRate: 10n * PERCENT, schedule: { Bullet: { term: 60 } },
  }), k.bob));
  const loan = eventOf(res, 'assetLoan', 'Requested').data.loan.toNumber();
  ok(await submit(api, api.tx.debtPool.finance(pool, loan), k.eve));
  const maturity = (await api.call.assetLoanApi.loan(loan)).unwrap().maturity.unwrap().toNumber();

  // Past maturity the pool's books are stale until someone revalues the loan.
  await waitFor('maturity', async () => (await api.query.timestamp.now()).toNumber() > maturity, 120_000, 2_000);
  let view = (await api.call.debtPoolApi.pool(pool)).unwrap();
  assert.equal(view.staleLoan.unwrap().toNumber(), loan);
  res = await submit(api, api.tx.debtPool.invest(pool, 0, K, 0), k.charlie);
  assert.equal(errorName(api, res.dispatchError), 'debtPool.NavStale');
  ok(await submit(api, api.tx.debtPool.updateLoan(loan), k.ferdie));
  assert.ok((await api.call.debtPoolApi.pool(pool)).unwrap().staleLoan.isNone);

  // 30 s of grace later: default. Before it, the pool cannot liquidate.
  res = await submit(api, api.tx.debtPool.liquidate(loan, 40n * K), k.eve);
  assert.equal(errorName(api, res.dispatchError), 'debtPool.LoanNotDefaulted');
  await waitFor('the grace period', async () => {
    const r = await submit(api, api.tx.assetLoan.markDefault(loan), k.ferdie);
    return !r.dispatchError;
  }, 120_000, 3_000);
  // A stranger may not liquidate yet (30 s delay on dev); the originator may.
  res = await submit(api, api.tx.debtPool.liquidate(loan, null), k.alice);
  assert.equal(errorName(api, res.dispatchError), 'debtPool.LiquidationDelayNotOver');
  res = ok(await submit(api, api.tx.debtPool.liquidate(loan, 40n * K), k.eve));
  assert.ok(eventOf(res, 'debtPool', 'Liquidated'));
  const seniorBefore = (await api.call.debtPoolApi.pool(pool)).unwrap().tranches[1].value.toBigInt();

  // Two bidders.
  const ferdie0 = await balance(USDT, k.ferdie);
  ok(await submit(api, api.tx.assetLoan.bid(loan, 45n * K), k.ferdie));
  ok(await submit(api, api.tx.assetLoan.bid(loan, 50n * K), k.alice));
  assert.equal(await balance(USDT, k.ferdie), ferdie0, 'the outbid bidder is refunded');
  const ends = (await api.query.assetLoan.auctions(loan)).unwrap().endsAt.toNumber();
  await waitFor('the auction to end', async () => (await api.query.timestamp.now()).toNumber() >= ends, 120_000, 2_000);
  const juniorBefore = (await api.call.debtPoolApi.pool(pool)).unwrap().tranches[0].value.toBigInt();
  res = ok(await submit(api, api.tx.assetLoan.settleAuction(loan), k.ferdie));
  const settled = eventOf(res, 'assetLoan', 'AuctionSettled');
  assert.equal(settled.data.winner.toString(), k.alice.address);
  assert.equal(settled.data.toLender.toBigInt(), 50n * K);
  const shortfall = settled.data.shortfall.toBigInt();
  assert.ok(shortfall > 50n * K, `shortfall ${shortfall}`);

  // The next pool call books the realised loss: the cover pays the first 10 k, the junior the rest.
  view = (await api.call.debtPoolApi.pool(pool)).unwrap();
  assert.equal(view.firstLossCover.toBigInt(), 0n);
  assert.equal(view.activeLoans.toNumber(), 0);
  const seniorAfter = view.tranches[1].value.toBigInt();
  assert.ok(seniorAfter >= seniorBefore, 'the senior is untouched (its yield keeps accruing)');
  assert.ok(juniorBefore - view.tranches[0].value.toBigInt() > 0n, 'the junior took the loss');
  res = ok(await submit(api, api.tx.debtPool.processRedemptions(pool), k.ferdie));
  const booked = eventOf(res, 'debtPool', 'LossBooked');
  assert.equal(booked.data.loss.toBigInt(), shortfall);
  assert.equal(booked.data.covered.toBigInt(), 10n * K);

  // The senior redeems in full — 800 k grown at 8 % — then the junior takes what is left.
  const dave0 = await balance(USDT, k.dave);
  res = ok(await submit(api, api.tx.debtPool.redeem(pool, 1, 800n * K, 800n * K), k.dave));
  const seniorServed = eventOf(res, 'debtPool', 'RedemptionServed');
  assert.equal(seniorServed.data.shares.toBigInt(), 800n * K, 'served in full');
  assert.ok(seniorServed.data.amount.toBigInt() > 800n * K);
  ok(await submit(api, api.tx.debtPool.claim(pool, 1, seniorServed.data.position), k.dave));
  assert.equal(await balance(USDT, k.dave), dave0 + seniorServed.data.amount.toBigInt());
  res = ok(await submit(api, api.tx.debtPool.redeem(pool, 0, 200n * K, 0), k.charlie));
  const juniorServed = eventOf(res, 'debtPool', 'RedemptionServed');
  assert.ok(juniorServed.data.amount.toBigInt() < 200n * K, 'the junior lost money');
  ok(await submit(api, api.tx.debtPool.claim(pool, 0, juniorServed.data.position), k.charlie));

  // The pool closes; every deposit is back.
  res = ok(await submit(api, api.tx.debtPool.close(pool), k.eve));
  assert.ok(eventOf(res, 'debtPool', 'Closed').data.returned.toBigInt() >= ANCHOR);
  assert.ok((await api.query.debtPool.pools(pool)).isNone);
  assert.equal(await held(k.eve), holds0.eve, 'pool deposit released');
  assert.equal(await held(k.charlie), holds0.charlie, 'queue deposits released');
  assert.equal(await held(k.dave), holds0.dave);
  assert.ok((await api.query.assetLoan.loans(loan)).isNone);
  const bobHolds = await api.query.balances.holds(k.bob.address);
  assert.ok(!bobHolds.some((h) => JSON.stringify(h.id.toJSON()).includes('LoanDeposit')), 'loan deposit released');
});
