// pallet-asset-loan on a live --dev node.
//  1. Alice's verified invoice → loan request → Bob funds → partial repayment (interest first)
//     → repayment in full → the NFT is unlocked.
//  2. A second loan is never repaid: it goes overdue, Charlie declares default after the
//     (30-second dev) grace period, Bob auctions the invoice, Dave bids, Eve outbids, the
//     auction settles: Eve owns the NFT, Bob is repaid the debt, Alice gets the surplus.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, submit, errorName, waitFor, HOOK } from '../lib/node.js';
import { devAccounts } from '../lib/keys.js';
import { eventOf, ok as okFor, verifiedInvoice, USDT } from '../lib/rwa.js';

const D = 1_000_000n; // one dollar
const LOCK = '0x616c6f616e202020'; // b"aloan   "

let node;
let api;
let k;
let defaulting; // { loan, classId, item } of the second loan, funded in `before`

const ok = (res) => okFor(api, res);

const usdt = async (who) => {
  const acc = await api.query.assets.account(USDT, who.address);
  return acc.isSome ? acc.unwrap().balance.toBigInt() : 0n;
};

const chainNow = async () => (await api.query.timestamp.now()).toNumber();

const verified = (owner, value) => verifiedInvoice(api, owner, k.ferdie, value);

async function request(owner, asset, terms) {
  const res = ok(await submit(api, api.tx.assetLoan.request(asset.classId, asset.item, terms), owner));
  return eventOf(res, 'assetLoan', 'Requested').data.loan.toNumber();
}

const lockOf = async ({ classId, item }) => (await api.query.assetNft.assets(classId, item)).unwrap().lockedBy;
const ownerOf = async ({ classId, item }) => (await api.query.uniques.asset(classId, item)).unwrap().owner.toString();

before(async () => {
  k = await devAccounts();
  node = await startNode({ args: ['--dev'], name: 'dev-asset-loan' });
  api = node.api;
  // Start the second loan's clock first: a one-minute bullet loan that will not be repaid.
  const asset = await verified(k.alice, 20_000n * D);
  const loan = await request(k.alice, asset, {
    currency: USDT,
    principal: 10_000n * D,
    annualRate: 200_000_000_000_000_000n, // 20 %
    schedule: { Bullet: { term: 60 } },
  });
  ok(await submit(api, api.tx.assetLoan.fund(loan), k.bob));
  defaulting = { loan, ...asset };
}, HOOK);

after(async () => {
  if (node) await node.stop();
}, HOOK);

test('a loan against a verified invoice is funded, partly repaid, repaid in full, and unlocks the NFT', async () => {
  const asset = await verified(k.alice, 100_000n * D);
  // More than the 80 % advance rate is refused.
  let res = await submit(api, api.tx.assetLoan.request(asset.classId, asset.item, {
    currency: USDT, principal: 80_000n * D + 1n, annualRate: 100_000_000_000_000_000n, schedule: { Bullet: { term: 3600 } },
  }), k.alice);
  assert.equal(errorName(api, res.dispatchError), 'assetLoan.ExceedsAdvanceRate');

  const loan = await request(k.alice, asset, {
    currency: USDT,
    principal: 50_000n * D,
    annualRate: 100_000_000_000_000_000n, // 10 %
    schedule: { Installments: { count: 12, period: 30 * 86_400 } },
  });
  assert.equal((await lockOf(asset)).toHex(), LOCK, 'the NFT is locked while requested');
  // A locked NFT cannot be transferred.
  res = await submit(api, api.tx.assetNft.transfer(asset.classId, asset.item, k.dave.address), k.alice);
  assert.equal(errorName(api, res.dispatchError), 'assetNft.Locked');

  const [alice0, bob0] = [await usdt(k.alice), await usdt(k.bob)];
  res = ok(await submit(api, api.tx.assetLoan.fund(loan), k.bob));
  assert.ok(eventOf(res, 'assetLoan', 'Funded'));
  assert.equal(await usdt(k.alice), alice0 + 50_000n * D);
  assert.equal(await usdt(k.bob), bob0 - 50_000n * D);

  // The runtime API reports the debt, the first installment and nothing due yet.
  await waitFor('interest to accrue', async () => (await chainNow()) > (await api.query.assetLoan.loans(loan)).unwrap().fundedAt.toNumber() + 6_000);
  const view = (await api.call.assetLoanApi.loan(loan)).unwrap();
  assert.equal(view.status.toString(), 'Active');
  assert.ok(view.debt.toBigInt() > 50_000n * D, 'interest accrues every second');
  assert.ok(view.nextInstallment.isSome);
  const [, installment] = view.nextInstallment.unwrap();
  // 12 monthly payments at 10 %: ≈ 4,395 USDT each.
  assert.ok(installment.toBigInt() > 4_390n * D && installment.toBigInt() < 4_400n * D, installment.toString());
  assert.equal(view.amountDue.toBigInt(), 0n);

  // Partial repayment by Charlie on Alice's behalf: interest first, then principal.
  res = ok(await submit(api, api.tx.assetLoan.repay(loan, 10_000n * D), k.charlie));
  const repaid = eventOf(res, 'assetLoan', 'Repaid');
  const interest = repaid.data.interest.toBigInt();
  const principal = repaid.data.principal.toBigInt();
  assert.ok(interest > 0n && interest < 10n * D, `interest ${interest}`);
  assert.equal(interest + principal, 10_000n * D);
  assert.equal((await api.query.assetLoan.loans(loan)).unwrap().outstandingPrincipal.toBigInt(), 50_000n * D - principal);

  // Overpaying is refused.
  res = await submit(api, api.tx.assetLoan.repay(loan, 50_000n * D), k.alice);
  assert.equal(errorName(api, res.dispatchError), 'assetLoan.Overpayment');

  // Repay in full: the loan closes, the NFT unlocks, Bob has principal + interest.
  res = ok(await submit(api, api.tx.assetLoan.repayInFull(loan), k.alice));
  assert.ok(eventOf(res, 'assetLoan', 'Closed'));
  const last = eventOf(res, 'assetLoan', 'Repaid');
  const total = 10_000n * D + last.data.interest.toBigInt() + last.data.principal.toBigInt();
  assert.equal(await usdt(k.bob), bob0 - 50_000n * D + total);
  assert.ok(total > 50_000n * D, 'the lender earned interest');
  assert.ok((await api.query.assetLoan.loans(loan)).isNone);
  assert.ok((await lockOf(asset)).isNone, 'the NFT is unlocked');
  assert.equal(await ownerOf(asset), k.alice.address);
  // And can move again.
  ok(await submit(api, api.tx.assetNft.transfer(asset.classId, asset.item, k.dave.address), k.alice));
});

test('an unpaid loan goes overdue, defaults, and its collateral is auctioned', async () => {
  const { loan } = defaulting;
  const funded = (await api.query.assetLoan.loans(loan)).unwrap().fundedAt.toNumber();
  // Maturity is one minute after funding.
  await waitFor('maturity to pass', async () => (await chainNow()) > funded + 60_000, 180_000, 2_000);
  const view = (await api.call.assetLoanApi.loan(loan)).unwrap();
  assert.equal(view.status.toString(), 'Overdue');
  assert.ok(view.amountDue.toBigInt() > 10_000n * D);

  // Within the grace period default is refused …
  let res = await submit(api, api.tx.assetLoan.markDefault(loan), k.charlie);
  if (res.dispatchError) assert.equal(errorName(api, res.dispatchError), 'assetLoan.GracePeriodNotOver');
  // … after it anyone may declare it.
  await waitFor('the grace period to pass', async () => (await chainNow()) > funded + 60_000 + 30_000, 120_000, 2_000);
  const already = (await api.query.assetLoan.loans(loan)).unwrap().state.isDefaulted;
  if (!already) ok(await submit(api, api.tx.assetLoan.markDefault(loan), k.charlie));
  assert.ok((await api.query.assetLoan.loans(loan)).unwrap().state.isDefaulted);
  assert.equal((await api.call.assetLoanApi.loan(loan)).unwrap().status.toString(), 'Defaulted');

  // Only the lender may auction.
  res = await submit(api, api.tx.assetLoan.startAuction(loan, 5_000n * D), k.charlie);
  assert.equal(errorName(api, res.dispatchError), 'assetLoan.NotLender');
  ok(await submit(api, api.tx.assetLoan.startAuction(loan, 5_000n * D), k.bob));

  const dave0 = await usdt(k.dave);
  ok(await submit(api, api.tx.assetLoan.bid(loan, 6_000n * D), k.dave));
  assert.equal(await usdt(k.dave), dave0 - 6_000n * D, 'the bid is escrowed');
  res = await submit(api, api.tx.assetLoan.bid(loan, 6_001n * D), k.eve);
  assert.equal(errorName(api, res.dispatchError), 'assetLoan.BidTooLow');
  const eve0 = await usdt(k.eve);
  ok(await submit(api, api.tx.assetLoan.bid(loan, 15_000n * D), k.eve));
  assert.equal(await usdt(k.dave), dave0, 'the outbid bidder is refunded');

  const ends = (await api.query.assetLoan.auctions(loan)).unwrap().endsAt.toNumber();
  await waitFor('the auction to end', async () => (await chainNow()) >= ends, 120_000, 2_000);
  const [alice0, bob0] = [await usdt(k.alice), await usdt(k.bob)];
  res = ok(await submit(api, api.tx.assetLoan.settleAuction(loan), k.charlie));
  const settled = eventOf(res, 'assetLoan', 'AuctionSettled');
  const toLender = settled.data.toLender.toBigInt();
  const toBorrower = settled.data.toBorrower.toBigInt();
  assert.equal(settled.data.winner.toString(), k.eve.address);
  assert.equal(toLender + toBorrower, 15_000n * D);
  assert.ok(toLender > 10_000n * D, 'the lender recovers principal, interest and penalty');
  assert.equal(settled.data.shortfall.toBigInt(), 0n);
  assert.equal(await usdt(k.bob), bob0 + toLender);
  assert.equal(await usdt(k.alice), alice0 + toBorrower);
  assert.equal(await usdt(k.eve), eve0 - 15_000n * D);
  assert.equal(await ownerOf(defaulting), k.eve.address, 'the winner owns the invoice');
  assert.ok((await lockOf(defaulting)).isNone);
  assert.ok((await api.query.assetLoan.loans(loan)).isNone);
});
