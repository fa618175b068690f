// polkadot-api descriptors generated from a live node by polkadot-api's own CLI
// (`papi add -w ws://…`, codegen included), and a typed client on them. The scratch project
// lives under e2e/.tmp (so the generated package resolves `polkadot-api` from e2e/node_modules);
// `noDescriptorsPackage`: generate only, touch no package.json. Node 20 has no global
// WebSocket: the client is given `ws`'s, and the CLI runs with --experimental-websocket.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { createClient } from 'polkadot-api';
import { getWsProvider } from 'polkadot-api/ws';
import { getPolkadotSigner } from 'polkadot-api/signer';
import { WebSocket } from 'ws';

const e2e = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Generate descriptors from the node at `rpcPort`; returns { client, api, destroy() }. */
export async function papiClient(rpcPort) {
  mkdirSync(join(e2e, '.tmp'), { recursive: true });
  const work = mkdtempSync(join(e2e, '.tmp', 'papi-'));
  writeFileSync(join(work, 'polkadot-api.json'), JSON.stringify({
    version: 0,
    descriptorPath: '.papi/descriptors',
    entries: {},
    options: { noDescriptorsPackage: true },
  }));
  const papi = join(e2e, 'node_modules', '.bin', 'papi');
  await promisify(execFile)(papi, ['add', 'persistence', '-w', `ws://127.0.0.1:${rpcPort}`, '--config', 'polkadot-api.json'], {
    cwd: work,
    env: { ...process.env, NODE_OPTIONS: '--experimental-websocket' },
    timeout: 300_000,
  });
  const { persistence } = await import(pathToFileURL(join(work, '.papi', 'descriptors', 'dist', 'index.js')).href);
  const client = createClient(getWsProvider(`ws://127.0.0.1:${rpcPort}`, { websocketClass: WebSocket }));
  const api = client.getTypedApi(persistence);
  return {
    client,
    api,
    destroy: () => {
      client.destroy();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** A polkadot-api signer for a @polkadot/keyring sr25519 pair. */
export const papiSigner = (pair) => getPolkadotSigner(pair.publicKey, 'Sr25519', (payload) => pair.sign(payload));
