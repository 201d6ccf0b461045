/**
 * The documents that concern a citizen or a land parcel, as the caller may see them — for the
 * data teams' joins (Citizen.documents, LandParcel.documents). One SQL statement serves a whole batch
 * of citizens or parcels: a window function pages each one's documents.
 */
import DataLoader from 'dataloader';
import type { Knex } from '@mikro-orm/knex';
import type { Identity } from '../../../shared/identity';
import { forbidden } from '../../../shared/errors';
import { decodeSeqCursor, encodeCursor, pageSize, toConnection, type Connection } from '../../../shared/pagination';
import type { Orm } from '../../../shared/db';
import { documentScope } from '../authorization';
import type { Document } from './document.entity';

export type RecordKind = 'citizen' | 'parcel';

const LINK: Record<RecordKind, { table: string; key: string }> = {
  citizen: { table: 'document_citizen', key: 'personal_id' },
  parcel: { table: 'document_parcel', key: 'parcel_id' },
};

export const CONCERNED_CURSOR = 'concerned';

interface PageKey {
  record: string;
  first: number;
  afterId: number | null;
}

/** Restricts a query on `document as d` to what the caller may see (authorization.ts's documentScope). */
function visibleTo(q: Knex.QueryBuilder, identity: Identity, knex: Knex): Knex.QueryBuilder {
  const scope = documentScope(identity);
  if (!scope) throw forbidden('Documents are visible to agencies and hub operators only.');
  if (scope.kind === 'ALL') return q;
  return q.where((w) =>
    w.where('d.sender_code', scope.code).orWhereExists(
      knex('delivery as v').select(knex.raw('1')).whereRaw('v.document_id = d.id').andWhere('v.recipient_code', scope.code),
    ),
  );
}

export interface ConcernedLoaders {
  page: DataLoader<PageKey, number[], string>;
  count: DataLoader<string, number>;
}

export function createConcernedLoaders(orm: Orm, identity: Identity, kind: RecordKind): ConcernedLoaders {
  const knex = orm.em.getKnex();
  const { table, key } = LINK[kind];
  const base = () => visibleTo(knex(`${table} as l`).join('document as d', 'd.id', 'l.document_id'), identity, knex);

  const page = new DataLoader<PageKey, number[], string>(
    async (keys) => {
      // Keys asking for the same page shape share one statement.
      const groups = new Map<string, PageKey[]>();
      for (const k of keys) {
        const g = `${k.first}:${k.afterId}`;
        groups.set(g, [...(groups.get(g) ?? []), k]);
      }
      const ids = new Map<string, number[]>();
      for (const group of groups.values()) {
        const { first, afterId } = group[0];
        const ranked = base()
          .select({ record: `l.${key}`, id: 'd.id' })
          .select(knex.raw(`row_number() over (partition by l.${key} order by d.id desc) as rn`))
          .whereIn(`l.${key}`, group.map((k) => k.record));
        if (afterId !== null) ranked.andWhere('d.id', '<', afterId);
        const rows: { record: string; id: number }[] = await knex.from(ranked.as('ranked')).select('record', 'id').where('rn', '<=', first + 1).orderBy([{ column: 'record' }, { column: 'id', order: 'desc' }]);
        for (const r of rows) ids.set(`${r.record}|${first}:${afterId}`, [...(ids.get(`${r.record}|${first}:${afterId}`) ?? []), Number(r.id)]);
      }
      return keys.map((k) => ids.get(`${k.record}|${k.first}:${k.afterId}`) ?? []);
    },
    { cacheKeyFn: (k) => `${k.record}|${k.first}:${k.afterId}` },
  );

  const count = new DataLoader<string, number>(async (records) => {
    const rows: { record: string; n: number }[] = await base().select({ record: `l.${key}` }).count({ n: '*' }).whereIn(`l.${key}`, records as string[]).groupBy(`l.${key}`);
    const byRecord = new Map(rows.map((r) => [r.record, Number(r.n)]));
    return records.map((r) => byRecord.get(r) ?? 0);
  });
  return { page, count };
}

export async function documentsConcerning(
  loaders: ConcernedLoaders,
  loadDocuments: (ids: number[]) => Promise<Document[]>,
  record: string,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<Connection<Document>> {
  const size = pageSize(first, 20);
  const afterId = after != null ? decodeSeqCursor(CONCERNED_CURSOR, after) : null;
  const ids = await loaders.page.load({ record, first: size, afterId });
  const docs = await loadDocuments(ids);
  return toConnection(docs, size, (d) => encodeCursor(CONCERNED_CURSOR, d.id), () => loaders.count.load(record));
}
