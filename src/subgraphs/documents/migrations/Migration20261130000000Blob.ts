import { Migration } from '@mikro-orm/migrations';
import { BLOB_TABLE } from '../document/blob-store';

/**
 * Content by SHA-256 in the database (document/blob-store.ts): a blob on SQLite, a bytea on PostgreSQL.
 * Content stored as files before this stays where it is and is still read from there.
 */
export class Migration20261130000000Blob extends Migration {
  override async up(): Promise<void> {
    const builder = this.getKnex().schema.createTable(BLOB_TABLE, (t) => {
      t.string('sha256', 64).primary();
      t.binary('content').notNullable();
    });
    for (const statement of builder.toSQL()) this.addSql(statement.sql);
  }
}
