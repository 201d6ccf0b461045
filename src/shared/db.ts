/**
 * Database set-up shared by every subgraph: MikroORM on SQLite (the embedded default), schema created
 * by the subgraph's migrations — never by schema.update at run time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MikroORM, DefaultLogger, type LoggerOptions, type LogContext, type Constructor } from '@mikro-orm/core';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import { Migrator, type Migration } from '@mikro-orm/migrations';

export type Orm = MikroORM<BetterSqliteDriver>;

export interface DatabaseOptions {
  /** The SQLite file, created with its folder if missing. */
  file: string;
  entities: Constructor<object>[];
  migrations: { name: string; class: Constructor<Migration> }[];
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

export async function openDatabase(options: DatabaseOptions): Promise<Orm> {
  fs.mkdirSync(path.dirname(options.file), { recursive: true });
  const { onQuery } = options;
  const orm = await MikroORM.init<BetterSqliteDriver>({
    driver: BetterSqliteDriver,
    dbName: options.file,
    entities: options.entities,
    extensions: [Migrator],
    migrations: { migrationsList: options.migrations, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    debug: onQuery ? ['query'] : false,
    loggerFactory: onQuery ? (o) => new StatementCounter(o, onQuery) : undefined,
    allowGlobalContext: false,
    forceUtcTimezone: true,
    discovery: { warnWhenNoEntities: false },
  });
  const connection = orm.em.getConnection();
  // WAL lets readers (subscriptions replaying, inbox pages) run while a send is being written.
  await connection.execute('pragma journal_mode = WAL');
  await connection.execute('pragma synchronous = NORMAL');
  await connection.execute('pragma busy_timeout = 5000');
  await orm.getMigrator().up();
  return orm;
}
