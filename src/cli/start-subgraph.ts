/**
 * `npm run start:subgraph -- NAME`: one subgraph alone (documents, population or land), on its own
 * port (LIENTHONG_<NAME>_PORT: 4001, 4002, 4003) — where schema/supergraph.graphql, and so
 * `npm run start:gateway`, look for it — bound to LIENTHONG_SUBGRAPH_HOST (loopback unless set).
 */
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../config';
import { SUBGRAPH_NAMES, type SubgraphName } from '../gateway/compose';
import { SUBGRAPH_STARTERS } from '../gateway/hub';
import { closeOnSignals, warnIfDevSecret } from '../gateway/lifecycle';
import { createLogger } from '../shared/logger';

async function main(name: string | undefined): Promise<void> {
  if (!name || !(SUBGRAPH_NAMES as readonly string[]).includes(name)) {
    throw new Error(`usage: npm run start:subgraph -- <${SUBGRAPH_NAMES.join('|')}>${name ? ` (not "${name}")` : ''}`);
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel, name);
  warnIfDevSecret(config, logger);
  const server = await SUBGRAPH_STARTERS[name as SubgraphName](config);
  closeOnSignals(logger, [{ name, close: server.close }]);
  // readyMs counts from process start (performance.now()'s origin), module loading included.
  logger.info({ url: server.url, readyMs: Math.round(performance.now()) }, `${name} subgraph ready`);
}

main(process.argv[2]).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
