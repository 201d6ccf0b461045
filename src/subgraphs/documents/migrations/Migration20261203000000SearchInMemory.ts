import { Migration } from '@mikro-orm/migrations';
import { isPostgres } from '../../../shared/db';

/**
 * The directory search scans the directory held in memory (agency/search-cache.ts SearchableDirectory), so
 * the substring indexes of Migration20261129000000AgencySearch serve nothing and only cost every write to
 * agency (an import most): SQLite's FTS5 table and its triggers, PostgreSQL's pg_trgm and code-prefix
 * indexes. The pg_trgm extension stays: other schemas of the database may use it.
 */
export class Migration20261203000000SearchInMemory extends Migration {
  override async up(): Promise<void> {
    if (isPostgres(this.driver)) {
      this.addSql('drop index agency_search_name_trgm_idx');
      this.addSql('drop index agency_code_prefix_idx');
      return;
    }
    for (const event of ['insert', 'delete', 'update']) this.addSql(`drop trigger agency_search_${event}`);
    this.addSql('drop table agency_search');
  }
}
