// The e2e files in the order the runner starts them: the longest first (they wait on eras,
// finality and referendum periods, not on the CPU), so that with two files at a time the suite
// ends when its longest file does. Every other file in tests/ follows, alphabetically.
import { readdirSync } from 'node:fs';

const LONGEST_FIRST = [
  'validator-network.test.js',
  'debt-pool.test.js',
  'governance.test.js',
  'asset-loan.test.js',
  'polkadot-api.test.js',
];
const all = readdirSync(new URL('../tests/', import.meta.url)).filter((f) => f.endsWith('.test.js')).sort();
const order = [...LONGEST_FIRST.filter((f) => all.includes(f)), ...all.filter((f) => !LONGEST_FIRST.includes(f))];
console.log(order.map((f) => `tests/${f}`).join(' '));
