/**
 * The population subgraph's per-operation context: the ORM (its searches and lookups read without the
 * unit of work) and the DataLoaders that batch every citizen lookup of one operation (queries and
 * `_entities` alike) into one statement.
 */
import DataLoader from 'dataloader';
import type { AuthState, BaseContext } from '../../shared/auth';
import type { Orm } from '../../shared/db';
import type { Citizen } from './citizen.entity';
import { citizensByIds } from './citizen.service';

export interface PopulationLoaders {
  citizen: DataLoader<string, Citizen | null>;
}

export interface PopulationContext extends BaseContext {
  orm: Orm;
  loaders: PopulationLoaders;
}

function createLoaders(orm: Orm, live: boolean): PopulationLoaders {
  return {
    citizen: new DataLoader(
      async (ids) => {
        const found = await citizensByIds(orm, ids);
        return ids.map((id) => found.get(id) ?? null);
      },
      // A WebSocket operation can live for hours: caching there would serve stale rows.
      { cache: !live },
    ),
  };
}

export function populationContext(orm: Orm) {
  return (auth: AuthState, live: boolean): PopulationContext => {
    return { auth, orm, loaders: createLoaders(orm, live) };
  };
}
