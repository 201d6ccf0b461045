import 'reflect-metadata';
import path from 'node:path';
import type { Config } from '../../config';
import { isPostgres, withStartupLock, type Orm } from '../../shared/db';
import { ROLES } from '../../shared/identity';
import { createLogger } from '../../shared/logger';
import { startSubgraphServer, type RunningServer } from '../../shared/subgraph-server';
import { admitCaller } from './agency/agency.service';
import { seedDirectoryIfEmpty } from './agency/directory';
import { createContext, type DocumentsDeps } from './context';
import { openDocumentsDatabase } from './database';
import { BlobStore } from './document/blob-store';
import { InProcessEventBus, type EventBus } from './events/event-bus';
import { RedisEventBus } from './events/redis-bus';
import { EventRelay } from './events/relay';
import { buildDocumentsSchema } from './schema';

export interface DocumentsServerOptions {
  port?: number;
  onQuery?: (sql: string) => void;
  bus?: EventBus;
  now?: () => Date;
}

export type DocumentsServer = RunningServer & { orm: Orm; deps: DocumentsDeps };

/** The documents subgraph: opens and migrates its database, seeds the directory once, and serves. */
export async function startDocumentsSubgraph(config: Config, options: DocumentsServerOptions = {}): Promise<DocumentsServer> {
  const logger = createLogger(config.logLevel, 'documents');
  const orm = await openDocumentsDatabase(config, options.onQuery);
  await withStartupLock(orm, () => seedDirectoryIfEmpty(orm, logger));
  const bus = options.bus ?? (config.redisUrl ? new RedisEventBus(config.redisUrl, config.redisPrefix, logger) : new InProcessEventBus());
  // On PostgreSQL other instances write to the same log: sweep it for wake-ups that never came.
  const relay = isPostgres(orm.em) && config.eventSweepMs > 0 ? new EventRelay(orm, bus, logger, config.eventSweepMs) : undefined;
  await relay?.start();
  const deps: DocumentsDeps = {
    config,
    orm,
    blobs: new BlobStore(orm, path.join(config.dataDir, 'blobs')),
    bus,
    logger,
    now: options.now ?? (() => new Date()),
  };
  const { schema } = await buildDocumentsSchema();
  const server = await startSubgraphServer({
    name: 'documents',
    schema,
    host: config.subgraphHost,
    port: options.port ?? config.subgraphPorts.documents,
    gatewaySecret: config.gatewaySecret,
    // Every role: what each may do here is decided per field by authorization.ts.
    roles: ROLES,
    admit: admitCaller,
    logger,
    introspection: config.nodeEnv !== 'production',
    maxRequestBytes: config.maxRequestBytes,
    context: (auth, live) => createContext(deps, auth, live),
  });
  return {
    ...server,
    orm,
    deps,
    close: async () => {
      await server.close();
      await relay?.stop();
      await deps.bus.close();
      await orm.close();
    },
  };
}
