/** Test set-up shared by the suites: a throwaway data dir and a config pointing at it. */
// type-graphql and MikroORM read decorator metadata: the polyfill loads before any entity module.
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config';
import { storeEnv } from './store-env';
import { signIdentity, signToken, type Role } from '../../src/shared/identity';

export interface TempEnv {
  dir: string;
  config: Config;
  cleanup(): void;
}

export function tempEnv(extra: NodeJS.ProcessEnv = {}): TempEnv {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-test-'));
  const config = loadConfig({ LIENTHONG_DATA_DIR: dir, LIENTHONG_LOG_LEVEL: 'silent', NODE_ENV: 'test', ...storeEnv, ...extra });
  return { dir, config, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A client JWT, for calls through the gateway. */
export function tokenFor(config: Config, sub: string, role: Role = 'AGENCY', ttlSeconds = 600): Promise<string> {
  return signToken(config.jwtSecret, { sub, role }, ttlSeconds);
}

/**
 * A caller as the gateway forwards it to a subgraph, for tests that call a subgraph directly: the
 * identity signed with the gateway secret, afresh for each request or socket (subgraphs refuse a
 * signature older than a minute).
 */
export interface SignedCaller {
  signed(): Record<string, string>;
}

export function signedAs(config: Config, sub: string, role: Role = 'AGENCY'): SignedCaller {
  return { signed: () => signIdentity(config.gatewaySecret, { sub, role }) };
}
