/**
 * The land subgraph's per-operation context: the ORM and the DataLoaders that batch
 * parcel, owner and owned-parcel lookups of one operation (queries and `_entities`) into one statement each.
 */
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/knex';
import type { AuthState, BaseContext } from '../../shared/auth';
import type { Orm } from '../../shared/db';
import type { LandParcel } from './parcel.entity';
import { ownerIdsByParcels, parcelsByIds, parcelsByOwners } from './parcel.service';

export interface LandLoaders {
  parcel: DataLoader<string, LandParcel | null>;
  /** Parcel id -> its owners' personal ids. */
  ownerIds: DataLoader<string, string[]>;
  /** Personal id -> the parcels that citizen owns or co-owns. */
  parcelsByOwner: DataLoader<string, LandParcel[]>;
}

export interface LandContext extends BaseContext {
  orm: Orm;
  loaders: LandLoaders;
}

function createLoaders(orm: Orm, em: EntityManager, live: boolean): LandLoaders {
  // A WebSocket operation can live for hours: caching there would serve stale rows.
  const options = { cache: !live };
  return {
    parcel: new DataLoader(async (ids) => {
      const found = await parcelsByIds(orm, ids);
      return ids.map((id) => found.get(id) ?? null);
    }, options),
    ownerIds: new DataLoader(async (ids) => {
      const found = await ownerIdsByParcels(orm, ids);
      return ids.map((id) => found.get(id) ?? []);
    }, options),
    parcelsByOwner: new DataLoader(async (ids) => {
      const found = await parcelsByOwners(em, ids);
      return ids.map((id) => found.get(id) ?? []);
    }, options),
  };
}

export function landContext(orm: Orm) {
  return (auth: AuthState, live: boolean): LandContext => {
    const em = orm.em.fork();
    return { auth, orm, loaders: createLoaders(orm, em, live) };
  };
}
