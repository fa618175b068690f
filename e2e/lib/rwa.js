// Helpers shared by the RWA e2e tests: event lookup, success assertions, verified invoices.
import assert from 'node:assert/strict';
import { blake2AsHex } from '@polkadot/util-crypto';
import { compactAddLength, stringToU8a, u8aConcat } from '@polkadot/util';
import { submit, errorName } from './node.js';

export const USDT = 1984;
export const DAY = 86_400_000;

/** Domain tag of private-field commitments (`pallet-asset-nft`'s `COMMITMENT_DOMAIN`). */
export const COMMITMENT_DOMAIN = 'persistence/asset-nft/private-field/v1';

/**
 * The commitment to a private field: blake2-256 of SCALE(domain, salt, value), each a byte
 * vector with its compact length in front (`salt` and `value`: Uint8Array or string).
 */
export function commitment(salt, value) {
  const bytes = (x) => (typeof x === 'string' ? stringToU8a(x) : x);
  return blake2AsHex(u8aConcat(
    compactAddLength(stringToU8a(COMMITMENT_DOMAIN)),
    compactAddLength(bytes(salt)),
    compactAddLength(bytes(value)),
  ), 256);
}

/** The first `section.method` event of a submitted extrinsic's result. */
export const eventOf = (res, section, method) =>
  res.events.map(({ event }) => event).find((e) => e.section === section && e.method === method);

/** Assert that an extrinsic succeeded; returns its result. */
export function ok(api, res) {
  assert.equal(res.dispatchError, undefined, errorName(api, res.dispatchError));
  return res;
}

/**
 * A new invoice class of `owner` with one invoice of face value `value` USDT (smallest units),
 * verified by `verifier` at the same value for 30 days. Returns `{ classId, item }`.
 */
export async function verifiedInvoice(api, owner, verifier, value, name = 'invoice') {
  let res = ok(api, await submit(api, api.tx.assetNft.createClass('Invoice', 'ubl-invoice-2.1'), owner));
  const classId = eventOf(res, 'assetNft', 'ClassCreated').data.class.toNumber();
  const now = (await api.query.timestamp.now()).toNumber();
  const documentHash = blake2AsHex(`${name}-${classId}.pdf`, 256);
  res = ok(api, await submit(api, api.tx.assetNft.mint(classId, {
    faceValue: value,
    currency: USDT,
    issueDate: now,
    maturityDate: now + 90 * DAY,
    documentHash,
    metadata: '{}',
    privateFields: [],
  }), owner));
  const item = eventOf(res, 'assetNft', 'Minted').data.item.toNumber();
  ok(api, await submit(api, api.tx.assetNft.verify(classId, item, documentHash, value, now + 30 * DAY), verifier));
  return { classId, item };
}
