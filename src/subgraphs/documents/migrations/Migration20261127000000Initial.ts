import { Migration } from '@mikro-orm/migrations';
import type { Knex } from '@mikro-orm/knex';

/**
 * The documents subgraph's first schema. Written with knex's schema builder rather than raw SQL so
 * the same migration creates the schema on SQLite and on PostgreSQL.
 */
export class Migration20261127000000Initial extends Migration {
  private add(builder: Knex.SchemaBuilder): void {
    for (const statement of builder.toSQL()) this.addSql(statement.sql);
  }

  override async up(): Promise<void> {
    const knex = this.getKnex();
    this.add(
      knex.schema.createTable('agency', (t) => {
        t.string('code', 35).primary();
        t.string('name', 200).notNullable();
        t.string('search_name', 200).notNullable().index('agency_search_name_idx');
        t.string('parent_code', 35).nullable().index('agency_parent_code_idx');
        t.string('email', 100).nullable();
        t.string('phone', 20).nullable();
        t.string('address', 250).nullable();
        t.string('website', 200).nullable();
        t.boolean('active').notNullable().defaultTo(true);
        t.string('successor_code', 35).nullable();
        t.datetime('updated_at').notNullable();
      }),
    );
    this.add(
      knex.schema.createTable('document', (t) => {
        t.increments('id').primary();
        t.string('client_request_id', 100).notNullable();
        t.string('request_hash', 64).notNullable();
        t.string('code_number', 11).notNullable();
        t.string('code_notation', 30).notNullable();
        t.string('document_type', 100).notNullable();
        t.string('subject', 500).notNullable();
        t.string('promulgation_place', 50).notNullable();
        t.string('promulgation_date', 10).notNullable();
        t.string('signer_name', 100).notNullable();
        t.string('signer_position', 100).notNullable();
        t.string('urgency', 20).notNullable();
        t.string('due_date', 10).nullable();
        t.string('sender_code', 35).notNullable();
        t.datetime('sent_at').notNullable();
        t.integer('in_reply_to_id').nullable();
        t.integer('supersedes_id').nullable();
        t.unique(['sender_code', 'client_request_id'], { indexName: 'document_sender_request_uq' });
        t.index(['sender_code', 'id'], 'document_outbox_idx');
      }),
    );
    this.add(
      knex.schema.createTable('document_citizen', (t) => {
        t.integer('document_id').notNullable();
        t.string('personal_id', 12).notNullable();
        t.primary(['document_id', 'personal_id']);
        t.index(['personal_id', 'document_id'], 'document_citizen_person_idx');
      }),
    );
    this.add(
      knex.schema.createTable('document_parcel', (t) => {
        t.integer('document_id').notNullable();
        t.string('parcel_id', 64).notNullable();
        t.primary(['document_id', 'parcel_id']);
        t.index(['parcel_id', 'document_id'], 'document_parcel_parcel_idx');
      }),
    );
    this.add(
      knex.schema.createTable('attachment', (t) => {
        t.increments('id').primary();
        t.integer('document_id').notNullable().index('attachment_document_idx');
        t.string('file_name', 255).notNullable();
        t.string('content_type', 255).notNullable();
        t.integer('size').notNullable();
        t.string('sha256', 64).notNullable();
      }),
    );
    this.add(
      knex.schema.createTable('delivery', (t) => {
        t.increments('id').primary();
        t.integer('document_id').notNullable();
        t.string('recipient_code', 35).notNullable();
        t.string('redirected_from_code', 35).nullable();
        t.string('urgency', 20).notNullable();
        t.string('status', 20).notNullable();
        t.string('status_before_recall', 20).nullable();
        t.datetime('created_at').notNullable();
        t.datetime('updated_at').notNullable();
        t.unique(['document_id', 'recipient_code'], { indexName: 'delivery_document_recipient_uq' });
        t.index(['recipient_code', 'id'], 'delivery_inbox_idx');
        t.index(['recipient_code', 'status', 'id'], 'delivery_inbox_status_idx');
      }),
    );
    this.add(
      knex.schema.createTable('status_event', (t) => {
        t.increments('id').primary();
        t.integer('delivery_id').notNullable();
        t.string('sender_code', 35).notNullable();
        t.string('status', 20).notNullable();
        t.string('status_code', 2).nullable();
        t.datetime('at').notNullable();
        t.string('by_agency_code', 35).notNullable();
        t.string('note', 500).nullable();
        t.index(['delivery_id', 'id'], 'status_event_delivery_idx');
        t.index(['sender_code', 'id'], 'status_event_sender_idx');
      }),
    );
  }
}
