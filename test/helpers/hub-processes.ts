/**
 * Hub processes for the fault tests: each part started as a deployment starts it (`start:subgraph`,
 * `start:gateway`, compiled, as its own process), so a test can kill -9 it, SIGTERM it, and start it
 * again on the same port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from './throwaway-services';

const CLI = path.resolve(__dirname, '../../src/cli');

export type PartName = 'documents' | 'population' | 'land' | 'gateway';

/** One running part; start() again after it has exited runs it anew with the same port and environment. */
export class HubProcess {
  child: ChildProcess | undefined;
  /** Its log lines (pino JSON), kept to explain a failure. */
  readonly log: string[] = [];

  constructor(
    readonly part: PartName,
    readonly port: number,
    readonly env: NodeJS.ProcessEnv,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/graphql`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts it and waits for its "ready" line. */
  async start(): Promise<void> {
    const args = this.part === 'gateway' ? [path.join(CLI, 'start-gateway.js')] : [path.join(CLI, 'start-subgraph.js'), this.part];
    const child = spawn(process.execPath, args, { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const ready = new Promise<void>((resolve, reject) => {
      const onLine = (line: string) => {
        this.log.push(line);
        if (line.includes('"readyMs"')) resolve();
      };
      createInterface({ input: child.stdout! }).on('line', onLine);
      createInterface({ input: child.stderr! }).on('line', onLine);
      child.once('exit', (code, signal) => reject(new Error(`${this.part} exited (${code ?? signal}) before it was ready:\n${this.log.slice(-20).join('\n')}`)));
    });
    await ready;
  }

  /** Sends a signal and waits for the exit; resolves with the exit code (null if killed by the signal). */
  async stop(signal: NodeJS.Signals): Promise<number | null> {
    const child = this.child;
    if (!child || !this.running) return child?.exitCode ?? null;
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    child.kill(signal);
    const [code] = await exited;
    return code;
  }
}

/** Environment shared by the parts of one test hub; LIENTHONG_* of the test process itself are not passed on. */
export function hubEnv(dataDir: string, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LIENTHONG_')));
  return {
    ...inherited,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    LIENTHONG_DATA_DIR: dataDir,
    LIENTHONG_LOG_LEVEL: 'info',
    LIENTHONG_JWT_SECRET: 'fault-test-jwt-secret',
    LIENTHONG_GATEWAY_SECRET: 'fault-test-gateway-secret',
    LIENTHONG_POPULATION_SCALE: '100',
    // The bursts below are far over an agency's fair share: these tests are not about rate limits.
    LIENTHONG_RATE_LIMIT_PER_SECOND: '0',
    ...extra,
  };
}

export interface TestTopology {
  dataDir: string;
  documents: HubProcess[];
  population: HubProcess;
  land: HubProcess;
  /** gateways[i] routes to documents[i]. */
  gateways: HubProcess[];
  close(): Promise<void>;
}

/**
 * n documents instances and n gateways (gateway i in front of documents i), with one population and one
 * land subgraph, all on the given environment (one data dir).
 */
export async function startTopology(n: number, extra: NodeJS.ProcessEnv): Promise<TestTopology> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-faults-'));
  const env = hubEnv(dataDir, extra);
  const part = async (name: PartName, portVar: string) => {
    const port = await freePort();
    return new HubProcess(name, port, { ...env, [portVar]: String(port) });
  };
  const population = await part('population', 'LIENTHONG_POPULATION_PORT');
  const land = await part('land', 'LIENTHONG_LAND_PORT');
  const documents: HubProcess[] = [];
  for (let i = 0; i < n; i++) documents.push(await part('documents', 'LIENTHONG_DOCUMENTS_PORT'));
  const all: HubProcess[] = [population, land, ...documents];
  const gateways: HubProcess[] = [];
  try {
    // One after the other: they migrate and seed the same database, and 2 cores are all there is.
    for (const p of all) await p.start();
    for (const docs of documents) {
      const gateway = await part('gateway', 'PORT');
      gateway.env.LIENTHONG_SUBGRAPHS = `documents=${docs.url},population=${population.url},land=${land.url}`;
      gateways.push(gateway);
      all.push(gateway);
      await gateway.start();
    }
  } catch (e) {
    await Promise.all(all.map((p) => p.stop('SIGKILL')));
    throw e;
  }
  return {
    dataDir,
    documents,
    population,
    land,
    gateways,
    close: async () => {
      await Promise.all(all.map((p) => p.stop('SIGKILL')));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
