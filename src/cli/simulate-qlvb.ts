/**
 * `npm run simulate:qlvb -- --agency CODE [--url http://HOST:PORT] [--token JWT] [--interval 5] [--once]
 *  [--key key.pem --cert cert.pem]`: a legacy document-management system for agency CODE that polls the
 * hub's edXML REST API and answers as a records office would (src/simulator/qlvb.ts). Without --token it
 * signs its own with LIENTHONG_JWT_SECRET; with --key and --cert it signs its status messages (XML-DSig).
 */
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { signToken } from '../shared/identity';
import { QlvbSimulator } from '../simulator/qlvb';

const USAGE = 'usage: npm run simulate:qlvb -- --agency CODE [--url http://HOST:PORT] [--token JWT] [--interval SECONDS] [--once] [--key key.pem --cert cert.pem]';
/** A self-signed token lives this long; a new one is made before each call anyway. */
const TOKEN_TTL_S = 3600;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      agency: { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string' },
      interval: { type: 'string', default: '5' },
      once: { type: 'boolean', default: false },
      key: { type: 'string' },
      cert: { type: 'string' },
    },
  });
  const interval = Number(values.interval);
  if (!values.agency || !Number.isFinite(interval) || interval <= 0 || Boolean(values.key) !== Boolean(values.cert)) {
    console.error(USAGE);
    process.exit(2);
  }
  const config = loadConfig();
  const agency = values.agency;
  const given = values.token;
  const simulator = new QlvbSimulator({
    baseUrl: values.url ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`,
    agency,
    token: () => (given ? Promise.resolve(given) : signToken(config.jwtSecret, { sub: agency, role: 'AGENCY' }, TOKEN_TTL_S)),
    signingKey: values.key && values.cert ? { privateKey: fs.readFileSync(values.key), certificate: fs.readFileSync(values.cert) } : undefined,
    log: (line) => console.log(`${new Date().toISOString()} ${agency} ${line}`),
  });

  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
  do {
    const report = await simulator.pollOnce();
    if (values.once && report.failed.length) process.exitCode = 1;
    if (!values.once) await sleep(interval * 1000, undefined, { signal: stop.signal }).catch(() => undefined);
  } while (!values.once && !stop.signal.aborted);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
