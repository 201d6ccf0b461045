/**
 * The one way to page: Relay-style cursor connections. A cursor is opaque to clients
 * (base64url of "kind:value") so its form can change without breaking them.
 */
import { Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from './errors';
import { MAX_PAGE_SIZE } from './page-size';

export { MAX_PAGE_SIZE };

@ObjectType()
@Directive('@shareable')
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export function encodeCursor(kind: string, value: string | number): string {
  return Buffer.from(`${kind}:${value}`, 'utf8').toString('base64url');
}

/** Decodes a cursor of the given kind; a cursor of another kind or garbage is BAD_USER_INPUT. */
export function decodeCursor(kind: string, cursor: string, argName = 'after'): string {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  const prefix = `${kind}:`;
  if (!raw.startsWith(prefix) || raw.length === prefix.length || encodeCursor(kind, raw.slice(prefix.length)) !== cursor) {
    throw badInput([{ field: argName, message: 'is not a cursor this list gave out' }]);
  }
  return raw.slice(prefix.length);
}

export function decodeSeqCursor(kind: string, cursor: string, argName = 'after'): number {
  const n = Number(decodeCursor(kind, cursor, argName));
  if (!Number.isSafeInteger(n) || n < 0) throw badInput([{ field: argName, message: 'is not a cursor this list gave out' }]);
  return n;
}

/** Validates `first`: 0..MAX_PAGE_SIZE, so no request can ask for an unbounded page. */
export function pageSize(first: number | null | undefined, fallback: number): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 0 || n > MAX_PAGE_SIZE) {
    throw badInput([{ field: 'first', message: `must be between 0 and ${MAX_PAGE_SIZE}` }]);
  }
  return n;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** A getter: it runs only when the client selects totalCount, so pages skip the COUNT otherwise. */
  readonly totalCount: Promise<number>;
}

/**
 * Builds a connection from up to first+1 rows (the extra row only says there is a next page).
 */
export function toConnection<T>(
  rows: T[],
  first: number,
  cursorOf: (row: T) => string,
  totalCount: () => Promise<number>,
): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    get totalCount() {
      return totalCount();
    },
  };
}

/** The Edge and Connection object types for one node type, named as the contract names them. */
export function connectionType<T extends object>(name: string, node: ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int)
    totalCount!: number;
  }
  return ConnectionType;
}
