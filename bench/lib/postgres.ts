/** A throwaway PostgreSQL database for a scenario, on the server `npm run bench -- --postgres URL` names. */
import { randomBytes } from 'node:crypto';
import { knex } from '@mikro-orm/knex';

/** The project machines' PostgreSQL (trust auth on loopback), as .ci/run starts it. */
export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const admin = knex({ client: 'pg', connection: { connectionString: serverUrl, connectionTimeoutMillis: 5_000 }, pool: { min: 0, max: 1 } });
  try {
    await admin.raw(sql);
  } finally {
    await admin.destroy();
  }
}

/** A new empty database, or why there is none (no server listening, no rights). */
export async function createDatabase(serverUrl: string): Promise<BenchDatabase | { problem: string }> {
  const name = `lienthong_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  try {
    await onServer(serverUrl, `create database "${name}"`);
  } catch (e) {
    return { problem: `PostgreSQL at ${new URL(serverUrl).host}: ${(e as Error).message}` };
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(serverUrl, `drop database if exists "${name}" with (force)`) };
}
