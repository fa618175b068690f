// Crash safety: kill -9 a dev node after ≥ 5 finalized blocks, restart it on the same base
// path: the finalized head and Alice's balance are as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNode, submit, waitFor, sleep } from '../lib/node.js';
import { devAccounts } from '../lib/keys.js';

test('a dev node killed with SIGKILL restarts with its finalized state intact', async () => {
  const k = await devAccounts();
  const base = mkdtempSync(join(tmpdir(), 'persistence-crash-'));
  let node;
  try {
    node = await startNode({ args: ['--dev'], basePath: base, name: 'crash-1' });
    let api = node.api;
    await submit(api, api.tx.balances.transferKeepAlive(k.bob.address, 1_000_000n), k.alice);
    const fin = async () => (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
    await waitFor('5 finalized blocks', async () => (await fin()) >= 5, 120_000, 1000);
    const finHash = await api.rpc.chain.getFinalizedHead();
    const finNum = (await api.rpc.chain.getHeader(finHash)).number.toNumber();
    const aliceBefore = (await (await api.at(finHash)).query.system.account(k.alice.address)).data.free.toBigInt();

    await api.disconnect();
    node.proc.kill('SIGKILL');
    await waitFor('the node to die', async () => node.exited() !== null, 10_000, 100);
    await sleep(500);

    node = await startNode({ args: ['--dev'], basePath: base, name: 'crash-2' });
    api = node.api;
    const finAfter = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
    assert.ok(finAfter >= finNum, `finalized ${finAfter} < ${finNum} before the crash`);
    assert.equal((await api.rpc.chain.getBlockHash(finNum)).toHex(), finHash.toHex());
    const aliceAfter = (await (await api.at(finHash)).query.system.account(k.alice.address)).data.free.toBigInt();
    assert.equal(aliceAfter, aliceBefore);
    // And the chain goes on.
    await waitFor('new blocks after restart', async () => (await api.rpc.chain.getHeader()).number.toNumber() > finNum + 1, 60_000, 1000);
  } finally {
    if (node) await node.stop({ removeBase: false }).catch(() => {});
    rmSync(base, { recursive: true, force: true });
  }
});
