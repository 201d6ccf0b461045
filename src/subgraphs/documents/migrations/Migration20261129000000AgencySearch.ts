import { Migration } from '@mikro-orm/migrations';
import { isPostgres } from '../../../shared/db';

/**
 * An index for the directory search (agency/agency-search.ts; dropped by
 * Migration20261203000000SearchInMemory): a name contains the folded text. A plain LIKE '%…%' reads
 * every row, so each database gets its own substring index.
 *
 * SQLite: an FTS5 table with the trigram tokenizer over agency.search_name. It is external-content (it
 * holds the index only; names stay in agency, and its rowids are agency's — VACUUM copies the table with
 * its rowids) and triggers keep it right whatever writes agency: the import's bulk upserts through knex
 * and the operators' changes through MikroORM alike. 'rebuild' fills it from the rows already there.
 *
 * PostgreSQL: pg_trgm's GIN index, which answers LIKE '%…%' itself, and a pattern-ops index for the code
 * prefix the same search ORs in (a LIKE prefix cannot use the primary key's index unless the database's
 * collation is C), so the whole condition is planned as a BitmapOr of the two. pg_trgm is a trusted
 * extension (PostgreSQL 13+): the database owner may create it; it lands in the first schema of the
 * search path unless the database already has it elsewhere, hence the look-up of where it is.
 */
export class Migration20261129000000AgencySearch extends Migration {
  override async up(): Promise<void> {
    // A B-tree on search_name served no search (they all look inside the name) and cost every write.
    this.addSql('drop index agency_search_name_idx');
    if (isPostgres(this.driver)) {
      await this.execute('create extension if not exists pg_trgm');
      const [{ schema }] = await this.execute(
        `select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`,
      );
      this.addSql(`create index agency_search_name_trgm_idx on agency using gin (search_name "${schema}".gin_trgm_ops)`);
      this.addSql('create index agency_code_prefix_idx on agency (code varchar_pattern_ops)');
      return;
    }
    const t = 'agency_search';
    // case_sensitive 1: search_name is already folded to lower case, and exact trigrams match as LIKE would.
    this.addSql(`create virtual table ${t} using fts5(search_name, content='agency', tokenize='trigram case_sensitive 1')`);
    this.addSql(`insert into ${t}(${t}) values ('rebuild')`);
    this.addSql(`create trigger ${t}_insert after insert on agency begin
      insert into ${t}(rowid, search_name) values (new.rowid, new.search_name);
    end`);
    this.addSql(`create trigger ${t}_delete after delete on agency begin
      insert into ${t}(${t}, rowid, search_name) values ('delete', old.rowid, old.search_name);
    end`);
    // Only a renamed unit is re-indexed: the import rewrites search_name on every changed row.
    this.addSql(`create trigger ${t}_update after update of search_name on agency when old.search_name is not new.search_name begin
      insert into ${t}(${t}, rowid, search_name) values ('delete', old.rowid, old.search_name);
      insert into ${t}(rowid, search_name) values (new.rowid, new.search_name);
    end`);
  }
}
