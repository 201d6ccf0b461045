import { Migration } from '@mikro-orm/migrations';
import { isPostgres } from '../../../shared/db';
import { DIRECTORY_REVISION_TABLE } from '../agency/search-cache';

/**
 * The directory's revision (agency/search-cache.ts): one counter that every write to agency moves, so a
 * documents instance knows whether the search results it keeps are still the directory's. Triggers, like
 * the search index's, catch every writer: the import's bulk upserts, operators' changes, a hand-made fix.
 *
 * SQLite triggers are per row. PostgreSQL's is per statement (TRUNCATE included): an import batch moves
 * the counter once per statement, not once per unit, and holds the counter's row only until it commits.
 */
export class Migration20261201000000DirectoryRevision extends Migration {
  override async up(): Promise<void> {
    const t = DIRECTORY_REVISION_TABLE;
    const builder = this.getKnex().schema.createTable(t, (table) => {
      table.integer('id').primary();
      table.bigInteger('revision').notNullable();
    });
    for (const statement of builder.toSQL()) this.addSql(statement.sql);
    this.addSql(`insert into ${t} (id, revision) values (1, 0)`);
    const bump = `update ${t} set revision = revision + 1`;
    if (isPostgres(this.driver)) {
      // The migration's search path (this subgraph's schema) goes with the function, so a writer whose
      // session searches elsewhere (an operator in psql) still moves this schema's counter.
      this.addSql(`create function ${t}_bump() returns trigger language plpgsql set search_path from current as $$ begin ${bump}; return null; end $$`);
      this.addSql(`create trigger agency_${t} after insert or update or delete or truncate on agency for each statement execute function ${t}_bump()`);
      return;
    }
    for (const event of ['insert', 'update', 'delete']) {
      this.addSql(`create trigger agency_${t}_${event} after ${event} on agency begin ${bump}; end`);
    }
  }
}
