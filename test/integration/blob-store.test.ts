/**
 * Content by SHA-256 in the documents database (document/blob-store.ts): stored once, committed with the
 * rows that name it or not at all, and content an earlier version kept as files still read. On the
 * embedded SQLite; blob-store.pg.test.ts runs it again on PostgreSQL.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from '@mikro-orm/knex';
import { inTransaction, type Orm } from '../../src/shared/db';
import { openDocumentsDatabase } from '../../src/subgraphs/documents/database';
import { BLOB_TABLE, BlobStore } from '../../src/subgraphs/documents/document/blob-store';
import { tempEnv, type TempEnv } from '../helpers/env';

let env: TempEnv;
let orm: Orm;
let blobs: BlobStore;

before(async () => {
  env = tempEnv();
  orm = await openDocumentsDatabase(env.config);
  blobs = new BlobStore(orm, path.join(env.dir, 'blobs'));
});

after(async () => {
  await orm.close();
  env.cleanup();
});

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');
const rowsOf = async (sha: string) => Number((await orm.em.getKnex()(BLOB_TABLE).where({ sha256: sha }).count({ n: '*' }))[0].n);

test('content is stored once under its SHA-256 and read back byte for byte', async () => {
  // Every byte value, zeros included, and larger than a database page.
  const content = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(200 * 1024)]);
  const knex = orm.em.getKnex();
  assert.equal(await blobs.put(knex, content), sha256(content));
  assert.equal(await blobs.put(knex, content, sha256(content)), sha256(content));
  assert.equal(await rowsOf(sha256(content)), 1);
  assert.ok((await blobs.get(sha256(content))).equals(content));
});

test('content put in a transaction that rolls back is not stored', async () => {
  const content = Buffer.from('Quyết định số 15/QĐ-UBND, bản bị hủy');
  await assert.rejects(
    inTransaction(orm.em.fork(), async (tx) => {
      await blobs.put(tx.getTransactionContext<Knex.Transaction>()!, content);
      throw new Error('the send failed after its content was put');
    }),
    /the send failed/,
  );
  assert.equal(await rowsOf(sha256(content)), 0);
  await assert.rejects(blobs.get(sha256(content)), { code: 'ENOENT' });
});

test('content an earlier version kept as a file under the data dir is still read', async () => {
  const content = Buffer.from('%PDF-1.7 công văn lưu trước khi nội dung vào cơ sở dữ liệu');
  const sha = sha256(content);
  const folder = path.join(env.dir, 'blobs', sha.slice(0, 2), sha.slice(2, 4));
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, sha), content);
  assert.ok((await blobs.get(sha)).equals(content));
  assert.equal(await rowsOf(sha), 0, 'read where it is, not copied');
});
