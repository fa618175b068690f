// Drives pallet-ibc-bridge's `counterparty` example: a simulated Cosmos chain (ibc-testkit,
// Tendermint-signed light blocks, ICS-23 proofs) plus relayer, speaking one JSON object per
// line on stdin/stdout. See pallets/ibc-bridge/examples/counterparty.rs.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');

/** $IBC_COUNTERPARTY, else $CARGO_TARGET_DIR/release/examples/counterparty (built by `cargo test`). */
export function counterpartyBinary() {
  if (process.env.IBC_COUNTERPARTY) return process.env.IBC_COUNTERPARTY;
  const targetDir = process.env.CARGO_TARGET_DIR || join(repo, 'target');
  const bin = join(targetDir, 'release', 'examples', 'counterparty');
  if (!existsSync(bin)) {
    throw new Error(`counterparty not found at ${bin}: run \`cargo test --release -p pallet-ibc-bridge\` first`);
  }
  return bin;
}

/** Starts the simulated chain; `call(cmd, args)` resolves with its answer or rejects with its error. */
export function startCounterparty(timeoutMs = 30_000) {
  const child = spawn(counterpartyBinary(), [], { stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const next = waiting.shift();
    if (next) next(line);
  });
  child.on('exit', () => { while (waiting.length) waiting.shift()(JSON.stringify({ ok: false, error: 'counterparty exited' })); });
  const call = (cmd, args = {}) => new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`counterparty: ${cmd} timed out`)), timeoutMs);
    waiting.push((line) => {
      clearTimeout(timer);
      const answer = JSON.parse(line);
      if (answer.ok) res(answer);
      else rej(new Error(`counterparty ${cmd}: ${answer.error}`));
    });
    child.stdin.write(`${JSON.stringify({ cmd, ...args })}\n`);
  });
  const stop = () => new Promise((res) => {
    if (child.exitCode !== null) return res();
    child.once('exit', () => res());
    child.stdin.end();
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
  return { call, stop };
}
