/**
 * What every hub process (`npm start`, the gateway or a subgraph alone) does around its servers: warn
 * about a development secret when it starts; on SIGINT/SIGTERM close what it started, in order, then
 * exit — within 5 s whatever happens, and at once on a second signal.
 */
import type { Config } from '../config';
import type { Logger } from '../shared/logger';

export function warnIfDevSecret(config: Config, logger: Logger): void {
  if (!config.jwtSecretIsDevDefault) return;
  logger.warn(
    'LIENTHONG_JWT_SECRET is not set: tokens are checked with the published development secret, so anyone can ' +
      'mint one. Set LIENTHONG_JWT_SECRET (and LIENTHONG_GATEWAY_SECRET) before this serves real agencies.',
  );
}

export interface Closable {
  name: string;
  close(): Promise<void>;
}

/** Past this, the process exits even if something has not finished closing. */
export const SHUTDOWN_DEADLINE_MS = 5_000;
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Installs the handlers; call it once everything is started. `parts` close in the order given (the gateway
 * before the subgraphs it calls). It replaces the signal listeners libraries added on their own, which
 * would race with it: @whatwg-node/server (under the Hive runtime) disposes every runtime at once —
 * cutting requests still in flight — and does not exit; Apollo Server stops itself, then raises the signal
 * again. The parts' close() do the same work, in order.
 */
export function closeOnSignals(logger: Logger, parts: Closable[]): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    const started = Date.now();
    logger.info({ signal }, 'shutting down');
    let next = 0;
    const deadline = setTimeout(() => {
      logger.error({ pending: parts.slice(next).map((p) => p.name) }, `not closed within ${SHUTDOWN_DEADLINE_MS} ms: exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS - 250);
    deadline.unref();
    let failed = false;
    for (; next < parts.length; next++) {
      try {
        await parts[next].close();
      } catch (err) {
        failed = true;
        logger.error({ err, part: parts[next].name }, 'close failed');
      }
    }
    logger.info({ ms: Date.now() - started }, 'stopped');
    process.exit(failed ? 1 : 0);
  };
  for (const signal of SIGNALS) {
    process.removeAllListeners(signal);
    process.on(signal, (s: NodeJS.Signals) => void stop(s));
  }
}
