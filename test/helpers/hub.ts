/**
 * The whole hub for a test, as `npm start` runs it: the three real subgraphs and the gateway on
 * ephemeral loopback ports, over a temporary data directory removed on close.
 */
import type { Config } from '../../src/config';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../src/gateway/compose';
import { SUBGRAPH_STARTERS } from '../../src/gateway/hub';
import { startGateway, type RunningGateway } from '../../src/gateway/server';
import type { RunningServer } from '../../src/shared/subgraph-server';
import { tempEnv } from './env';

export interface TestHub {
  config: Config;
  gateway: RunningGateway;
  /** GraphQL endpoint of the gateway. */
  url: string;
  subgraphs: Record<SubgraphName, RunningServer>;
  close(): Promise<void>;
}

export async function startHub(extraEnv: NodeJS.ProcessEnv = {}): Promise<TestHub> {
  const env = tempEnv({ PORT: '0', LIENTHONG_POPULATION_SCALE: '500', ...extraEnv });
  const started = await Promise.all(SUBGRAPH_NAMES.map((name) => SUBGRAPH_STARTERS[name](env.config, { port: 0 })));
  const subgraphs = Object.fromEntries(SUBGRAPH_NAMES.map((name, i) => [name, started[i]])) as Record<SubgraphName, RunningServer>;
  const gateway = await startGateway(env.config, {
    subgraphs: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, subgraphs[name].url])),
  });
  return {
    config: env.config,
    gateway,
    url: gateway.url,
    subgraphs,
    close: async () => {
      await gateway.close();
      await Promise.all(started.map((s) => s.close()));
      env.cleanup();
    },
  };
}
