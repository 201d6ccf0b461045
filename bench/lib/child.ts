/**
 * One hub process of a benchmark: `node dist/bench/lib/child.js ROLE [OPTIONS_JSON]`, configured from
 * the environment like any hub process (src/config.ts). The parent talks to it over IPC:
 *   child → parent  { type: 'ready', url }            once listening
 *   parent → child  { type: 'memory' }                → { type: 'memory', usage } after a full GC
 *   parent → child  { type: 'cpu' }                   → { type: 'cpu', usage }: CPU time so far, every thread
 *   parent → child  { type: 'profile-start' }         starts the V8 CPU profiler → { type: 'profiling' }
 *   parent → child  { type: 'profile-stop', file }    writes the profile to file → { type: 'profiled' }
 *   parent → child  { type: 'stop' }                  closes the server and exits
 * Each server gets its own process, as in a deployment, so the load generator, the gateway and every
 * subgraph compete for the two cores the way they would on one machine, not inside one event loop.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadConfig } from '../../src/config';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../src/gateway/compose';
import { SUBGRAPH_STARTERS } from '../../src/gateway/hub';
import { startGateway } from '../../src/gateway/server';
import { startApolloGateway } from './apollo-gateway';

export type Role = SubgraphName | 'gateway' | 'apollo-gateway';

export interface ChildOptions {
  /** For the gateways: name → URL of each running subgraph. */
  subgraphs?: Record<string, string>;
}

export type ToChild = { type: 'memory' } | { type: 'cpu' } | { type: 'profile-start' } | { type: 'profile-stop'; file: string } | { type: 'stop' };
export type FromChild =
  | { type: 'ready'; url: string }
  | { type: 'memory'; usage: NodeJS.MemoryUsage }
  | { type: 'cpu'; usage: NodeJS.CpuUsage }
  | { type: 'profiling' }
  | { type: 'profiled' };

/** The profiler through the inspector protocol, so a profile covers the load, not module loading. */
const profiler = new Session();

async function start(role: Role, options: ChildOptions): Promise<{ url: string; close(): Promise<void> }> {
  const config = loadConfig();
  if ((SUBGRAPH_NAMES as readonly string[]).includes(role)) return SUBGRAPH_STARTERS[role as SubgraphName](config, { port: 0 });
  if (role === 'gateway') return startGateway(config, { subgraphs: options.subgraphs, port: 0 });
  if (role === 'apollo-gateway') return startApolloGateway(config, options.subgraphs ?? {});
  throw new Error(`unknown role ${role}`);
}

async function main(): Promise<void> {
  const [role, json] = process.argv.slice(2);
  const server = await start(role as Role, json ? (JSON.parse(json) as ChildOptions) : {});
  const send = (message: FromChild) => process.send?.(message);
  process.on('message', (message: ToChild) => {
    if (message.type === 'memory') {
      // --expose-gc is given by the parent: memory is read after a full collection, so it is what is held.
      (globalThis as { gc?: () => void }).gc?.();
      send({ type: 'memory', usage: process.memoryUsage() });
    } else if (message.type === 'cpu') {
      send({ type: 'cpu', usage: process.cpuUsage() });
    } else if (message.type === 'profile-start') {
      profiler.connect();
      void profiler
        .post('Profiler.enable')
        .then(() => profiler.post('Profiler.start'))
        .then(() => send({ type: 'profiling' }));
    } else if (message.type === 'profile-stop') {
      void profiler.post('Profiler.stop').then(({ profile }) => {
        fs.writeFileSync(message.file, JSON.stringify(profile));
        profiler.disconnect();
        send({ type: 'profiled' });
      });
    } else if (message.type === 'stop') {
      void server.close().finally(() => process.exit(0));
    }
  });
  // An orphaned child (the parent crashed) must not keep serving.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', url: server.url });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
