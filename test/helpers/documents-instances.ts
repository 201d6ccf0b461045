/**
 * The scaled mode's documents side: several documents instances on one throwaway PostgreSQL database,
 * each with its own data dir, started before the calling file's tests and stopped (and the database
 * dropped) after them.
 */
import { after, before } from 'node:test';
import { startDocumentsSubgraph, type DocumentsServer } from '../../src/subgraphs/documents/server';
import { tempEnv, type TempEnv } from './env';
import { createTestDatabase, type TestDatabase } from './scaled-store';

export interface DocumentsInstances {
  /** Filled once the before hook has run. */
  instances: DocumentsServer[];
  envs: TempEnv[];
}

export function documentsInstancesOnOneDatabase(count: number): DocumentsInstances {
  const started: DocumentsInstances = { instances: [], envs: [] };
  let database: TestDatabase | undefined;

  before(async () => {
    database = await createTestDatabase();
    for (let i = 0; i < count; i++) {
      const env = tempEnv({ LIENTHONG_DATABASE_URL: database.url });
      started.envs.push(env);
      started.instances.push(await startDocumentsSubgraph(env.config, { port: 0 }));
    }
  });

  after(async () => {
    for (const instance of started.instances) await instance.close();
    for (const env of started.envs) env.cleanup();
    await database?.drop();
  });

  return started;
}
