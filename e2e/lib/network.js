// A local multi-validator network (`--chain local`) on loopback: node 0 is the bootnode with a
// fixed development node key; every node has its own base path and ports.
import { startNode, freePort } from './node.js';

/** Development-only node key of the bootnode and the peer id it yields. */
export const BOOT_KEY = '0000000000000000000000000000000000000000000000000000000000000001';
export const BOOT_PEER_ID = '12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp';

/**
 * Start one validator of the local network. `keys`: pass e.g. '--alice' to use the dev session
 * keys, or nothing for a node whose keys are made with author_rotateKeys.
 */
export async function startValidator({ name, bootPort, p2pPort, basePath, devKey = true, extra = [] }) {
  const args = ['--chain', 'local', '--validator', '--unsafe-force-node-key-generation'];
  if (devKey) args.push(`--${name}`);
  if (bootPort && p2pPort !== bootPort) {
    args.push('--bootnodes', `/ip4/127.0.0.1/tcp/${bootPort}/p2p/${BOOT_PEER_ID}`);
  } else {
    args.push('--node-key', BOOT_KEY);
  }
  args.push(...extra);
  return startNode({ args, name, basePath, p2pPort, keepBasePath: true });
}

/** Start the named validators; the first is the bootnode. */
export async function startNetwork(names) {
  const bootPort = await freePort();
  const nodes = {};
  for (const [i, name] of names.entries()) {
    const p2pPort = i === 0 ? bootPort : await freePort();
    nodes[name] = await startValidator({ name, bootPort, p2pPort });
  }
  return { nodes, bootPort };
}
