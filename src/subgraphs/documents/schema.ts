import type { PubSub } from 'type-graphql';
import type { SubgraphSchema } from '../../shared/subgraph-schema';
import { buildSubgraph } from '../../shared/subgraph-schema';
import { AgencyResolver } from './agency/agency.resolver';
import { DirectoryAdminResolver } from './agency/directory-admin.resolver';
import { StatisticsResolver } from './statistics/statistics.resolver';
import type { DocumentsContext } from './context';
import { AttachmentResolver, DocumentResolver } from './document/document.resolver';
import { DeliveryResolver, StatusEventResolver } from './delivery/delivery.resolver';
import { EventsResolver } from './events/events.resolver';
import { DeliveryEdxmlResolver, DocumentEdxmlResolver } from './interop/edxml.resolver';
import { CitizenDocumentsResolver, DocumentRecordsResolver, LandParcelDocumentsResolver } from './document/records.resolver';
import { loadVisibleDocument } from './document/document.service';
import { parseRowId } from '../../shared/ids';

/**
 * type-graphql insists on a PubSub, but these subscriptions do not use topics: they read the event
 * log and the hub's EventBus (events/event-stream.ts). Any use of topics is a programming error.
 */
const TOPICS_UNUSED: PubSub = {
  publish() {
    throw new Error('documents subscriptions read the event log; topics are not used');
  },
  subscribe() {
    throw new Error('documents subscriptions read the event log; topics are not used');
  },
};

export function buildDocumentsSchema(): Promise<SubgraphSchema> {
  return buildSubgraph(
    {
      resolvers: [
        AgencyResolver,
        DirectoryAdminResolver,
        StatisticsResolver,
        DocumentResolver,
        AttachmentResolver,
        DeliveryResolver,
        StatusEventResolver,
        EventsResolver,
        DocumentRecordsResolver,
        CitizenDocumentsResolver,
        LandParcelDocumentsResolver,
        DocumentEdxmlResolver,
        DeliveryEdxmlResolver,
      ],
      pubSub: TOPICS_UNUSED,
    },
    {
      Agency: {
        __resolveReference: (ref: { code: string }, ctx: DocumentsContext) => ctx.loaders.agency.load(ref.code),
      },
      // Citizens and parcels are owned elsewhere; here a reference is all the documents fields need.
      Citizen: { __resolveReference: (ref: { personalId: string }) => ({ personalId: ref.personalId }) },
      LandParcel: { __resolveReference: (ref: { parcelId: string }) => ({ parcelId: ref.parcelId }) },
      Document: {
        // _entities goes through the same visibility rule as every other path to a document.
        __resolveReference: (ref: { id: string }, ctx: DocumentsContext) => {
          const id = parseRowId(String(ref.id));
          return id === null ? null : loadVisibleDocument(ctx, id);
        },
      },
    },
  );
}
