// pallet-asset-nft on a live --dev node: create class → mint an invoice with a private field →
// the dev verifier (Ferdie) verifies → reveal → transfer → a locked asset cannot move.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { blake2AsHex } from '@polkadot/util-crypto';
import { stringToU8a, u8aToHex } from '@polkadot/util';
import { startNode, submit, errorName, HOOK } from '../lib/node.js';
import { devAccounts } from '../lib/keys.js';
import { commitment } from '../lib/rwa.js';

const DAY = 86_400_000;
let node;
let api;
let k;

before(async () => {
  k = await devAccounts();
  node = await startNode({ args: ['--dev'], name: 'dev-asset-nft' });
  api = node.api;
}, HOOK);

after(async () => {
  if (node) await node.stop();
}, HOOK);

const eventOf = (res, section, method) =>
  res.events.map(({ event }) => event).find((e) => e.section === section && e.method === method);

test('an invoice NFT goes from mint to verified, revealed, transferred, and is frozen by a lock', async () => {
  // 1. Alice creates an invoice class.
  let res = await submit(api, api.tx.assetNft.createClass('Invoice', 'ubl-invoice-2.1'), k.alice);
  assert.equal(res.dispatchError, undefined, errorName(api, res.dispatchError));
  const created = eventOf(res, 'assetNft', 'ClassCreated');
  assert.ok(created, 'ClassCreated emitted');
  const classId = created.data.class.toNumber();

  // 2. Alice mints an invoice whose debtor's name is a private commitment.
  const salt = stringToU8a('e2e-salt-0123456789');
  const DOC = blake2AsHex('invoice-2026-0042.pdf', 256);
  const debtor = 'ACME Logistics GmbH';
  // blake2-256 of SCALE(domain, salt, value): the salt's length is fixed by its prefix.
  const committed = commitment(salt, debtor);
  const now = Date.now();
  res = await submit(api, api.tx.assetNft.mint(classId, {
    faceValue: 50_000_000_000n, // 50,000 USDT
    currency: 1984,
    issueDate: now,
    maturityDate: now + 90 * DAY,
    documentHash: DOC,
    metadata: '{"number":"2026-0042","debtor_country":"DE"}',
    privateFields: [committed],
  }), k.alice);
  assert.equal(res.dispatchError, undefined, errorName(api, res.dispatchError));
  const minted = eventOf(res, 'assetNft', 'Minted');
  const item = minted.data.item.toNumber();
  // Ownership lives in uniques.
  assert.equal((await api.query.uniques.asset(classId, item)).unwrap().owner.toString(), k.alice.address);
  assert.ok((await api.query.assetNft.assets(classId, item)).unwrap().verification.isPending);

  // 3. The dev verifier (Ferdie) attests it at 45,000 USDT for 30 days.
  // A verifier names the document it reviewed: another one is refused.
  res = await submit(api, api.tx.assetNft.verify(classId, item, blake2AsHex('forged.pdf', 256), 45_000_000_000n, now + 30 * DAY), k.ferdie);
  assert.equal(errorName(api, res.dispatchError), 'assetNft.DocumentChanged');
  res = await submit(api, api.tx.assetNft.verify(classId, item, DOC, 45_000_000_000n, now + 30 * DAY), k.ferdie);
  assert.equal(res.dispatchError, undefined, errorName(api, res.dispatchError));
  assert.ok(eventOf(res, 'assetNft', 'Verified'));
  const rec = (await api.query.assetNft.assets(classId, item)).unwrap();
  assert.ok(rec.verification.isVerified);
  assert.equal(rec.verification.asVerified.appraisedValue.toBigInt(), 45_000_000_000n);

  // A non-verifier cannot.
  res = await submit(api, api.tx.assetNft.verify(classId, item, DOC, 1n, now + DAY), k.bob);
  assert.equal(errorName(api, res.dispatchError), 'assetNft.NotVerifier');

  // 4. Reveal the debtor with the salt; a wrong value is refused.
  res = await submit(api, api.tx.assetNft.reveal(classId, item, 0, u8aToHex(salt), debtor), k.charlie);
  assert.equal(res.dispatchError, undefined, errorName(api, res.dispatchError));
  const revealed = eventOf(res, 'assetNft', 'FieldRevealed');
  assert.equal(Buffer.from(revealed.data.value.toU8a(true)).toString(), debtor);
  res = await submit(api, api.tx.assetNft.reveal(classId, item, 0, u8aToHex(salt), 'Someone Else'), k.charlie);
  assert.equal(errorName(api, res.dispatchError), 'assetNft.BadReveal');

  // 5. Transfer to Bob (a uniques transfer).
  res = await submit(api, api.tx.assetNft.transfer(classId, item, k.bob.address), k.alice);
  assert.equal(res.dispatchError, undefined, errorName(api, res.dispatchError));
  assert.ok(eventOf(res, 'uniques', 'Transferred'), 'the transfer shows in uniques');
  assert.equal((await api.query.uniques.asset(classId, item)).unwrap().owner.toString(), k.bob.address);

  // 6. Lock it (governance freeze via sudo on dev); Bob can no longer transfer it.
  res = await submit(api, api.tx.sudo.sudo(api.tx.assetNft.forceLock(classId, item)), k.alice);
  assert.equal(res.dispatchError, undefined);
  const sudid = eventOf(res, 'sudo', 'Sudid');
  assert.ok(sudid.data.sudoResult.isOk, `sudo result ${sudid.data.sudoResult.toString()}`);
  res = await submit(api, api.tx.assetNft.transfer(classId, item, k.charlie.address), k.bob);
  assert.equal(errorName(api, res.dispatchError), 'assetNft.Locked');
  // uniques' own transfer is refused as well.
  res = await submit(api, api.tx.uniques.transfer(classId, item, k.charlie.address), k.bob);
  assert.equal(errorName(api, res.dispatchError), 'uniques.Locked');
  assert.equal((await api.query.uniques.asset(classId, item)).unwrap().owner.toString(), k.bob.address);
});
