/**
 * The PostgreSQL + Redis half of the suite, against the servers the project's machines run before each
 * session and CI run (PostgreSQL on 127.0.0.1:5432, trust auth, database `test`; Redis on 6379; override
 * with LIENTHONG_TEST_DATABASE_URL and LIENTHONG_TEST_REDIS_URL). Each suite gets a database of its own,
 * dropped afterwards, and a Redis channel prefix of its own. Where the servers cannot be reached (a
 * newcomer's laptop), only this half is skipped, and it says so loudly.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { knex } from '@mikro-orm/knex';
import { storeEnv } from './store-env';

export const TEST_DATABASE_URL = process.env.LIENTHONG_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.LIENTHONG_TEST_REDIS_URL || 'redis://127.0.0.1:6379';

let reachable: string | null | undefined;

/** Null when both servers accept connections; else why not. Checked once per test process. */
export function scaledServicesProblem(): string | null {
  if (reachable !== undefined) return reachable;
  const targets = [TEST_DATABASE_URL, TEST_REDIS_URL].map((u) => {
    const url = new URL(u);
    return { name: url.protocol.replace(':', ''), host: url.hostname, port: Number(url.port || (url.protocol.startsWith('redis') ? 6379 : 5432)) };
  });
  // A synchronous probe, so that whether to register the tests is known when the file loads.
  const probe = `const net = require('node:net'); const targets = ${JSON.stringify(targets)};
    Promise.all(targets.map((t) => new Promise((resolve) => {
      const s = net.connect(t.port, t.host); s.setTimeout(2000);
      s.on('connect', () => { s.destroy(); resolve(null); });
      s.on('error', (e) => resolve(t.name + ' at ' + t.host + ':' + t.port + ': ' + e.message));
      s.on('timeout', () => { s.destroy(); resolve(t.name + ' at ' + t.host + ':' + t.port + ': no answer'); });
    }))).then((r) => { process.stdout.write(r.filter(Boolean).join('; ')); });`;
  const out = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8', timeout: 10_000 });
  reachable = out.status === 0 ? out.stdout.trim() || null : `probe failed: ${out.stderr}`;
  return reachable;
}

/** Says loudly that the PostgreSQL + Redis half did not run, and records a skipped test saying why. */
export function skipLoudly(what: string, problem: string): void {
  const line = '!'.repeat(100);
  console.warn(`${line}\n!!! SKIPPED: ${what} — ${problem}\n!!! Run .ci/run (installs and starts PostgreSQL and Redis) to run it.\n${line}`);
  test(`${what} (skipped: ${problem})`, { skip: problem }, () => undefined);
}

export interface TestDatabase {
  url: string;
  name: string;
  /** How many tables the suite made in it (its migrations): none means it ran somewhere else. */
  tables(): Promise<number>;
  drop(): Promise<void>;
}

/** One statement on the server at `url`, on a connection of its own. */
async function runOn<T = { rows: Record<string, unknown>[] }>(url: string, sql: string): Promise<T> {
  const db = knex({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  try {
    return (await db.raw(sql)) as T;
  } finally {
    await db.destroy();
  }
}

/** A new, empty database on the test server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `lienthong_${process.pid}_${randomBytes(4).toString('hex')}`;
  await runOn(TEST_DATABASE_URL, `create database "${name}"`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    tables: async () => {
      const { rows } = await runOn<{ rows: { n: number }[] }>(url.toString(), `select count(*)::int as n from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')`);
      return rows[0].n;
    },
    drop: async () => {
      await runOn(TEST_DATABASE_URL, `drop database if exists "${name}" with (force)`);
    },
  };
}

/**
 * Loads a suite (`load` requires its module, which registers its hooks and tests) so that every config
 * tempEnv() makes for it points at a fresh database and Redis; or skips loudly when they are missing.
 * Inside a describe: on Node 20, hooks at a file's top level do not wait for one another, so the suite's
 * own before() would start its servers before the database was made, on the embedded default.
 */
export function onScaledStore(what: string, load: () => void): void {
  const problem = scaledServicesProblem();
  if (problem) return skipLoudly(`${what} on PostgreSQL + Redis`, problem);
  describe(`${what} on PostgreSQL + Redis`, () => {
    let database: TestDatabase | undefined;
    before(async () => {
      database = await createTestDatabase();
      Object.assign(storeEnv, {
        LIENTHONG_DATABASE_URL: database.url,
        LIENTHONG_REDIS_URL: TEST_REDIS_URL,
        LIENTHONG_REDIS_PREFIX: database.name,
      });
    });
    load();
    after(async () => {
      for (const key of Object.keys(storeEnv)) delete storeEnv[key];
      const tables = await database?.tables();
      await database?.drop();
      assert.ok(tables, `${what}: nothing was made in its PostgreSQL database; it ran on the embedded default`);
    });
  });
}
