import { Migration } from '@mikro-orm/migrations';
import { isPostgres } from '../../../shared/db';
import { DIRECTORY_CHANGE_TABLE, DIRECTORY_CHANGES_KEPT, DIRECTORY_REVISION_TABLE } from '../agency/search-cache';

/**
 * Which units each directory revision changed (agency/search-cache.ts), so kept search results can be
 * brought up to date by re-reading those units alone; and the revision moves only when something a search
 * reads changes — a unit added or removed, its code, folded name or parent — not for a new phone number.
 *
 * The log keeps the last DIRECTORY_CHANGES_KEPT revisions; a reader further behind reads its search anew.
 * SQLite's triggers stay per row. PostgreSQL's stay per statement, now with the statement's rows
 * (transition tables): an import batch is one revision listing its units, and a TRUNCATE moves the revision
 * with no list, which sends every reader to the database.
 */
export class Migration20261202000000DirectoryChanges extends Migration {
  override async up(): Promise<void> {
    const t = DIRECTORY_REVISION_TABLE;
    const log = DIRECTORY_CHANGE_TABLE;
    const builder = this.getKnex().schema.createTable(log, (table) => {
      table.bigInteger('revision').notNullable().index(`${log}_revision_index`);
      table.string('code', 35).notNullable();
    });
    for (const statement of builder.toSQL()) this.addSql(statement.sql);
    const prune = (revision: string) => `delete from ${log} where revision <= ${revision} - ${DIRECTORY_CHANGES_KEPT}`;
    if (isPostgres(this.driver)) {
      this.addSql(`drop trigger agency_${t} on agency`);
      this.addSql(`drop function ${t}_bump()`);
      // Each branch names only the transition tables its event has.
      this.addSql(`create function ${log}_record() returns trigger language plpgsql set search_path from current as $$
        declare
          changed text[];
          moved bigint;
        begin
          if TG_OP = 'INSERT' then
            select array_agg(code) into changed from new_rows;
          elsif TG_OP = 'DELETE' then
            select array_agg(code) into changed from old_rows;
          elsif TG_OP = 'UPDATE' then
            select array_agg(code) into changed from (
              select n.code from new_rows n left join old_rows o on o.code = n.code
                where o.code is null or o.search_name is distinct from n.search_name or o.parent_code is distinct from n.parent_code
              union
              select o.code from old_rows o left join new_rows n on n.code = o.code where n.code is null
            ) c;
          end if;
          if TG_OP <> 'TRUNCATE' and changed is null then return null; end if;
          update ${t} set revision = revision + 1 returning revision into moved;
          if changed is not null then insert into ${log} (revision, code) select moved, unnest(changed); end if;
          ${prune('moved')};
          return null;
        end $$`);
      const on = (event: string, tables: string) =>
        `create trigger agency_${log}_${event} after ${event} on agency ${tables} for each statement execute function ${log}_record()`;
      this.addSql(on('insert', 'referencing new table as new_rows'));
      this.addSql(on('update', 'referencing old table as old_rows new table as new_rows'));
      this.addSql(on('delete', 'referencing old table as old_rows'));
      this.addSql(on('truncate', ''));
      return;
    }
    // `codes`: the changed codes, as selects over the revision row.
    const record = (...codes: string[]) =>
      [`update ${t} set revision = revision + 1`, ...codes.map((code) => `insert into ${log} (revision, code) select revision, ${code}`), prune(`(select revision from ${t})`)].join('; ');
    for (const event of ['insert', 'update', 'delete']) this.addSql(`drop trigger agency_${t}_${event}`);
    this.addSql(`create trigger agency_${log}_insert after insert on agency begin ${record(`new.code from ${t}`)}; end`);
    this.addSql(`create trigger agency_${log}_delete after delete on agency begin ${record(`old.code from ${t}`)}; end`);
    this.addSql(
      `create trigger agency_${log}_update after update of code, search_name, parent_code on agency
        when old.code is not new.code or old.search_name is not new.search_name or old.parent_code is not new.parent_code
        begin ${record(`old.code from ${t}`, `new.code from ${t} where new.code is not old.code`)}; end`,
    );
  }
}
