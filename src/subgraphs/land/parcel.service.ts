import type { EntityManager } from '@mikro-orm/knex';
import type { Orm } from '../../shared/db';
import type { Connection } from '../../shared/pagination';
import { columnOf, readEntities } from '../../shared/read';
import { containsPattern, likeCondition } from '../../shared/like';
import { keysetPage, type PageRequest } from '../../shared/search';
import { LandParcel, ParcelOwner } from './parcel.entity';

const CURSOR_KIND = 'parcel';

/** Parcels by id, in one statement read without the unit of work (read.ts); unknown ids are absent from the map. */
export async function parcelsByIds(orm: Orm, ids: readonly string[]): Promise<Map<string, LandParcel>> {
  const rows = await readEntities(orm, LandParcel, (q) => q.whereIn(columnOf(orm, LandParcel, 'parcelId'), [...ids]));
  return new Map(rows.map((p) => [p.parcelId, p]));
}

/**
 * The owners' personal ids of each parcel, in one statement (the join table's primary key serves it):
 * two columns of the join table, read as they are, with no entity made of them.
 */
export async function ownerIdsByParcels(orm: Orm, parcelIds: readonly string[]): Promise<Map<string, string[]>> {
  const links: { parcel_id: string; personal_id: string }[] = await orm.em.getKnex()('parcel_owner').select('parcel_id', 'personal_id').whereIn('parcel_id', [...parcelIds]).orderBy('personal_id');
  return groupBy(links, (o) => o.parcel_id, (o) => o.personal_id);
}

/** The parcels each citizen owns or co-owns, in parcel order: one joined statement over the owner index. */
export async function parcelsByOwners(em: EntityManager, personalIds: readonly string[]): Promise<Map<string, LandParcel[]>> {
  const links = await em.find(
    ParcelOwner,
    { personalId: { $in: [...personalIds] } },
    { populate: ['parcel'], strategy: 'joined', orderBy: { parcel: { parcelId: 'asc' } } },
  );
  return groupBy(links, (o) => o.personalId, (o) => o.parcel);
}

function groupBy<T, V>(items: T[], key: (item: T) => string, value: (item: T) => V): Map<string, V[]> {
  const groups = new Map<string, V[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(value(item));
    else groups.set(key(item), [value(item)]);
  }
  return groups;
}

export interface ParcelSearch extends PageRequest {
  /** Already checked to be a personal id. */
  ownerId?: string | null;
  address?: string | null;
}

/** Parcels in parcel-id order, filtered by owner and by a substring of the address, diacritics ignored. */
export function searchParcels(orm: Orm, search: ParcelSearch): Promise<Connection<LandParcel>> {
  const parcelId = columnOf(orm, LandParcel, 'parcelId');
  const address = columnOf(orm, LandParcel, 'searchAddress');
  const { ownerId } = search;
  return keysetPage(orm, LandParcel, 'parcelId', CURSOR_KIND, search, (q) => {
    // A subquery rather than a join: it reads the owner index alone and never yields a parcel twice.
    if (ownerId != null) q.whereIn(parcelId, (owned) => owned.select('parcel_id').from('parcel_owner').where('personal_id', ownerId));
    if (search.address != null) q.whereRaw(likeCondition(address), [containsPattern(search.address)]);
    return q;
  });
}
