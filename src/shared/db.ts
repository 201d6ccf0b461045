/**
 * Database set-up shared by every subgraph: MikroORM on SQLite (the embedded default) or on PostgreSQL
 * (LIENTHONG_DATABASE_URL, one schema per subgraph), schema created by the subgraph's migrations —
 * the same ones for both — never by schema.update at run time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MikroORM, DefaultLogger, type EntityManager, type LoggerOptions, type LogContext, type Constructor } from '@mikro-orm/core';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import { PostgreSqlDriver, PostgreSqlPlatform } from '@mikro-orm/postgresql';
import type { AbstractSqlDriver } from '@mikro-orm/knex';
import { Migrator, type Migration } from '@mikro-orm/migrations';
import { startBackgroundCheckpoints, WAL_PAGES_BEFORE_OWN_CHECKPOINT } from './sqlite-checkpoints';

/** Either driver: code above this module uses only what both offer (and knex's dialect-neutral builder). */
export type Orm = MikroORM<AbstractSqlDriver>;

export interface DatabaseOptions {
  /** The SQLite file, created with its folder if missing; unused when `url` is set. */
  file: string;
  /** postgres://…: use PostgreSQL instead of the file. */
  url?: string;
  /** On PostgreSQL, the schema this subgraph's tables and migration record live in (created if missing). */
  schema: string;
  entities: Constructor<object>[];
  migrations: { name: string; class: Constructor<Migration> }[];
  /** SQLite's synchronous pragma (config.sqliteSynchronous); FULL when not given. */
  synchronous?: 'FULL' | 'NORMAL';
  /** SQLite: copy the write-ahead log into the file on a worker thread (sqlite-checkpoints.ts), for busy writers. */
  backgroundCheckpoints?: boolean;
  /** Called with each SQL statement run; used by tests that bound the statements per request. */
  onQuery?: (sql: string) => void;
}

/** Hands each statement to onQuery instead of printing it. */
class StatementCounter extends DefaultLogger {
  constructor(
    options: LoggerOptions,
    private readonly onQuery: (sql: string) => void,
  ) {
    super(options);
  }

  override logQuery(context: { query: string } & LogContext): void {
    this.onQuery(context.query);
  }
}

/**
 * Rows (or reads) per statement where one statement carries many: SQLite refuses a compound statement
 * of more than 500 selects (SQLITE_MAX_COMPOUND_SELECT), and knex writes a multi-row insert there as one.
 */
export const ROWS_PER_STATEMENT = 200;

/** `rows` in runs of ROWS_PER_STATEMENT, one multi-row statement's worth each. */
export function statementSlices<R>(rows: readonly R[]): R[][] {
  const slices: R[][] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) slices.push(rows.slice(start, start + ROWS_PER_STATEMENT));
  return slices;
}

/** True when this entity manager (orm.em or a fork) talks to PostgreSQL. */
export function isPostgres(em: { getPlatform(): unknown }): boolean {
  return em.getPlatform() instanceof PostgreSqlPlatform;
}

/**
 * Runs `work` in one transaction on a fork of `em`, committed when it resolves and rolled back when it
 * throws: em.transactional without its AsyncLocalStorage. On Node 20 the first run of any
 * AsyncLocalStorage turns on promise hooks for the rest of the process, and every promise of every
 * request then pays for them (bench/changes.ts, 29); MikroORM enters one in em.transactional and another
 * in every flush. So writes go through knex or em.insert/nativeUpdate, and the fork is flushed only if
 * `work` left changes in its unit of work, which are then written all the same.
 */
export async function inTransaction<E extends EntityManager, T>(em: E, work: (tx: E) => Promise<T>): Promise<T> {
  // clear: false, as em.transactional: what `em` has loaded is managed in the transaction too.
  const tx = em.fork({ clear: false }) as E;
  await tx.begin();
  try {
    const result = await work(tx);
    const uow = tx.getUnitOfWork();
    uow.computeChangeSets();
    if (uow.getChangeSets().length > 0 || uow.getCollectionUpdates().length > 0) {
      await tx.commit();
    } else {
      await tx.getConnection('write').commit(tx.getTransactionContext());
      tx.resetTransactionContext();
    }
    return result;
  } catch (error) {
    if (tx.isInTransaction()) await tx.rollback();
    throw error;
  }
}

type CommonOptions = ReturnType<typeof commonOptions>;

function commonOptions(options: DatabaseOptions) {
  const { onQuery } = options;
  return {
    entities: options.entities,
    extensions: [Migrator],
    migrations: { migrationsList: options.migrations, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    debug: onQuery ? ['query' as const] : false,
    loggerFactory: onQuery ? (o: LoggerOptions) => new StatementCounter(o, onQuery) : undefined,
    allowGlobalContext: false,
    forceUtcTimezone: true,
    discovery: { warnWhenNoEntities: false },
  };
}

export async function openDatabase(options: DatabaseOptions): Promise<Orm> {
  const common = commonOptions(options);
  const orm = options.url ? await openPostgres(options, common) : await openSqlite(options, common);
  // MikroORM's logger sees what runs through it (as raw SQL); statements built and run with knex
  // directly (the send's inserts, the audit log) reach onQuery from knex's own event.
  if (options.onQuery) {
    const onQuery = options.onQuery;
    orm.em.getKnex().on('query', (q: { method?: string; sql: string }) => {
      if (q.method && q.method !== 'raw') onQuery(q.sql);
    });
  }
  await withStartupLock(orm, () => orm.getMigrator().up());
  return orm;
}

/** pg_advisory_lock's key for start-up work: the two int4 halves spell "LT" "strt". */
const STARTUP_LOCK = [0x4c54, 0x73747274] as const;

/**
 * Runs start-up work that must not run twice at once (migrations, seeding an empty table) while holding
 * a PostgreSQL session lock, so several instances starting together on one database take turns; the
 * later ones then find the work done. On SQLite (one process) it just runs.
 */
export async function withStartupLock<T>(orm: Orm, work: () => Promise<T>): Promise<T> {
  if (!isPostgres(orm.em)) return work();
  const knex = orm.em.getKnex();
  const connection = await knex.client.acquireConnection();
  try {
    await knex.raw('select pg_advisory_lock(?, ?)', [...STARTUP_LOCK]).connection(connection);
    try {
      return await work();
    } finally {
      await knex.raw('select pg_advisory_unlock(?, ?)', [...STARTUP_LOCK]).connection(connection);
    }
  } finally {
    await knex.client.releaseConnection(connection);
  }
}

async function openSqlite(options: DatabaseOptions, common: CommonOptions): Promise<Orm> {
  fs.mkdirSync(path.dirname(options.file), { recursive: true });
  const orm = await MikroORM.init<BetterSqliteDriver>({
    ...common,
    driver: BetterSqliteDriver,
    dbName: options.file,
    // Per connection, so a connection the pool ever makes anew is set up the same.
    pool: {
      afterCreate: (db: SqliteDatabase, done: (error: Error | null, db: SqliteDatabase) => void) => {
        // WAL lets readers (subscriptions replaying, inbox pages) run while a send is being written.
        db.pragma('journal_mode = WAL');
        // Under WAL, FULL syncs the log at every commit: what was acknowledged survives a power loss.
        db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
        db.pragma('busy_timeout = 5000');
        if (options.backgroundCheckpoints) db.pragma(`wal_autocheckpoint = ${WAL_PAGES_BEFORE_OWN_CHECKPOINT}`);
        reusePreparedStatements(db, STATEMENT_CACHE_SIZE);
        done(null, db);
      },
    },
  });
  if (options.backgroundCheckpoints) {
    const checkpoints = startBackgroundCheckpoints(options.file);
    const close = orm.close.bind(orm);
    orm.close = async (force?: boolean) => {
      await checkpoints.stop();
      await close(force);
    };
  }
  return orm as unknown as Orm;
}

/** What this module uses of a better-sqlite3 connection (the package ships no types). */
interface SqliteDatabase {
  prepare(sql: string): unknown;
  pragma(source: string): unknown;
}

/** Distinct statements kept compiled: the hot paths' few dozen, with room for the rest. */
const STATEMENT_CACHE_SIZE = 200;

/**
 * knex asks better-sqlite3 to compile every statement it runs, even the same SQL with other bindings
 * (a send's inserts, the audit log's head, BEGIN and COMMIT): about 0.4 ms of a send's CPU. A compiled
 * statement is reusable once run (knex runs each to completion with all() or run()), and SQLite
 * recompiles one by itself if the schema changes under it, so the most recent ones are kept by SQL.
 * Statements MikroORM runs have their values written into the SQL, so they seldom repeat; they pass
 * through the cache's least-recently-used end.
 */
function reusePreparedStatements(db: SqliteDatabase, capacity: number): void {
  const prepare = db.prepare.bind(db);
  const compiled = new Map<string, unknown>();
  db.prepare = (sql: string) => {
    const statement = compiled.get(sql) ?? prepare(sql);
    compiled.delete(sql);
    compiled.set(sql, statement);
    if (compiled.size > capacity) compiled.delete(compiled.keys().next().value!);
    return statement;
  };
}

/**
 * Each subgraph in its own schema, set as the connections' search_path: the migrations' knex builder
 * and the hand-written knex queries name tables bare, as on SQLite, and land in that schema.
 */
async function openPostgres(options: DatabaseOptions, common: CommonOptions): Promise<Orm> {
  const { schema } = options;
  const orm = await MikroORM.init<PostgreSqlDriver>({
    ...common,
    driver: PostgreSqlDriver,
    clientUrl: options.url,
    schema,
    migrations: { ...common.migrations, tableName: `${schema}.mikro_orm_migrations` },
    driverOptions: { searchPath: [schema] },
    // A database that is down answers at once (ECONNREFUSED) rather than after knex's 60 s default.
    pool: { min: 0, max: 10, acquireTimeoutMillis: 10_000 },
  });
  await orm.em.getConnection().execute(`create schema if not exists "${schema}"`);
  return orm as unknown as Orm;
}
