// Many derived sr25519 accounts (e.g. for the load generator in benchmarks/load).
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { SS58_PREFIX } from './keys.js';

/** `n` accounts `//<prefix>//0` … `//<prefix>//<n-1>`. */
export async function derivedAccounts(n, prefix = 'load') {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: SS58_PREFIX });
  return Array.from({ length: n }, (_, i) => keyring.addFromUri(`//${prefix}//${i}`));
}
