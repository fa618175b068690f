// Measures, on a fresh 3-validator `--chain local` network on loopback:
//   - time from starting the nodes to the first finalized block;
//   - finality lag (best − finalized) sampled every second for one minute.
// Prints the figures; asserts nothing (a measurement, not a test).
//   node benchmarks/finality.mjs        (needs e2e/node_modules: run scripts/setup.sh first)
import { startNetwork } from '../e2e/lib/network.js';
import { waitFor, sleep } from '../e2e/lib/node.js';

const t0 = Date.now();
const net = await startNetwork(['alice', 'bob', 'charlie']);
const api = net.nodes.alice.api;
try {
  const fin = async () => (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
  await waitFor('first finalized block', async () => (await fin()) >= 1, 300_000, 200);
  const firstFinalizedMs = Date.now() - t0;
  const lags = [];
  for (let i = 0; i < 60; i++) {
    const best = (await api.rpc.chain.getHeader()).number.toNumber();
    lags.push(best - (await fin()));
    await sleep(1000);
  }
  const mean = lags.reduce((a, b) => a + b, 0) / lags.length;
  console.log(JSON.stringify({
    validators: 3,
    start_to_first_finalized_s: +(firstFinalizedMs / 1000).toFixed(1),
    finality_lag_blocks: { min: Math.min(...lags), mean: +mean.toFixed(2), max: Math.max(...lags), samples: lags.length },
  }, null, 2));
} finally {
  for (const n of Object.values(net.nodes)) await n.stop({ removeBase: true });
}
