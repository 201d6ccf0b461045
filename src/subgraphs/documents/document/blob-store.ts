import fs from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from '@mikro-orm/knex';
import type { Orm } from '../../../shared/db';
import { sha256Hex } from '../../../shared/digest';

/** The table of content by SHA-256 (Migration20261130000000Blob). */
export const BLOB_TABLE = 'blob';

/**
 * Attachment content and kept edXML messages, stored once per SHA-256 in the documents database, in the
 * transaction of the rows that name them: the bytes commit with those rows or not at all, on the same
 * disk sync, and every documents instance of the scaled mode reads what any of them wrote.
 *
 * They used to be files under the data dir, each synced with its folder before the send committed: two
 * to four fsyncs per send besides the database's one (bench/changes.ts, 16), and a volume all instances
 * had to share. Content stored that way is still read from there (`legacyRoot`); nothing is written there.
 */
export class BlobStore {
  constructor(
    private readonly orm: Orm,
    private readonly legacyRoot: string,
  ) {}

  /**
   * Stores the bytes through `db` — the transaction of the rows that name them — and returns their hex
   * SHA-256; a caller that has just computed that digest of this very buffer passes it rather than hashing
   * the bytes again. Content already stored is left as it is.
   */
  async put(db: Knex, content: Buffer, sha256 = sha256Hex(content)): Promise<string> {
    await db(BLOB_TABLE).insert({ sha256, content }).onConflict('sha256').ignore();
    return sha256;
  }

  async get(sha256: string): Promise<Buffer> {
    const row: { content: Buffer | Uint8Array } | undefined = await this.orm.em.getKnex()(BLOB_TABLE).select('content').where({ sha256 }).first();
    if (row) return Buffer.from(row.content);
    return fs.readFile(path.join(this.legacyRoot, sha256.slice(0, 2), sha256.slice(2, 4), sha256));
  }
}
