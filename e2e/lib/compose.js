// Run the services of `docker/docker-compose.yml` natively: each service's own `command`, with
// only what a container isolates mapped to this machine — its `/data` volume to a temporary
// base path, the container ports it binds (RPC 9944, p2p 30333, Prometheus 9615) to free
// loopback ports, and a service name in `/dns/<service>/tcp/30333` to that service's p2p port.
// Every other flag is the compose file's, so a flag the node refuses fails here as it would
// in Docker. (The CI machine has no Docker engine.)
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNode, freePort } from './node.js';

const composeFile = new URL('../../docker/docker-compose.yml', import.meta.url);

/**
 * The services of the compose file, in file order: [{ name, command: [flags] }]. Reads the
 * file's own layout: `services:`, two-space service names, and `command: >` folded blocks.
 */
export function composeServices(text = readFileSync(composeFile, 'utf8')) {
  const services = [];
  let inServices = false;
  let current = null;
  let folding = false;
  for (const line of text.split('\n')) {
    if (/^\S/.test(line)) { inServices = line.startsWith('services:'); current = null; folding = false; continue; }
    if (!inServices) continue;
    const svc = line.match(/^ {2}([a-z0-9_-]+):\s*$/);
    if (svc) { current = { name: svc[1], command: [] }; services.push(current); folding = false; continue; }
    if (!current) continue;
    if (/^ {4}command:\s*>-?\s*$/.test(line)) { folding = true; continue; }
    if (folding && /^ {6}\S/.test(line)) { current.command.push(...line.trim().split(/\s+/)); continue; }
    if (/^ {4}\S/.test(line)) folding = false;
  }
  return services;
}

/**
 * Start every service of the compose file natively; returns { nodes: {name: node}, bootPort };
 * each node also carries the `prometheusPort` its `--prometheus-port 9615` was mapped to.
 */
export async function startComposeNetwork() {
  const services = composeServices();
  const ports = {};
  for (const s of services) ports[s.name] = { p2p: await freePort(), rpc: await freePort(), prometheus: await freePort() };
  const nodes = {};
  for (const s of services) {
    const base = mkdtempSync(join(tmpdir(), `persistence-compose-${s.name}-`));
    const p = ports[s.name];
    const args = s.command.map((a) => a
      .replace(/^\/data$/, base)
      .replace(/^\/ip4\/0\.0\.0\.0\/tcp\/30333$/, `/ip4/127.0.0.1/tcp/${p.p2p}`)
      .replace(/^\/dns\/([a-z0-9_-]+)\/tcp\/30333\//, (_, host) => `/ip4/127.0.0.1/tcp/${ports[host].p2p}/`))
      .map((a, i, all) => {
        if (all[i - 1] === '--rpc-port' && a === '9944') return String(p.rpc);
        if (all[i - 1] === '--prometheus-port' && a === '9615') return String(p.prometheus);
        return a;
      });
    nodes[s.name] = await startNode({ rawArgs: args, name: s.name, basePath: base, rpcPort: p.rpc, p2pPort: p.p2p, keepBasePath: true });
    nodes[s.name].prometheusPort = p.prometheus;
  }
  return { nodes, bootPort: ports[services[0].name].p2p };
}
