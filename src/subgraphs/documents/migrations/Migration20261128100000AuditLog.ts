import { Migration } from '@mikro-orm/migrations';
import type { Knex } from '@mikro-orm/knex';
import { AUDIT_TABLE, chainEntries, toRow } from '../audit/audit-log';

/**
 * The audit log's table (audit/audit-log.ts), and its first entry. Documents, deliveries and status
 * events written before the log existed cannot be vouched for: the first entry records the highest id of
 * each at that moment, and `audit:verify` checks only the rows after it. Knex's schema builder keeps it
 * dialect-neutral.
 */
export class Migration20261128100000AuditLog extends Migration {
  private add(builder: Knex.SchemaBuilder): void {
    for (const statement of builder.toSQL()) this.addSql(statement.sql);
  }

  override async up(): Promise<void> {
    const knex = this.getKnex();
    this.add(
      knex.schema.createTable(AUDIT_TABLE, (t) => {
        // Assigned as head + 1 inside the appending transaction: the key is what forbids a fork.
        t.integer('seq').primary();
        t.string('at', 30).notNullable();
        t.string('actor', 100).notNullable();
        t.string('actor_role', 10).notNullable();
        t.string('action', 40).notNullable();
        t.string('target', 100).notNullable().index('audit_entry_target_idx');
        t.text('state').notNullable();
        t.string('prev_hash', 64).notNullable();
        t.string('hash', 64).notNullable().unique({ indexName: 'audit_entry_hash_uq' });
      }),
    );
    const baseline: Record<string, number> = {};
    for (const table of ['document', 'delivery', 'status_event']) {
      const [row] = await this.execute(`select coalesce(max(id), 0) as n from ${table}`);
      baseline[table] = Number(row.n);
    }
    const [started] = chainEntries(null, [{ actor: 'hub', role: 'SYSTEM', action: 'audit.started', target: 'hub', state: { baseline } }], new Date().toISOString());
    // knex inlines the values, escaped for the dialect.
    this.addSql(knex(AUDIT_TABLE).insert(toRow(started)).toString());
  }
}
