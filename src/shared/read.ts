/**
 * Reads for the hot paths — the per-request loaders and the inbox page — without MikroORM's unit of
 * work: the query is built and run with knex (dialect-neutral; the statement hook in db.ts counts it),
 * and each row becomes an entity-shaped object through MikroORM's own result mapper (column names,
 * dates, booleans). Not through the ORM's connection.execute, which writes the values into the SQL: each
 * read was then a statement SQLite had never seen and compiled anew (five per send; bench/changes.ts,
 * 19), where knex's placeholders let the statement cache (db.ts) serve them. Those paths only read, and
 * the identity map, change tracking and entity hydration were most of their cost: loading 20 documents
 * took about 2.1 ms of CPU through em.find and 0.8 ms this way (bench/, this machine).
 *
 * The objects are not managed: never persist or flush them. Writes load their own entities.
 */
import type { EntityClass, EntityKey } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';
import type { Orm } from './db';

/** The column an entity property is stored in, for knex conditions. */
export function columnOf<E extends object>(orm: Orm, entity: EntityClass<E>, property: keyof E & string): string {
  return orm.getMetadata().get<E>(entity.name).properties[property as EntityKey<E>].fieldNames[0];
}

/** Values of an entity's properties as a row for knex, each under its column: for writes that bypass the unit of work. */
export function rowOf<E extends object>(orm: Orm, entity: EntityClass<E>, values: Partial<E>): Record<string, unknown> {
  const { properties } = orm.getMetadata().get<E>(entity.name);
  return Object.fromEntries(Object.entries(values).map(([property, value]) => [properties[property as EntityKey<E>].fieldNames[0], value]));
}

/** Rows of the entity's table that `query` selects, as unmanaged entity-shaped objects. */
export async function readEntities<E extends object>(
  orm: Orm,
  entity: EntityClass<E>,
  query: (table: Knex.QueryBuilder) => Knex.QueryBuilder,
): Promise<E[]> {
  const meta = orm.getMetadata().get<E>(entity.name);
  const rows: Record<string, unknown>[] = await query(orm.em.getKnex()(meta.tableName).select('*'));
  const driver = orm.em.getDriver();
  // The mapped row takes the entity's prototype (instanceof holds) without being assigned into an
  // instance: MikroORM's property setters on the prototype would attach its change tracking to each.
  return rows.map((row) => Object.setPrototypeOf(driver.mapResult(row as never, meta), entity.prototype) as E);
}

/** How many rows of the entity's table `where` selects. */
export async function countEntities<E extends object>(orm: Orm, entity: EntityClass<E>, where: (table: Knex.QueryBuilder) => Knex.QueryBuilder): Promise<number> {
  const meta = orm.getMetadata().get<E>(entity.name);
  const [row]: { n: number | string }[] = await where(orm.em.getKnex()(meta.tableName)).count({ n: '*' });
  return Number(row.n);
}
