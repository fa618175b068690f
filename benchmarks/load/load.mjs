// Throughput load generator for Persistence.
//
//   node benchmarks/load/load.mjs [--txs 1200] [--each N] [--accounts 200] [--workloads transfer,...]
//                                 [--out benchmarks/load/results.json]
//
// Starts a fresh `--dev` node (the release binary, `PERSISTENCE_NODE`), funds `--accounts`
// derived accounts, and for each workload pre-signs `--txs` extrinsics spread over those
// accounts, submits them all at once, then reads the blocks that include them: extrinsics per
// block (mean, max), sustained extrinsics per second (included / time between the block before
// the first and the last including block), block-weight fill (normal class) and failures.
// Workloads run one after another on the same node so their numbers compare; `transfer`
// (balances.transfer_keep_alive) is the baseline the others are divided by.
//
// Workloads (each measures the calls named after it, one result per call):
//   transfer        balances.transfer_keep_alive — the baseline
//   nft-classes     asset-nft create_class, destroy_class
//   nft-mint        asset-nft mint, verify (the verified items feed the loan workloads)
//   nft-lifecycle   asset-nft update_metadata, settle, reject, transfer, burn
//   loan-request    asset-loan request            loan-cancel   asset-loan cancel
//   loan-fund       asset-loan fund               loan-repay    asset-loan repay (partial)
//   pool-invest     debt-pool invest
//   rwa-mix         mint 30 %, loan request 20 %, fund 20 %, repay 20 %, pool deposit 10 %
//   loan-default    asset-loan mark_overdue, mark_default, seize, start_auction, bid, settle_auction
//                   (60-second loans; waits for maturity, the dev grace period and auction end)
//   pool-cycle      debt-pool finance, redeem, cancel_redemption, process_redemptions, update_loan,
//                   asset-loan repay_in_full (of pool loans, booked by the pool)
//   pool-admin      debt-pool create, set_manager, close
//   appchain        app-chain-registry reserve, register, retire
// Governance-only calls (verifier lists, advance rates, approvals, pause/resume, …) and the
// registry's validator calls (opt_in, submit_checkpoint: the dev chain has one validator) are
// not load-tested; their benchmarked weights are in benchmarks/README.md. Setup transactions
// (classes, verifications, requests, investments) are not measured.
//
// Dependencies come from e2e/ (npm ci there): this script imports its helpers.
import { writeFileSync } from 'node:fs';
import { startNode, sleep } from '../../e2e/lib/node.js';
import { devAccounts } from '../../e2e/lib/keys.js';
import { derivedAccounts } from '../../e2e/lib/accounts.js';

const USDT = 1984;
const UNIT = 1_000_000n;
const DAY = 86_400_000;

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const TXS = Number(args.txs ?? 1200);
// Extrinsics per call for the per-call workloads (nft-classes … appchain); default --txs.
const EACH = Number(args.each ?? TXS);
const ACCOUNTS = Number(args.accounts ?? 200);
const ALL = 'transfer,nft-classes,nft-mint,nft-lifecycle,loan-request,loan-cancel,loan-fund,loan-repay,pool-invest,rwa-mix,loan-default,pool-cycle,pool-admin,appchain';
const WORKLOADS = (args.workloads ?? ALL).split(',');
const OUT = args.out ?? new URL('./results.json', import.meta.url).pathname;

const log = (...a) => console.error(new Date().toISOString().slice(11, 19), ...a);

let api;
const nonces = new Map();

async function nonceOf(pair) {
  if (!nonces.has(pair.address)) nonces.set(pair.address, (await api.rpc.system.accountNextIndex(pair.address)).toNumber());
  const n = nonces.get(pair.address);
  nonces.set(pair.address, n + 1);
  return n;
}

/** Sign `tx` as `pair` with the next local nonce, immortal. */
async function presign(tx, pair) {
  return tx.signAsync(pair, { nonce: await nonceOf(pair), era: 0 });
}

/** Submit signed extrinsics (in chunks), return their hashes. */
async function submitAll(signed) {
  const hashes = [];
  for (let i = 0; i < signed.length; i += 250) {
    const chunk = signed.slice(i, i + 250);
    const res = await Promise.all(chunk.map((x) => api.rpc.author.submitExtrinsic(x).then((h) => h.toHex(), (e) => ({ error: e.message }))));
    for (const r of res) {
      if (typeof r === 'string') hashes.push(r);
      else log('refused by the pool:', r.error);
    }
  }
  return hashes;
}

/** Wait until every hash is in a block; return per-block stats. */
async function follow(hashes, startNumber, { quietMs = 60_000 } = {}) {
  const want = new Set(hashes);
  const blocks = [];
  let next = startNumber + 1;
  let lastProgress = Date.now();
  const maxNormal = api.consts.system.blockWeights.perClass.normal.maxTotal.unwrap().refTime.toBigInt();
  while (want.size > 0 && Date.now() - lastProgress < quietMs) {
    const best = (await api.rpc.chain.getHeader()).number.toNumber();
    if (best < next) {
      await sleep(500);
      continue;
    }
    const hash = await api.rpc.chain.getBlockHash(next);
    const block = await api.rpc.chain.getBlock(hash);
    const at = await api.at(hash);
    const [events, weight, now] = await Promise.all([at.query.system.events(), at.query.system.blockWeight(), at.query.timestamp.now()]);
    const ours = [];
    block.block.extrinsics.forEach((x, i) => {
      const h = x.hash.toHex();
      if (want.has(h)) {
        want.delete(h);
        ours.push(i);
      }
    });
    const failures = events.filter(({ phase, event }) => phase.isApplyExtrinsic && ours.includes(phase.asApplyExtrinsic.toNumber()) && api.events.system.ExtrinsicFailed.is(event));
    const failed = failures.length;
    for (const { event } of failures.slice(0, 1)) {
      const err = event.data[0];
      log('failed:', err.isModule ? (({ section, name }) => `${section}.${name}`)(api.registry.findMetaError(err.asModule)) : err.type);
    }
    blocks.push({
      number: next,
      time: now.toNumber(),
      included: ours.length,
      failed,
      fill: Number((weight.normal.refTime.toBigInt() * 10_000n) / maxNormal) / 100,
    });
    if (ours.length > 0) lastProgress = Date.now();
    next += 1;
  }
  return { blocks, missing: want.size };
}

/** Measure one workload: pre-signed extrinsics, submitted at once. */
async function measure(name, signed) {
  const start = (await api.rpc.chain.getHeader()).number.toNumber();
  const startTime = (await api.query.timestamp.now()).toNumber();
  const hashes = await submitAll(signed);
  const { blocks, missing } = await follow(hashes, start);
  const used = blocks.filter((b) => b.included > 0);
  const included = used.reduce((a, b) => a + b.included, 0);
  const failed = used.reduce((a, b) => a + b.failed, 0);
  const last = used[used.length - 1];
  const seconds = last ? (last.time - startTime) / 1000 : 0;
  const r = {
    workload: name,
    submitted: signed.length,
    included,
    failed,
    missing,
    blocks: used.length,
    perBlockMean: used.length ? +(included / used.length).toFixed(1) : 0,
    perBlockMax: used.length ? Math.max(...used.map((b) => b.included)) : 0,
    perSecond: seconds > 0 ? +(included / seconds).toFixed(1) : 0,
    fillMean: used.length ? +(used.reduce((a, b) => a + b.fill, 0) / used.length).toFixed(1) : 0,
    fillMax: used.length ? Math.max(...used.map((b) => b.fill)) : 0,
  };
  log(name, JSON.stringify(r));
  return r;
}

/** Dispatch `calls` from `signer` in batches and wait for each batch. */
async function setup(calls, signer, label) {
  for (let i = 0; i < calls.length; i += 200) {
    const tx = api.tx.utility.forceBatch(calls.slice(i, i + 200));
    const signed = await presign(tx, signer);
    const start = (await api.rpc.chain.getHeader()).number.toNumber();
    const hashes = await submitAll([signed]);
    const { missing } = await follow(hashes, start);
    if (missing) throw new Error(`setup ${label} not included`);
  }
  log('setup', label, calls.length);
}

/** Submit one signed extrinsic per item of `items` (from many signers) and wait. */
async function setupMany(build, label) {
  const signed = [];
  for (const [tx, who] of build) signed.push(await presign(tx, who));
  const start = (await api.rpc.chain.getHeader()).number.toNumber();
  const hashes = await submitAll(signed);
  const { missing } = await follow(hashes, start);
  if (missing) throw new Error(`setup ${label}: ${missing} not included`);
  log('setup', label, signed.length);
}

async function main() {
  const node = await startNode({ args: ['--dev', '--pool-limit', '50000', '--pool-kbytes', '200000'], name: 'load' });
  api = node.api;
  try {
    const k = await devAccounts();
    const accounts = await derivedAccounts(ACCOUNTS);
    const per = Math.ceil(TXS / ACCOUNTS);
    log(`${ACCOUNTS} accounts, ${TXS} extrinsics per workload (${per} per account)`);

    // Fund: XPRT from Alice, USDT from Alice, Bob, Charlie, Dave (1 M each at genesis).
    await setup(accounts.map((a) => api.tx.balances.transferKeepAlive(a.address, 10_000n * UNIT)), k.alice, 'XPRT');
    const usdtFunders = [k.alice, k.bob, k.charlie, k.dave];
    for (let f = 0; f < usdtFunders.length; f++) {
      const mine = accounts.filter((_, i) => i % usdtFunders.length === f);
      await setup(mine.map((a) => api.tx.assets.transferKeepAlive(USDT, a.address, 3_000n * UNIT)), usdtFunders[f], `USDT from funder ${f}`);
    }

    const results = [];
    const other = (i) => accounts[(i + 1) % ACCOUNTS];
    const owner = (j) => accounts[j % ACCOUNTS];
    // Each account gets one invoice class; items are minted by its owner.
    let classes = [];
    const mintParams = async () => {
      const now = (await api.query.timestamp.now()).toNumber();
      return { faceValue: 1_000n * UNIT, currency: USDT, issueDate: now, maturityDate: now + 90 * DAY, documentHash: '0x' + '11'.repeat(32), metadata: '{}', privateFields: [] };
    };
    const ensureClasses = async () => {
      if (classes.length) return;
      const first = (await api.query.assetNft.nextClassId()).toNumber();
      await setupMany(accounts.map((a) => [api.tx.assetNft.createClass('Invoice', 'load'), a]), 'classes');
      // Ids follow inclusion order: look each account's class up.
      const ids = accounts.map((_, i) => first + i);
      const infos = await api.query.assetNft.classes.multi(ids);
      const classOf = new Map(infos.map((c, i) => [c.unwrap().owner.toString(), ids[i]]));
      classes = accounts.map((a) => classOf.get(a.address));
    };
    const nextItem = new Map();
    const mintTx = async (j) => {
      const c = classes[j % ACCOUNTS];
      const item = nextItem.get(c) ?? 0;
      nextItem.set(c, item + 1);
      return [api.tx.assetNft.mint(c, await mintParams()), owner(j), { class: c, item }];
    };
    // Verified items not yet borrowed against, requested loans not yet funded, active loans.
    const verified = [];
    const requested = [];
    const active = [];
    const verifyItems = async (items) => {
      const until = (await api.query.timestamp.now()).toNumber() + 60 * DAY;
      await setup(items.map((it) => api.tx.assetNft.verify(it.class, it.item, '0x' + '11'.repeat(32), 1_000n * UNIT, until)), k.ferdie, `verify ${items.length}`);
      verified.push(...items);
    };
    const terms = { currency: USDT, principal: 100n * UNIT, annualRate: 100_000_000_000_000_000n, schedule: { Bullet: { term: 30 * 86_400 } } };
    const requestTxs = (n) => {
      const out = [];
      for (let j = 0; j < n && verified.length; j++) {
        const it = verified.shift();
        const who = accounts[classes.indexOf(it.class)];
        out.push([api.tx.assetLoan.request(it.class, it.item, terms), who, it]);
      }
      return out;
    };
    const byAddress = new Map(accounts.map((a) => [a.address, a]));
    /** The borrowers of loans `ids`, read from the chain (inclusion order is the pool's). */
    const withBorrowers = async (ids) => {
      const infos = await api.query.assetLoan.loans.multi(ids);
      return ids.map((id, i) => ({ id, borrower: byAddress.get(infos[i].unwrap().borrower.toString()) }));
    };
    let nextLoan = null;
    const loanIdsFor = async (n) => {
      if (nextLoan === null) nextLoan = (await api.query.assetLoan.nextLoanId()).toNumber();
      const ids = Array.from({ length: n }, (_, i) => nextLoan + i);
      nextLoan += n;
      return ids;
    };
    let pool = null;
    const ensurePool = async () => {
      if (pool !== null) return;
      pool = (await api.query.debtPool.nextPoolId()).toNumber();
      await setup([api.tx.debtPool.create(USDT, 'load', [{ yieldRate: 0, minSubordination: 0 }], 1_000_000_000n * UNIT, 0, 0)], k.alice, 'pool');
    };

    // ---- helpers shared by the workloads below ----
    /** Wait until the chain's timestamp reaches `ms`. */
    const waitChainTime = async (ms, label) => {
      log('waiting for', label);
      for (;;) {
        if ((await api.query.timestamp.now()).toNumber() >= ms) return;
        await sleep(1000);
      }
    };
    /** Pre-sign `[tx, who]` pairs and measure them as workload `name`. */
    const run = async (name, built) => {
      const signed = [];
      for (const [tx, who] of built) signed.push(await presign(tx, who));
      const r = await measure(name, signed);
      results.push(r);
      return r;
    };
    /** `n` fresh verified items (setup, not measured), appraised at `value` (1,000 USDT). */
    const freshVerified = async (n, label, value = 1_000n * UNIT) => {
      await ensureClasses();
      const built = [];
      for (let j = 0; j < n; j++) built.push(await mintTx(j));
      await setupMany(built.map(([tx, who]) => [tx, who]), `${label} items`);
      const items = built.map(([, , it]) => it);
      const until = (await api.query.timestamp.now()).toNumber() + 60 * DAY;
      await setup(items.map((it) => api.tx.assetNft.verify(it.class, it.item, '0x' + '11'.repeat(32), value, until)), k.ferdie, `${label} verify`);
      return items;
    };
    /** Loan requests against `items` (setup): returns `{id, borrower}` read from the chain. */
    const requestLoans = async (items, loanTerms, label) => {
      const ids = await loanIdsFor(items.length);
      await setupMany(items.map((it) => [api.tx.assetLoan.request(it.class, it.item, loanTerms), accounts[classes.indexOf(it.class)]]), `${label} requests`);
      return withBorrowers(ids);
    };
    /** Somebody other than `who` among the accounts. */
    const otherThan = (who, k2 = 1) => accounts[(accounts.indexOf(who) + k2) % ACCOUNTS];
    /** Entities of a map storage owned by each account, in id order: `[id, owner]`. */
    const idsOwnedBy = async (entries, ownerOf) =>
      entries.map(([key, v]) => [key.args[0].toNumber(), byAddress.get(ownerOf(v.unwrap()).toString())]).filter(([, o]) => o).sort((a, b) => a[0] - b[0]);

    for (const w of WORKLOADS) {
      if (w === 'transfer') {
        const txs = [];
        for (let j = 0; j < TXS; j++) txs.push(await presign(api.tx.balances.transferKeepAlive(other(j).address, UNIT), owner(j)));
        results.push(await measure(w, txs));
      } else if (w === 'nft-classes') {
        // create_class, then destroy_class of the same (empty) classes.
        const first = (await api.query.assetNft.nextClassId()).toNumber();
        await run('nft-create-class', Array.from({ length: EACH }, (_, j) => [api.tx.assetNft.createClass('Receivable', 'load'), owner(j)]));
        const last = (await api.query.assetNft.nextClassId()).toNumber();
        const ids = Array.from({ length: last - first }, (_, i) => first + i);
        const infos = await api.query.assetNft.classes.multi(ids);
        await run('nft-destroy-class', ids.map((id, i) => [api.tx.assetNft.destroyClass(id), byAddress.get(infos[i].unwrap().owner.toString())]));
      } else if (w === 'nft-mint') {
        // mint, then verify the minted items (one verifier, Ferdie): they feed the loan workloads.
        await ensureClasses();
        const built = [];
        for (let j = 0; j < TXS; j++) built.push(await mintTx(j));
        await run('nft-mint', built.map(([tx, who]) => [tx, who]));
        const items = built.map(([, , it]) => it);
        const until = (await api.query.timestamp.now()).toNumber() + 60 * DAY;
        await run('nft-verify', items.map((it) => [api.tx.assetNft.verify(it.class, it.item, '0x' + '11'.repeat(32), 1_000n * UNIT, until), k.ferdie]));
        verified.push(...items);
      } else if (w === 'nft-lifecycle') {
        // Unverified items through update_metadata, settle, reject, transfer, burn.
        await ensureClasses();
        const built = [];
        for (let j = 0; j < EACH; j++) built.push(await mintTx(j));
        await setupMany(built.map(([tx, who]) => [tx, who]), 'lifecycle items');
        const items = built.map(([, , it, ], j) => ({ ...it, who: owner(j) }));
        await run('nft-update-metadata', items.map((it) => [api.tx.assetNft.updateMetadata(it.class, it.item, '0x' + '22'.repeat(32), '{"v":2}'), it.who]));
        await run('nft-settle', items.map((it) => [api.tx.assetNft.settle(it.class, it.item), it.who]));
        await run('nft-reject', items.map((it) => [api.tx.assetNft.reject(it.class, it.item, 1), k.ferdie]));
        await run('nft-transfer', items.map((it) => [api.tx.assetNft.transfer(it.class, it.item, otherThan(it.who).address), it.who]));
        await run('nft-burn', items.map((it) => [api.tx.assetNft.burn(it.class, it.item), otherThan(it.who)]));
      } else if (w === 'loan-request') {
        if (verified.length < TXS) throw new Error('loan-request needs nft-mint first');
        const built = requestTxs(TXS);
        const signed = [];
        for (const [tx, who] of built) signed.push(await presign(tx, who));
        const ids = await loanIdsFor(built.length);
        results.push(await measure(w, signed));
        requested.push(...(await withBorrowers(ids)));
      } else if (w === 'loan-cancel') {
        const loans = await requestLoans(await freshVerified(EACH, 'cancel'), terms, 'cancel');
        await run(w, loans.map((l) => [api.tx.assetLoan.cancel(l.id), l.borrower]));
      } else if (w === 'loan-fund') {
        const loans = requested.splice(0, TXS);
        const signed = [];
        for (const [i, l] of loans.entries()) {
          const lender = accounts[(accounts.indexOf(l.borrower) + 1 + (i % 7)) % ACCOUNTS];
          signed.push(await presign(api.tx.assetLoan.fund(l.id), lender));
        }
        results.push(await measure(w, signed));
        active.push(...loans);
      } else if (w === 'loan-repay') {
        const signed = [];
        for (const l of active.slice(0, TXS)) signed.push(await presign(api.tx.assetLoan.repay(l.id, UNIT), l.borrower));
        results.push(await measure(w, signed));
      } else if (w === 'loan-default') {
        // 60-second bullet loans of 10 USDT, funded by individuals; after maturity:
        // mark_overdue, after the dev grace period (30 s): mark_default, then the lender seizes
        // half and auctions half (one bid each, settled after the dev auction duration, 30 s).
        // A lender may seize only collateral appraised at no more than the debt (no equity is
        // taken), so these items are appraised at the principal, borrowed at a 100 % advance
        // rate (set by sudo for the setup, restored after): a minute's interest puts the debt
        // above the appraisal.
        const shortTerms = { ...terms, principal: 10n * UNIT, schedule: { Bullet: { term: 60 } } };
        const items = await freshVerified(EACH, 'default', 10n * UNIT);
        const rate = (kind, r) => api.tx.sudo.sudo(api.tx.assetLoan.setAdvanceRate(kind, r));
        const invoiceRate = (await api.query.assetLoan.advanceRates('Invoice')).unwrap().toNumber();
        await setup([rate('Invoice', 1_000_000_000)], k.alice, 'advance rate 100 %');
        const loans = await requestLoans(items, shortTerms, 'default');
        await setup([rate('Invoice', invoiceRate)], k.alice, 'advance rate restored');
        loans.forEach((l, i) => { l.lender = otherThan(l.borrower, 1 + (i % 7)); });
        await setupMany(loans.map((l) => [api.tx.assetLoan.fund(l.id), l.lender]), 'default fund');
        const fundedAt = (await api.query.timestamp.now()).toNumber();
        await waitChainTime(fundedAt + 61_000, 'maturity');
        await run('loan-mark-overdue', loans.map((l, i) => [api.tx.assetLoan.markOverdue(l.id), owner(i)]));
        await waitChainTime(fundedAt + 61_000 + 30_000, 'grace period');
        await run('loan-mark-default', loans.map((l, i) => [api.tx.assetLoan.markDefault(l.id), owner(i + 3)]));
        const half = Math.floor(loans.length / 2);
        const [seized, auctioned] = [loans.slice(0, half), loans.slice(half)];
        await run('loan-seize', seized.map((l) => [api.tx.assetLoan.seize(l.id), l.lender]));
        await run('loan-start-auction', auctioned.map((l) => [api.tx.assetLoan.startAuction(l.id, 5n * UNIT), l.lender]));
        const auctionsFrom = (await api.query.timestamp.now()).toNumber();
        await run('loan-bid', auctioned.map((l) => [api.tx.assetLoan.bid(l.id, 6n * UNIT), otherThan(l.lender, 11)]));
        await waitChainTime(auctionsFrom + 31_000, 'auction end');
        await run('loan-settle-auction', auctioned.map((l, i) => [api.tx.assetLoan.settleAuction(l.id), owner(i + 5)]));
      } else if (w === 'pool-invest') {
        await ensurePool();
        const signed = [];
        for (let j = 0; j < TXS; j++) signed.push(await presign(api.tx.debtPool.invest(pool, 0, UNIT, 0), owner(j)));
        results.push(await measure(w, signed));
      } else if (w === 'pool-cycle') {
        // A pool of its own: investors put in 1 USDT each and Alice the rest, Alice finances
        // EACH 60-second loans of 10 USDT (reserve drained), investors redeem (queued), half cancel,
        // Alice's deposit brings cash and process_redemptions serves the queue (8 per call),
        // update_loan re-values the now overdue loans, borrowers repay in full (booked by the pool).
        const q = (await api.query.debtPool.nextPoolId()).toNumber();
        await setup([api.tx.debtPool.create(USDT, 'cycle', [{ yieldRate: 0, minSubordination: 0 }], 1_000_000_000n * UNIT, 0, 0)], k.alice, 'cycle pool');
        await setupMany(Array.from({ length: EACH }, (_, j) => [api.tx.debtPool.invest(q, 0, UNIT, 0), owner(j)]), 'cycle investors');
        await setup([api.tx.debtPool.invest(q, 0, BigInt(EACH) * 9n * UNIT, 0)], k.alice, 'cycle alice');
        const shortTerms = { ...terms, principal: 10n * UNIT, schedule: { Bullet: { term: 60 } } };
        const loans = await requestLoans(await freshVerified(EACH, 'cycle'), shortTerms, 'cycle');
        await run('pool-finance', loans.map((l) => [api.tx.debtPool.finance(q, l.id), k.alice]));
        const financedAt = (await api.query.timestamp.now()).toNumber();
        await run('pool-redeem', Array.from({ length: EACH }, (_, j) => [api.tx.debtPool.redeem(q, 0, UNIT, 0), owner(j)]));
        const queued = (await api.query.debtPool.queues.entries([q, 0]))
          .map(([key, v]) => ({ position: key.args[1].toNumber(), who: byAddress.get(v.unwrap().who.toString()) }))
          .sort((a, b) => a.position - b.position);
        await run('pool-cancel-redemption', queued.filter((_, i) => i % 2 === 0).map((e) => [api.tx.debtPool.cancelRedemption(q, 0, e.position), e.who]));
        await setup([api.tx.debtPool.invest(q, 0, BigInt(EACH) * UNIT, 0)], k.alice, 'cycle cash');
        const left = (await api.query.debtPool.queues.keys([q, 0])).length;
        await run('pool-process-redemptions', Array.from({ length: Math.ceil(left / 8) }, (_, j) => [api.tx.debtPool.processRedemptions(q), owner(j)]));
        await waitChainTime(financedAt + 61_000, 'pool loans overdue');
        await run('pool-update-loan', loans.map((l, i) => [api.tx.debtPool.updateLoan(l.id), owner(i + 2)]));
        await run('loan-repay-in-full', loans.map((l) => [api.tx.assetLoan.repayInFull(l.id), l.borrower]));
      } else if (w === 'pool-admin') {
        // create (one tranche, no cover), set_manager, close.
        await run('pool-create', Array.from({ length: EACH }, (_, j) => [api.tx.debtPool.create(USDT, 'admin', [{ yieldRate: 0, minSubordination: 0 }], 1_000_000n * UNIT, 0, 0), owner(j)]));
        const mine = await idsOwnedBy(await api.query.debtPool.pools.entries(), (p) => p.admin);
        const fresh = mine.filter(([id]) => id !== pool);
        await run('pool-set-manager', fresh.map(([id, who]) => [api.tx.debtPool.setManager(id, otherThan(who).address), who]));
        await run('pool-close', fresh.map(([id, who]) => [api.tx.debtPool.close(id), who]));
      } else if (w === 'appchain') {
        // reserve an id, register metadata, retire (withdrawal waits 7 days: not measured).
        await run('appchain-reserve', Array.from({ length: EACH }, (_, j) => [api.tx.appChainRegistry.reserve(), owner(j)]));
        const chains = await idsOwnedBy(await api.query.appChainRegistry.chains.entries(), (c) => c.owner);
        const meta = (id) => ({
          name: `Load chain ${id}`,
          genesisHash: '0x' + id.toString(16).padStart(64, '0'),
          codeHash: '0x' + (id + 1).toString(16).padStart(64, '0'),
          tokenSymbol: 'LOAD', tokenDecimals: 12, rpcUrl: `wss://rpc.chain-${id}.example`, website: `https://chain-${id}.example`,
          validatorsWanted: 1, minStake: 0,
        });
        await run('appchain-register', chains.map(([id, who]) => [api.tx.appChainRegistry.register(id, meta(id)), who]));
        await run('appchain-retire', chains.map(([id, who]) => [api.tx.appChainRegistry.retire(id), who]));
      } else if (w === 'rwa-mix') {
        await ensureClasses();
        await ensurePool();
        const n = { mint: Math.round(TXS * 0.3), request: Math.round(TXS * 0.2), fund: Math.round(TXS * 0.2), repay: Math.round(TXS * 0.2) };
        n.invest = TXS - n.mint - n.request - n.fund - n.repay;
        // Setup: verified items for the requests, and requested loans for the fundings.
        const extra = [];
        for (let j = 0; j < n.request + n.fund; j++) extra.push(await mintTx(j));
        await setupMany(extra.map(([tx, who]) => [tx, who]), 'mix items');
        await verifyItems(extra.map(([, , it]) => it));
        const pre = requestTxs(n.fund);
        const preIds = await loanIdsFor(pre.length);
        await setupMany(pre.map(([tx, who]) => [tx, who]), 'mix requests');
        const toFund = await withBorrowers(preIds);
        if (active.length < n.repay) throw new Error('rwa-mix needs loan-fund first');
        // The mix, interleaved.
        const built = [];
        for (let j = 0; j < n.mint; j++) built.push((await mintTx(j + 7)).slice(0, 2));
        const reqs = requestTxs(n.request);
        await loanIdsFor(reqs.length);
        built.push(...reqs.map(([tx, who]) => [tx, who]));
        toFund.forEach((l, i) => built.push([api.tx.assetLoan.fund(l.id), accounts[(accounts.indexOf(l.borrower) + 3 + (i % 5)) % ACCOUNTS]]));
        active.slice(0, n.repay).forEach((l) => built.push([api.tx.assetLoan.repay(l.id, UNIT), l.borrower]));
        for (let j = 0; j < n.invest; j++) built.push([api.tx.debtPool.invest(pool, 0, UNIT, 0), owner(j + 11)]);
        // Round-robin across kinds so every block sees the mix.
        const order = built.map((b, i) => [b, (i * 7919) % built.length]).sort((a, b) => a[1] - b[1]).map(([b]) => b);
        const signed = [];
        for (const [tx, who] of order) signed.push(await presign(tx, who));
        results.push(await measure(w, signed));
      } else {
        throw new Error(`unknown workload ${w}`);
      }
    }
    const base = results.find((r) => r.workload === 'transfer');
    for (const r of results) r.vsTransfer = base && base.perSecond ? +(r.perSecond / base.perSecond).toFixed(2) : null;
    writeFileSync(OUT, JSON.stringify({ date: new Date().toISOString(), txs: TXS, accounts: ACCOUNTS, results }, null, 2));
    console.log('| workload | included | failed | blocks | ext/block mean | max | ext/s | vs transfer | fill mean | fill max |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of results) {
      console.log(`| ${r.workload} | ${r.included}/${r.submitted} | ${r.failed} | ${r.blocks} | ${r.perBlockMean} | ${r.perBlockMax} | ${r.perSecond} | ${r.vsTransfer} | ${r.fillMean} % | ${r.fillMax} % |`);
    }
  } finally {
    await node.stop();
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
