import { Migration } from '@mikro-orm/migrations';

/** The citizen table; personal ids are the primary key, so "by id" and keyset pages use it directly. */
export class CreateCitizen extends Migration {
  override up(): void {
    const ddl = this.getKnex().schema.createTable('citizen', (t) => {
      t.string('personal_id', 12).primary();
      t.string('full_name', 100).notNullable();
      t.string('search_name', 100).notNullable();
      t.date('birth_date').notNullable();
      t.string('gender', 3).notNullable();
      t.string('residence', 200).notNullable();
      t.string('search_residence', 200).notNullable();
      t.string('province_code', 3).notNullable();
      // Province first, then id: a province filter pages in id order straight from the index.
      t.index(['province_code', 'personal_id'], 'citizen_province_code_idx');
    });
    for (const statement of ddl.toSQL()) this.addSql(statement.sql);
  }
}

export const populationMigrations = [{ name: '0001-create-citizen', class: CreateCitizen }];
