/**
 * The lists of the national databases (citizens, land parcels): keyset pages in primary-key order, over
 * rows filtered by substring search of the folded columns (like.ts).
 */
import type { EntityClass } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';
import type { Orm } from './db';
import { decodeCursor, encodeCursor, toConnection, type Connection } from './pagination';
import { columnOf, countEntities, readEntities } from './read';

export interface PageRequest {
  /** Already validated with pageSize. */
  first: number;
  after?: string | null;
}

/**
 * The rows `filter` selects, in the order of the primary key `key`: the `first` after the cursor (one
 * more is read, to tell whether another page follows), read without the unit of work (shared/read.ts);
 * the total is counted only when the client asks for it.
 */
export async function keysetPage<E extends object>(
  orm: Orm,
  entity: EntityClass<E>,
  key: keyof E & string,
  cursorKind: string,
  page: PageRequest,
  filter: (q: Knex.QueryBuilder) => Knex.QueryBuilder,
): Promise<Connection<E>> {
  const after = page.after == null ? null : decodeCursor(cursorKind, page.after);
  const column = columnOf(orm, entity, key);
  const rows = await readEntities(orm, entity, (q) => {
    filter(q);
    if (after !== null) q.where(column, '>', after);
    return q.orderBy(column).limit(page.first + 1);
  });
  return toConnection(rows, page.first, (row) => encodeCursor(cursorKind, String(row[key])), () => countEntities(orm, entity, filter));
}
