/**
 * `npm start`: the whole hub in one process — the three subgraphs on LIENTHONG_SUBGRAPH_HOST (loopback
 * unless set; they accept only gateway-signed requests) on config.subgraphPorts,
 * and the gateway on HOST:PORT, composed from what the subgraphs actually serve, on the ports they got.
 */
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../config';
import { SUBGRAPH_NAMES } from '../gateway/compose';
import { SUBGRAPH_STARTERS } from '../gateway/hub';
import { closeOnSignals, warnIfDevSecret, type Closable } from '../gateway/lifecycle';
import { startGateway } from '../gateway/server';
import { createLogger } from '../shared/logger';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'hub');
  warnIfDevSecret(config, logger);
  const running: Closable[] = [];
  try {
    const urls = Object.fromEntries(
      await Promise.all(
        SUBGRAPH_NAMES.map(async (name) => {
          const server = await SUBGRAPH_STARTERS[name](config);
          running.push({ name, close: server.close });
          return [name, server.url] as const;
        }),
      ),
    );
    const gateway = await startGateway(config, { subgraphs: urls });
    closeOnSignals(logger, [{ name: 'gateway', close: gateway.close }, ...running]);
    // readyMs counts from process start (performance.now()'s origin), module loading included.
    logger.info({ url: gateway.url, subgraphs: urls, readyMs: Math.round(performance.now()) }, `Liên Thông ready at ${gateway.url}`);
  } catch (err) {
    await Promise.allSettled(running.map((r) => r.close()));
    throw err;
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
