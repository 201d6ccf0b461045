import { buildSubgraph, type SubgraphSchema } from '../../shared/subgraph-schema';
import type { CitizenRef } from './citizen-ref';
import type { LandContext } from './loaders';
import { CitizenLandResolver, LandParcelResolver } from './parcel.resolver';

export function buildLandSchema(): Promise<SubgraphSchema> {
  return buildSubgraph(
    { resolvers: [LandParcelResolver, CitizenLandResolver] },
    {
      LandParcel: {
        __resolveReference: (ref: { parcelId: string }, ctx: LandContext) => ctx.loaders.parcel.load(ref.parcelId),
      },
      Citizen: {
        // Land holds no citizen data: the key is all Citizen.landParcels needs.
        __resolveReference: (ref: CitizenRef): CitizenRef => ({ personalId: ref.personalId }),
      },
    },
  );
}
