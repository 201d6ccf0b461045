/**
 * What the population and land subgraphs have in common: each serves a synthetic dataset from its own
 * SQLite file, generated on the first start (or by `generate`) in batches inside one transaction.
 */
import path from 'node:path';
import type { Constructor, EntityName, RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import type { Migration } from '@mikro-orm/migrations';
import type { Config } from '../config';
import type { AuthState, BaseContext } from './auth';
import { openDatabase, withStartupLock, type Orm } from './db';
import type { Role } from './identity';
import { createLogger } from './logger';
import type { SubgraphSchema } from './subgraph-schema';
import { startSubgraphServer, type RunningServer } from './subgraph-server';

/**
 * Who may read the national databases: agencies (the citizens and parcels their documents concern) and
 * analysts. Operators run the directory and support deliveries; they never see personal records.
 */
export const RECORD_READERS: readonly Role[] = ['AGENCY', 'ANALYST'];

/** Called as rows go in: done so far of total. */
export type Progress = (done: number, total: number) => void;

export interface SyntheticDataset {
  /** The subgraph's name; its file is <dataDir>/<name>.sqlite. */
  name: 'population' | 'land';
  entities: Constructor<object>[];
  migrations: { name: string; class: Constructor<Migration> }[];
  isEmpty(orm: Orm): Promise<boolean>;
  /** True when the database holds exactly what generate(scale) writes. */
  holds(orm: Orm, scale: number): Promise<boolean>;
  /** Replaces whatever the database holds with the data generated for `scale`, all or nothing. */
  generate(orm: Orm, scale: number, onProgress: Progress): Promise<void>;
}

export function openDataset(config: Config, dataset: SyntheticDataset, onQuery?: (sql: string) => void): Promise<Orm> {
  return openDatabase({
    file: path.join(config.dataDir, `${dataset.name}.sqlite`),
    url: config.databaseUrl || undefined,
    schema: dataset.name,
    entities: dataset.entities,
    migrations: dataset.migrations,
    onQuery,
  });
}

/** Rows per INSERT: well under SQLite's 32,766 bound parameters for the widest table here. */
const BATCH_SIZE = 1000;
/** Progress is reported this many times over a whole table, not once per batch. */
const PROGRESS_STEPS = 10;

/**
 * Counts rows as they go in, across tables, and reports every tenth of `total` (and the end):
 * a handful of lines per dataset rather than one per batch.
 */
export function progressCounter(total: number, onProgress: Progress): (inserted: number) => void {
  const step = Math.max(1, Math.ceil(total / PROGRESS_STEPS));
  let done = 0;
  return (inserted) => {
    const before = done;
    done += inserted;
    if (Math.floor(done / step) > Math.floor(before / step) || done === total) onProgress(done, total);
  };
}

/** Multi-row INSERTs of BATCH_SIZE rows; onInserted hears each batch's size. */
export async function insertInBatches<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  rows: Iterable<RequiredEntityData<T>>,
  onInserted: (inserted: number) => void,
): Promise<void> {
  let batch: RequiredEntityData<T>[] = [];
  const flush = async (): Promise<void> => {
    await em.insertMany<T>(entity, batch);
    onInserted(batch.length);
    batch = [];
  };
  for (const row of rows) {
    batch.push(row);
    if (batch.length === BATCH_SIZE) await flush();
  }
  if (batch.length) await flush();
}

export interface SubgraphStartOptions {
  /** Overrides config.subgraphPorts; 0 picks a free port (tests). */
  port?: number;
  /** Receives every SQL statement run (tests that bound the statements per request). */
  onQuery?: (sql: string) => void;
}

export interface SyntheticSubgraph<C extends BaseContext> {
  dataset: SyntheticDataset;
  buildSchema(): Promise<SubgraphSchema>;
  context(orm: Orm): (auth: AuthState, live: boolean) => C;
}

/**
 * Opens the subgraph's database (migrations run), generates config.populationScale worth of data if it
 * is empty, then serves; close() also closes the database.
 */
export async function startSyntheticSubgraph<C extends BaseContext>(
  config: Config,
  options: SubgraphStartOptions,
  subgraph: SyntheticSubgraph<C>,
): Promise<RunningServer & { orm: Orm }> {
  const { name } = subgraph.dataset;
  const logger = createLogger(config.logLevel, name);
  const orm = await openDataset(config, subgraph.dataset, options.onQuery);
  try {
    // Under the start-up lock, so instances starting together on one PostgreSQL generate it once.
    await withStartupLock(orm, async () => {
      if (!(await subgraph.dataset.isEmpty(orm))) return;
      logger.info({ scale: config.populationScale }, `empty ${name} database: generating synthetic data`);
      await subgraph.dataset.generate(orm, config.populationScale, (done, total) => logger.info({ done, total }, 'rows generated'));
    });
    const { schema } = await subgraph.buildSchema();
    const server = await startSubgraphServer({
      name,
      schema,
      host: config.subgraphHost,
      port: options.port ?? config.subgraphPorts[name],
      gatewaySecret: config.gatewaySecret,
      roles: RECORD_READERS,
      logger,
      introspection: config.nodeEnv !== 'production',
      maxRequestBytes: config.maxRequestBytes,
      context: subgraph.context(orm),
    });
    return {
      ...server,
      orm,
      close: async () => {
        await server.close();
        await orm.close();
      },
    };
  } catch (e) {
    await orm.close();
    throw e;
  }
}
