/**
 * The population subgraph's per-operation context: a forked EntityManager for the searches and the
 * DataLoaders that batch every citizen lookup of one operation (queries and `_entities` alike) into one
 * statement, read without the unit of work.
 */
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/knex';
import type { AuthState, BaseContext } from '../../shared/auth';
import type { Orm } from '../../shared/db';
import type { Citizen } from './citizen.entity';
import { citizensByIds } from './citizen.service';

export interface PopulationLoaders {
  citizen: DataLoader<string, Citizen | null>;
}

export interface PopulationContext extends BaseContext {
  em: EntityManager;
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
    return { auth, em: orm.em.fork(), loaders: createLoaders(orm, live) };
  };
}
