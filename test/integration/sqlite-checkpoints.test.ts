/**
 * The documents database's write-ahead log is copied into the file by a worker thread
 * (shared/sqlite-checkpoints.ts), on a real file: what commits reaches the database file while the
 * subgraph's own connection has not checkpointed; under a stream of commits the log stays bounded; closing
 * stops the worker, so the subgraph's connection is the last and removes the log.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Orm } from '../../src/shared/db';
import { WAL_PAGES_BEFORE_OWN_CHECKPOINT } from '../../src/shared/sqlite-checkpoints';
import { BLOB_TABLE } from '../../src/subgraphs/documents/document/blob-store';
import { openDocumentsDatabase } from '../../src/subgraphs/documents/database';
import { waitFor } from '../helpers/graphql';
import { tempEnv, type TempEnv } from '../helpers/env';

const MiB = 1024 * 1024;
const PAGE = 4096;

let env: TempEnv;
let orm: Orm;
let file: string;
let written = 0;

before(async () => {
  env = tempEnv();
  orm = await openDocumentsDatabase(env.config);
  file = path.join(env.dir, 'documents.sqlite');
});

after(async () => {
  // The last test closes it; this is for when an earlier one failed.
  await orm.close().catch(() => undefined);
  env.cleanup();
});

/** One commit of `bytes` of attachment content. */
async function commit(bytes: number): Promise<void> {
  const content = crypto.randomBytes(bytes);
  await orm.em.getKnex()(BLOB_TABLE).insert({ sha256: crypto.createHash('sha256').update(content).digest('hex'), content });
  written += bytes;
}

test('what commits reaches the database file though the subgraph has not reached its own checkpoint size', async () => {
  const [{ wal_autocheckpoint: own }] = (await orm.em.getKnex().raw('pragma wal_autocheckpoint')) as { wal_autocheckpoint: number }[];
  assert.equal(own, WAL_PAGES_BEFORE_OWN_CHECKPOINT);
  const sizeBefore = fs.statSync(file).size;
  for (let i = 0; i < 32; i++) await commit(256 * 1024);
  assert.ok(8 * MiB < own * PAGE, 'far under what would make the subgraph checkpoint');
  await waitFor(() => fs.statSync(file).size >= sizeBefore + 8 * MiB, 10_000, 'the database file to hold what was committed');
});

test('under a stream of commits the log restarts: its file stays near the subgraph\'s checkpoint size', async () => {
  const bound = WAL_PAGES_BEFORE_OWN_CHECKPOINT * PAGE + 8 * MiB;
  let largest = 0;
  for (let total = 0; total < bound + 32 * MiB; total += MiB) {
    await commit(MiB);
    largest = Math.max(largest, fs.statSync(`${file}-wal`).size);
  }
  assert.ok(largest < bound, `the log reached ${(largest / MiB).toFixed(1)} MiB`);
  const [{ n }] = await orm.em.getKnex()(BLOB_TABLE).count({ n: '*' });
  assert.equal(Number(n), 32 + Math.ceil((bound + 32 * MiB) / MiB));
});

test('closing stops the worker: the subgraph\'s connection is the last, and removes the log', async () => {
  assert.ok(fs.existsSync(`${file}-wal`));
  await orm.close();
  assert.equal(fs.existsSync(`${file}-wal`), false);
  assert.ok(fs.statSync(file).size >= written, 'everything committed is in the file');
});
