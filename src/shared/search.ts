/**
 * The lists of the national databases (citizens, land parcels): substring search over the folded columns
 * (searchName, searchResidence, searchAddress) — a LIKE with the caller's own % and _ taken literally;
 * LIKE … ESCAPE is plain SQL, so it runs the same on PostgreSQL — and keyset pages in primary-key order.
 */
import type { EntityClass } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';
import type { Orm } from './db';
import { decodeCursor, encodeCursor, toConnection, type Connection } from './pagination';
import { foldForSearch } from './text';
import { columnOf, countEntities, readEntities } from './read';

/** '!' rather than backslash: backslash in a string literal means different things in SQLite and PostgreSQL. */
const ESCAPE = '!';

/** The condition for QueryBuilder.andWhere: `column` contains the parameter built by containsPattern. */
export function containsCondition(column: string): string {
  return `${column} like ? escape '${ESCAPE}'`;
}

/** The LIKE parameter that finds folded text containing `text`: "Hà Nội" -> "%ha noi%". */
export function containsPattern(text: string): string {
  return `%${foldForSearch(text).replace(/[!%_]/g, (c) => ESCAPE + c)}%`;
}

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
