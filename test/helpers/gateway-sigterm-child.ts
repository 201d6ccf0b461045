/**
 * A process like `npm start`, on the throwaway subgraphs: the gateway and its subgraphs in one process,
 * stopped by the hub's own signal handling. gateway-lifecycle.test.ts runs it with `node -e`: the test
 * runner treats every .js file under test/ as a test, so this module only defines it.
 */
import { startGateway } from '../../src/gateway/server';
import { closeOnSignals } from '../../src/gateway/lifecycle';
import { createLogger } from '../../src/shared/logger';
import { startTestSubgraphs, testConfig } from './gateway-subgraphs';

/** Starts, installs the signal handlers, then prints {"url": ...} on a line of its own. */
export async function runHubUntilSignalled(): Promise<void> {
  const subgraphs = await startTestSubgraphs();
  const gateway = await startGateway(testConfig, { subgraphs: subgraphs.urls, port: 0 });
  closeOnSignals(createLogger('silent', 'sigterm-child'), [
    { name: 'gateway', close: gateway.close },
    { name: 'subgraphs', close: subgraphs.close },
  ]);
  process.stdout.write(`${JSON.stringify({ url: gateway.url })}\n`);
}
