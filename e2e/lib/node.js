// Harness: start a real persistence-node on free loopback ports, connect @polkadot/api, and
// always stop the node again. Every wait is bounded.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync, existsSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiPromise, WsProvider } from '@polkadot/api';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');

/** Path of the node binary: $PERSISTENCE_NODE, else $CARGO_TARGET_DIR/release, else ./target. */
export function nodeBinary() {
  if (process.env.PERSISTENCE_NODE) return process.env.PERSISTENCE_NODE;
  const targetDir = process.env.CARGO_TARGET_DIR || join(repo, 'target');
  const bin = join(targetDir, 'release', 'persistence-node');
  if (!existsSync(bin)) throw new Error(`persistence-node not found at ${bin}: build it first`);
  return bin;
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/** Options for every `before` / `after` hook: `--test-timeout` bounds tests, not hooks, so a
 * node that never comes up (or never stops) fails its file here instead of hanging the run. */
export const HOOK = { timeout: 600_000 };

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** `promise`, or a rejection naming `what` once `ms` have passed (the timer never outlives it). */
export function within(ms, what, promise) {
  let timer;
  const late = new Promise((_, rej) => {
    timer = setTimeout(() => rej(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * Resolve `fn()` when it returns a truthy value; reject after `timeoutMs`. An attempt that never
 * settles (a client waiting on a peer that never answers) cannot hold the wait past its deadline.
 */
export async function waitFor(what, fn, timeoutMs = 60_000, everyMs = 500) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const v = await within(Math.max(1, deadline - Date.now()), what, Promise.resolve().then(fn));
      if (v) return v;
    } catch (e) {
      if (e.fatal) throw e;
      last = e;
    }
    await sleep(everyMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

async function rpcReady(port) {
  const r = await fetch(`http://127.0.0.1:${port}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: 1, jsonrpc: '2.0', method: 'system_health', params: [] }),
  });
  return r.ok;
}

/**
 * Start a node. `args` are extra CLI flags (default: `--dev`). With `rawArgs` the node gets
 * exactly those flags (they must set the base path, ports and name themselves; pass the same
 * `rpcPort`, `p2pPort`, `basePath`). Returns { api, rpcPort, p2pPort, basePath, proc, stop() }.
 */
export async function startNode({ args = ['--dev'], rawArgs, basePath, name = 'node', keepBasePath = false, rpcPort: wantRpc, p2pPort: wantP2p } = {}) {
  const rpcPort = wantRpc || await freePort();
  const p2pPort = wantP2p || await freePort();
  const ownBase = !basePath;
  const base = basePath || mkdtempSync(join(tmpdir(), 'persistence-e2e-'));
  const logDir = join(here, '..', '.tmp');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(logDir, { recursive: true });
  const logPath = join(logDir, `${name}-${rpcPort}.log`);
  const log = createWriteStream(logPath);
  const proc = spawn(
    nodeBinary(),
    rawArgs || [
      ...args,
      '--base-path', base,
      '--rpc-port', String(rpcPort),
      '--listen-addr', `/ip4/127.0.0.1/tcp/${p2pPort}`,
      '--no-prometheus',
      '--no-telemetry',
      '--no-mdns',
      '--rpc-cors', 'all',
      '--name', name,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  proc.stdout.pipe(log, { end: false });
  proc.stderr.pipe(log, { end: false });
  let exited = null;
  let closed = false;
  // 'close', not 'exit', and only once the log is written out: a test reading the log of a node
  // that exited sees all of its output.
  proc.on('close', (code, sig) => { closed = true; log.end(() => { exited = { code, sig }; }); });

  const stop = async ({ removeBase = ownBase && !keepBasePath, signal = 'SIGINT' } = {}) => {
    if (api) await api.disconnect().catch(() => {});
    if (!closed) {
      proc.kill(signal);
      const done = await Promise.race([
        new Promise((r) => proc.once('close', () => r(true))),
        sleep(20_000).then(() => false),
      ]);
      if (!done) proc.kill('SIGKILL');
    }
    if (removeBase) rmSync(base, { recursive: true, force: true });
  };

  let api;
  let provider;
  try {
    await waitFor(`${name} RPC on port ${rpcPort}`, async () => {
      if (exited) {
        const err = new Error(`node exited early (${JSON.stringify(exited)}); see ${logPath}`);
        err.fatal = true;
        throw err;
      }
      return rpcReady(rpcPort);
    }, 120_000);
    provider = new WsProvider(`ws://127.0.0.1:${rpcPort}`);
    api = await ApiPromise.create({
      provider,
      noInitWarn: true,
      throwOnConnect: true,
    });
  } catch (e) {
    await stop({ removeBase: ownBase });
    throw e;
  }
  return { api, provider, rpcPort, p2pPort, basePath: base, proc, stop, logPath, exited: () => exited };
}

// The last nonce each signer used in this test process. A node may answer
// `system_accountNextIndex` from a view that has not caught up with a transaction it just
// included, so the next one is numbered from whichever is higher.
const lastNonce = new Map();

async function nextNonce(api, address) {
  const fromNode = (await api.rpc.system.accountNextIndex(address)).toNumber();
  const prev = lastNonce.get(address);
  const n = prev !== undefined && prev + 1 > fromNode ? prev + 1 : fromNode;
  lastNonce.set(address, n);
  return n;
}

/**
 * Sign and submit `tx`, resolve when it is in a block:
 * { blockHash, events, dispatchError, fee } — `fee` from TransactionFeePaid.
 */
export async function submit(api, tx, signer, timeoutMs = 60_000) {
  const nonce = await nextNonce(api, signer.address);
  return new Promise((res, rej) => {
    let unsub = () => {};
    const fail = (e) => { lastNonce.delete(signer.address); rej(e); };
    const timer = setTimeout(() => { unsub(); fail(new Error('extrinsic not included in time')); }, timeoutMs);
    tx.signAndSend(signer, { nonce }, ({ status, events, dispatchError }) => {
      if (status.isInBlock || status.isFinalized) {
        clearTimeout(timer);
        unsub();
        let fee = 0n;
        for (const { event } of events) {
          if (api.events.transactionPayment.TransactionFeePaid.is(event)) {
            fee = event.data.actualFee.toBigInt();
          }
        }
        res({ blockHash: status.isInBlock ? status.asInBlock : status.asFinalized, events, dispatchError, fee });
      } else if (status.isInvalid || status.isDropped || status.isUsurped) {
        clearTimeout(timer);
        unsub();
        fail(new Error(`extrinsic ${status.type}`));
      }
    }).then((u) => { unsub = u; }).catch((e) => { clearTimeout(timer); fail(e); });
  });
}

/** Describe a dispatch error as `pallet.Error` (module errors) or its kind (`Token.FundsUnavailable`). */
export function errorName(api, dispatchError) {
  if (!dispatchError) return null;
  if (dispatchError.isModule) {
    const { section, name } = api.registry.findMetaError(dispatchError.asModule);
    return `${section}.${name}`;
  }
  if (dispatchError.isToken) return `Token.${dispatchError.asToken.type}`;
  return dispatchError.type;
}
