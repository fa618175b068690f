// Definitions of Persistence's custom JSON-RPC methods for @polkadot/api, so that
// `api.rpc.ibc.queryPath(path, at?)` and `api.rpc.ibc.consensusState(height, at?)` are
// decorated and typed (metadata describes runtime APIs and calls, not node RPCs):
//
//   import { rpc, types } from './clients/polkadot-js/index.js';
//   const api = await ApiPromise.create({ provider, rpc, types });
//   const q = await api.rpc.ibc.queryPath('clients/07-tendermint-0/clientState', null);
//   q.height.toBigInt(); q.consensus.unwrap().timestampNanos.toBigInt();
//
// The node sends 64-bit integers as decimal strings; these types read them exactly.
// Everything else (calls, storage, events, runtime APIs) comes from the runtime's metadata.

export const types = {
  IbcConsensusRecord: {
    timestampNanos: 'u64',
    root: 'H256',
  },
  IbcPathProof: {
    path: 'Text',
    blockHash: 'BlockHash',
    height: 'u64',
    value: 'Option<Bytes>',
    proof: 'Vec<Bytes>',
    consensus: 'Option<IbcConsensusRecord>',
  },
};

export const rpc = {
  ibc: {
    queryPath: {
      description: 'The value at an ICS-24 path, its child-trie proof and this chain\'s consensus state at that height, read at block `at` (default: best).',
      params: [
        { name: 'path', type: 'Text' },
        { name: 'at', type: 'BlockHash', isOptional: true },
      ],
      type: 'IbcPathProof',
    },
    consensusState: {
      description: 'This chain\'s consensus state at one of its recent heights (the last `HostHistory`).',
      params: [
        { name: 'height', type: 'u64' },
        { name: 'at', type: 'BlockHash', isOptional: true },
      ],
      type: 'Option<IbcConsensusRecord>',
    },
  },
};
