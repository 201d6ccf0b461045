/**
 * An accepted send must survive a power loss, not only a crash of the process: SQLite commits with
 * synchronous=FULL unless LIENTHONG_SQLITE_SYNCHRONOUS says NORMAL, on every connection of the pool.
 * Attachment content is in the same database, committed with its rows (blob-store.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../../src/config';
import { openDocumentsDatabase } from '../../src/subgraphs/documents/database';
import { tempEnv } from '../helpers/env';

async function pragmas(extra: NodeJS.ProcessEnv) {
  const env = tempEnv({ LIENTHONG_DATABASE_URL: '', ...extra });
  const orm = await openDocumentsDatabase(env.config);
  try {
    const connection = orm.em.getConnection();
    const [{ synchronous }] = await connection.execute<{ synchronous: number }[]>('pragma synchronous');
    const [{ journal_mode: journal }] = await connection.execute<{ journal_mode: string }[]>('pragma journal_mode');
    return { synchronous, journal };
  } finally {
    await orm.close();
    env.cleanup();
  }
}

test('SQLite commits with synchronous=FULL under WAL by default, NORMAL only when configured', async () => {
  assert.deepEqual(await pragmas({}), { synchronous: 2, journal: 'wal' });
  assert.deepEqual(await pragmas({ LIENTHONG_SQLITE_SYNCHRONOUS: 'NORMAL' }), { synchronous: 1, journal: 'wal' });
  assert.throws(() => tempEnv({ LIENTHONG_SQLITE_SYNCHRONOUS: 'OFF' }), ConfigError);
});
