/**
 * The hub a scenario measures: the three subgraphs, our gateway and, when asked, the Apollo Gateway
 * peer, each in its own process on loopback, over a data folder the scenario prepared.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../src/gateway/compose';
import { signToken } from '../../src/shared/identity';
import { spawnHubProcess, type HubProcess } from './processes';

/** Fixed secrets: the bench is loopback-only and throwaway. */
const SECRETS = { LIENTHONG_JWT_SECRET: 'bench-jwt-secret', LIENTHONG_GATEWAY_SECRET: 'bench-gateway-secret' };

/** The environment every hub process of the run gets: production mode, quiet logs, the data folder. */
export function hubEnv(dataDir: string, populationScale: number, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    LIENTHONG_DATA_DIR: dataDir,
    // warn, not info: every send logs a line at info, and this measures the hub, not its log volume.
    LIENTHONG_LOG_LEVEL: 'warn',
    LIENTHONG_POPULATION_SCALE: String(populationScale),
    ...SECRETS,
    ...extra,
  };
}

/** The config the bench process itself uses to open databases and sign tokens, as the hub would. */
export function benchConfig(env: NodeJS.ProcessEnv): Config {
  return loadConfig({ ...env, LIENTHONG_LOG_LEVEL: 'silent' });
}

export interface HubOptions {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  /** Our gateway (default true) and the Apollo Gateway peer (default false). */
  gateway?: boolean;
  apollo?: boolean;
  /** Folder for CPU profiles of every process; none when undefined. */
  cpuProfileDir?: string;
}

export interface Hub {
  subgraphs: Record<SubgraphName, HubProcess>;
  gateway?: HubProcess;
  apollo?: HubProcess;
  stop(): Promise<void>;
}

export async function startHub(opts: HubOptions): Promise<Hub> {
  const started: HubProcess[] = [];
  const spawn = async (role: Parameters<typeof spawnHubProcess>[0], extra: Partial<Parameters<typeof spawnHubProcess>[1]> = {}) => {
    const p = await spawnHubProcess(role, {
      env: opts.env,
      logFile: path.join(opts.dataDir, `${role}.log`),
      cpuProfileDir: opts.cpuProfileDir,
      ...extra,
    });
    started.push(p);
    return p;
  };
  const stop = async () => {
    // Gateways before the subgraphs they call.
    for (const p of [...started].reverse()) await p.stop();
  };
  // Every start is waited for, failed or not, so that one failing never leaves the others running.
  const all = async <T>(starts: Promise<T>[]): Promise<T[]> => {
    const settled = await Promise.allSettled(starts);
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    return settled.map((r) => (r as PromiseFulfilledResult<T>).value);
  };
  try {
    const list = await all(SUBGRAPH_NAMES.map((name) => spawn(name)));
    const subgraphs = Object.fromEntries(SUBGRAPH_NAMES.map((name, i) => [name, list[i]])) as Record<SubgraphName, HubProcess>;
    const urls = Object.fromEntries(list.map((p) => [p.role, p.url]));
    const [gateway, apollo] = await all([
      opts.gateway === false ? Promise.resolve(undefined) : spawn('gateway', { options: { subgraphs: urls } }),
      opts.apollo ? spawn('apollo-gateway', { options: { subgraphs: urls } }) : Promise.resolve(undefined),
    ]);
    return { subgraphs, gateway, apollo, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Tokens for many agencies, so per-agency limits see the load spread as real traffic is. */
export async function agencyTokens(config: Config, codes: readonly string[], ttlSeconds = 3_600): Promise<Map<string, string>> {
  const entries = await Promise.all(codes.map(async (code) => [code, await signToken(config.jwtSecret, { sub: code, role: 'AGENCY' }, ttlSeconds)] as const));
  return new Map(entries);
}

/** Copies the files of a prepared data folder (SQLite files, blobs) into a fresh one. */
export function copyDataDir(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  fs.cpSync(from, to, { recursive: true });
}
