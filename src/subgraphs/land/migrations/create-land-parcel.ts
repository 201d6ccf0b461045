import { Migration } from '@mikro-orm/migrations';

/** Parcels and their owners; owners are personal ids of the population subgraph, not foreign keys. */
export class CreateLandParcel extends Migration {
  override up(): void {
    const knex = this.getKnex();
    const ddl = [
      knex.schema.createTable('land_parcel', (t) => {
        t.string('parcel_id', 20).primary();
        t.integer('map_sheet').notNullable();
        t.integer('parcel_number').notNullable();
        t.double('area_m2').notNullable();
        t.string('land_use', 60).notNullable();
        t.string('address', 250).notNullable();
        t.string('search_address', 250).notNullable();
      }),
      knex.schema.createTable('parcel_owner', (t) => {
        t.string('parcel_id', 20).notNullable().references('parcel_id').inTable('land_parcel').onDelete('cascade');
        t.string('personal_id', 12).notNullable();
        t.primary(['parcel_id', 'personal_id']);
        // Citizen.landParcels looks parcels up by owner: personal id first.
        t.index(['personal_id', 'parcel_id'], 'parcel_owner_personal_id_idx');
      }),
    ];
    for (const builder of ddl) for (const statement of builder.toSQL()) this.addSql(statement.sql);
  }
}

export const landMigrations = [{ name: '0001-create-land-parcel', class: CreateLandParcel }];
