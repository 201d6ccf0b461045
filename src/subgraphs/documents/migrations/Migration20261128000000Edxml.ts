import { Migration } from '@mikro-orm/migrations';
import type { Knex } from '@mikro-orm/knex';

/**
 * edXML interoperability: what came in as edXML (the message digest, the DocumentId it goes by, the
 * signature verdict) for documents and for status changes, and an index to find a GraphQL-sent
 * document by the parts of its DocumentId. Knex's schema builder keeps it dialect-neutral.
 */
export class Migration20261128000000Edxml extends Migration {
  private add(builder: Knex.SchemaBuilder): void {
    for (const statement of builder.toSQL()) this.addSql(statement.sql);
  }

  override async up(): Promise<void> {
    const knex = this.getKnex();
    this.add(
      knex.schema.createTable('edxml_receipt', (t) => {
        t.integer('document_id').primary();
        t.string('edxml_document_id', 100).notNullable().index('edxml_receipt_document_id_idx');
        t.string('message_sha256', 64).notNullable();
        t.string('signature_verdict', 10).notNullable();
        t.string('signer_subject', 500).nullable();
        t.string('signature_problem', 500).nullable();
        t.datetime('received_at').notNullable();
      }),
    );
    this.add(
      knex.schema.createTable('edxml_status_receipt', (t) => {
        t.integer('status_event_id').primary();
        t.text('message').notNullable();
        t.string('signature_verdict', 10).notNullable();
        t.string('signer_subject', 500).nullable();
        t.string('signature_problem', 500).nullable();
      }),
    );
    // DocumentId = sender, promulgation date, number/notation: how a status or a reply names a document.
    // The number leads, so a query by sender alone (the outbox) is never tempted by this index.
    this.add(
      knex.schema.alterTable('document', (t) => {
        t.index(['code_number', 'code_notation', 'promulgation_date', 'sender_code'], 'document_edxml_key_idx');
      }),
    );
  }
}
