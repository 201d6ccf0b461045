/**
 * A process like `npm start`, on the throwaway subgraphs: the gateway and its subgraphs in one process,
 * stopped by the hub's own signal handling. Prints {"url": ...} once it listens. Spawned by
 * gateway-lifecycle.test.ts.
 */
import { startGateway } from '../../src/gateway/server';
import { closeOnSignals } from '../../src/gateway/lifecycle';
import { createLogger } from '../../src/shared/logger';
import { startTestSubgraphs, testConfig } from './gateway-subgraphs';

async function main(): Promise<void> {
  const subgraphs = await startTestSubgraphs();
  const gateway = await startGateway(testConfig, { subgraphs: subgraphs.urls, port: 0 });
  closeOnSignals(createLogger('silent', 'sigterm-child'), [
    { name: 'gateway', close: gateway.close },
    { name: 'subgraphs', close: subgraphs.close },
  ]);
  process.stdout.write(`${JSON.stringify({ url: gateway.url })}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
