/**
 * `npm run start:gateway`: the gateway alone, for a deployment where each subgraph runs on its own.
 * Subgraphs from LIENTHONG_SUBGRAPHS (name=url,...; composed at start from what they serve), else
 * schema/supergraph.graphql, which routes to the loopback ports of `npm start`.
 */
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../config';
import { startGateway } from '../gateway/server';
import { closeOnSignals, warnIfDevSecret } from '../gateway/lifecycle';
import { createLogger } from '../shared/logger';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'gateway');
  warnIfDevSecret(config, logger);
  const gateway = await startGateway(config, { logger });
  closeOnSignals(logger, [{ name: 'gateway', close: gateway.close }]);
  // readyMs counts from process start (performance.now()'s origin), module loading included.
  logger.info({ url: gateway.url, readyMs: Math.round(performance.now()) }, 'gateway ready');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
