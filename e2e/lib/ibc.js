// Helpers for pallet-ibc-bridge's events and runtime API in e2e tests.
import { u8aToString, u8aToHex, stringToHex } from '@polkadot/util';

/** `ibc.Ibc` events (ibc-rs events in ABCI form) of one kind in an extrinsic's result. */
export const ibcEvents = (res, kind) =>
  res.events.filter(({ event }) => event.section === 'ibc' && event.method === 'Ibc'
    && u8aToString(event.data.kind) === kind);

/** An attribute of an `ibc.Ibc` event, as a string. */
export const attr = (ev, key) => {
  const found = ev.event.data.attributes.find(([name]) => u8aToString(name) === key);
  return found ? u8aToString(found[1]) : undefined;
};

/**
 * An `IbcBridgeApi_*` runtime API call through `state_call` (polkadot.js drops custom
 * `api.call` sections after upgrades); `arg` is a string passed as SCALE `Bytes`.
 */
export async function ibcApi(api, method, type, arg) {
  const encoded = u8aToHex(api.createType('Bytes', stringToHex(arg)).toU8a());
  const raw = await api.rpc.state.call(`IbcBridgeApi_${method}`, encoded);
  return api.createType(type, raw);
}
