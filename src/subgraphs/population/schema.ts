import { buildSubgraph, type SubgraphSchema } from '../../shared/subgraph-schema';
import { CitizenResolver } from './citizen.resolver';
import type { PopulationContext } from './loaders';

export function buildPopulationSchema(): Promise<SubgraphSchema> {
  return buildSubgraph(
    { resolvers: [CitizenResolver] },
    {
      Citizen: {
        // `_entities` from the gateway: every citizen of one fetch goes through one DataLoader batch.
        __resolveReference: (ref: { personalId: string }, ctx: PopulationContext) => ctx.loaders.citizen.load(ref.personalId),
      },
    },
  );
}
