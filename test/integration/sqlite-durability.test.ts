/**
 * An accepted send must survive a power loss, not only a crash of the process: SQLite commits with
 * synchronous=FULL unless LIENTHONG_SQLITE_SYNCHRONOUS says NORMAL, on every connection of the pool;
 * attachment blobs are complete files under their digest before the row naming them commits.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { ConfigError } from '../../src/config';
import { openDocumentsDatabase } from '../../src/subgraphs/documents/database';
import { BlobStore } from '../../src/subgraphs/documents/document/blob-store';
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

test('a blob is stored whole under its SHA-256, with no temporary file left, and stored once', async () => {
  const env = tempEnv();
  try {
    const root = path.join(env.dir, 'blobs');
    const blobs = new BlobStore(root);
    const content = Buffer.from('Công văn số 12/VPCP-KGVX');
    const sha256 = createHash('sha256').update(content).digest('hex');
    assert.equal(await blobs.put(content), sha256);
    assert.equal(await blobs.put(content, sha256), sha256);
    assert.deepEqual(await blobs.get(sha256), content);
    assert.deepEqual(fs.readdirSync(path.join(root, sha256.slice(0, 2), sha256.slice(2, 4))), [sha256]);
  } finally {
    env.cleanup();
  }
});
